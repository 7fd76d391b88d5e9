/* 案卷评查 results: arbitration of the files whose scores differ too much, the results per file,
 * agency and item (the training need), the agencies' 申辩 within the working-day window after
 * publication and the answers to them, and a failing file turned into a 督办 order. */
#include "app/reviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/orders.h"
#include "domain/review_labels.h"
#include "store/identity.h"
#include "store/reviews.h"
#include "store/settings.h"
#include "util/text.h"

#define TEXT_MAX_CHARS 2000

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_t *body_of(const json_t *row) { return json_object_get(row, "body"); }

/* The item and its plan, if cx->user manages the plan. */
static int managed_item(const AppContext *cx, long long item_id, json_t **item, json_t **plan, ZfError *err)
{
    *plan = NULL;
    if (store_review_get(cx->store, REVIEW_ITEM, item_id, item, err) != ZF_OK) return ZF_ERR;
    if (review_plan_managed(cx, json_integer_value(json_object_get(*item, "plan_id")), plan, err) == ZF_OK) return ZF_OK;
    json_decref(*item);
    *item = NULL;
    return zf_fail(err, 404, "not_found", NULL, "评查案卷不存在");
}

/* ---- arbitration ---- */

typedef struct {
    long long id;
    const json_t *deductions;
    const char *note;
} ArbitrateArgs;

static int arbitrate_fn(const AppContext *cx, void *arg, ZfError *err)
{
    ArbitrateArgs *a = arg;
    json_t *item, *plan, *standard = NULL;
    if (managed_item(cx, a->id, &item, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(item, "status"), "arbitration") == 0
                 ? ZF_OK
                 : zf_fail(err, 409, "item_status", NULL, "只有评分差距超过仲裁分差的案卷需要仲裁");
    if (rc == ZF_OK && (!a->note || text_blank(a->note) || text_utf8_chars(a->note) > TEXT_MAX_CHARS))
        rc = zf_fail(err, 400, "missing_field", "note", "请写明仲裁意见（不超过 2000 字）");
    if (rc == ZF_OK) rc = review_plan_standard(cx->store, plan, &standard, err);
    ReviewScore s;
    if (rc == ZF_OK) rc = review_score_sheet(standard, a->deductions, &s, err);
    if (rc == ZF_OK) {
        char now[32];
        app_utc_now(now);
        json_t *b = body_of(item);
        json_object_set_new(b, "arbitration", json_pack("{s:o, s:s, s:s, s:s, s:o, s:b}", "deductions", review_clean_deductions(standard, a->deductions), "note",
                                                        a->note, "by", cx->user ? cx->user->username : "", "at", now,
                                                        "total", review_points_json(s.total_cp), "veto", s.veto));
        json_object_set_new(b, "total_cp", json_integer(s.total_cp));
        json_object_set_new(b, "veto", json_boolean(s.veto));
        json_object_set_new(item, "status", json_string("done"));
        rc = store_review_put(cx->store, REVIEW_ITEM, item, err);
    }
    if (rc == ZF_OK) rc = review_refresh(cx, a->id, err);
    json_decref(item), json_decref(plan), json_decref(standard);
    return rc;
}

int app_review_item_arbitrate(const AppContext *cx, long long item_id, const json_t *deductions, const char *note,
                              json_t **out, ZfError *err)
{
    if (!json_is_array(deductions)) return zf_fail(err, 400, "invalid_field", "deductions", "扣分应为列表");
    ArbitrateArgs a = {item_id, deductions, note};
    if (review_in_tx(cx, arbitrate_fn, &a, err) != ZF_OK) return ZF_ERR;
    json_t *item;
    if (store_review_get(cx->store, REVIEW_ITEM, item_id, &item, err) != ZF_OK) return ZF_ERR;
    int rc = app_review_plan_get(cx, json_integer_value(json_object_get(item, "plan_id")), out, err);
    json_decref(item);
    return rc;
}

/* ---- results ---- */

/* A file's deductions: the arbitration's, else every reviewer's with his name. */
static json_t *file_deductions(const json_t *item, const json_t *tasks)
{
    json_t *arb = json_object_get(body_of(item), "arbitration"), *out = json_array(), *t, *d;
    size_t i, j;
    if (arb) {
        json_array_foreach(json_object_get(arb, "deductions"), j, d) {
            json_t *c = json_deep_copy(d);
            json_object_set_new(c, "by", json_string("arbitration"));
            json_array_append_new(out, c);
        }
        return out;
    }
    json_array_foreach(tasks, i, t) {
        if (json_integer_value(json_object_get(t, "item_id")) != json_integer_value(json_object_get(item, "id"))) continue;
        json_array_foreach(json_object_get(body_of(t), "deductions"), j, d) {
            json_t *c = json_deep_copy(d);
            json_object_set(c, "by", json_object_get(t, "reviewer"));
            json_array_append_new(out, c);
        }
    }
    return out;
}

/* Points a file lost on each top-level item of the standard: the arbitration's, else the mean of
 * its reviewers' (Σ over reviewers / their number), in cp, added into lost[] (one per item). */
static void add_item_losses(const json_t *standard, const json_t *item, const json_t *tasks, long long *lost, int *files)
{
    json_t *arb = json_object_get(body_of(item), "arbitration"), *it, *t, *d;
    size_t n_items = json_array_size(json_object_get(standard, "items")), i, j, k;
    long long *mine = calloc(n_items ? n_items : 1, sizeof *mine);
    if (!mine) return;
    /* per top-level item: the sub-item code starts with the item's code and a dot */
    const json_t *sheets[16];
    size_t n_sheets = 0;
    if (arb) sheets[n_sheets++] = json_object_get(arb, "deductions");
    else
        json_array_foreach(tasks, i, t)
            if (json_integer_value(json_object_get(t, "item_id")) == json_integer_value(json_object_get(item, "id")) && n_sheets < 16)
                sheets[n_sheets++] = json_object_get(body_of(t), "deductions");
    for (size_t s = 0; s < n_sheets; s++)
        json_array_foreach(sheets[s], j, d) {
            const char *sub = str(d, "subitem") ? str(d, "subitem") : str(d, "item");
            const json_t *found = review_find_subitem(standard, sub, NULL);
            const char *code = json_string_value(json_object_get(found, "code"));
            json_array_foreach(json_object_get(standard, "items"), k, it) {
                size_t len = strlen(str(it, "code"));
                if (code && strncmp(code, str(it, "code"), len) == 0 && code[len] == '.')
                    mine[k] += review_points_cp(json_object_get(d, "points"));
            }
        }
    for (k = 0; k < n_items; k++) {
        if (!mine[k] || !n_sheets) continue;
        lost[k] += (mine[k] * 2 + (long long)n_sheets) / (2 * (long long)n_sheets);
        files[k]++;
    }
    free(mine);
}

/* Was the agency 零案卷 in the plan's period (itself a finding)? */
static bool is_empty_agency(const json_t *plan, const char *agency)
{
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(body_of(plan), "empty_agencies"), i, e)
        if (str(e, "code") && strcmp(str(e, "code"), agency) == 0) return true;
    return false;
}

