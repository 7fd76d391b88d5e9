/* 双随机抽查计划 (docs/inspections.md): creation (the rule resolved once: a count, or a ratio per
 * 信用风险分类 level from the plan or the settings), the draw (domain/insp_draw.c) over the
 * directory as it stands — recorded in the plan with the population it drew from and logged as an
 * inspection.draw event in the same savepoint, so it cannot be re-rolled quietly —, the results,
 * their publication (一公开) and the recomputation `zhifa inspection verify` runs. */
#include "app/inspections.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/insp_log.h"
#include "app/logged_row.h"
#include "domain/insp_draw.h"
#include "ledger/ledger.h"
#include "store/inspections.h"
#include "store/ledger_store.h"
#include "store/settings.h"
#include "util/text.h"

#define EVENT_DRAW "inspection.draw"
#define SUBJECT_PREFIX "inspection-plan:"
#define SEED_MAX_BYTES 64

static const char *const RESULTS[] = {"未发现问题", "责令改正", "移送立案", "未找到检查对象", NULL};
static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_t *body_of(const json_t *row) { return json_object_get(row, "body"); }

/* ---- creation ---- */

static int check_seed(const json_t *in, char seed[SEED_MAX_BYTES + 1], ZfError *err)
{
    json_t *v = json_object_get(in, "seed");
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
        unsigned char r[8];
        if (RAND_bytes(r, sizeof r) != 1) return zf_fail(err, 500, "internal", NULL, "无法生成随机种子");
        for (int i = 0; i < 8; i++) snprintf(seed + 2 * i, 3, "%02x", r[i]);
        return ZF_OK;
    }
    if (json_is_integer(v) && json_integer_value(v) >= 0) {
        snprintf(seed, SEED_MAX_BYTES + 1, "%lld", (long long)json_integer_value(v));
        return ZF_OK;
    }
    const char *s = json_string_value(v);
    if (!s || strlen(s) > SEED_MAX_BYTES || !text_utf8_valid(s, strlen(s)))
        return zf_fail(err, 400, "invalid_field", "seed", "随机种子应为不超过 64 字节的文字或非负整数");
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20) return zf_fail(err, 400, "invalid_field", "seed", "随机种子不能含控制字符");
    snprintf(seed, SEED_MAX_BYTES + 1, "%s", s);
    return ZF_OK;
}

/* {"count": N} or {"ratio": {"A"…"D": pct}, "ratio_basis": "plan"|"settings"}. */
static int resolve_rule(Store *st, const json_t *in, json_t **rule, ZfError *err)
{
    json_t *count = json_object_get(in, "count"), *ratio = json_object_get(in, "ratio");
    if (count && !json_is_null(count) && ratio && !json_is_null(ratio))
        return zf_fail(err, 400, "invalid_field", "count", "抽取数量与抽取比例只能填一项");
    if (count && !json_is_null(count)) {
        if (!json_is_integer(count) || json_integer_value(count) < 1 || json_integer_value(count) > 10000)
            return zf_fail(err, 400, "invalid_field", "count", "抽取数量应为 1 至 10000 的整数");
        *rule = json_pack("{s:O}", "count", count);
        return ZF_OK;
    }
    static const char *const SETTING[] = {"inspection_ratio_a", "inspection_ratio_b", "inspection_ratio_c", "inspection_ratio_d"};
    static const int DEFAULTS[] = {3, 5, 10, 20};
    json_t *pct = json_object();
    bool from_plan = ratio && !json_is_null(ratio);
    if (from_plan && !json_is_integer(ratio) && !json_is_object(ratio))
        return json_decref(pct), zf_fail(err, 400, "invalid_field", "ratio", "抽取比例应为 1 至 100 的整数（百分比），或按信用风险分类分别填写");
    for (int i = 0; i < 4; i++) {
        char key[2] = {INSP_LEVELS[i], 0};
        json_t *v = json_is_integer(ratio) ? ratio : json_object_get(ratio, key);
        long long p = store_setting_int(st, SETTING[i], DEFAULTS[i]);
        if (v && !json_is_null(v)) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
                return json_decref(pct), zf_fail(err, 400, "invalid_field", "ratio", "%s 类的抽取比例应为 0 至 100 的整数（百分比）", key);
            p = json_integer_value(v);
        }
        json_object_set_new(pct, key, json_integer(p));
    }
    *rule = json_pack("{s:o, s:s}", "ratio", pct, "ratio_basis", from_plan ? "plan" : "settings");
    return ZF_OK;
}

