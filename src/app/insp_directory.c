/* 检查对象名录库 and 执法检查人员名录库 (docs/inspections.md): an agency's entities, edited one by
 * one or imported (exchange-v1 lines of type inspection_entity, or the Excel template), and its
 * officers with their 回避 lists. Every value is checked here, with a message in Chinese. */
#include "app/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/codes.h"
#include "store/findings.h"
#include "store/inspections.h"
#include "util/text.h"
#include "util/xlsx_read.h"
#include "util/xlsx_write.h"

#define ENTITIES_MAX 20000 /* one import */
#define AVOID_MAX 200

static const char *const KINDS[] = {"企业", "个体工商户", "农民专业合作社", "社会组织", "事业单位", "自然人", "其他", NULL};
static const char *const LEVELS[] = {"A", "B", "C", "D", NULL};

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int one_of(const char *v, const char *const *list)
{
    for (size_t i = 0; v && list[i]; i++)
        if (strcmp(v, list[i]) == 0) return 1;
    return 0;
}

/* The template's columns: field key, 中文列名, example, note. */
typedef struct {
    const char *key, *label, *example, *note;
} EntityColumn;
static const EntityColumn COLS[] = {
    {"credit_code", "统一社会信用代码/身份证号", "91370200163562681G", "必填；企业等填统一社会信用代码，自然人填公民身份号码（校验位须正确）"},
    {"name", "名称", "某某食品有限公司", "必填，不超过 100 字"},
    {"kind", "对象类型", "企业", "企业、个体工商户、农民专业合作社、社会组织、事业单位、自然人、其他"},
    {"region", "所在区划", "370202", "六位行政区划代码；不填为本执法主体所在区划"},
    {"sector", "所属行业", "食品销售", "可不填，不超过 50 字"},
    {"address", "地址", "市南区香港中路 1 号", "可不填，不超过 200 字"},
    {"credit_level", "信用风险分类", "B", "A（低风险）、B（一般风险）、C（较高风险）、D（高风险）；不填按 B"},
    {"risk_tag", "风险标签", "重点监管", "可不填，不超过 20 字"},
    {"status", "状态", "在册", "在册、注销；不填为在册"},
};
#define NCOLS (sizeof COLS / sizeof COLS[0])

/* ---- one entity ---- */

static int check_code(const char *kind, const char *code, ZfError *err)
{
    if (!code || text_blank(code)) return zf_fail(err, 400, "missing_field", "credit_code", "请填写统一社会信用代码或公民身份号码");
    if (strlen(code) != 18) return zf_fail(err, 400, "invalid_field", "credit_code", "统一社会信用代码或公民身份号码应为 18 位");
    if (kind && strcmp(kind, "自然人") == 0)
        return cnid_valid(code) ? ZF_OK : zf_fail(err, 400, "invalid_field", "credit_code", "公民身份号码校验位不正确");
    return uscc_valid(code) ? ZF_OK : zf_fail(err, 400, "invalid_field", "credit_code", "统一社会信用代码校验位不正确");
}