typedef struct {
    const char *agency;
    char name[256];
    long long sum_cp;
    int files;
    json_t *distribution, *failing;
} AgencyTally;

static json_t *results_of(const AppContext *cx, const json_t *plan, const char *only_agency, ZfError *err)
{
    json_t *items = NULL, *tasks = NULL, *standard = NULL, *it;
    ReviewRowFilter f = {.plan_id = json_integer_value(json_object_get(plan, "id"))};
    if (store_review_rows(cx->store, REVIEW_ITEM, &f, &items, err) != ZF_OK) return NULL;
    if (store_review_rows(cx->store, REVIEW_TASK, &f, &tasks, err) != ZF_OK || review_plan_standard(cx->store, plan, &standard, err) != ZF_OK) {
        json_decref(items), json_decref(tasks);
        return NULL;
    }
    ReviewBands bands;
    review_bands(cx->store, &bands);
    json_t *strata = json_object_get(body_of(plan), "sampled_agencies");
    size_t n_ag = json_array_size(strata), n_items = json_array_size(json_object_get(standard, "items")), i, k;
    AgencyTally *tally = calloc(n_ag ? n_ag : 1, sizeof *tally);
    long long *lost = calloc(n_items ? n_items : 1, sizeof *lost);
    int *lost_files = calloc(n_items ? n_items : 1, sizeof *lost_files);
    json_t *files = json_array();
    for (i = 0; i < n_ag; i++) {
        char region[7];
        tally[i].agency = json_string_value(json_array_get(strata, i));
        review_agency(cx->store, tally[i].agency, tally[i].name, region);
        tally[i].distribution = json_object();
        for (size_t b = 0; b < bands.n; b++) json_object_set_new(tally[i].distribution, bands.band[b].grade, json_integer(0));
        tally[i].failing = json_array();
    }
    json_array_foreach(items, i, it) {
        if (strcmp(str(it, "status"), "done") != 0) continue;
        if (only_agency && strcmp(str(it, "agency"), only_agency) != 0) continue;
        int total = (int)json_integer_value(json_object_get(body_of(it), "total_cp"));
        bool veto = json_is_true(json_object_get(body_of(it), "veto"));
        const ReviewBand *g = review_grade(&bands, total, veto);
        AgencyTally *t = NULL;
        for (k = 0; k < n_ag; k++)
            if (strcmp(tally[k].agency, str(it, "agency")) == 0) t = &tally[k];
        json_t *deductions = file_deductions(it, tasks), *d;
        size_t j;
        if (only_agency) /* the reviewed agency is not told who scored it (交叉评查) */
            json_array_foreach(deductions, j, d) json_object_del(d, "by");
        json_t *file = json_pack("{s:O, s:O, s:O, s:s, s:o, s:s, s:s, s:b, s:o}", "item_id", json_object_get(it, "id"), "case_no",
                                 json_object_get(it, "case_no"), "agency", json_object_get(it, "agency"), "agency_name",
                                 t ? t->name : "", "total", review_points_json(total), "grade", g->grade, "grade_name", g->name,
                                 "veto", veto, "deductions", deductions);
        if (json_object_get(body_of(it), "order_id")) json_object_set(file, "order_id", json_object_get(body_of(it), "order_id"));
        if (json_object_get(body_of(it), "defense_answer")) json_object_set(file, "defense_answer", json_object_get(body_of(it), "defense_answer"));
        json_array_append_new(files, file);
        add_item_losses(standard, it, tasks, lost, lost_files);
        if (!t) continue;
        t->files++;
        t->sum_cp += total;
        json_t *c = json_object_get(t->distribution, g->grade);
        json_integer_set(c, json_integer_value(c) + 1);
        if (g == &bands.band[bands.n - 1]) json_array_append(t->failing, json_object_get(it, "case_no"));
    }
    json_t *agencies = json_array(), *by_item = json_array();
    for (i = 0; i < n_ag; i++) {
        if (only_agency && strcmp(tally[i].agency, only_agency) != 0) {
            json_decref(tally[i].distribution), json_decref(tally[i].failing);
            continue;
        }
        int avg = tally[i].files ? (int)((tally[i].sum_cp * 2 + tally[i].files) / (2LL * tally[i].files)) : 0;
        json_array_append_new(agencies, json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:b}", "agency", tally[i].agency, "agency_name",
                                                  tally[i].name, "files", tally[i].files, "average",
                                                  tally[i].files ? review_points_json(avg) : json_null(), "distribution",
                                                  tally[i].distribution, "failing", tally[i].failing, "zero_files",
                                                  is_empty_agency(plan, tally[i].agency)));
    }
    json_array_foreach(json_object_get(standard, "items"), k, it)
        json_array_append_new(by_item, json_pack("{s:O, s:O, s:o, s:i}", "item", json_object_get(it, "code"), "name",
                                                 json_object_get(it, "name"), "points_lost", review_points_json((int)lost[k]),
                                                 "files", lost_files[k]));
    free(tally), free(lost), free(lost_files);
    json_decref(items), json_decref(tasks), json_decref(standard);
    return json_pack("{s:O, s:O, s:O, s:o, s:o, s:o}", "plan", json_object_get(plan, "id"), "status", json_object_get(plan, "status"),
                     "name", json_object_get(body_of(plan), "name"), "files", files, "agencies", agencies, "items", by_item);
}

