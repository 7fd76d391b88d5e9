/* 工作台 (see workbench.h): counts from the same store queries as the lists the tiles open, under
 * the same scope, so a tile's number is what its list shows. */
#include "app/workbench.h"

#include <stdio.h>
#include <string.h>

#include "app/leads.h"
#include "app/orders.h"
#include "app/sweep.h"
#include "app/workflow_approver.h"
#include "app/workflow_state.h"
#include "domain/workflow/deadlines.h"
#include "store/cases.h"
#include "store/findings.h"
#include "store/leads.h"
#include "store/orders.h"
#include "store/workflow.h"

#define LIST_PAGE 200 /* rows read per page of the officer's cases */
#define SHORT_LIST 5

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static bool may(const AppContext *cx, const char *perm) { return store_role_has_perm(cx->store, cx->user->role, perm); }

static bool role_is(const AppContext *cx, const char *role) { return strcmp(cx->user->role, role) == 0; }

static void tile(json_t *tiles, const char *key, const char *title, double count, const char *tone, const char *link)
{
    json_array_append_new(tiles, json_pack("{s:s, s:s, s:f, s:s, s:s}", "key", key, "title", title, "count", count,
                                           "tone", tone, "link", link));
}

/* A tile whose tone says how urgent its count is when there is something to do. */
static void todo_tile(json_t *tiles, const char *key, const char *title, long long count, const char *tone,
                      const char *link)
{
    tile(tiles, key, title, (double)count, count > 0 ? tone : "info", link);
}

/* The user's scope as the list filters take it; false when he may see no agency at all. */
static bool scope_fields(const AppContext *cx, const char **agency, const char **prefix)
{
    *agency = NULL, *prefix = NULL;
    switch (cx->scope.kind) {
    case SCOPE_AGENCY: *agency = cx->scope.agency; return cx->scope.agency[0] != '\0';
    case SCOPE_REGION: *prefix = cx->scope.region_prefix[0] ? cx->scope.region_prefix : NULL; return true;
    case SCOPE_NONE: return false;
    }
    return false;
}

/* ---- officer: the deadlines of my cases -------------------------------------------------------- */

typedef struct {
    long long red, yellow;
    json_t *urgent; /* [{case_no, number, party, stage, deadline, due, days_left, colour}] */
} MyDeadlines;

static void note_deadline(MyDeadlines *m, const json_t *row, const json_t *rec, const Deadline *d)
{
    char due[ZF_DATE_LEN];
    if (d->colour == DL_RED) m->red++;
    else if (d->colour == DL_YELLOW) m->yellow++;
    else return;
    date_format(d->due, due);
    const char *number = str(rec, "filing_no") ? str(rec, "filing_no") : str(row, "case_no");
    json_t *item = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:i, s:s}", "case_no", str(row, "case_no"), "number",
                             number, "doc_no", str(json_object_get(rec, "decision"), "doc_no"), "party",
                             str(json_object_get(rec, "party"), "name"), "stage", str(row, "stage"), "deadline", d->name,
                             "due", due, "days_left", d->days_left, "colour", deadline_colour_code(d->colour));
    /* the most urgent first: fewest days left */
    size_t at = json_array_size(m->urgent);
    while (at > 0 && json_integer_value(json_object_get(json_array_get(m->urgent, at - 1), "days_left")) > d->days_left)
        at--;
    json_array_insert_new(m->urgent, at, item);
    if (json_array_size(m->urgent) > SHORT_LIST) json_array_remove(m->urgent, SHORT_LIST);
}

static int my_deadlines(const AppContext *cx, MyDeadlines *m, ZfError *err)
{
    RuleConfig cfg;
    if (sweep_load_config(cx->store, &cfg, err) != ZF_OK) return ZF_ERR;
    for (int page = 1;; page++) {
        json_t *out, *row;
        size_t i;
        if (store_workflow_list(cx->store, cx->user->agency, cx->user->username, NULL, page, LIST_PAGE, &out, err) !=
            ZF_OK)
            return ZF_ERR;
        json_t *items = json_object_get(out, "items");
        json_array_foreach(items, i, row) {
            json_t *rec = json_object_get(row, "record");
            CaseState cs;
            Deadline dl[WF_MAX_DEADLINES];
            ZfError ignored;
            if (!json_is_object(rec) || wf_state_build(cx->store, rec, row, &cs, &ignored) != ZF_OK) continue;
            size_t n = workflow_deadlines(&cs, cx->today, cx->calendar, &cfg, dl, WF_MAX_DEADLINES);
            const Deadline *next = workflow_next_deadline(dl, n);
            if (next) note_deadline(m, row, rec, next);
        }
        bool last = json_array_size(items) < LIST_PAGE;
        json_decref(out);
        if (last) return ZF_OK;
    }
}

