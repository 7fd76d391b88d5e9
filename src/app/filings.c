/* See filings.h. The decision is the domain's (domain/filing.c); here: the policy read, the
 * candidates walked, and every write with its audit line and ledger event. */
#include "app/filings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/orders.h"
#include "domain/authz.h"
#include "domain/filing.h"
#include "ledger/ledger.h"
#include "store/approval.h"
#include "store/filings.h"
#include "store/settings.h"
#include "util/log.h"

#define LEDGER_FILING_ADD "filing.add"
#define LEDGER_FILING_REVIEW "filing.review"
#define NOTE_MAX 1000

typedef struct {
    FilingPolicy policy;
    bool marks_major;
    char key[SETTING_VALUE_MAX + 8]; /* the policy text and the approval flag: a change rescans */
} PolicyInUse;

static int load_policy(const AppContext *cx, PolicyInUse *p, ZfError *err)
{
    char text[SETTING_VALUE_MAX + 1];
    ZfError why;
    ApprovalPolicy ap;
    store_setting_text(cx->store, "major_filing_policy", "", text, sizeof text);
    if (filing_policy_parse(text, &p->policy, &why) != ZF_OK) {
        log_error("filing_policy", "setting major_filing_policy unreadable (%s): built-in policy used", why.message);
        filing_policy_defaults(&p->policy);
    }
    if (store_approval_policy(cx->store, &ap, err) != ZF_OK) return ZF_ERR;
    p->marks_major = approval_policy_marks_major(&ap);
    snprintf(p->key, sizeof p->key, "%s|%d", text, p->marks_major);
    return ZF_OK;
}

static json_t *opt_day(zf_day d)
{
    char text[ZF_DATE_LEN];
    if (d == ZF_DAY_NONE) return json_null();
    date_format(d, text);
    return json_string(text);
}

static void audit(const AppContext *cx, const char *action, const char *target, const char *detail)
{
    AuditEntry e = {cx->user ? cx->user->username : NULL, cx->user ? cx->user->role : NULL, "", action, target,
                    "ok", detail};
    if (store_audit_append(cx->store, &e) != ZF_OK) log_error("audit_failed", "%s %s", action, target);
}

/* One filing: the row, its filing.add event and the audit line, in one savepoint. */
static int file_one(const AppContext *cx, const char *case_no, const char *agency, const FilingAssessment *a,
                    FilingSyncSummary *sum, ZfError *err)
{
    char decided[ZF_DATE_LEN], served[ZF_DATE_LEN], filed[ZF_DATE_LEN], due[ZF_DATE_LEN];
    date_format(a->decided_on, decided);
    date_format(cx->today, filed);
    date_format(a->due_on, due);
    if (a->served_on != ZF_DAY_NONE) date_format(a->served_on, served);
    FilingRow r = {case_no, agency, a->reasons, decided, a->served_on != ZF_DAY_NONE ? served : NULL,
                   filed, due, filing_late(a->due_on, cx->today)};
    long long id;
    if (store_savepoint(cx->store, "filing_add", err) != ZF_OK) return ZF_ERR;
    int rc = store_filing_insert(cx->store, &r, &id, err);
    if (rc == ZF_OK && id) {
        json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:b}", "id", (json_int_t)id, "case_no", case_no,
                               "agency", agency, "reasons", a->reasons, "decided_on", decided, "served_on",
                               opt_day(a->served_on), "filed_on", filed, "due_on", due, "late", r.late);
        rc = ev ? ledger_append_seq(cx->store, LEDGER_FILING_ADD, case_no, ev, NULL, err)
                : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        json_decref(ev);
        if (rc == ZF_OK) audit(cx, r.late ? "filing_filed_late" : "filing_filed", case_no, a->reasons);
        if (rc == ZF_OK && sum) sum->filed++, sum->late += r.late;
    }
    if (rc == ZF_OK) return store_release(cx->store, "filing_add", err);
    store_rollback_to(cx->store, "filing_add");
    return ZF_ERR;
}

int app_filing_case_in(const AppContext *cx, const json_t *rec, ZfError *err)
{
    PolicyInUse p;
    FilingAssessment a;
    if (load_policy(cx, &p, err) != ZF_OK) return ZF_ERR;
    if (!filing_assess(&p.policy, p.marks_major, rec, cx->calendar, &a)) return ZF_OK;
    const char *case_no = json_string_value(json_object_get(rec, "case_no"));
    const char *agency = json_string_value(json_object_get(rec, "agency"));
    return file_one(cx, case_no ? case_no : "", agency ? agency : "", &a, NULL, err);
}

