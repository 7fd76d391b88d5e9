/* Rule configuration <-> JSON for storage and the configuration page. Pure. */
#ifndef ZF_RULE_CONFIG_JSON_H
#define ZF_RULE_CONFIG_JSON_H

#include <jansson.h>

#include "domain/rules/rules.h"

/* Validates every {"param","sector","region","value"} and applies it on top of cfg;
 * err->field names the bad entry ("overrides[2].value"). */
int rule_config_apply_json(RuleConfig *cfg, json_t *overrides, ZfError *err);
/* {"version","params":[{name,title,unit,article,default,value}],"builtin_overrides","overrides"} */
json_t *rule_config_describe(const RuleConfig *effective, json_t *overrides);

#endif