/* The body of an entity from the input, checked; region defaults to the agency's. */
static int entity_body(const json_t *in, const char *agency_region, json_t **body, const char **code, const char **status,
                       ZfError *err)
{
    const char *kind = str(in, "kind") && *str(in, "kind") ? str(in, "kind") : "企业";
    const char *level = str(in, "credit_level") && *str(in, "credit_level") ? str(in, "credit_level") : "B";
    const char *region = str(in, "region") && *str(in, "region") ? str(in, "region") : agency_region;
    const char *st = str(in, "status");
    *code = str(in, "credit_code");
    if (insp_text(in, "name", "检查对象名称", 100, true, err) != ZF_OK) return ZF_ERR;
    if (!one_of(kind, KINDS)) return zf_fail(err, 400, "invalid_field", "kind", "对象类型应为企业、个体工商户、农民专业合作社、社会组织、事业单位、自然人或其他");
    if (check_code(kind, *code, err) != ZF_OK) return ZF_ERR;
    if (!one_of(level, LEVELS)) return zf_fail(err, 400, "invalid_field", "credit_level", "信用风险分类应为 A、B、C、D 之一");
    if (!region_code_format_valid(region)) return zf_fail(err, 400, "invalid_field", "region", "所在区划应为六位行政区划代码");
    if (insp_text(in, "sector", "所属行业", 50, false, err) != ZF_OK || insp_text(in, "address", "地址", 200, false, err) != ZF_OK ||
        insp_text(in, "risk_tag", "风险标签", 20, false, err) != ZF_OK)
        return ZF_ERR;
    if (!st || !*st || strcmp(st, "在册") == 0 || strcmp(st, "active") == 0) *status = "active";
    else if (strcmp(st, "注销") == 0 || strcmp(st, "inactive") == 0) *status = "inactive";
    else return zf_fail(err, 400, "invalid_field", "status", "状态应为在册或注销");
    char now[32];
    app_utc_now(now);
    *body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", str(in, "name"), "kind", kind, "region", region,
                      "sector", str(in, "sector") ? str(in, "sector") : "", "address", str(in, "address") ? str(in, "address") : "",
                      "credit_level", level, "risk_tag", str(in, "risk_tag") ? str(in, "risk_tag") : "", "updated_at", now);
    return *body ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

/* Inserts or replaces (by agency and credit_code) one entity. */
static int entity_store(Store *st, const char *agency, const char *code, const char *status, json_t *body, long long id,
                        json_t **out, ZfError *err)
{
    json_t *found = NULL;
    InspFilter f = {.agency = agency, .key = code};
    if (store_insp_rows(st, INSP_ENTITY, &f, &found, err) != ZF_OK) return json_decref(body), ZF_ERR;
    json_t *same = json_array_get(found, 0);
    if (id && same && json_integer_value(json_object_get(same, "id")) != id) {
        json_decref(found), json_decref(body);
        return zf_fail(err, 409, "duplicate", "credit_code", "本单位检查对象名录中已有该统一社会信用代码");
    }
    json_t *row = json_pack("{s:s, s:s, s:s, s:o}", "agency", agency, "credit_code", code, "status", status, "body", body);
    if (id) json_object_set_new(row, "id", json_integer(id));
    else if (same) json_object_set(row, "id", json_object_get(same, "id"));
    json_decref(found);
    int rc = store_insp_put(st, INSP_ENTITY, row, err);
    if (rc == ZF_OK && out) *out = insp_flat(row);
    json_decref(row);
    return rc;
}

int app_insp_entity_save(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    char agency[19], name[256], region[7];
    json_t *old = NULL, *body;
    const char *code, *status;
    if (id) {
        if (store_insp_get(cx->store, INSP_ENTITY, id, &old, err) != ZF_OK) return ZF_ERR;
        int rc = insp_agency(cx, str(old, "agency"), agency, name, region, err);
        json_decref(old);
        if (rc != ZF_OK) return zf_fail(err, 404, "not_found", NULL, "检查对象不存在");
    } else if (insp_agency(cx, str(in, "agency"), agency, name, region, err) != ZF_OK) {
        return ZF_ERR;
    }
    if (entity_body(in, region, &body, &code, &status, err) != ZF_OK) return ZF_ERR;
    if (!id) {
        json_t *found = NULL;
        InspFilter f = {.agency = agency, .key = code};
        if (store_insp_rows(cx->store, INSP_ENTITY, &f, &found, err) != ZF_OK) return json_decref(body), ZF_ERR;
        size_t n = json_array_size(found);
        json_decref(found);
        if (n) return json_decref(body), zf_fail(err, 409, "duplicate", "credit_code", "本单位检查对象名录中已有该统一社会信用代码");
    }
    return entity_store(cx->store, agency, code, status, body, id, out, err);
}

