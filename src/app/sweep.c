/* Full sweep: load, check, sync. Linear in the number of records; one transaction for the sync. */
#include "app/sweep.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/filings.h"
#include "app/outcome_leads.h"
#include "domain/rules/rule_config_json.h"
#include "store/findings.h"
#include "util/log.h"

/* I02, P22 and P23 compare a case with the other cases of its party: only a whole sweep can
 * decide them, so a re-check of a few cases leaves their findings as they are. */
#define CROSS_CASE_RULES "I02,P22,P23"
static const char CASE_LOCAL_RULES[] = "P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12,P13,P14,P15,P16,P17,P18,"
                                       "P19,P20,P21,C01,C02,C03,C04,L01,L02,L03";

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

/* Elements, then every case (case_nos NULL) or the named cases. */
static RuleData *load_rule_data(Store *st, const char *const *case_nos, size_t n_cases, ZfError *err)
{
    static const RecordType elements[] = {REC_AGENCY, REC_OFFICER, REC_POWER, REC_BENCHMARK};
    RuleData *data = rule_data_new();
    if (!data) {
        zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        return NULL;
    }
    Loader loader = {data, NULL, 0};
    int rc = ZF_OK;
    for (size_t i = 0; rc == ZF_OK && i < sizeof elements / sizeof elements[0]; i++)
        rc = store_foreach_record(st, elements[i], add_record, &loader, err);
    if (rc == ZF_OK && !case_nos) rc = store_foreach_record(st, REC_CASE, add_record, &loader, err);
    for (size_t i = 0; rc == ZF_OK && case_nos && i < n_cases; i++) {
        char *body;
        ZfError missing;
        if (store_record_get(st, REC_CASE, case_nos[i], &body, &missing) != ZF_OK) continue; /* gone: nothing to check */
        add_record(body, strlen(body), &loader);
        free(body);
    }
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

RuleData *sweep_load_rule_data(Store *st, ZfError *err) { return load_rule_data(st, NULL, 0, err); }

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

/* Whole sweep (case_nos NULL) or the named cases only. */
static int sync_findings(Store *st, const FindingList *list, const RuleConfig *cfg, zf_day as_of,
                         const char *const *case_nos, size_t n_cases, SweepResult *out, ZfError *err)
{
    char as_of_text[ZF_DATE_LEN];
    char (*due)[ZF_DATE_LEN] = calloc(list->count ? list->count : 1, ZF_DATE_LEN);
    FindingRecord *rows = due ? to_records(list, due) : NULL;
    FindingSyncStats stats;
    int rc = ZF_ERR;
    date_format(as_of, as_of_text);
    if (!rows) zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    else if (!case_nos) rc = store_findings_sync(st, rows, list->count, cfg->version, as_of_text, out->subjects, &stats, err);
    else
        rc = store_findings_sync_cases(st, rows, list->count, cfg->version, as_of_text, case_nos, n_cases,
                                       CROSS_CASE_RULES, &stats, err);
    if (rc == ZF_OK) {
        out->findings = stats.findings;
        out->new_count = stats.new_count;
        out->resolved = stats.resolved;
    }
    free(rows);
    free(due);
    return rc;
}

/* Keeps only the findings about the named cases (element rules speak of other subjects). */
static void keep_cases(FindingList *list, const char *const *case_nos, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        bool mine = false;
        for (size_t k = 0; !mine && k < n; k++)
            mine = strcmp(list->items[i].subject_type, "case") == 0 && strcmp(list->items[i].subject, case_nos[k]) == 0;
        if (mine) list->items[kept++] = list->items[i];
        else free(list->items[i].message);
    }
    list->count = kept;
}

/* Imported and post-entered decisions reach the supervisor here (重大行政执法决定备案): only the
 * cases changed since the last run are read. A failure (busy) waits for the next sweep. */
static void file_major_decisions(Store *st, const Calendar *cal, zf_day as_of)
{
    AppContext cx = {.store = st, .calendar = cal, .today = as_of};
    FilingSyncSummary sum;
    ZfError err;
    if (app_filings_sync(&cx, &sum, &err) != ZF_OK) log_error("filings_sync", "%s", err.message);
    int created;
    /* reconsideration and litigation outcomes entered with a case become leads (docs/leads.md) */
    if (app_outcome_leads_sync(&cx, &created, &err) != ZF_OK) log_error("outcome_leads_sync", "%s", err.message);
}

static int run(Store *st, const Calendar *cal, zf_day as_of, const char *const *case_nos, size_t n_cases,
               SweepResult *out, ZfError *err)
{
    int64_t start = now_micros();
    RuleConfig cfg;
    FindingList list;
    *out = (SweepResult){.as_of = as_of};
    if (sweep_load_config(st, &cfg, err) != ZF_OK) return ZF_ERR;
    RuleData *data = load_rule_data(st, case_nos, n_cases, err);
    if (!data) return ZF_ERR;
    finding_list_init(&list);
    out->subjects = (long long)rule_data_case_count(data);
    out->config_version = cfg.version;
    int rc = rules_check(data, cal, &cfg, as_of, case_nos ? CASE_LOCAL_RULES : NULL, &list, NULL);
    if (rc != ZF_OK) zf_fail(err, 500, "rules_failed", NULL, "规则引擎运行失败（内存不足）");
    else {
        if (case_nos) keep_cases(&list, case_nos, n_cases);
        rc = sync_findings(st, &list, &cfg, as_of, case_nos, n_cases, out, err);
    }
    /* A decided penalty counts in its party's P22/P23 and its agency's A01/A02: the sweeper
     * brings those up to date (rules-readings.md). */
    if (rc == ZF_OK && case_nos && rule_data_group_cases(data)) store_mark_dirty(st, NULL);
    finding_list_free(&list);
    rule_data_free(data);
    if (rc == ZF_OK) file_major_decisions(st, cal, as_of);
    out->micros = now_micros() - start;
    return rc;
}

int sweep_run(Store *st, const Calendar *cal, zf_day as_of, SweepResult *out, ZfError *err)
{
    return run(st, cal, as_of, NULL, 0, out, err);
}

int sweep_cases(Store *st, const Calendar *cal, zf_day as_of, const char *const *case_nos, size_t n,
                SweepResult *out, ZfError *err)
{
    return run(st, cal, as_of, case_nos, n, out, err);
}

void changed_note(ChangedSet *c, RecordType type, const char *key)
{
    if (type == REC_MONTHLY_REPORT || c->wide) return; /* no rule reads monthly reports */
    if (type != REC_CASE || c->n == RECHECK_MAX_CASES || !key || !(c->cases[c->n] = strdup(key))) {
        c->wide = true;
        return;
    }
    c->n++;
}

void changed_recheck(Store *st, const Calendar *cal, zf_day today, ChangedSet *c)
{
    SweepResult r;
    ZfError err;
    bool done = false;
    if (!c->wide && c->n && cal)
        done = sweep_cases(st, cal, today, (const char *const *)c->cases, c->n, &r, &err) == ZF_OK;
    if (!done && (c->wide || c->n)) store_mark_dirty(st, NULL); /* a failure here only delays the check */
    for (size_t i = 0; i < c->n; i++) free(c->cases[i]);
    c->n = 0;
}
