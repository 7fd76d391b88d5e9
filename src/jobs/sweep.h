/* The supervision sweep: every stored record through the rule engine, the findings synced to
 * the store (new / still open / resolved). Also the loaders `check` shares with it. */
#ifndef ZF_SWEEP_H
#define ZF_SWEEP_H

#include <stdint.h>

#include "domain/rules/rules.h"
#include "store/store.h"

typedef struct {
    zf_day as_of;
    int config_version;
    long long subjects, findings, new_count, resolved;
    int64_t micros;
} SweepResult;

/* Every exchange record in the store, indexed for the rules. NULL on failure (err filled). */
RuleData *sweep_load_rule_data(Store *st, ZfError *err);
/* The newest saved configuration applied over the defaults; cfg->version = its version. */
int sweep_load_config(Store *st, RuleConfig *cfg, ZfError *err);
int sweep_run(Store *st, const Calendar *cal, zf_day as_of, SweepResult *out, ZfError *err);
/* Re-checks only the given cases (an edit of a few cases need not sweep a province): their
 * findings under every rule decided by the case and the elements alone. I02, which compares a
 * case with other cases, is left to the next full sweep. */
int sweep_cases(Store *st, const Calendar *cal, zf_day as_of, const char *const *case_nos, size_t n,
                SweepResult *out, ZfError *err);
/* Today's date in China (UTC+8, no daylight saving). */
zf_day sweep_today(void);

#endif