int app_insp_entities(const AppContext *cx, const char *agency_in, const char *q, json_t **out, ZfError *err)
{
    char agency[19], name[256], region[7];
    json_t *rows, *r;
    size_t i;
    if (insp_agency(cx, agency_in, agency, name, region, err) != ZF_OK) return ZF_ERR;
    InspFilter f = {.agency = agency, .by_key = true};
    if (store_insp_rows(cx->store, INSP_ENTITY, &f, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_array();
    json_array_foreach(rows, i, r) {
        json_t *e = insp_flat(r);
        if (q && *q && !strstr(str(e, "name") ? str(e, "name") : "", q) && !strstr(str(e, "credit_code"), q)) {
            json_decref(e);
            continue;
        }
        json_array_append_new(items, e);
    }
    json_decref(rows);
    *out = json_pack("{s:s, s:s, s:o}", "agency", agency, "agency_name", name, "items", items);
    return ZF_OK;
}

/* ---- import ---- */

typedef struct {
    const AppContext *cx;
    const char *agency, *region;
    long long imported, rejected;
    json_t *errors;
    char *keys[NCOLS + 8];
    int key_cols; /* columns mapped by the key row; 0 until it is found */
} Intake;

static void reject(Intake *in, long long line, const char *key, const char *message)
{
    char text[640];
    in->rejected++;
    snprintf(text, sizeof text, "第 %lld 行：%s", line, message);
    if (json_array_size(in->errors) < 1000)
        json_array_append_new(in->errors, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "key", key ? key : "", "error", text));
}

static void take_record(Intake *in, long long line, const json_t *rec)
{
    ZfError err;
    json_t *body;
    const char *code, *status, *a = str(rec, "agency");
    if (in->imported + in->rejected >= ENTITIES_MAX) return reject(in, line, NULL, "一次最多导入 20000 个检查对象");
    if (a && *a && strcmp(a, in->agency) != 0) return reject(in, line, str(rec, "credit_code"), "执法主体与导入的名录不一致");
    if (entity_body(rec, in->region, &body, &code, &status, &err) != ZF_OK) return reject(in, line, str(rec, "credit_code"), err.message);
    if (entity_store(in->cx->store, in->agency, code, status, body, 0, NULL, &err) != ZF_OK) return reject(in, line, code, err.message);
    in->imported++;
}

static int blank_span(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return 0;
    return 1;
}

static void import_lines(Intake *in, const char *buf, size_t len)
{
    long long line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        json_error_t je;
        line++;
        if (end > pos && !blank_span(buf + pos, end - pos)) {
            json_t *rec = json_loadb(buf + pos, end - pos, 0, &je);
            if (!json_is_object(rec)) reject(in, line, NULL, "不是有效的 JSON 对象");
            else if (!str(rec, "type") || strcmp(str(rec, "type"), "inspection_entity") != 0)
                reject(in, line, NULL, "记录类型应为 inspection_entity（检查对象）");
            else take_record(in, line, rec);
            json_decref(rec);
        }
        pos = end + 1;
    }
}

static int take_row(const XlsxRow *row, void *ctx)
{
    Intake *in = ctx;
    if (!in->key_cols) { /* the key row: a cell naming credit_code */
        for (int i = 0; i < row->ncells; i++)
            if (row->cells[i].type == XLSX_CELL_STRING && strcmp(row->cells[i].text, "credit_code") == 0) in->key_cols = 1;
        if (!in->key_cols) return 0;
        for (int i = 0; i < row->ncells; i++)
            if (row->cells[i].col < (int)(NCOLS + 8) && row->cells[i].type == XLSX_CELL_STRING)
                in->keys[row->cells[i].col] = strdup(row->cells[i].text);
        return 0;
    }
    json_t *rec = json_object();
    for (int i = 0; i < row->ncells; i++) {
        const XlsxCell *c = &row->cells[i];
        if (c->col < (int)(NCOLS + 8) && in->keys[c->col] && c->text[0]) json_object_set_new(rec, in->keys[c->col], json_string(c->text));
    }
    if (row->too_long) reject(in, row->row, NULL, "该行文字过长");
    else if (json_object_size(rec)) take_record(in, row->row, rec);
    json_decref(rec);
    return 0;
}

static int import_workbook(Intake *in, const void *buf, size_t len, ZfError *err)
{
    XlsxBook *book;
    if (xlsx_open(buf, len, &book, err) != ZF_OK) return ZF_ERR;
    int rc = xlsx_read_sheet(book, 0, take_row, in, err);
    xlsx_close(book);
    for (size_t i = 0; i < NCOLS + 8; i++) free(in->keys[i]);
    if (rc == ZF_OK && !in->key_cols)
        return zf_fail(err, 400, "invalid_file", NULL, "第一个工作表中没有字段行（请使用下载的检查对象名录模板）");
    return rc;
}