int app_review_plan_results(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *plan;
    if (review_plan_readable(cx, id, &plan, err) != ZF_OK) return ZF_ERR;
    const char *only = cx->user && cx->scope.kind == SCOPE_AGENCY ? cx->scope.agency : NULL;
    *out = results_of(cx, plan, only, err);
    if (*out) {
        json_object_set_new(*out, "defenses", review_defenses_json(cx, plan, only));
        json_object_set_new(*out, "defense_open", json_boolean(review_defense_open(cx, plan)));
        json_object_set(*out, "published_on", json_object_get(body_of(plan), "published_on"));
        json_object_set(*out, "defense_due", json_object_get(body_of(plan), "defense_due"));
    }
    json_decref(plan);
    return *out ? ZF_OK : ZF_ERR;
}

/* ---- 申辩 ---- */

typedef struct {
    long long id;
    const char *text;
    bool accepted;
    const json_t *new_total;
    long long out_id;
} DefenseArgs;

static int defense_fn(const AppContext *cx, void *arg, ZfError *err)
{
    DefenseArgs *a = arg;
    json_t *item, *plan = NULL, *open = NULL;
    if (store_review_get(cx->store, REVIEW_ITEM, a->id, &item, err) != ZF_OK) return ZF_ERR;
    /* his own agency's file, of a published plan: anything else is answered as absent */
    int rc = cx->user && cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, str(item, "agency")) == 0
                 ? review_plan_readable(cx, json_integer_value(json_object_get(item, "plan_id")), &plan, err)
                 : zf_fail(err, 404, "not_found", NULL, "评查案卷不存在");
    if (rc == ZF_OK && strcmp(str(plan, "status"), "published") != 0) rc = zf_fail(err, 404, "not_found", NULL, "评查案卷不存在");
    /* the window: review_defense_wd working days after publication, counted as of today */
    zf_day published = 0, due = 0;
    char due_text[ZF_DATE_LEN] = "";
    if (rc == ZF_OK && date_parse(str(body_of(plan), "published_on"), &published)) {
        due = add_wd(cx->calendar, published, store_setting_int(cx->store, "review_defense_wd", 5));
        date_format(due, due_text);
    }
    if (rc == ZF_OK && (!due || cx->today > due))
        rc = zf_fail(err, 409, "defense_closed", NULL, "申辩期限已过（应在 %s 前提出）", due_text);
    ReviewRowFilter f = {.item_id = a->id};
    if (rc == ZF_OK) rc = store_review_rows(cx->store, REVIEW_DEFENSE, &f, &open, err);
    if (rc == ZF_OK && json_array_size(open) > 0) rc = zf_fail(err, 409, "defense_exists", NULL, "该案卷已提出申辩");
    if (rc == ZF_OK) {
        char on[ZF_DATE_LEN], now[32];
        date_format(cx->today, on);
        app_utc_now(now);
        json_t *row = json_pack("{s:O, s:O, s:{s:s, s:s, s:s, s:s, s:s}}", "plan_id", json_object_get(item, "plan_id"),
                                "agency", json_object_get(item, "agency"), "body", "text", a->text,
                                "filed_by", cx->user->username, "filed_on", on, "filed_at", now, "status", "open");
        json_object_set_new(row, "item_id", json_integer(a->id));
        rc = store_review_put(cx->store, REVIEW_DEFENSE, row, err);
        a->out_id = json_integer_value(json_object_get(row, "id"));
        json_decref(row);
    }
    json_decref(item), json_decref(plan), json_decref(open);
    return rc;
}

