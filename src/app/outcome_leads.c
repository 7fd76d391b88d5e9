/* See outcome_leads.h. 行政复议法 第七十六条: what reconsideration finds wrong goes to supervision;
 * the seeds: "在行政复议中发现的执法问题线索，直接转入行政执法监督程序". */
#include "app/outcome_leads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/leads.h"
#include "store/leads.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

void outcome_lead_ref(const char *case_no, const char *by, char *out, size_t size)
{
    snprintf(out, size, "case:%s:%s", case_no, by);
}

static const char *kind_name(const char *kind)
{
    static const char *const NAMES[][2] = {{"revoked", "撤销"}, {"changed", "变更"}, {"illegal", "确认违法"}, {"void", "确认无效"}};
    for (size_t i = 0; kind && i < sizeof NAMES / sizeof *NAMES; i++)
        if (strcmp(NAMES[i][0], kind) == 0) return NAMES[i][1];
    return "撤销或变更";
}

int app_outcome_lead_in(const AppContext *cx, const char *case_no, const char *agency, const char *kind,
                        const char *by, const char *reason, bool *created, ZfError *err)
{
    char ref[300], content[1200];
    long long id;
    *created = false;
    bool litigation = by && strcmp(by, "litigation") == 0;
    if (!by || (!litigation && strcmp(by, "review") != 0)) return ZF_OK; /* self-correction: no outside finding */
    outcome_lead_ref(case_no, by, ref, sizeof ref);
    snprintf(content, sizeof content, "案件 %s 的处罚决定经%s被%s%s%s", case_no, litigation ? "行政诉讼" : "行政复议",
             kind_name(kind), reason && *reason ? "：" : "", reason ? reason : "");
    LeadInput in = {.source = litigation ? "litigation" : "reconsideration", .source_ref = ref, .content = content,
                    .agency = agency, .case_no = case_no, .category = "处罚决定被撤销、变更或确认违法"};
    return app_lead_create_in(cx, &in, &id, created, err);
}

typedef struct {
    json_t *rows;
    char mark[32];
} Seen;

static int collect(const json_t *row, void *ctx)
{
    Seen *s = ctx;
    json_array_append(s->rows, (json_t *)row);
    if (str(row, "updated_at")) snprintf(s->mark, sizeof s->mark, "%s", str(row, "updated_at"));
    return 0;
}

int app_outcome_leads_sync(const AppContext *cx, int *created, ZfError *err)
{
    char mark[32];
    Seen seen = {json_array(), ""};
    size_t i;
    json_t *row;
    *created = 0;
    /* read in a snapshot, written after: no write lock while the changed bodies are read */
    int rc = store_begin_read(cx->store, err);
    if (rc == ZF_OK) {
        rc = store_outcome_scan_get(cx->store, mark, err);
        snprintf(seen.mark, sizeof seen.mark, "%s", mark);
        if (rc == ZF_OK) rc = store_case_outcomes_since(cx->store, mark, collect, &seen, err);
        store_rollback(cx->store);
    }
    if (rc == ZF_OK) rc = store_begin(cx->store, err);
    if (rc == ZF_OK) {
        json_array_foreach(seen.rows, i, row) {
            json_t *r = json_object_get(row, "revocation");
            bool made = false;
            if (rc == ZF_OK)
                rc = app_outcome_lead_in(cx, str(row, "case_no"), str(row, "agency"), str(r, "kind"), str(r, "by"),
                                         str(r, "reason"), &made, err);
            *created += made;
        }
        if (rc == ZF_OK) rc = store_outcome_scan_set(cx->store, seen.mark, err);
        if (rc == ZF_OK) rc = store_commit(cx->store, err);
        else store_rollback(cx->store);
    }
    json_decref(seen.rows);
    return rc;
}
