/* 综合查一次 (docs/inspections.md): the 事项目录清单 (which agencies' items are checked together at
 * which kind of entity), joint plans (one visit, a lead agency, items of several agencies, one
 * combined record with each agency's results), the proposals made from rule I02's warnings and the
 * visits saved per quarter. A supervisor plans within his region; an agency user reads the plans
 * his agency takes part in and records his agency's results. */
#include "app/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/insp_log.h"
#include "app/logged_row.h"
#include "domain/codes.h"
#include "store/inspections.h"
#include "util/text.h"

#define ITEMS_MAX 50
#define I02_WINDOW_DAYS 30 /* rules.md §4: that day and the 29 before */

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The region a supervisor plans in: his own, else his agency's. */
static const char *own_region(const AppContext *cx)
{
    if (!cx->user) return "";
    return cx->user->region[0] ? cx->user->region : cx->user->agency_region;
}

static bool region_in_scope(const AppContext *cx, const char *region)
{
    if (cx->scope.kind != SCOPE_REGION) return false;
    return strncmp(region ? region : "", cx->scope.region_prefix, strlen(cx->scope.region_prefix)) == 0;
}

/* items: [{agency, item}] with every agency in scope; *agencies: the distinct codes in order. */
static int check_items(const AppContext *cx, const json_t *items, json_t **agencies, ZfError *err)
{
    size_t i;
    json_t *it;
    char code[19], name[256], region[7];
    if (!json_is_array(items) || json_array_size(items) < 2 || json_array_size(items) > ITEMS_MAX)
        return zf_fail(err, 400, "invalid_field", "items", "请填写检查事项（2 至 %d 项）", ITEMS_MAX);
    *agencies = json_array();
    json_array_foreach(items, i, it) {
        if (insp_agency(cx, str(it, "agency"), code, name, region, err) != ZF_OK) {
            json_decref(*agencies);
            return zf_fail(err, 400, "invalid_field", "items", "第 %zu 项的执法主体不存在或不在本人管辖范围内", i + 1);
        }
        if (insp_text(it, "item", "检查事项", 100, true, err) != ZF_OK) {
            json_decref(*agencies);
            return zf_fail(err, 400, "invalid_field", "items", "第 %zu 项：%s", i + 1, err->message);
        }
        size_t k;
        json_t *a;
        bool seen = false;
        json_array_foreach(*agencies, k, a) if (strcmp(json_string_value(a), code) == 0) seen = true;
        if (!seen) json_array_append_new(*agencies, json_string(code));
    }
    if (json_array_size(*agencies) < 2) {
        json_decref(*agencies);
        return zf_fail(err, 400, "invalid_field", "items", "综合查一次应包含两个以上执法主体的检查事项");
    }
    return ZF_OK;
}

/* Does the row (a catalogue entry, a joint plan) name the agency among its agencies? */
static bool takes_part(const json_t *row, const char *agency)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(json_object_get(row, "body"), "agencies"), i, a)
        if (agency && strcmp(json_string_value(a), agency) == 0) return true;
    return false;
}

/* ---- 事项目录清单 ---- */