static json_t *plan_reply(Store *st, const json_t *row)
{
    json_t *out = insp_flat(row);
    char code[19], name[256], region[7];
    AppContext sys = {.store = st};
    ZfError e;
    if (insp_agency(&sys, str(row, "agency"), code, name, region, &e) == ZF_OK) json_object_set_new(out, "agency_name", json_string(name));
    return out;
}

int app_insp_plan_create(const AppContext *cx, const json_t *in, json_t **out, ZfError *err)
{
    char agency[19], name[256], region[7], seed[SEED_MAX_BYTES + 1], now[32];
    json_t *rule = NULL, *k = json_object_get(in, "inspectors_per_entity");
    if (insp_agency(cx, str(in, "agency"), agency, name, region, err) != ZF_OK) return ZF_ERR;
    if (insp_text(in, "name", "计划名称", 100, true, err) != ZF_OK || insp_text(in, "matter", "抽查事项", 200, false, err) != ZF_OK)
        return ZF_ERR;
    long long per = store_setting_int(cx->store, "inspection_inspectors_per_entity", 2);
    if (k && !json_is_null(k)) {
        if (!json_is_integer(k) || json_integer_value(k) < 2 || json_integer_value(k) > 5)
            return zf_fail(err, 400, "invalid_field", "inspectors_per_entity", "每个检查对象的检查人员应为 2 至 5 人（执法人员不得少于两人）");
        per = json_integer_value(k);
    }
    if (check_seed(in, seed, err) != ZF_OK || resolve_rule(cx->store, in, &rule, err) != ZF_OK) return ZF_ERR;
    app_utc_now(now);
    json_t *row = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:o, s:I, s:s, s:o}}", "agency", agency, "status", "draft",
                            "created_by", cx->user ? cx->user->username : "", "body", "name", str(in, "name"), "matter",
                            str(in, "matter") ? str(in, "matter") : "", "seed", seed, "rule", rule, "inspectors_per_entity",
                            (json_int_t)per, "created_at", now, "results", json_object());
    int rc = app_insp_plan_put(cx->store, row, err);
    if (rc == ZF_OK) *out = plan_reply(cx->store, row);
    json_decref(row);
    return rc;
}

/* ---- reading ---- */

static int plan_in_scope(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    char code[19], name[256], region[7];
    if (store_insp_get(cx->store, INSP_PLAN, id, row, err) != ZF_OK) return ZF_ERR;
    if (insp_agency(cx, str(*row, "agency"), code, name, region, err) == ZF_OK) return ZF_OK;
    json_decref(*row);
    return zf_fail(err, 404, "not_found", NULL, "抽查计划不存在");
}

