/* Checking a new value for a system setting against what its row declares (kind and bounds).
 * Pure: the same words whether the value comes from the 系统参数 page or a script. */
#ifndef ZF_SETTING_CHECK_H
#define ZF_SETTING_CHECK_H

#include <stdbool.h>

#include "util/error.h"

/* bytes: the approval tiers are a JSON document; readers hold a value in SETTING_VALUE_MAX + 1 */
#define SETTING_VALUE_MAX 8191

typedef struct {
    const char *kind; /* "integer", "doc_number_pattern", "media_types", "approval_policy",
                       * "major_filing_policy", "short_text";
                       * NULL = not editable */
    bool has_min, has_max;
    long long min, max;
} SettingSpec;

/* ZF_OK, or ZF_ERR with 422 setting_readonly (kind NULL) / 400 invalid_value (field "value"). */
int setting_check(const SettingSpec *spec, const char *value, ZfError *err);

#endif
