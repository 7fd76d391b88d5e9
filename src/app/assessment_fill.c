/* A unit's side of an assessment: evidence files (kept under their SM3 digest, registered with an
 * attachment.add event), fillings of its manual indicators naming those files (the row and its
 * assessment_filling.put event carry each file's digest, so evidence cannot be swapped afterwards),
 * contests of a computed value; and the reviewer's acceptance or return of a filling. */
#include "app/assessment_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/assessment.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int text_field(const json_t *in, const char *key, size_t max, bool required, const char *what, ZfError *err)
{
    json_t *v = json_object_get(in, key);
    if (!v || json_is_null(v)) return required ? zf_fail(err, 400, "invalid_param", key, "请填写%s", what) : ZF_OK;
    const char *s = json_string_value(v);
    if (!s || strlen(s) > max || !text_utf8_valid(s, strlen(s)))
        return zf_fail(err, 400, "invalid_param", key, "%s应为不超过 %zu 字节的文字", what, max);
    if (required && text_blank(s)) return zf_fail(err, 400, "invalid_param", key, "请填写%s", what);
    return ZF_OK;
}

/* After the plan's fill_by day (none: never). */
static bool past_fill_by(const AppContext *cx, const json_t *plan)
{
    zf_day d;
    const char *by = str(json_object_get(plan, "body"), "fill_by");
    return by && date_parse(by, &d) && cx->today > d;
}

/* The plan, published, with `unit` among its units and cx->user one of the unit's users. */
static int load_for_unit(const AppContext *cx, long long plan_id, const char *unit, json_t **plan, ZfError *err)
{
    if (assess_plan_load(cx, plan_id, NEED_READ, plan, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (!assess_plan_has_unit(*plan, unit)) rc = zf_fail(err, 404, "not_found", "unit", "该单位不在本考核方案中");
    else if (!assess_is_unit_user(cx, unit)) rc = zf_fail(err, 403, "not_unit_user", "unit", "只有被考核单位本单位的人员可以填报");
    else if (strcmp(str(*plan, "status"), "published") != 0)
        rc = zf_fail(err, 409, "not_open", NULL, "考核方案不在填报期（未发布或已关闭）");
    else if (past_fill_by(cx, *plan)) rc = zf_fail(err, 409, "fill_closed", NULL, "已过填报截止日期");
    if (rc != ZF_OK) json_decref(*plan), *plan = NULL;
    return rc;
}

int app_assess_file_check(const AppContext *cx, long long plan_id, const char *unit, ZfError *err)
{
    json_t *plan;
    if (load_for_unit(cx, plan_id, unit, &plan, err) != ZF_OK) return ZF_ERR;
    json_decref(plan);
    return ZF_OK;
}

typedef struct {
    long long plan_id;
    const AssessFile *f;
    const char *unit, *indicator, *action, *note;
    const json_t *in;
    json_t *out;
    bool group_ok;
} FillArgs;

static int file_tx(const AppContext *cx, void *arg, ZfError *err)
{
    FillArgs *a = arg;
    json_t *plan;
    char subject[48], now[32];
    long long seq;
    if (load_for_unit(cx, a->plan_id, a->f->unit, &plan, err) != ZF_OK) return ZF_ERR;
    json_decref(plan);
    app_utc_now(now);
    snprintf(subject, sizeof subject, "assessment_plan:%lld", a->plan_id);
    const char *by = cx->user ? cx->user->username : "system";
    json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}", "plan_id", (json_int_t)a->plan_id, "unit", a->f->unit,
                           "name", a->f->name, "media_type", a->f->media_type, "size", (json_int_t)a->f->size, "sm3",
                           a->f->sm3, "uploaded_by", by);
    if (app_logged_file(cx->store, subject, ev, &seq, err) != ZF_OK) return ZF_ERR;
    json_t *row = json_pack("{s:I, s:s, s:{s:s, s:s, s:I, s:s, s:I, s:s, s:s}}", "plan_id", (json_int_t)a->plan_id, "unit",
                            a->f->unit, "body", "name", a->f->name, "media_type", a->f->media_type, "size",
                            (json_int_t)a->f->size, "sm3", a->f->sm3, "ledger_seq", (json_int_t)seq, "uploaded_by", by,
                            "uploaded_at", now);
    int rc = assess_put(cx->store, ASSESS_FILE, row, err);
    if (rc == ZF_OK) {
        a->out = json_deep_copy(json_object_get(row, "body"));
        json_object_set(a->out, "id", json_object_get(row, "id"));
        json_object_set(a->out, "unit", json_object_get(row, "unit"));
    }
    json_decref(row);
    return rc;
}