static int officer_tiles(const AppContext *cx, json_t *tiles, json_t *lists, ZfError *err)
{
    MyDeadlines m = {0, 0, json_array()};
    if (my_deadlines(cx, &m, err) != ZF_OK) {
        json_decref(m.urgent);
        return ZF_ERR;
    }
    todo_tile(tiles, "my_overdue", "我的案件·已逾期", m.red, "danger", "/cases/mine?mine=1&deadline=red");
    todo_tile(tiles, "my_due_soon", "我的案件·即将到期", m.yellow, "warning", "/cases/mine?mine=1&deadline=yellow");
    json_object_set_new(lists, "deadlines", m.urgent);
    return ZF_OK;
}

/* ---- agency head and legal reviewer ------------------------------------------------------------ */

typedef struct {
    const Approver *me;
    long long count;
} Awaiting;

static int count_awaiting(const ApprovalRow *row, void *ctx)
{
    Awaiting *a = ctx;
    if (approval_awaits(&row->task, a->me)) a->count++;
    return 0;
}

static int approvals_tile(const AppContext *cx, json_t *tiles, ZfError *err)
{
    ApprovalPolicy policy;
    Approver me;
    Awaiting a = {&me, 0};
    if (store_approval_policy(cx->store, &policy, err) != ZF_OK || wf_approver_of(cx->store, cx->user, &policy, &me, err) != ZF_OK ||
        store_approvals_pending_foreach(cx->store, cx->user->agency, count_awaiting, &a, err) != ZF_OK)
        return ZF_ERR;
    todo_tile(tiles, "approvals", "待我审批", a.count, "danger", "/cases/approvals");
    return ZF_OK;
}

static int stage_tile(const AppContext *cx, json_t *tiles, const char *key, const char *title, const char *stage,
                      const char *link, ZfError *err)
{
    json_t *out;
    if (store_workflow_list(cx->store, cx->user->agency, NULL, stage, 1, 1, &out, err) != ZF_OK) return ZF_ERR;
    todo_tile(tiles, key, title, json_integer_value(json_object_get(out, "total")), "warning", link);
    json_decref(out);
    return ZF_OK;
}

/* ---- supervisor: alerts, orders, leads --------------------------------------------------------- */

static int findings_count(const AppContext *cx, const char *status, const char *severity, long long *n, ZfError *err)
{
    FindingFilter f = {.status = status, .severity = severity};
    f.scope_nothing = !scope_fields(cx, &f.scope_agency, &f.scope_region_prefix);
    json_t *out;
    if (store_findings_list(cx->store, &f, 1, 1, &out, err) != ZF_OK) return ZF_ERR;
    *n = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return ZF_OK;
}

static int alert_tiles(const AppContext *cx, json_t *tiles, bool with_new, ZfError *err)
{
    long long fresh = 0, red, yellow;
    if ((with_new && findings_count(cx, "new", NULL, &fresh, err) != ZF_OK) ||
        findings_count(cx, "open", "violation", &red, err) != ZF_OK ||
        findings_count(cx, "open", "warning", &yellow, err) != ZF_OK)
        return ZF_ERR;
    if (with_new) todo_tile(tiles, "alerts_new", "新增预警（24 小时内）", fresh, "danger", "/supervision/alerts?status=new");
    todo_tile(tiles, "alerts_red", "红色预警（违规）", red, "danger", "/supervision/alerts?severity=violation");
    todo_tile(tiles, "alerts_yellow", "黄色预警（提示）", yellow, "warning", "/supervision/alerts?severity=warning");
    return ZF_OK;
}

static int orders_count(const AppContext *cx, bool overdue, bool todo, long long *n, ZfError *err)
{
    OrderFilter f = {0};
    char today[ZF_DATE_LEN];
    date_format(cx->today, today);
    if (overdue) f.overdue_before = today;
    if (todo) f.statuses = app_orders_todo_statuses(cx);
    json_t *out;
    if (app_orders_list(cx, &f, 1, 1, &out, err) != ZF_OK) return ZF_ERR;
    *n = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return ZF_OK;
}