int app_insp_plans(const AppContext *cx, const char *agency_in, json_t **out, ZfError *err)
{
    json_t *rows, *r;
    size_t i;
    char code[19], name[256], region[7];
    InspFilter f = {0};
    if ((agency_in && *agency_in) || cx->scope.kind == SCOPE_AGENCY) {
        if (insp_agency(cx, agency_in, code, name, region, err) != ZF_OK) return ZF_ERR;
        f.agency = code;
    }
    if (store_insp_rows(cx->store, INSP_PLAN, &f, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_array();
    json_array_foreach(rows, i, r) {
        ZfError e;
        if (insp_agency(cx, str(r, "agency"), code, name, region, &e) != ZF_OK) continue;
        json_t *p = insp_flat(r);
        json_object_set_new(p, "agency_name", json_string(name));
        json_object_set_new(p, "drawn", json_integer((json_int_t)json_array_size(json_object_get(p, "items"))));
        json_object_del(p, "population");
        json_object_del(p, "items");
        json_object_del(p, "results");
        json_object_del(p, "tasks");
        json_array_insert_new(items, 0, p); /* newest first */
    }
    json_decref(rows);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

/* The items with each entity's name, level and result, for people (the plan page, the portal). */
static json_t *items_named(const json_t *body)
{
    json_t *names = json_object(), *e, *it, *out = json_array();
    size_t i;
    json_array_foreach(json_object_get(json_object_get(body, "population"), "entities"), i, e)
        json_object_set(names, str(e, "entity"), e);
    json_array_foreach(json_object_get(body, "items"), i, it) {
        json_t *ent = json_object_get(names, str(it, "entity")), *res = json_object_get(json_object_get(body, "results"), str(it, "entity"));
        json_t *x = json_deep_copy(it);
        json_object_set(x, "name", json_object_get(ent, "name"));
        json_object_set(x, "kind", json_object_get(ent, "kind"));
        json_object_set(x, "level", json_object_get(ent, "level"));
        if (res) json_object_update(x, res);
        json_t *task = json_object_get(json_object_get(body, "tasks"), str(it, "entity")); /* app/insp_tasks.c */
        if (task) json_object_set(x, "case_no", task);
        json_array_append_new(out, x);
    }
    json_decref(names);
    return out;
}

int app_insp_plan(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row;
    if (plan_in_scope(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    *out = plan_reply(cx->store, row);
    json_object_set_new(*out, "items", items_named(body_of(row)));
    json_t *pop = json_object_get(body_of(row), "population");
    json_object_set_new(*out, "population_size", json_pack("{s:I, s:I}", "entities", (json_int_t)json_array_size(json_object_get(pop, "entities")),
                                                           "officers", (json_int_t)json_array_size(json_object_get(pop, "officers"))));
    json_object_del(*out, "population");
    json_decref(row);
    return ZF_OK;
}

/* ---- the draw ---- */

/* The directory as it stands today: the active entities by credit_code, the agency's certified
 * officers by cert_no with their 回避 lists. */
static int population(const AppContext *cx, const char *agency, json_t **pop, ZfError *err)
{
    json_t *rows, *r, *ents = json_array(), *offs = json_array();
    size_t i;
    char today[ZF_DATE_LEN];
    date_format(cx->today, today);
    InspFilter f = {.agency = agency, .status = "active", .by_key = true};
    if (store_insp_rows(cx->store, INSP_ENTITY, &f, &rows, err) != ZF_OK) goto fail;
    json_array_foreach(rows, i, r) {
        json_t *b = body_of(r);
        json_array_append_new(ents, json_pack("{s:O, s:O, s:O, s:O}", "entity", json_object_get(r, "credit_code"), "name",
                                              json_object_get(b, "name"), "kind", json_object_get(b, "kind"), "level",
                                              json_object_get(b, "credit_level")));
    }
    json_decref(rows);
    if (store_insp_officers(cx->store, agency, &rows, err) != ZF_OK) goto fail;
    json_array_foreach(rows, i, r) {
        const char *from = str(r, "cert_valid_from"), *to = str(r, "cert_valid_to");
        if (!str(r, "status") || strcmp(str(r, "status"), "active") != 0 || (from && strcmp(from, today) > 0) || !to ||
            strcmp(today, to) > 0)
            continue;
        json_array_append_new(offs, json_pack("{s:O, s:O, s:O}", "cert_no", json_object_get(r, "cert_no"), "name",
                                              json_object_get(r, "name"), "avoid", json_object_get(r, "avoid")));
    }
    json_decref(rows);
    *pop = json_pack("{s:o, s:o}", "entities", ents, "officers", offs);
    return ZF_OK;
fail:
    json_decref(ents), json_decref(offs);
    return ZF_ERR;
}

static json_t *draw_reply(const json_t *body)
{
    return json_pack("{s:O, s:O, s:O}", "items", json_object_get(body, "items"), "drawn_at", json_object_get(body, "drawn_at"),
                     "ledger_seq", json_object_get(body, "draw_seq"));
}

/* What the inspection.draw event holds: everything the draw needs to be recomputed, and its result. */
static json_t *draw_event(long long id, const char *agency, const json_t *b)
{
    return json_pack("{s:I, s:s, s:O, s:O, s:O, s:O, s:O, s:O}", "plan", (json_int_t)id, "agency", agency, "seed",
                     json_object_get(b, "seed"), "rule", json_object_get(b, "rule"), "inspectors_per_entity",
                     json_object_get(b, "inspectors_per_entity"), "population", json_object_get(b, "population"), "items",
                     json_object_get(b, "items"), "drawn_at", json_object_get(b, "drawn_at"));
}

static int record_draw(const AppContext *cx, json_t *row, json_t *pop, json_t *items, ZfError *err)
{
    char now[32], subject[48];
    long long id = json_integer_value(json_object_get(row, "id"));
    json_t *b = body_of(row);
    uint64_t seq = 0;
    app_utc_now(now);
    json_object_set_new(b, "population", pop);
    json_object_set_new(b, "items", items);
    json_object_set_new(b, "drawn_at", json_string(now));
    json_object_set_new(b, "drawn_by", json_string(cx->user ? cx->user->username : ""));
    json_object_set_new(row, "status", json_string("drawn"));
    snprintf(subject, sizeof subject, SUBJECT_PREFIX "%lld", id);
    if (store_savepoint(cx->store, "insp_draw", err) != ZF_OK) return ZF_ERR;
    json_t *now_row = NULL; /* drawn meanwhile by another request: never a second event */
    if (store_insp_get(cx->store, INSP_PLAN, id, &now_row, err) != ZF_OK || strcmp(str(now_row, "status"), "draft") != 0) {
        json_decref(now_row);
        store_rollback_to(cx->store, "insp_draw");
        return zf_fail(err, 409, "already_drawn", NULL, "该计划已经抽取，请刷新后查看抽取结果");
    }
    json_decref(now_row);
    json_t *ev = draw_event(id, str(row, "agency"), b);
    int rc = ledger_append_seq(cx->store, EVENT_DRAW, subject, ev, &seq, err);
    json_decref(ev);
    json_object_set_new(b, "draw_seq", json_integer((json_int_t)seq));
    if (rc == ZF_OK) rc = app_insp_plan_put(cx->store, row, err);
    if (rc == ZF_OK) return store_release(cx->store, "insp_draw", err);
    store_rollback_to(cx->store, "insp_draw");
    return ZF_ERR;
}

int app_insp_plan_draw(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row, *pop, *items;
    if (plan_in_scope(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_t *b = body_of(row);
    int rc = ZF_OK;
    if (strcmp(str(row, "status"), "draft") != 0) {
        *out = draw_reply(b); /* drawn once: the recorded list, never a new one */
    } else if ((rc = population(cx, str(row, "agency"), &pop, err)) == ZF_OK) {
        if (json_array_size(json_object_get(pop, "entities")) == 0) {
            json_decref(pop);
            rc = zf_fail(err, 409, "empty_directory", NULL, "本单位检查对象名录中没有在册的检查对象，无法抽取");
        } else if ((rc = insp_draw(str(b, "seed"), json_object_get(b, "rule"), (int)json_integer_value(json_object_get(b, "inspectors_per_entity")),
                                   pop, &items, err)) != ZF_OK) {
            json_decref(pop);
        } else if ((rc = record_draw(cx, row, pop, items, err)) == ZF_OK) {
            *out = draw_reply(b);
        }
    }
    json_decref(row);
    return rc;
}

/* ---- results and 一公开 ---- */

int app_insp_plan_result(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    json_t *row, *it;
    size_t i;
    const char *entity = str(in, "entity"), *result = str(in, "result"), *on = str(in, "inspected_on");
    zf_day d;
    if (plan_in_scope(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_t *b = body_of(row);
    bool found = false;
    json_array_foreach(json_object_get(b, "items"), i, it) if (entity && strcmp(str(it, "entity"), entity) == 0) found = true;
    int rc = ZF_OK;
    if (!found) rc = zf_fail(err, 400, "invalid_field", "entity", "该检查对象不在本计划抽取的名单中");
    else if (!result || !*result) rc = zf_fail(err, 400, "missing_field", "result", "请选择检查结果");
    else {
        size_t k = 0;
        while (RESULTS[k] && strcmp(RESULTS[k], result) != 0) k++;
        if (!RESULTS[k]) rc = zf_fail(err, 400, "invalid_field", "result", "检查结果应为未发现问题、责令改正、移送立案或未找到检查对象");
        else if (!on || !date_parse(on, &d) || d > cx->today) rc = zf_fail(err, 400, "invalid_date", "inspected_on", "检查日期格式应为 YYYY-MM-DD，且不晚于今天");
        else if (insp_text(in, "note", "说明", 500, false, err) != ZF_OK) rc = ZF_ERR;
    }
    if (rc == ZF_OK) {
        char now[32];
        app_utc_now(now);
        json_object_set_new(json_object_get(b, "results"), entity,
                            json_pack("{s:s, s:s, s:s, s:s, s:s}", "result", result, "inspected_on", on, "note",
                                      str(in, "note") ? str(in, "note") : "", "by", cx->user ? cx->user->username : "", "at", now));
        rc = app_insp_plan_put(cx->store, row, err);
    }
    if (rc == ZF_OK) rc = app_insp_plan(cx, id, out, err);
    json_decref(row);
    return rc;
}

int app_insp_plan_publish(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row;
    char today[ZF_DATE_LEN];
    if (plan_in_scope(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (strcmp(str(row, "status"), "draft") == 0) rc = zf_fail(err, 409, "not_drawn", NULL, "计划尚未抽取，不能公开");
    else {
        date_format(cx->today, today);
        json_object_set_new(row, "status", json_string("published"));
        json_object_set_new(body_of(row), "published_on", json_string(today));
        rc = app_insp_plan_put(cx->store, row, err);
    }
    if (rc == ZF_OK) rc = app_insp_plan(cx, id, out, err);
    json_decref(row);
    return rc;
}

int app_insp_public_results(Store *st, json_t **out, ZfError *err)
{
    json_t *rows, *r, *it;
    size_t i, j;
    InspFilter f = {.status = "published"};
    if (store_insp_rows(st, INSP_PLAN, &f, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_array();
    json_array_foreach(rows, i, r) {
        json_t *b = body_of(r), *p = plan_reply(st, r), *list = items_named(b), *pub = json_array();
        json_array_foreach(list, j, it) /* 一公开: the entity, the result; not the officers' numbers */
            json_array_append_new(pub, json_pack("{s:O, s:O, s:s, s:s}", "entity", json_object_get(it, "entity"), "name",
                                                 json_object_get(it, "name"), "result", str(it, "result") ? str(it, "result") : "检查结果尚未录入",
                                                 "inspected_on", str(it, "inspected_on") ? str(it, "inspected_on") : ""));
        json_array_insert_new(items, 0, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:o}", "id", json_object_get(r, "id"), "name",
                                                  json_object_get(b, "name"), "matter", json_object_get(b, "matter"), "agency_name",
                                                  json_object_get(p, "agency_name"), "drawn_at", json_object_get(b, "drawn_at"),
                                                  "published_on", json_object_get(b, "published_on"), "items", pub));
        json_decref(p), json_decref(list);
    }
    json_decref(rows);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

/* ---- verification ---- */

typedef struct {
    json_t *events; /* the inspection.draw events' data */
} DrawEvents;

static int take_event(const LedgerEventRow *row, void *ctx)
{
    DrawEvents *d = ctx;
    if (strcmp(row->type, EVENT_DRAW) != 0) return 0;
    json_t *ev = json_loadb(row->body, row->body_len, 0, NULL);
    json_t *data = json_object_get(ev, "data");
    if (data) {
        json_object_set_new(data, "__seq", json_integer((json_int_t)row->seq));
        json_array_append(d->events, data);
    }
    json_decref(ev);
    return 0;
}

static void problem(json_t *problems, const char *text) { json_array_append_new(problems, json_string(text)); }

static void compare_event(json_t *problems, const json_t *ev, const json_t *b)
{
    static const char *const KEYS[] = {"seed", "rule", "inspectors_per_entity", "population", "items", NULL};
    static const char *const WORDS[] = {"随机种子", "抽取规则", "每个对象的检查人员人数", "抽取时的检查对象与检查人员名录", "抽取结果", NULL};
    char text[256];
    for (int i = 0; KEYS[i]; i++)
        if (!json_equal(json_object_get(ev, KEYS[i]), json_object_get(b, KEYS[i]))) {
            snprintf(text, sizeof text, "计划记录的%s与存证（第 %lld 号事件）不一致", WORDS[i],
                     (long long)json_integer_value(json_object_get(ev, "__seq")));
            problem(problems, text);
        }
}

int app_insp_plan_verify(Store *st, long long id, json_t **problems, ZfError *err)
{
    json_t *row, *items = NULL;
    char subject[48];
    LedgerDb *db;
    DrawEvents d = {json_array()};
    if (store_insp_get(st, INSP_PLAN, id, &row, err) != ZF_OK) return json_decref(d.events), ZF_ERR;
    json_t *b = body_of(row);
    *problems = json_array();
    if (strcmp(str(row, "status"), "draft") == 0) problem(*problems, "计划尚未抽取");
    else {
        ZfError e;
        if (insp_draw(str(b, "seed") ? str(b, "seed") : "", json_object_get(b, "rule"),
                      (int)json_integer_value(json_object_get(b, "inspectors_per_entity")), json_object_get(b, "population"), &items, &e) != ZF_OK) {
            char text[640];
            snprintf(text, sizeof text, "按记录的随机种子与名录无法重新抽取：%s", e.message);
            problem(*problems, text);
        } else if (!json_equal(items, json_object_get(b, "items"))) {
            problem(*problems, "按记录的随机种子与名录重新抽取的结果与计划记录的抽取结果不一致");
        }
        snprintf(subject, sizeof subject, SUBJECT_PREFIX "%lld", id);
        int rc = ledger_db_open(st, &db, err);
        if (rc == ZF_OK) {
            rc = ledger_db_subject_events(db, subject, take_event, &d, err);
            ledger_db_close(db);
        }
        if (rc != ZF_OK) {
            json_decref(row), json_decref(items), json_decref(d.events), json_decref(*problems);
            return ZF_ERR;
        }
        if (json_array_size(d.events) == 0) problem(*problems, "存证中没有该计划的抽取记录");
        else if (json_array_size(d.events) > 1) problem(*problems, "存证中该计划有多次抽取记录（被重新抽取过）");
        else compare_event(*problems, json_array_get(d.events, 0), b);
    }
    json_decref(row), json_decref(items), json_decref(d.events);
    return ZF_OK;
}
