/* The inspection task opened for a drawn plan item or a joint plan (docs/inspections.md): the case
 * number is kept with the plan, in the same transaction as the case, so the plan page shows the
 * task instead of offering a second one. A plan item's task is its agency's; a joint plan's is its
 * lead agency's (one visit, one task). The plan's items are not touched: the draw's ledger event
 * holds them, and `zhifa inspection verify` compares the two. When the case records its result
 * (检查合格 / 责令改正 / 移送立案) the result is written back to the plan in the step's transaction, so the
 * published plan shows it without a second entry by hand. */
#include "app/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/insp_log.h"
#include "app/logged_row.h"
#include "store/inspections.h"
#include "util/date.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* "PLAN:ENTITY": the plan's id and the drawn entity's credit code. */
static bool parse_item_ref(const char *ref, long long *plan, char entity[65])
{
    char *end;
    if (!ref) return false;
    *plan = strtoll(ref, &end, 10);
    if (end == ref || *end != ':' || *plan <= 0 || !end[1] || strlen(end + 1) > 64) return false;
    snprintf(entity, 65, "%s", end + 1);
    return true;
}

static bool item_drawn(const json_t *body, const char *entity)
{
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(body, "items"), i, it) if (str(it, "entity") && strcmp(str(it, "entity"), entity) == 0) return true;
    return false;
}

static int check_item(const json_t *row, const char *entity, const char *agency, const char *party_id, ZfError *err)
{
    const json_t *b = json_object_get(row, "body");
    if (!agency || strcmp(str(row, "agency"), agency) != 0)
        return zf_fail(err, 403, "forbidden", "plan_item", "只能为本机关抽查计划抽中的对象发起检查任务");
    if (strcmp(str(row, "status"), "draft") == 0 || !item_drawn(b, entity))
        return zf_fail(err, 400, "invalid_field", "plan_item", "该检查对象不在本计划抽取的名单中");
    if (!party_id || strcmp(party_id, entity) != 0)
        return zf_fail(err, 400, "invalid_field", "party", "当事人应为抽中的检查对象");
    const char *open = str(json_object_get(b, "tasks"), entity);
    if (open) return zf_fail(err, 409, "task_exists", "plan_item", "该检查对象已发起检查任务（%s）", open);
    return ZF_OK;
}