int app_insp_entities_import(const AppContext *cx, const char *agency_in, const void *buf, size_t len, json_t **out,
                             ZfError *err)
{
    char agency[19], name[256], region[7];
    if (insp_agency(cx, agency_in, agency, name, region, err) != ZF_OK) return ZF_ERR;
    if (!buf || !len) return zf_fail(err, 400, "empty_file", NULL, "请上传检查对象名录文件");
    Intake in = {.cx = cx, .agency = agency, .region = region, .errors = json_array()};
    if (store_begin(cx->store, err) != ZF_OK) return json_decref(in.errors), ZF_ERR;
    int rc = ZF_OK;
    if (xlsx_looks_like_workbook(buf, len)) rc = import_workbook(&in, buf, len, err);
    else if (!text_utf8_valid(buf, len)) rc = zf_fail(err, 400, "invalid_file", NULL, "文件不是 UTF-8 编码的数据交换文件，也不是 Excel 工作簿");
    else import_lines(&in, buf, len);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return json_decref(in.errors), ZF_ERR;
    *out = json_pack("{s:s, s:I, s:I, s:o}", "agency", agency, "imported", (json_int_t)in.imported, "rejected",
                     (json_int_t)in.rejected, "errors", in.errors);
    return ZF_OK;
}

int app_insp_entity_template(void **buf, size_t *len, ZfError *err)
{
    const char *cells[2 * NCOLS], *guide[(NCOLS + 1) * 3];
    XlsxColumn cols[NCOLS];
    static const XlsxStyle head_styles[2] = {XLSX_STYLE_HEADER, XLSX_STYLE_NOTE};
    static const XlsxColumn guide_cols[3] = {{22, true, NULL}, {40, true, NULL}, {70, true, NULL}};
    XlsxStyle guide_styles[NCOLS + 1] = {XLSX_STYLE_HEADER};
    guide[0] = "列名", guide[1] = "示例", guide[2] = "填写要求";
    for (size_t i = 0; i < NCOLS; i++) {
        cols[i] = (XlsxColumn){i == 0 || i == 3 ? 24 : 16, true,
                               strcmp(COLS[i].key, "credit_level") == 0 ? "A,B,C,D"
                               : strcmp(COLS[i].key, "kind") == 0 ? "企业,个体工商户,农民专业合作社,社会组织,事业单位,自然人,其他"
                               : strcmp(COLS[i].key, "status") == 0 ? "在册,注销" : NULL};
        cells[i] = COLS[i].label, cells[NCOLS + i] = COLS[i].key;
        guide[(i + 1) * 3] = COLS[i].label, guide[(i + 1) * 3 + 1] = COLS[i].example, guide[(i + 1) * 3 + 2] = COLS[i].note;
        guide_styles[i + 1] = XLSX_STYLE_GENERAL;
    }
    XlsxSheet sheets[2] = {
        {"检查对象名录", (int)NCOLS, cols, 2, cells, head_styles, 2, 3, NULL},
        {"填写说明", 3, guide_cols, (int)NCOLS + 1, guide, guide_styles, 1, 2, NULL},
    };
    return xlsx_write(sheets, 2, buf, len, err);
}

/* ---- officers and their 回避 lists ---- */

static json_t *entity_names(Store *st, const char *agency)
{
    json_t *rows = NULL, *r, *names = json_object();
    size_t i;
    InspFilter f = {.agency = agency};
    ZfError err;
    if (store_insp_rows(st, INSP_ENTITY, &f, &rows, &err) != ZF_OK) return names;
    json_array_foreach(rows, i, r) json_object_set(names, str(r, "credit_code"), json_object_get(json_object_get(r, "body"), "name"));
    json_decref(rows);
    return names;
}