static json_t *defense_view(const json_t *row)
{
    json_t *v = json_deep_copy(body_of(row));
    json_object_set(v, "id", json_object_get(row, "id"));
    json_object_set(v, "item_id", json_object_get(row, "item_id"));
    json_object_set(v, "plan_id", json_object_get(row, "plan_id"));
    json_object_set(v, "agency", json_object_get(row, "agency"));
    json_object_set_new(v, "status_name", json_string(review_label("review_defense_statuses", str(body_of(row), "status"))));
    return v;
}

json_t *review_defenses_json(const AppContext *cx, const json_t *plan, const char *only_agency)
{
    json_t *rows, *row, *out = json_array();
    ReviewRowFilter f = {.plan_id = json_integer_value(json_object_get(plan, "id")), .agency = only_agency};
    size_t i;
    ZfError err;
    if (store_review_rows(cx->store, REVIEW_DEFENSE, &f, &rows, &err) != ZF_OK) return out;
    json_array_foreach(rows, i, row) {
        json_t *v = defense_view(row), *item = NULL;
        if (store_review_get(cx->store, REVIEW_ITEM, json_integer_value(json_object_get(row, "item_id")), &item, &err) == ZF_OK)
            json_object_set(v, "case_no", json_object_get(item, "case_no"));
        json_decref(item);
        json_array_append_new(out, v);
    }
    json_decref(rows);
    return out;
}

bool review_defense_open(const AppContext *cx, const json_t *plan)
{
    zf_day published;
    if (strcmp(str(plan, "status"), "published") != 0 || !date_parse(str(body_of(plan), "published_on"), &published))
        return false;
    return cx->today <= add_wd(cx->calendar, published, store_setting_int(cx->store, "review_defense_wd", 5));
}

