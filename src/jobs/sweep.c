/* Full sweep: load, check, sync. Linear in the number of records; one transaction for the sync. */
#include "jobs/sweep.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/rules/rule_config_json.h"
#include "store/findings.h"
#include "util/log.h"

zf_day sweep_today(void)
{
    return (zf_day)((time(NULL) + 8 * 3600) / 86400);
}

typedef struct {
    RuleData *data;
    char *buf; /* the scanner works in place: a copy of each body, reused */
    size_t cap;
} Loader;

static int add_record(const char *body, size_t len, void *ctx)
{
    Loader *l = ctx;
    if (len + 1 > l->cap) {
        size_t cap = len + 1 > 2 * l->cap ? len + 1 : 2 * l->cap;
        char *grown = realloc(l->buf, cap);
        if (!grown) return -1;
        l->buf = grown, l->cap = cap;
    }
    memcpy(l->buf, body, len);
    l->buf[len] = '\0';
    rule_data_add_text(l->data, l->buf, len); /* the store holds validated records only */
    return 0;
}

RuleData *sweep_load_rule_data(Store *st, ZfError *err)
{
    static const RecordType order[] = {REC_AGENCY, REC_OFFICER, REC_POWER, REC_BENCHMARK, REC_CASE};
    RuleData *data = rule_data_new();
    if (!data) {
        zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        return NULL;
    }
    Loader loader = {data, NULL, 0};
    int rc = ZF_OK;
    for (size_t i = 0; rc == ZF_OK && i < sizeof order / sizeof order[0]; i++)
        rc = store_foreach_record(st, order[i], add_record, &loader, err);
    free(loader.buf);
    if (rc != ZF_OK) {
        rule_data_free(data);
        return NULL;
    }
    if (rule_data_finish(data) != ZF_OK) {
        rule_data_free(data);
        zf_fail(err, 500, "out_of_memory", NULL, "内存不足，无法建立规则索引");
        return NULL;
    }
    return data;
}

int sweep_load_config(Store *st, RuleConfig *cfg, ZfError *err)
{
    int version;
    char *text;
    if (store_rule_config_latest(st, &version, &text, err) != ZF_OK) return ZF_ERR;
    json_t *overrides = json_loads(text, 0, NULL);
    free(text);
    *cfg = rule_config_defaults();
    int rc = rule_config_apply_json(cfg, overrides, err);
    json_decref(overrides);
    cfg->version = version;
    return rc;
}

static FindingRecord *to_records(const FindingList *list, char (*due)[ZF_DATE_LEN])
{
    FindingRecord *rows = calloc(list->count ? list->count : 1, sizeof *rows);
    for (size_t i = 0; rows && i < list->count; i++) {
        const Finding *f = &list->items[i];
        if (f->due_on != ZF_DAY_NONE) date_format(f->due_on, due[i]);
        rows[i] = (FindingRecord){f->rule, f->severity, f->subject_type, f->subject, f->agency,
                                  f->law, f->due_on != ZF_DAY_NONE ? due[i] : NULL, f->message};
    }
    return rows;
}

static int sync_findings(Store *st, const FindingList *list, const RuleConfig *cfg, zf_day as_of,
                         SweepResult *out, ZfError *err)
{
    char as_of_text[ZF_DATE_LEN];
    char (*due)[ZF_DATE_LEN] = calloc(list->count ? list->count : 1, ZF_DATE_LEN);
    FindingRecord *rows = due ? to_records(list, due) : NULL;
    FindingSyncStats stats;
    int rc = ZF_ERR;
    date_format(as_of, as_of_text);
    if (!rows) zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    else rc = store_findings_sync(st, rows, list->count, cfg->version, as_of_text, out->subjects, &stats, err);
    if (rc == ZF_OK) {
        out->findings = stats.findings;
        out->new_count = stats.new_count;
        out->resolved = stats.resolved;
    }
    free(rows);
    free(due);
    return rc;
}

int sweep_run(Store *st, const Calendar *cal, zf_day as_of, SweepResult *out, ZfError *err)
{
    int64_t start = now_micros();
    RuleConfig cfg;
    FindingList list;
    *out = (SweepResult){.as_of = as_of};
    if (sweep_load_config(st, &cfg, err) != ZF_OK) return ZF_ERR;
    RuleData *data = sweep_load_rule_data(st, err);
    if (!data) return ZF_ERR;
    finding_list_init(&list);
    out->subjects = (long long)rule_data_case_count(data);
    out->config_version = cfg.version;
    int rc = rules_check(data, cal, &cfg, as_of, NULL, &list, NULL);
    if (rc != ZF_OK) zf_fail(err, 500, "rules_failed", NULL, "规则引擎运行失败（内存不足）");
    else rc = sync_findings(st, &list, &cfg, as_of, out, err);
    finding_list_free(&list);
    rule_data_free(data);
    out->micros = now_micros() - start;
    return rc;
}