/* ---- the run over changed cases ---- */

typedef struct {
    char case_no[128], agency[32];
    FilingAssessment a;
} Pending;

typedef struct {
    const AppContext *cx;
    const PolicyInUse *p;
    Pending *items;
    size_t n, cap;
    char mark[32];
    long long examined;
    bool oom, deferred; /* deferred: a decision dated after the run's day waits for a later run */
} Walk;

static int take(Walk *w, const char *case_no, const char *agency, const FilingAssessment *a)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        Pending *grown = realloc(w->items, cap * sizeof *grown);
        if (!grown) return w->oom = true, 1;
        w->items = grown, w->cap = cap;
    }
    Pending *it = &w->items[w->n++];
    snprintf(it->case_no, sizeof it->case_no, "%s", case_no);
    snprintf(it->agency, sizeof it->agency, "%s", agency ? agency : "");
    it->a = *a;
    return 0;
}

/* Collected first, written after: no insert while the candidates' statement is stepping. */
static int on_candidate(const char *case_no, const char *agency, const char *body, const char *updated_at, void *ctx)
{
    Walk *w = ctx;
    FilingAssessment a;
    w->examined++;
    if (updated_at && strcmp(updated_at, w->mark) > 0) snprintf(w->mark, sizeof w->mark, "%s", updated_at);
    json_t *rec = json_loads(body, 0, NULL);
    bool major = rec && filing_assess(&w->p->policy, w->p->marks_major, rec, w->cx->calendar, &a);
    json_decref(rec);
    if (major && a.decided_on > w->cx->today) { /* a run dated back (sweep --as-of): never filed before it was decided */
        w->deferred = true;
        return 0;
    }
    return major && strlen(case_no) < sizeof w->items->case_no ? take(w, case_no, agency, &a) : 0;
}

/* Filings written per write transaction: a first run over a province's backlog (tens of thousands
 * of major decisions) must not hold the write lock for minutes — other writers wait at most one
 * chunk. A run cut short files the rest next time (filing is idempotent; the mark moves last). */
#define FILING_CHUNK 500