static int text_ok(const char *text, ZfError *err)
{
    if (!text || text_blank(text) || !text_utf8_valid(text, strlen(text)) || text_utf8_chars(text) > TEXT_MAX_CHARS)
        return zf_fail(err, 400, "missing_field", "text", "请填写内容（不超过 2000 字）");
    return ZF_OK;
}

int app_review_item_defense(const AppContext *cx, long long item_id, const char *text, json_t **out, ZfError *err)
{
    if (text_ok(text, err) != ZF_OK) return ZF_ERR;
    DefenseArgs a = {item_id, text, false, NULL, 0};
    if (review_in_tx(cx, defense_fn, &a, err) != ZF_OK) return ZF_ERR;
    json_t *row;
    if (store_review_get(cx->store, REVIEW_DEFENSE, a.out_id, &row, err) != ZF_OK) return ZF_ERR;
    *out = defense_view(row);
    json_decref(row);
    return ZF_OK;
}

static int answer_fn(const AppContext *cx, void *arg, ZfError *err)
{
    DefenseArgs *a = arg;
    json_t *row, *item = NULL, *plan = NULL;
    if (store_review_get(cx->store, REVIEW_DEFENSE, a->id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = managed_item(cx, json_integer_value(json_object_get(row, "item_id")), &item, &plan, err);
    if (rc != ZF_OK) rc = zf_fail(err, 404, "not_found", NULL, "申辩不存在");
    if (rc == ZF_OK && strcmp(str(body_of(row), "status"), "open") != 0) rc = zf_fail(err, 409, "defense_answered", NULL, "该申辩已答复");
    int new_cp = -1;
    if (rc == ZF_OK && a->new_total && !json_is_null(a->new_total)) {
        new_cp = json_is_integer(a->new_total) && json_integer_value(a->new_total) == 0 ? 0 : review_points_cp(a->new_total);
        if (!a->accepted || new_cp < 0 || new_cp > 100 * 100)
            rc = zf_fail(err, 400, "invalid_field", "new_total", "采纳申辩时可调整得分：0 至 100 分，整分或半分");
    }
    if (rc == ZF_OK) {
        char on[ZF_DATE_LEN];
        date_format(cx->today, on);
        json_t *b = body_of(row);
        json_object_set_new(b, "status", json_string(a->accepted ? "accepted" : "rejected"));
        json_object_set_new(b, "answer", json_string(a->text));
        json_object_set_new(b, "answered_by", json_string(cx->user ? cx->user->username : ""));
        json_object_set_new(b, "answered_on", json_string(on));
        if (new_cp >= 0) {
            json_t *ib = body_of(item);
            json_object_set_new(b, "old_total", review_points_json((int)json_integer_value(json_object_get(ib, "total_cp"))));
            json_object_set_new(b, "new_total", review_points_json(new_cp));
            json_object_set_new(ib, "total_cp", json_integer(new_cp));
            json_object_set_new(ib, "veto", json_false()); /* an accepted 申辩 with a new score lifts the veto */
            json_object_set_new(ib, "defense_answer", json_pack("{s:O, s:s}", "defense_id", json_object_get(row, "id"), "on", on));
            rc = store_review_put(cx->store, REVIEW_ITEM, item, err);
        }
    }
    if (rc == ZF_OK) rc = store_review_put(cx->store, REVIEW_DEFENSE, row, err);
    json_decref(row), json_decref(item), json_decref(plan);
    return rc;
}

int app_review_defense_answer(const AppContext *cx, long long defense_id, const char *text, bool accepted,
                              const json_t *new_total, json_t **out, ZfError *err)
{
    if (text_ok(text, err) != ZF_OK) return ZF_ERR;
    DefenseArgs a = {defense_id, text, accepted, new_total, 0};
    if (review_in_tx(cx, answer_fn, &a, err) != ZF_OK) return ZF_ERR;
    json_t *row;
    if (store_review_get(cx->store, REVIEW_DEFENSE, defense_id, &row, err) != ZF_OK) return ZF_ERR;
    *out = defense_view(row);
    json_decref(row);
    return ZF_OK;
}

/* ---- → order ---- */

/* The problem text: the file's score and every deduction with its reason. */
static char *order_problem(const json_t *plan, const json_t *item, const json_t *deductions, const ReviewBands *bands)
{
    int total = (int)json_integer_value(json_object_get(body_of(item), "total_cp"));
    bool veto = json_is_true(json_object_get(body_of(item), "veto"));
    const ReviewBand *g = review_grade(bands, total, veto);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    len += (size_t)snprintf(out, cap, "案卷评查（%s）：案卷 %s 得分 %g 分，等次%s%s。扣分情况：", str(body_of(plan), "name"),
                            str(item, "case_no"), total / 100.0, g ? g->name : "", veto ? "（一票否决）" : "");
    json_t *d;
    size_t i;
    json_array_foreach(deductions, i, d) {
        if (len + 600 >= cap) break;
        len += (size_t)snprintf(out + len, cap - len, "%s%zu. %s 扣 %g 分：%s", i ? "；" : "", i + 1, str(d, "item"),
                                json_number_value(json_object_get(d, "points")), str(d, "reason") ? str(d, "reason") : "");
    }
    snprintf(out + len, cap - len, "。");
    return out;
}

/* The laws cited by the sub-items the deductions fall on, each once. */
static json_t *order_basis(const json_t *standard, const json_t *deductions)
{
    json_t *basis = json_array(), *d;
    size_t i;
    json_array_foreach(deductions, i, d) {
        const json_t *sub = review_find_subitem(standard, str(d, "subitem") ? str(d, "subitem") : str(d, "item"), NULL);
        const char *law = str(sub, "basis");
        bool seen = false;
        json_t *b;
        size_t j;
        json_array_foreach(basis, j, b) seen = seen || strcmp(str(b, "law"), law) == 0;
        if (law && !seen && json_array_size(basis) < 20) json_array_append_new(basis, json_pack("{s:s, s:s}", "law", law, "article", ""));
    }
    if (json_array_size(basis) == 0)
        json_array_append_new(basis, json_pack("{s:s, s:s}", "law", "《行政执法监督条例》", "article", ""));
    return basis;
}

typedef struct {
    long long id, order_id;
} OrderArgs;

static int order_fn(const AppContext *cx, void *arg, ZfError *err)
{
    OrderArgs *a = arg;
    json_t *item, *plan, *standard = NULL, *tasks = NULL;
    if (managed_item(cx, a->id, &item, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(item, "status"), "done") == 0 ? ZF_OK : zf_fail(err, 409, "item_status", NULL, "该案卷尚未评查完成");
    if (rc == ZF_OK && json_object_get(body_of(item), "order_id"))
        rc = zf_fail(err, 409, "order_exists", NULL, "该案卷已转督办（监督文书 %lld）",
                     (long long)json_integer_value(json_object_get(body_of(item), "order_id")));
    ReviewRowFilter f = {.item_id = a->id};
    if (rc == ZF_OK) rc = review_plan_standard(cx->store, plan, &standard, err);
    if (rc == ZF_OK) rc = store_review_rows(cx->store, REVIEW_TASK, &f, &tasks, err);
    if (rc == ZF_OK) {
        ReviewBands bands;
        review_bands(cx->store, &bands);
        json_t *deductions = file_deductions(item, tasks), *basis = order_basis(standard, deductions);
        json_t *case_nos = json_pack("[O]", json_object_get(item, "case_no")), *findings = json_array();
        char *problem = order_problem(plan, item, deductions, &bands), source[48];
        snprintf(source, sizeof source, "review_item:%lld", a->id);
        OrderDraft d = {"supervise", str(item, "agency"), case_nos, findings, problem ? problem : "案卷评查发现问题", basis,
                        "请对照案卷评查扣分情况逐项整改，完善案卷，举一反三查找同类问题，并在期限内书面报告整改情况。", 0, source};
        rc = app_order_create_in(cx, &d, &a->order_id, err);
        free(problem);
        json_decref(deductions), json_decref(basis), json_decref(case_nos), json_decref(findings);
    }
    if (rc == ZF_OK) {
        json_object_set_new(body_of(item), "order_id", json_integer(a->order_id));
        rc = store_review_put(cx->store, REVIEW_ITEM, item, err);
    }
    json_decref(item), json_decref(plan), json_decref(standard), json_decref(tasks);
    return rc;
}

int app_review_item_order(const AppContext *cx, long long item_id, json_t **out, ZfError *err)
{
    OrderArgs a = {item_id, 0};
    if (review_in_tx(cx, order_fn, &a, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:I}", "order_id", (json_int_t)a.order_id);
    return ZF_OK;
}
