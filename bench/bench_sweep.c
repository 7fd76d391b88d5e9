/* Sweep phases over an existing database (make one with `zhifa gen | zhifa import -`):
 * a raw read of every stored body (the baseline), loading the rule index, running every rule,
 * and storing the findings — each timed, with the total as a ratio of the baseline.
 * Usage: bench_sweep DB [AS_OF] */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "app/sweep.h"
#include "store/findings.h"
#include "util/log.h"

static int count_body(const char *body, size_t len, void *ctx)
{
    (void)body;
    *(size_t *)ctx += len;
    return 0;
}

static double secs(int64_t from) { return (double)(now_micros() - from) / 1e6; }

int main(int argc, char **argv)
{
    Store *st;
    Calendar *cal;
    ZfError err;
    zf_day as_of;
    if (argc < 2 || store_open(argv[1], STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
        fprintf(stderr, "usage: bench_sweep DB [AS_OF]\n");
        return 2;
    }
    if (!date_parse(argc > 2 ? argv[2] : "2026-05-20", &as_of) || cmd_load_calendar(&cal) != ZF_OK) return 2;
    size_t bytes = 0;
    int64_t t = now_micros();
    for (int r = 0; r < REC_TYPE_COUNT; r++) store_foreach_record(st, (RecordType)r, count_body, &bytes, &err);
    double scan = secs(t);
    RuleConfig cfg;
    sweep_load_config(st, &cfg, &err);
    t = now_micros();
    RuleData *data = sweep_load_rule_data(st, &err);
    double load = secs(t);
    FindingList list;
    finding_list_init(&list);
    t = now_micros();
    rules_check(data, cal, &cfg, as_of, NULL, &list, NULL);
    double check = secs(t);
    /* catalogue v1 against v2 on the same index, in the same run (rules.md §7: within 1.2×) */
    FindingList v1;
    finding_list_init(&v1);
    t = now_micros();
    rules_check(data, cal, &cfg, as_of, RULES_V1_LIST, &v1, NULL);
    double check_v1 = secs(t);
    printf("rules: catalogue v1 %.2fs (%zu findings), v2 %.2fs (%zu findings) = %.2fx\n", check_v1, v1.count, check,
           list.count, check_v1 > 0 ? check / check_v1 : 0.0);
    finding_list_free(&v1);
    SweepResult res;
    t = now_micros();
    int rc = sweep_run(st, cal, as_of, &res, &err);
    double full = secs(t);
    printf("sweep over %zu cases: raw read of all bodies %.2fs (%zu MB, baseline); load+index %.2fs; rules %.2fs "
           "(%zu findings); full sweep incl. storing findings %.2fs = %.1fx the raw read%s\n",
           rule_data_case_count(data), scan, bytes >> 20, load, check, list.count, full, full / scan,
           rc == ZF_OK ? "" : " (sweep failed)");
    finding_list_free(&list);
    rule_data_free(data);
    calendar_free(cal);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