int app_joint_catalogue(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *rows, *r;
    size_t i;
    InspFilter f = {.status = "active", .region_prefix = cx->scope.kind == SCOPE_REGION ? cx->scope.region_prefix : NULL};
    if (store_insp_rows(cx->store, JOINT_CATALOGUE, &f, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_array();
    json_array_foreach(rows, i, r) /* an agency user: the entries that name his agency */
        if (cx->scope.kind != SCOPE_AGENCY || takes_part(r, cx->scope.agency)) json_array_append_new(items, insp_flat(r));
    json_decref(rows);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

int app_joint_catalogue_save(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    json_t *agencies, *row = NULL;
    const char *status = str(in, "status");
    if (id) {
        if (store_insp_get(cx->store, JOINT_CATALOGUE, id, &row, err) != ZF_OK) return ZF_ERR;
        if (!region_in_scope(cx, str(row, "region"))) return json_decref(row), zf_fail(err, 404, "not_found", NULL, "事项目录不存在");
    }
    if (insp_text(in, "name", "目录名称", 100, true, err) != ZF_OK || insp_text(in, "entity_kind", "检查对象类型", 50, true, err) != ZF_OK ||
        insp_text(in, "sector", "行业", 50, false, err) != ZF_OK || insp_text(in, "basis", "依据", 300, false, err) != ZF_OK ||
        check_items(cx, json_object_get(in, "items"), &agencies, err) != ZF_OK)
        return json_decref(row), ZF_ERR;
    if (status && strcmp(status, "active") != 0 && strcmp(status, "inactive") != 0)
        return json_decref(row), json_decref(agencies), zf_fail(err, 400, "invalid_field", "status", "状态不正确");
    if (!row) row = json_pack("{s:s}", "region", own_region(cx));
    json_object_set_new(row, "status", json_string(status ? status : "active"));
    json_object_set_new(row, "body", json_pack("{s:O, s:O, s:s, s:s, s:O, s:o}", "name", json_object_get(in, "name"), "entity_kind",
                                               json_object_get(in, "entity_kind"), "sector", str(in, "sector") ? str(in, "sector") : "",
                                               "basis", str(in, "basis") ? str(in, "basis") : "", "items",
                                               json_object_get(in, "items"), "agencies", agencies));
    int rc = store_insp_put(cx->store, JOINT_CATALOGUE, row, err);
    if (rc == ZF_OK) *out = insp_flat(row);
    json_decref(row);
    return rc;
}

/* ---- joint plans ---- */

static bool plan_visible(const AppContext *cx, const json_t *row)
{
    if (region_in_scope(cx, str(row, "region"))) return true;
    return cx->scope.kind == SCOPE_AGENCY && takes_part(row, cx->scope.agency);
}

static json_t *plan_reply(const AppContext *cx, const json_t *row)
{
    json_t *out = insp_flat(row), *names = json_object(), *a, *it;
    size_t i;
    char code[19], name[256], region[7];
    AppContext sys = {.store = cx->store};
    ZfError e;
    json_array_foreach(json_object_get(out, "agencies"), i, a)
        if (insp_agency(&sys, json_string_value(a), code, name, region, &e) == ZF_OK) json_object_set_new(names, code, json_string(name));
    json_array_foreach(json_object_get(out, "items"), i, it) json_object_set(it, "agency_name", json_object_get(names, str(it, "agency")));
    json_object_set(out, "lead_agency_name", json_object_get(names, str(row, "lead_agency")));
    json_object_set_new(out, "agency_names", names);
    return out;
}

int app_joint_plans(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *rows, *r;
    size_t i;
    if (store_insp_rows(cx->store, JOINT_PLAN, NULL, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_array();
    json_array_foreach(rows, i, r) if (plan_visible(cx, r)) json_array_insert_new(items, 0, plan_reply(cx, r));
    json_decref(rows);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

static int visible_plan(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    if (store_insp_get(cx->store, JOINT_PLAN, id, row, err) != ZF_OK) return ZF_ERR;
    if (plan_visible(cx, *row)) return ZF_OK;
    json_decref(*row);
    return zf_fail(err, 404, "not_found", NULL, "联合检查计划不存在");
}

int app_joint_plan(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row;
    if (visible_plan(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    *out = plan_reply(cx, row);
    json_decref(row);
    return ZF_OK;
}

static int check_party(const json_t *p, ZfError *err)
{
    const char *name = str(p, "name"), *id_no = str(p, "id_no"), *kind = str(p, "kind");
    if (!json_is_object(p) || !name || text_blank(name) || text_utf8_chars(name) > 100)
        return zf_fail(err, 400, "invalid_field", "entity", "请填写检查对象名称（不超过 100 字）");
    if (!kind || (strcmp(kind, "org") != 0 && strcmp(kind, "person") != 0))
        return zf_fail(err, 400, "invalid_field", "entity", "检查对象类别应为单位或个人");
    if (!id_no || !(strcmp(kind, "person") == 0 ? cnid_valid(id_no) : uscc_valid(id_no)))
        return zf_fail(err, 400, "invalid_field", "entity", "检查对象的统一社会信用代码或公民身份号码不正确");
    return ZF_OK;
}

int app_joint_plan_create(const AppContext *cx, const json_t *in, json_t **out, ZfError *err)
{
    json_t *agencies, *it, *src = json_object_get(in, "source");
    const char *lead = str(in, "lead_agency"), *on = str(in, "planned_on");
    size_t i;
    zf_day d;
    char now[32];
    if (insp_text(in, "name", "计划名称", 100, true, err) != ZF_OK || check_party(json_object_get(in, "entity"), err) != ZF_OK)
        return ZF_ERR;
    if (!on || !date_parse(on, &d)) return zf_fail(err, 400, "invalid_date", "planned_on", "计划检查日期格式应为 YYYY-MM-DD");
    if (check_items(cx, json_object_get(in, "items"), &agencies, err) != ZF_OK) return ZF_ERR;
    bool lead_ok = false;
    json_array_foreach(agencies, i, it) if (lead && strcmp(json_string_value(it), lead) == 0) lead_ok = true;
    if (!lead_ok) return json_decref(agencies), zf_fail(err, 400, "invalid_field", "lead_agency", "牵头单位应为参加检查的执法主体之一");
    if (src && !json_is_null(src) && (!json_is_object(src) || json_dumpb(src, NULL, 0, JSON_COMPACT) > 4096))
        return json_decref(agencies), zf_fail(err, 400, "invalid_field", "source", "来源记录不正确");
    json_t *items = json_array();
    json_array_foreach(json_object_get(in, "items"), i, it)
        json_array_append_new(items, json_pack("{s:O, s:O, s:s}", "agency", json_object_get(it, "agency"), "item", json_object_get(it, "item"), "result", ""));
    app_utc_now(now);
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:{s:O, s:O, s:o, s:o, s:O, s:s, s:s, s:I}}", "region", own_region(cx), "lead_agency",
                            lead, "status", "planned", "planned_on", on, "body", "name", json_object_get(in, "name"), "entity",
                            json_object_get(in, "entity"), "agencies", agencies, "items", items, "source",
                            src ? src : json_null(), "created_by", cx->user ? cx->user->username : "", "created_at", now,
                            "visits_saved", (json_int_t)json_array_size(agencies) - 1);
    int rc = app_joint_plan_put(cx->store, row, err);
    if (rc == ZF_OK) *out = plan_reply(cx, row);
    json_decref(row);
    return rc;
}

int app_joint_plan_results(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    json_t *row, *given = json_object_get(in, "items"), *g, *it;
    size_t i, j;
    const char *mine = cx->user ? cx->user->agency : "";
    if (visible_plan(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_t *b = json_object_get(row, "body");
    int rc = ZF_OK;
    if (!mine || !*mine || !takes_part(row, mine)) rc = zf_fail(err, 403, "not_participant", NULL, "只有参加检查的执法主体可以登记本单位的检查结果");
    else if (!json_is_array(given) || json_array_size(given) == 0 || json_array_size(given) > ITEMS_MAX)
        rc = zf_fail(err, 400, "invalid_field", "items", "请填写检查结果");
    json_array_foreach(given, i, g) {
        if (rc != ZF_OK) break;
        if (insp_text(g, "result", "检查结果", 200, true, err) != ZF_OK || insp_text(g, "note", "说明", 500, false, err) != ZF_OK) {
            rc = ZF_ERR;
            break;
        }
        bool hit = false;
        json_array_foreach(json_object_get(b, "items"), j, it)
            if (strcmp(str(it, "agency"), mine) == 0 && str(g, "item") && strcmp(str(it, "item"), str(g, "item")) == 0) {
                char now[32];
                app_utc_now(now);
                json_object_set(it, "result", json_object_get(g, "result"));
                json_object_set_new(it, "note", json_string(str(g, "note") ? str(g, "note") : ""));
                json_object_set_new(it, "by", json_string(cx->user->username));
                json_object_set_new(it, "at", json_string(now));
                hit = true;
            }
        if (!hit) rc = zf_fail(err, 400, "invalid_field", "items", "第 %zu 项不是本单位在该计划中的检查事项", i + 1);
    }
    if (rc == ZF_OK) {
        bool all = true;
        json_array_foreach(json_object_get(b, "items"), j, it) if (!str(it, "result") || !*str(it, "result")) all = false;
        if (all && strcmp(str(row, "status"), "done") != 0) {
            char today[ZF_DATE_LEN];
            date_format(cx->today, today);
            json_object_set_new(row, "status", json_string("done"));
            json_object_set_new(b, "done_on", json_string(today));
        }
        rc = app_joint_plan_put(cx->store, row, err);
    }
    if (rc == ZF_OK) *out = plan_reply(cx, row);
    json_decref(row);
    return rc;
}

/* ---- proposals from I02 ---- */

/* The joint plan that would have replaced a party's separate visits: the inspections in the 30
 * days ending on the flagged one, the agency with the most of them leading (the first to visit on
 * a tie), one item per agency (the catalogue's, when it lists one for the agency). */
static json_t *proposal_of(json_t *group, const json_t *catalogue)
{
    json_t *first = json_array_get(group, 0), *cases = json_array(), *agencies = json_array(), *counts = json_object(), *c;
    size_t i, j;
    zf_day end, d;
    date_parse(str(first, "flagged_on") ? str(first, "flagged_on") : "", &end);
    json_array_foreach(group, i, c) {
        if (!str(c, "inspected_on") || !date_parse(str(c, "inspected_on"), &d) || d > end || d <= end - I02_WINDOW_DAYS) continue;
        json_array_append_new(cases, json_pack("{s:O, s:O, s:O, s:O}", "case_no", json_object_get(c, "case_no"), "agency",
                                               json_object_get(c, "agency"), "agency_name", json_object_get(c, "agency_name"),
                                               "inspected_on", json_object_get(c, "inspected_on")));
        json_t *n = json_object_get(counts, str(c, "agency"));
        if (!n) json_array_append_new(agencies, json_pack("{s:O, s:O}", "code", json_object_get(c, "agency"), "name", json_object_get(c, "agency_name")));
        json_object_set_new(counts, str(c, "agency"), json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    const char *lead = NULL;
    long long best = 0;
    json_t *a, *items = json_array();
    json_array_foreach(agencies, i, a) {
        long long n = json_integer_value(json_object_get(counts, str(a, "code")));
        if (n > best) best = n, lead = str(a, "code");
        char item[320];
        snprintf(item, sizeof item, "%s行政检查", str(a, "name"));
        json_t *entry, *ci;
        size_t k;
        json_array_foreach(json_object_get(catalogue, "items"), j, entry)
            json_array_foreach(json_object_get(json_object_get(entry, "body"), "items"), k, ci)
                if (strcmp(str(ci, "agency"), str(a, "code")) == 0) snprintf(item, sizeof item, "%s", str(ci, "item"));
        json_array_append_new(items, json_pack("{s:O, s:s}", "agency", json_object_get(a, "code"), "item", item));
    }
    json_t *p = json_pack("{s:{s:O, s:O, s:s}, s:O, s:o, s:o, s:o, s:s, s:I, s:I}", "entity", "name", json_object_get(first, "party_name"),
                          "id_no", json_object_get(first, "party_id"), "kind",
                          str(first, "party_kind") && strcmp(str(first, "party_kind"), "person") == 0 ? "person" : "org",
                          "flagged_on", json_object_get(first, "flagged_on"), "cases", cases, "agencies", agencies, "items", items,
                          "lead_agency", lead ? lead : "", "visits", (json_int_t)json_array_size(cases), "visits_saved",
                          (json_int_t)json_array_size(cases) - 1);
    json_decref(counts);
    return p;
}

int app_joint_proposals(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *rows, *r, *catalogue = NULL, *plans = NULL, *seen = json_object(), *items = json_array();
    size_t i, j;
    if (store_insp_i02_cases(cx->store, &rows, err) != ZF_OK) return json_decref(seen), json_decref(items), ZF_ERR;
    InspFilter cf = {.status = "active"};
    store_insp_rows(cx->store, JOINT_CATALOGUE, &cf, &catalogue, err);
    store_insp_rows(cx->store, JOINT_PLAN, NULL, &plans, err);
    json_t *wrap = json_pack("{s:o}", "items", catalogue ? catalogue : json_array());
    for (i = 0; i < json_array_size(rows);) {
        json_t *group = json_array();
        long long finding = json_integer_value(json_object_get(json_array_get(rows, i), "finding"));
        bool in_scope = false;
        for (; i < json_array_size(rows) && json_integer_value(json_object_get(json_array_get(rows, i), "finding")) == finding; i++) {
            r = json_array_get(rows, i);
            json_array_append(group, r);
            if (strcmp(str(r, "case_no"), str(r, "flagged")) == 0 && scope_allows(&cx->scope, str(r, "agency"), str(r, "region")))
                in_scope = true;
        }
        const char *party = str(json_array_get(group, 0), "party_id");
        if (in_scope && party && !json_object_get(seen, party)) { /* one proposal per party: its first warning found is enough */
            json_t *p = proposal_of(group, wrap), *pl;
            json_object_set_new(p, "finding", json_integer(finding));
            json_array_foreach(plans, j, pl) {
                const char *pid = str(json_object_get(json_object_get(pl, "body"), "entity"), "id_no");
                if (pid && strcmp(pid, party) == 0) json_object_set(p, "joint_plan", json_object_get(pl, "id"));
            }
            json_object_set_new(seen, party, json_true());
            json_array_append_new(items, p);
        }
        json_decref(group);
    }
    json_decref(rows), json_decref(wrap), json_decref(plans), json_decref(seen);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

/* ---- visits saved ---- */

int app_joint_stats(const AppContext *cx, int year, json_t **out, ZfError *err)
{
    json_t *rows, *r, *qs = json_array();
    size_t i;
    long long plans[4] = {0}, done[4] = {0}, saved[4] = {0}, planned[4] = {0};
    if (store_insp_rows(cx->store, JOINT_PLAN, NULL, &rows, err) != ZF_OK) return json_decref(qs), ZF_ERR;
    json_array_foreach(rows, i, r) {
        const char *on = str(r, "planned_on");
        if (!plan_visible(cx, r) || !on || atoi(on) != year) continue;
        int q = (atoi(on + 5) - 1) / 3;
        if (q < 0 || q > 3) continue;
        long long s = json_integer_value(json_object_get(json_object_get(r, "body"), "visits_saved"));
        plans[q]++, planned[q] += s;
        if (strcmp(str(r, "status"), "done") == 0) done[q]++, saved[q] += s;
    }
    json_decref(rows);
    for (int q = 0; q < 4; q++)
        json_array_append_new(qs, json_pack("{s:i, s:I, s:I, s:I, s:I}", "quarter", q + 1, "plans", (json_int_t)plans[q], "done",
                                            (json_int_t)done[q], "visits_saved", (json_int_t)saved[q], "planned_saving",
                                            (json_int_t)planned[q]));
    *out = json_pack("{s:i, s:o, s:s}", "year", year, "quarters", qs, "basis",
                     "每个已完成的联合检查计划减少的入企次数 = 参加的执法主体数 − 1（一次进门代替各自分别检查）");
    return ZF_OK;
}