int app_insp_officers(const AppContext *cx, const char *agency_in, json_t **out, ZfError *err)
{
    char agency[19], name[256], region[7], today[ZF_DATE_LEN];
    json_t *rows, *o, *names;
    size_t i, j;
    if (insp_agency(cx, agency_in, agency, name, region, err) != ZF_OK) return ZF_ERR;
    if (store_insp_officers(cx->store, agency, &rows, err) != ZF_OK) return ZF_ERR;
    date_format(cx->today, today);
    names = entity_names(cx->store, agency);
    json_array_foreach(rows, i, o) {
        const char *from = str(o, "cert_valid_from"), *to = str(o, "cert_valid_to");
        bool ok = str(o, "status") && strcmp(str(o, "status"), "active") == 0 && (!from || strcmp(from, today) <= 0) &&
                  to && strcmp(today, to) <= 0;
        json_object_set_new(o, "certified", json_boolean(ok));
        json_t *named = json_array(), *e;
        json_array_foreach(json_object_get(o, "avoid"), j, e) {
            json_t *n = json_object_get(names, json_string_value(e));
            json_array_append_new(named, json_pack("{s:O, s:O}", "entity", e, "name", n ? n : e));
        }
        json_object_set_new(o, "avoid", named);
    }
    json_decref(names);
    *out = json_pack("{s:s, s:s, s:o}", "agency", agency, "agency_name", name, "items", rows);
    return ZF_OK;
}

int app_insp_recusals_put(const AppContext *cx, const char *cert_no, const json_t *in, json_t **out, ZfError *err)
{
    char *body = NULL, agency[19], name[256], region[7], now[32];
    json_t *list = json_object_get(in, "entities"), *e, *names, *found = NULL;
    size_t i;
    if (!cert_no || strlen(cert_no) > 32 || store_record_get(cx->store, REC_OFFICER, cert_no, &body, err) != ZF_OK)
        return zf_fail(err, 404, "not_found", NULL, "执法人员不存在");
    json_t *officer = json_loads(body, 0, NULL);
    free(body);
    int rc = insp_agency(cx, str(officer, "agency"), agency, name, region, err);
    json_decref(officer);
    if (rc != ZF_OK) return zf_fail(err, 404, "not_found", NULL, "执法人员不存在");
    if (!json_is_array(list) || json_array_size(list) > AVOID_MAX)
        return zf_fail(err, 400, "invalid_field", "entities", "回避对象应为检查对象列表，最多 %d 个", AVOID_MAX);
    if (insp_text(in, "reason", "回避理由", 200, false, err) != ZF_OK) return ZF_ERR;
    names = entity_names(cx->store, agency);
    json_t *sorted = json_array();
    json_array_foreach(list, i, e) {
        if (!json_is_string(e) || !json_object_get(names, json_string_value(e))) {
            json_decref(names), json_decref(sorted);
            return zf_fail(err, 400, "invalid_field", "entities", "第 %zu 个回避对象不在本单位检查对象名录中", i + 1);
        }
        size_t k = 0; /* kept sorted and unique: the draw records it as it is */
        while (k < json_array_size(sorted) && strcmp(json_string_value(json_array_get(sorted, k)), json_string_value(e)) < 0) k++;
        if (k == json_array_size(sorted) || strcmp(json_string_value(json_array_get(sorted, k)), json_string_value(e)) != 0)
            json_array_insert(sorted, k, e);
    }
    json_decref(names);
    app_utc_now(now);
    InspFilter f = {.key = cert_no};
    if (store_insp_rows(cx->store, INSP_RECUSAL, &f, &found, err) != ZF_OK) return json_decref(sorted), ZF_ERR;
    json_t *row = json_pack("{s:s, s:s, s:{s:o, s:s, s:s, s:s}}", "agency", agency, "cert_no", cert_no, "body", "entities", sorted,
                            "reason", str(in, "reason") ? str(in, "reason") : "", "updated_at", now, "updated_by",
                            cx->user ? cx->user->username : "");
    if (json_array_size(found)) json_object_set(row, "id", json_object_get(json_array_get(found, 0), "id"));
    json_decref(found);
    rc = store_insp_put(cx->store, INSP_RECUSAL, row, err);
    if (rc == ZF_OK) *out = insp_flat(row);
    json_decref(row);
    return rc;
}