/* The candidates since the mark, read in one snapshot (no write lock held while bodies are judged). */
static int collect(const AppContext *cx, const PolicyInUse *p, Walk *w, char mark[32], bool *same_policy, ZfError *err)
{
    char *ran_under;
    if (store_begin_read(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_filing_scan_get(cx->store, mark, &ran_under, err);
    if (rc == ZF_OK) {
        *same_policy = strcmp(ran_under, p->key) == 0;
        free(ran_under);
        snprintf(w->mark, sizeof w->mark, "%s", *same_policy ? mark : "");
        rc = store_filing_candidates(cx->store, *same_policy && mark[0] ? mark : NULL, on_candidate, w, err);
    }
    store_rollback(cx->store); /* a read: nothing to keep */
    if (rc == ZF_OK && w->oom) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    return rc;
}

static int file_chunks(const AppContext *cx, const Walk *w, FilingSyncSummary *sum, ZfError *err)
{
    for (size_t from = 0; from < w->n; from += FILING_CHUNK) {
        if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
        int rc = ZF_OK;
        for (size_t i = from; rc == ZF_OK && i < w->n && i < from + FILING_CHUNK; i++)
            rc = file_one(cx, w->items[i].case_no, w->items[i].agency, &w->items[i].a, sum, err);
        if (rc == ZF_OK) rc = store_commit(cx->store, err);
        else store_rollback(cx->store);
        if (rc != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

int app_filings_sync(const AppContext *cx, FilingSyncSummary *sum, ZfError *err)
{
    PolicyInUse p;
    char mark[32] = "";
    bool same_policy = false;
    *sum = (FilingSyncSummary){0};
    if (load_policy(cx, &p, err) != ZF_OK) return ZF_ERR;
    Walk w = {.cx = cx, .p = &p};
    int rc = collect(cx, &p, &w, mark, &same_policy, err);
    if (rc == ZF_OK) rc = file_chunks(cx, &w, sum, err);
    if (rc == ZF_OK && store_begin(cx->store, err) == ZF_OK) {
        rc = store_filing_scan_set(cx->store, w.deferred ? (same_policy ? mark : "") : w.mark, p.key, err);
        if (rc == ZF_OK) rc = store_commit(cx->store, err);
        else store_rollback(cx->store);
    } else if (rc == ZF_OK) {
        rc = ZF_ERR;
    }
    sum->examined = w.examined;
    free(w.items);
    return rc;
}

/* ---- reading and reviewing ---- */

static bool visible(const AppContext *cx, const json_t *filing)
{
    if (!cx->user) return true; /* the system */
    return scope_allows(&cx->scope, json_string_value(json_object_get(filing, "agency")),
                        json_string_value(json_object_get(filing, "region")));
}

static int get_visible(const AppContext *cx, long long id, json_t **filing, ZfError *err)
{
    if (store_filing_get(cx->store, id, filing, err) != ZF_OK) return ZF_ERR;
    if (visible(cx, *filing)) return ZF_OK;
    json_decref(*filing); /* as if absent: guessing ids reveals nothing */
    *filing = NULL;
    return zf_fail(err, 404, "not_found", NULL, "备案记录不存在");
}

int app_filing_get(const AppContext *cx, long long id, json_t **filing, ZfError *err)
{
    return get_visible(cx, id, filing, err);
}

static int check_review(const FilingReviewInput *in, ZfError *err)
{
    if (!in->result) return zf_fail(err, 400, "missing_field", "result", "请选择审查结果（无异议或提出意见）");
    bool opinion = strcmp(in->result, "opinion") == 0;
    if (!opinion && strcmp(in->result, "no_objection") != 0)
        return zf_fail(err, 400, "invalid_field", "result", "审查结果应为无异议或提出意见");
    if (in->note && strlen(in->note) > NOTE_MAX)
        return zf_fail(err, 400, "invalid_field", "note", "审查意见不超过 %d 字节", NOTE_MAX);
    if (opinion && (!in->problem || !*in->problem))
        return zf_fail(err, 400, "missing_field", "problem", "提出意见时请写明存在的问题");
    if (opinion && (!in->measures || !*in->measures))
        return zf_fail(err, 400, "missing_field", "measures", "提出意见时请写明整改要求");
    if (in->deadline_wd < 0 || in->deadline_wd > 365)
        return zf_fail(err, 400, "invalid_field", "deadline_wd", "整改期限应为 1 至 365 个工作日");
    return ZF_OK;
}

/* 提出意见: an 执法监督意见书 to the filing's agency about its case, in the caller's transaction. */
static int open_order(const AppContext *cx, const json_t *filing, const FilingReviewInput *in, long long *order_id,
                      ZfError *err)
{
    char source[48];
    json_t *case_nos = json_pack("[O]", json_object_get(filing, "case_no"));
    snprintf(source, sizeof source, "filing:%lld", (long long)json_integer_value(json_object_get(filing, "id")));
    OrderDraft d = {"opinion", json_string_value(json_object_get(filing, "agency")), case_nos, NULL, in->problem,
                    in->basis, in->measures, in->deadline_wd, source};
    int rc = app_order_create_in(cx, &d, order_id, err);
    json_decref(case_nos);
    return rc;
}

static int review_in(const AppContext *cx, long long id, const FilingReviewInput *in, ZfError *err)
{
    json_t *filing;
    long long order_id = 0;
    if (get_visible(cx, id, &filing, err) != ZF_OK) return ZF_ERR;
    const char *case_no = json_string_value(json_object_get(filing, "case_no"));
    int rc = strcmp(json_string_value(json_object_get(filing, "status")), "pending") == 0
                 ? ZF_OK
                 : zf_fail(err, 409, "already_reviewed", NULL, "该备案已审查，不能重复审查");
    if (rc == ZF_OK && strcmp(in->result, "opinion") == 0) rc = open_order(cx, filing, in, &order_id, err);
    if (rc == ZF_OK) rc = store_filing_review(cx->store, id, in->result, cx->user->username, in->note, order_id, err);
    if (rc == ZF_OK) {
        json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)id, "case_no", case_no, "result",
                               in->result, "reviewer", cx->user->username, "note", in->note ? in->note : "",
                               "order_id", order_id ? json_integer(order_id) : json_null());
        rc = ledger_append_seq(cx->store, LEDGER_FILING_REVIEW, case_no, ev, NULL, err);
        json_decref(ev);
    }
    if (rc == ZF_OK) audit(cx, "filing_reviewed", case_no, filing_result_name(in->result));
    json_decref(filing);
    return rc;
}

int app_filing_review(const AppContext *cx, long long id, const FilingReviewInput *in, json_t **filing, ZfError *err)
{
    *filing = NULL;
    if (!cx->user) return zf_fail(err, 403, "forbidden", NULL, "审查须由执法监督人员进行");
    if (check_review(in, err) != ZF_OK || store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = review_in(cx, id, in, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc == ZF_OK ? store_filing_get(cx->store, id, filing, err) : ZF_ERR;
}