int app_insp_plan_task(const AppContext *cx, const char *ref, const json_t *party, const char *case_no, ZfError *err)
{
    long long id;
    char entity[65];
    json_t *row;
    if (!parse_item_ref(ref, &id, entity))
        return zf_fail(err, 400, "invalid_field", "plan_item", "plan_item 应为“计划编号:检查对象统一社会信用代码”");
    if (store_insp_get(cx->store, INSP_PLAN, id, &row, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 400, "invalid_field", "plan_item", "抽查计划不存在") : ZF_ERR;
    int rc = check_item(row, entity, cx->user ? cx->user->agency : NULL, str(party, "id_no"), err);
    if (rc == ZF_OK) {
        json_t *b = json_object_get(row, "body");
        if (!json_is_object(json_object_get(b, "tasks"))) json_object_set_new(b, "tasks", json_object());
        json_object_set_new(json_object_get(b, "tasks"), entity, json_string(case_no));
        rc = app_insp_plan_put(cx->store, row, err);
    }
    json_decref(row);
    return rc;
}

static int check_joint(const json_t *row, const char *agency, const char *party_id, ZfError *err)
{
    const json_t *b = json_object_get(row, "body");
    if (!agency || strcmp(str(row, "lead_agency"), agency) != 0)
        return zf_fail(err, 403, "not_lead_agency", "joint_plan", "联合检查任务由牵头单位发起");
    if (!party_id || !str(json_object_get(b, "entity"), "id_no") || strcmp(party_id, str(json_object_get(b, "entity"), "id_no")) != 0)
        return zf_fail(err, 400, "invalid_field", "party", "当事人应为联合检查计划的检查对象");
    if (str(b, "case_no")) return zf_fail(err, 409, "task_exists", "joint_plan", "该联合检查计划已发起检查任务（%s）", str(b, "case_no"));
    return ZF_OK;
}

int app_joint_plan_task(const AppContext *cx, const json_t *ref, const json_t *party, const char *case_no, ZfError *err)
{
    long long id = json_is_integer(ref) ? json_integer_value(ref) : json_is_string(ref) ? strtoll(json_string_value(ref), NULL, 10) : 0;
    json_t *row;
    if (id <= 0) return zf_fail(err, 400, "invalid_field", "joint_plan", "joint_plan 应为联合检查计划的编号");
    if (store_insp_get(cx->store, JOINT_PLAN, id, &row, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 400, "invalid_field", "joint_plan", "联合检查计划不存在") : ZF_ERR;
    int rc = check_joint(row, cx->user ? cx->user->agency : NULL, str(party, "id_no"), err);
    if (rc == ZF_OK) {
        json_object_set_new(json_object_get(row, "body"), "case_no", json_string(case_no));
        rc = app_joint_plan_put(cx->store, row, err);
    }
    json_decref(row);
    return rc;
}

/* ---- the task's result, reported back ---- */

/* The case's result (its state's ok / correct / transfer) in the words of the plan's results. */
static const char *result_words(const char *result)
{
    if (!result) return NULL;
    if (strcmp(result, "ok") == 0) return "未发现问题";
    if (strcmp(result, "correct") == 0) return "责令改正";
    if (strcmp(result, "transfer") == 0) return "移送立案";
    return NULL;
}

static json_t *result_entry(const AppContext *cx, const char *words, const char *inspected_on, const char *case_no)
{
    char now[32], note[160];
    app_utc_now(now);
    snprintf(note, sizeof note, "检查任务 %s 登记", case_no);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "result", words, "inspected_on", inspected_on, "note", note,
                     "by", cx->user ? cx->user->username : "", "at", now, "case_no", case_no);
}

/* The plan item whose task this case is (tasks[entity] names it; a plan edited since is left alone). */
static int report_item(const AppContext *cx, const char *ref, json_t *entry, ZfError *err)
{
    long long id;
    char entity[65];
    json_t *row;
    if (!parse_item_ref(ref, &id, entity)) return ZF_OK;
    if (store_insp_get(cx->store, INSP_PLAN, id, &row, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
    json_t *b = json_object_get(row, "body");
    const char *task = str(json_object_get(b, "tasks"), entity);
    int rc = ZF_OK;
    if (task && strcmp(task, str(entry, "case_no")) == 0) {
        if (!json_is_object(json_object_get(b, "results"))) json_object_set_new(b, "results", json_object());
        json_object_set(json_object_get(b, "results"), entity, entry);
        rc = app_insp_plan_put(cx->store, row, err);
    }
    json_decref(row);
    return rc;
}

/* The joint plan's items of the lead agency (the case's): the task is the lead agency's visit; the
 * other agencies record their own items. With the last result the plan is done, as by hand. */
static int report_joint(const AppContext *cx, long long id, const char *agency, const json_t *entry, zf_day on, ZfError *err)
{
    json_t *row, *it;
    size_t i;
    if (store_insp_get(cx->store, JOINT_PLAN, id, &row, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
    json_t *b = json_object_get(row, "body");
    int rc = ZF_OK;
    if (str(b, "case_no") && strcmp(str(b, "case_no"), str(entry, "case_no")) == 0) {
        bool all = true;
        json_array_foreach(json_object_get(b, "items"), i, it) {
            if (agency && strcmp(str(it, "agency"), agency) == 0) {
                static const char *const keys[] = {"result", "note", "by", "at", NULL};
                for (int k = 0; keys[k]; k++) json_object_set(it, keys[k], json_object_get(entry, keys[k]));
            }
            if (!str(it, "result") || !*str(it, "result")) all = false;
        }
        if (all && strcmp(str(row, "status"), "done") != 0) {
            char day[ZF_DATE_LEN];
            date_format(on, day);
            json_object_set_new(row, "status", json_string("done"));
            json_object_set_new(b, "done_on", json_string(day));
        }
        rc = app_joint_plan_put(cx->store, row, err);
    }
    json_decref(row);
    return rc;
}

int app_insp_task_result(const AppContext *cx, const json_t *rec, const json_t *state, zf_day on, ZfError *err)
{
    const char *words = result_words(str(state, "result")), *item = str(state, "plan_item");
    const json_t *joint = json_object_get(state, "joint_plan");
    if (!words || (!item && !joint)) return ZF_OK;
    char day[ZF_DATE_LEN];
    date_format(on, day);
    json_t *entry = result_entry(cx, words, str(rec, "inspected_on") ? str(rec, "inspected_on") : day, str(rec, "case_no"));
    int rc = item ? report_item(cx, item, entry, err) : ZF_OK;
    long long jid = json_is_integer(joint) ? json_integer_value(joint) : json_is_string(joint) ? strtoll(json_string_value(joint), NULL, 10) : 0;
    if (rc == ZF_OK && jid > 0) rc = report_joint(cx, jid, str(rec, "agency"), entry, on, err);
    json_decref(entry);
    return rc;
}