static int leads_count(const AppContext *cx, const char *status, bool overdue, long long *n, ZfError *err)
{
    LeadFilter f = {.status = status};
    char today[ZF_DATE_LEN];
    date_format(cx->today, today);
    if (overdue) f.overdue_before = today;
    json_t *out;
    if (app_leads_list(cx, &f, 1, 1, &out, err) != ZF_OK) return ZF_ERR;
    *n = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return ZF_OK;
}

static int supervisor_tiles(const AppContext *cx, json_t *tiles, ZfError *err)
{
    long long n;
    if (may(cx, "findings.read") && alert_tiles(cx, tiles, true, err) != ZF_OK) return ZF_ERR;
    if (may(cx, "orders.read")) {
        if (orders_count(cx, true, false, &n, err) != ZF_OK) return ZF_ERR;
        todo_tile(tiles, "orders_overdue", "督办问诊·逾期未办结", n, "danger", "/supervision/orders?overdue=1");
        if (orders_count(cx, false, true, &n, err) != ZF_OK) return ZF_ERR;
        todo_tile(tiles, "orders_todo", "督办问诊·待我处理", n, "warning", "/supervision/orders?todo=1");
    }
    if (may(cx, "leads.read")) {
        if (leads_count(cx, NULL, true, &n, err) != ZF_OK) return ZF_ERR;
        todo_tile(tiles, "leads_overdue", "线索·逾期未答复", n, "danger", "/supervision/leads?overdue=1");
        if (leads_count(cx, "received", false, &n, err) != ZF_OK) return ZF_ERR;
        todo_tile(tiles, "leads_received", "线索·待受理分办", n, "warning", "/supervision/leads?status=received");
    }
    return ZF_OK;
}

/* ---- leader: the region this year -------------------------------------------------------------- */

static int leader_tiles(const AppContext *cx, json_t *tiles, ZfError *err)
{
    int y, m, d;
    char jan1[ZF_DATE_LEN], link[96];
    date_to_ymd(cx->today, &y, &m, &d);
    snprintf(jan1, sizeof jan1, "%04d-01-01", y);
    CaseFilter filed = {.filed_from = jan1, .fine_min_fen = -1, .fine_max_fen = -1};
    filed.scope_nothing = !scope_fields(cx, &filed.scope_agency, &filed.scope_region_prefix);
    CaseFilter decided = filed;
    decided.filed_from = NULL, decided.decided_from = jan1;
    long long n_filed, n_decided, fen, ignored;
    if (store_cases_totals(cx->store, &filed, &n_filed, &ignored, err) != ZF_OK ||
        store_cases_totals(cx->store, &decided, &n_decided, &fen, err) != ZF_OK)
        return ZF_ERR;
    snprintf(link, sizeof link, "/supervision/cases?filed_from=%s", jan1);
    tile(tiles, "cases_filed", "本年立案", (double)n_filed, "info", link);
    snprintf(link, sizeof link, "/supervision/cases?decided_from=%s", jan1);
    tile(tiles, "cases_decided", "本年作出决定", (double)n_decided, "info", link);
    tile(tiles, "fines_yuan", "本年罚款（元）", (double)fen / 100.0, "info", link);
    return may(cx, "findings.read") ? alert_tiles(cx, tiles, false, err) : ZF_OK;
}

int app_workbench(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *tiles = json_array(), *lists = json_object();
    int rc = ZF_OK;
    bool handles = cx->user->agency[0] && may(cx, "cases.handle");
    if (handles && role_is(cx, "officer")) rc = officer_tiles(cx, tiles, lists, err);
    else if (handles && role_is(cx, "agency_head")) rc = approvals_tile(cx, tiles, err);
    else if (handles && role_is(cx, "legal_reviewer"))
        rc = stage_tile(cx, tiles, "legal_review", "待法制审核", "legal_review", "/cases/mine?stage=legal_review", err);
    else if (role_is(cx, "supervisor")) rc = supervisor_tiles(cx, tiles, err);
    else if (role_is(cx, "leader") && may(cx, "cases.read")) rc = leader_tiles(cx, tiles, err);
    if (rc != ZF_OK) {
        json_decref(tiles);
        json_decref(lists);
        return ZF_ERR;
    }
    *out = json_pack("{s:o, s:o}", "tiles", tiles, "lists", lists);
    return ZF_OK;
}