int app_assess_file_add(const AppContext *cx, long long plan_id, const AssessFile *f, json_t **out, ZfError *err)
{
    FillArgs a = {.plan_id = plan_id, .f = f};
    int rc = assess_in_tx(cx, file_tx, &a, err);
    *out = a.out;
    return rc;
}

int app_assess_file_get(const AppContext *cx, long long plan_id, long long file_id, json_t **out, ZfError *err)
{
    json_t *plan, *row;
    if (assess_plan_load(cx, plan_id, NEED_READ, &plan, err) != ZF_OK) return ZF_ERR;
    bool all = assess_sees_all(cx, plan);
    json_decref(plan);
    if (store_assess_get(cx->store, ASSESS_FILE, file_id, &row, err) != ZF_OK) return ZF_ERR;
    bool ok = json_integer_value(json_object_get(row, "plan_id")) == plan_id &&
              (all || (cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, str(row, "unit")) == 0));
    if (!ok) return json_decref(row), zf_fail(err, 404, "not_found", NULL, "佐证材料不存在");
    *out = json_deep_copy(json_object_get(row, "body"));
    json_object_set(*out, "id", json_object_get(row, "id"));
    json_decref(row);
    return ZF_OK;
}

/* The evidence as [{id, name, sm3, size}] of files of this plan and unit; 422 for another's. */
static int evidence_of(const AppContext *cx, long long plan_id, const char *unit, const json_t *ids, json_t **out,
                       ZfError *err)
{
    size_t i;
    json_t *v;
    if (ids && !json_is_array(ids)) return zf_fail(err, 400, "invalid_param", "evidence", "佐证材料应为附件编号的数组");
    if (json_array_size(ids) > 50) return zf_fail(err, 400, "invalid_param", "evidence", "佐证材料最多 50 个");
    *out = json_array();
    json_array_foreach(ids, i, v) {
        json_t *row;
        ZfError e;
        if (!json_is_integer(v) || store_assess_get(cx->store, ASSESS_FILE, json_integer_value(v), &row, &e) != ZF_OK) {
            json_decref(*out);
            return zf_fail(err, 422, "evidence_unknown", "evidence", "佐证材料 %zu 不存在", i + 1);
        }
        bool mine = json_integer_value(json_object_get(row, "plan_id")) == plan_id && strcmp(str(row, "unit"), unit) == 0;
        json_t *b = json_object_get(row, "body");
        if (mine)
            json_array_append_new(*out, json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(row, "id"), "name",
                                                  json_object_get(b, "name"), "sm3", json_object_get(b, "sm3"), "size",
                                                  json_object_get(b, "size")));
        json_decref(row);
        if (!mine) {
            json_decref(*out);
            return zf_fail(err, 422, "evidence_unknown", "evidence", "佐证材料 %zu 不是本单位为本方案上传的", i + 1);
        }
    }
    return ZF_OK;
}

/* The stored filling of (plan, unit, indicator), or NULL. */
static json_t *filling_of(const AppContext *cx, long long plan_id, const char *unit, const char *indicator)
{
    json_t *rows = NULL, *row = NULL;
    ZfError e;
    AssessFilter f = {.plan_id = plan_id, .unit = unit, .indicator = indicator};
    if (store_assess_rows(cx->store, ASSESS_FILLING, &f, &rows, &e) == ZF_OK && json_array_size(rows) > 0)
        row = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return row;
}

