/* The supervision sweep: every stored record through the rule engine, the findings synced to
 * the store (new / still open / resolved). Also the loaders `check` shares with it. */
#ifndef ZF_SWEEP_H
#define ZF_SWEEP_H

#include <stdbool.h>
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
 * findings under every rule decided by the case and the elements alone. I02, P22, P23, A01 and
 * A02, which compare a case with other cases, are left to the next full sweep — asked for at
 * once (the data marked dirty) when a re-checked case is a decided penalty. */
int sweep_cases(Store *st, const Calendar *cal, zf_day as_of, const char *const *case_nos, size_t n,
                SweepResult *out, ZfError *err);
/* What a write changed, for the re-check after it: up to RECHECK_MAX_CASES case numbers, or
 * "wider" (elements or many cases: every case may be affected). */
#define RECHECK_MAX_CASES 100
typedef struct {
    char *cases[RECHECK_MAX_CASES];
    size_t n;
    bool wide;
} ChangedSet;

void changed_note(ChangedSet *c, RecordType type, const char *key);
/* A few changed cases are re-checked now (sweep_cases, needs cal); anything wider — or a failed
 * re-check — marks the data dirty for the server's sweeper. Frees what c holds. */
void changed_recheck(Store *st, const Calendar *cal, zf_day today, ChangedSet *c);

#endif