static json_t *filling_json(const json_t *row)
{
    json_t *out = json_deep_copy(json_object_get(row, "body"));
    static const char *const COLS[] = {"id", "plan_id", "unit", "indicator", "status"};
    for (size_t i = 0; i < sizeof COLS / sizeof *COLS; i++) json_object_set(out, COLS[i], json_object_get(row, COLS[i]));
    return out;
}

static int filling_tx(const AppContext *cx, void *arg, ZfError *err)
{
    FillArgs *a = arg;
    json_t *plan, *evidence = NULL;
    char now[32];
    if (load_for_unit(cx, a->plan_id, a->unit, &plan, err) != ZF_OK) return ZF_ERR;
    const json_t *inds = json_object_get(json_object_get(plan, "body"), "indicators");
    const json_t *ind = assess_indicator(inds, a->indicator);
    int rc = ZF_OK;
    if (!ind) rc = zf_fail(err, 404, "not_found", "indicator", "考核指标不存在");
    else if (strcmp(str(ind, "source"), "manual") != 0 || !assess_indicator_is_leaf(inds, a->indicator))
        rc = zf_fail(err, 422, "not_fillable", "indicator", "该指标由系统计算或由下级指标组成，不需填报");
    json_decref(plan);
    json_t *v = json_object_get(a->in, "value");
    if (rc == ZF_OK && v && !json_is_null(v) && !json_is_number(v)) rc = text_field(a->in, "value", 4000, false, "填报内容", err);
    if (rc == ZF_OK) rc = text_field(a->in, "note", 4000, false, "说明", err);
    if (rc == ZF_OK) rc = evidence_of(cx, a->plan_id, a->unit, json_object_get(a->in, "evidence"), &evidence, err);
    if (rc != ZF_OK) return rc;
    json_t *row = filling_of(cx, a->plan_id, a->unit, a->indicator);
    if (row && strcmp(str(row, "status"), "accepted") == 0) {
        json_decref(row), json_decref(evidence);
        return zf_fail(err, 409, "accepted", NULL, "该指标的填报已审核通过，不能再修改");
    }
    app_utc_now(now);
    json_t *body = json_pack("{s:O?, s:O?, s:o, s:s, s:s, s:n}", "value", v, "note", json_object_get(a->in, "note"), "evidence",
                             evidence, "filled_by", cx->user ? cx->user->username : "system", "filled_at", now, "review");
    if (!row) row = json_pack("{s:I, s:s, s:s}", "plan_id", (json_int_t)a->plan_id, "unit", a->unit, "indicator", a->indicator);
    else if (json_object_get(json_object_get(row, "body"), "contest"))
        json_object_set(body, "contest", json_object_get(json_object_get(row, "body"), "contest"));
    json_object_set_new(row, "status", json_string("submitted"));
    json_object_set_new(row, "body", body);
    rc = assess_put(cx->store, ASSESS_FILLING, row, err);
    if (rc == ZF_OK) a->out = filling_json(row);
    json_decref(row);
    return rc;
}

int app_assess_filling_put(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                           const json_t *in, json_t **out, ZfError *err)
{
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_json", NULL, "请求内容应为 JSON 对象");
    FillArgs a = {.plan_id = plan_id, .unit = unit, .indicator = indicator, .in = in};
    int rc = assess_in_tx(cx, filling_tx, &a, err);
    *out = a.out;
    return rc;
}

static int review_tx(const AppContext *cx, void *arg, ZfError *err)
{
    FillArgs *a = arg;
    json_t *plan;
    char now[32];
    if (assess_plan_load(cx, a->plan_id, NEED_SCORE, &plan, err) != ZF_OK) return ZF_ERR;
    bool open = strcmp(str(plan, "status"), "published") == 0;
    const json_t *inds = json_object_get(json_object_get(plan, "body"), "indicators");
    a->group_ok = assess_group_reviewer(assess_indicator_group(inds, a->indicator), cx->user ? cx->user->username : NULL) || !cx->user;
    json_decref(plan);
    if (!open) return zf_fail(err, 409, "not_open", NULL, "考核方案未发布或已关闭，不能审核");
    json_t *row = filling_of(cx, a->plan_id, a->unit, a->indicator);
    if (!row) return zf_fail(err, 404, "not_found", NULL, "该单位尚未填报此指标");
    int rc = ZF_OK;
    if (!a->group_ok) rc = zf_fail(err, 403, "not_group_reviewer", NULL, "该指标组指定了审核人员，您不在其中");
    bool accept = strcmp(a->action, "accept") == 0;
    if (strcmp(str(row, "status"), "submitted") != 0)
        rc = zf_fail(err, 409, "invalid_transition", NULL, "只有已提交的填报可以审核");
    else if (!accept && (!a->note || text_blank(a->note)))
        rc = zf_fail(err, 400, "invalid_param", "note", "退回须说明理由");
    if (rc == ZF_OK) {
        app_utc_now(now);
        json_object_set_new(row, "status", json_string(accept ? "accepted" : "returned"));
        json_object_set_new(json_object_get(row, "body"), "review",
                            json_pack("{s:s, s:s?, s:s, s:s}", "action", a->action, "note", a->note, "by",
                                      cx->user ? cx->user->username : "system", "at", now));
        rc = assess_put(cx->store, ASSESS_FILLING, row, err);
        if (rc == ZF_OK) a->out = filling_json(row);
    }
    json_decref(row);
    return rc;
}

int app_assess_filling_review(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                              const char *action, const char *note, json_t **out, ZfError *err)
{
    if (!action || (strcmp(action, "accept") != 0 && strcmp(action, "return") != 0))
        return zf_fail(err, 400, "invalid_param", "action", "审核结果应为 accept（通过）或 return（退回）");
    if (note && strlen(note) > 2000) return zf_fail(err, 400, "invalid_param", "note", "理由过长");
    FillArgs a = {.plan_id = plan_id, .unit = unit, .indicator = indicator, .action = action, .note = note};
    int rc = assess_in_tx(cx, review_tx, &a, err);
    *out = a.out;
    return rc;
}

static int contest_tx(const AppContext *cx, void *arg, ZfError *err)
{
    FillArgs *a = arg;
    json_t *plan;
    char now[32];
    if (load_for_unit(cx, a->plan_id, a->unit, &plan, err) != ZF_OK) return ZF_ERR;
    const json_t *ind = assess_indicator(json_object_get(json_object_get(plan, "body"), "indicators"), a->indicator);
    json_t *metrics = assess_metrics(cx->store);
    json_t *computed = ind && strcmp(str(ind, "source"), "computed") == 0 ? assess_computed(cx, plan, metrics, ind, a->unit) : NULL;
    json_decref(metrics);
    json_decref(plan);
    if (!computed) return zf_fail(err, 422, "not_computed", "indicator", "只能对系统计算的指标提出异议");
    json_t *row = filling_of(cx, a->plan_id, a->unit, a->indicator);
    if (!row) row = json_pack("{s:I, s:s, s:s, s:{}}", "plan_id", (json_int_t)a->plan_id, "unit", a->unit, "indicator", a->indicator, "body");
    app_utc_now(now);
    json_object_set_new(row, "status", json_string("contested"));
    json_object_set_new(json_object_get(row, "body"), "contest",
                        json_pack("{s:s, s:s, s:s, s:o}", "reason", a->note, "by", cx->user ? cx->user->username : "system",
                                  "at", now, "computed", computed));
    int rc = assess_put(cx->store, ASSESS_FILLING, row, err);
    if (rc == ZF_OK) a->out = filling_json(row);
    json_decref(row);
    return rc;
}

int app_assess_contest(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                       const char *reason, json_t **out, ZfError *err)
{
    if (!reason || text_blank(reason) || strlen(reason) > 2000 || !text_utf8_valid(reason, strlen(reason)))
        return zf_fail(err, 400, "invalid_param", "reason", "请说明异议理由（不超过 2000 字节）");
    if (!unit || !indicator) return zf_fail(err, 400, "invalid_param", "indicator", "请指明单位和指标");
    FillArgs a = {.plan_id = plan_id, .unit = unit, .indicator = indicator, .note = reason};
    int rc = assess_in_tx(cx, contest_tx, &a, err);
    *out = a.out;
    return rc;
}
