/* Field-by-field validation of exchange-v1 records, driven by one table per record type.
 * Pure. Only impossible values are rejected (spec: acts out of legal order are kept for the
 * rule engine); dangling references are kept too. Unknown fields are ignored. */
#include "domain/exchange.h"
#include "domain/case_substance.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/codes.h"
#include "util/date.h"
#include "util/text.h"

#define FILING_NO_MAX_CHARS 64
#define TEXT_MAX 512       /* bytes: names, codes, free text in a field */
#define MONEY_MAX 1e12     /* yuan: larger is a typing error, not a fine */
#define DAYS_MAX 36500

typedef enum {
    F_TEXT, F_DATE, F_DATETIME, F_MONTH, F_BOOL, F_MONEY, F_DAYS, F_COUNT,
    F_ENUM, F_USCC, F_REGION, F_TEXT_ARRAY, F_ENUM_ARRAY, F_OBJECT, F_OBJECT_ARRAY, F_PARTY
} FieldKind;

typedef struct FieldSpec FieldSpec;
struct FieldSpec {
    const char *name;
    FieldKind kind;
    bool required;
    const char *const *choices; /* F_ENUM, F_ENUM_ARRAY: NULL-terminated */
    const FieldSpec *fields;    /* F_OBJECT, F_OBJECT_ARRAY: terminated by a NULL name */
};

static const char *const record_type_names[REC_TYPE_COUNT] = {
    "agency", "officer", "power", "benchmark", "case", "monthly_report"};

const char *record_type_name(RecordType type) { return record_type_names[type]; }

int record_type_from_name(const char *name)
{
    for (int t = 0; t < REC_TYPE_COUNT; t++)
        if (name && strcmp(name, record_type_names[t]) == 0) return t;
    return -1;
}

/* ---- enumerations (exchange-v1.md) ----
 * Each is one list of code and Chinese name; the validator takes the codes, the console's
 * dictionaries (GET /api/v1/dicts) both. */
#define LEVELS(X) X("province", "省级") X("city", "市级") X("county", "县级") X("township", "乡镇（街道）")
#define AGENCY_KINDS(X)                                                                             \
    X("government", "人民政府") X("department", "政府部门") X("township", "乡镇（街道）")        \
    X("authorized", "法律法规授权组织") X("entrusted", "受委托组织")
#define OFFICER_STATUS(X) X("active", "有效") X("suspended", "暂扣") X("revoked", "注销")
#define OFFICER_KINDS(X) X("enforcement", "执法证") X("supervision", "监督证")
#define POWER_KINDS(X)                                                                              \
    X("penalty", "行政处罚") X("license", "行政许可") X("coercion", "行政强制")                   \
    X("inspection", "行政检查") X("levy", "行政征收") X("payment", "行政给付")                    \
    X("confirmation", "行政确认") X("reward", "行政奖励") X("ruling", "行政裁决") X("other", "其他")
#define CASE_KINDS(X)                                                                               \
    X("penalty", "行政处罚") X("coercion", "行政强制") X("license", "行政许可") X("inspection", "行政检查")
#define PROCEDURES(X) X("simple", "简易程序") X("ordinary", "普通程序")
#define OUTCOMES(X)                                                                                 \
    X("penalty", "给予处罚") X("no_penalty", "不予处罚") X("transferred", "移送")                  \
    X("revoked_case", "撤销立案")
#define LICENSE_OUTCOMES(X) X("granted", "准予许可") X("denied", "不予许可")
/* 处罚种类: 行政处罚法 第九条 (一)–(六); 行政拘留 only by public security (第十八条). */
#define MEASURES(X)                                                                                 \
    X("warning", "警告") X("fine", "罚款") X("confiscate", "没收违法所得、非法财物")             \
    X("suspend_business", "责令停产停业") X("suspend_license", "暂扣许可证件")                   \
    X("revoke_license", "吊销许可证件") X("lower_qualification", "降低资质等级")                 \
    X("close", "责令关闭") X("restrict_practice", "限制从业") X("detention", "行政拘留")
/* 裁量阶次 of a benchmark and of a decision (行政处罚法 第三十四条 裁量基准). */
#define TIERS(X) X("light", "轻微") X("ordinary", "一般") X("heavy", "严重")
/* An agency's 执法领域: free text in exchange-v1; these are the sectors the console names. */
#define SECTORS(X)                                                                                  \
    X("market_regulation", "市场监管") X("transport", "交通运输") X("urban_management", "城市管理") \
    X("ecology", "生态环境") X("emergency", "应急管理") X("agriculture", "农业农村")               \
    X("culture", "文化旅游") X("health", "卫生健康")
#define CODE_OF(code, name) code,
#define NAME_OF(code, name) name,
#define ENUMERATION(id, LIST)                                                                       \
    static const char *const id[] = {LIST(CODE_OF) NULL};                                           \
    static const char *const id##_names[] = {LIST(NAME_OF) NULL};

ENUMERATION(levels, LEVELS)
ENUMERATION(agency_kinds, AGENCY_KINDS)
ENUMERATION(officer_status, OFFICER_STATUS)
ENUMERATION(officer_kinds, OFFICER_KINDS)
ENUMERATION(power_kinds, POWER_KINDS)
ENUMERATION(case_kinds, CASE_KINDS)
ENUMERATION(procedures, PROCEDURES)
ENUMERATION(outcomes, OUTCOMES)
ENUMERATION(license_outcomes, LICENSE_OUTCOMES)
ENUMERATION(measures, MEASURES)
ENUMERATION(sectors, SECTORS)
ENUMERATION(tiers, TIERS)
static const char *const results[] = {"ok", "problem", NULL};

static const ExchangeDict dicts[] = {
    {"case_kinds", case_kinds, case_kinds_names},
    {"procedures", procedures, procedures_names},
    {"outcomes", outcomes, outcomes_names},
    {"license_outcomes", license_outcomes, license_outcomes_names},
    {"measures", measures, measures_names},
    {"agency_levels", levels, levels_names},
    {"agency_kinds", agency_kinds, agency_kinds_names},
    {"sectors", sectors, sectors_names},
    {"officer_status", officer_status, officer_status_names},
    {"officer_kinds", officer_kinds, officer_kinds_names},
    {"power_kinds", power_kinds, power_kinds_names},
    {"tiers", tiers, tiers_names},
    {NULL, NULL, NULL}};

const ExchangeDict *exchange_dicts(void) { return dicts; }

const char *exchange_dict_name(const char *table, const char *code)
{
    for (const ExchangeDict *d = dicts; d->table && table && code; d++) {
        if (strcmp(d->table, table) != 0) continue;
        for (size_t i = 0; d->codes[i]; i++)
            if (strcmp(d->codes[i], code) == 0) return d->names[i];
    }
    return NULL;
}

/* ---- field tables ---- */
#define END {NULL, F_TEXT, false, NULL, NULL}

static const FieldSpec basis_fields[] = {
    {"law", F_TEXT, true, NULL, NULL}, {"article", F_TEXT, true, NULL, NULL}, END};

static const FieldSpec agency_fields[] = {
    {"code", F_USCC, true, NULL, NULL},      {"name", F_TEXT, true, NULL, NULL},
    {"region", F_REGION, true, NULL, NULL},  {"level", F_ENUM, true, levels, NULL},
    {"kind", F_ENUM, true, agency_kinds, NULL}, {"sector", F_TEXT, false, NULL, NULL},
    {"parent", F_TEXT, false, NULL, NULL},   {"qualified", F_BOOL, false, NULL, NULL},
    END};

static const FieldSpec officer_fields[] = {
    {"cert_no", F_TEXT, true, NULL, NULL},        {"name", F_TEXT, true, NULL, NULL},
    {"agency", F_TEXT, true, NULL, NULL},         {"cert_valid_from", F_DATE, true, NULL, NULL},
    {"cert_valid_to", F_DATE, true, NULL, NULL},  {"status", F_ENUM, true, officer_status, NULL},
    {"kind", F_ENUM, false, officer_kinds, NULL}, END};

static const FieldSpec power_fields[] = {
    {"code", F_TEXT, true, NULL, NULL},
    {"name", F_TEXT, true, NULL, NULL},
    {"kind", F_ENUM, true, power_kinds, NULL},
    {"agencies", F_TEXT_ARRAY, false, NULL, NULL},
    {"basis", F_OBJECT_ARRAY, false, NULL, basis_fields},
    {"sector", F_TEXT, false, NULL, NULL},
    {"delegated_to_township", F_BOOL, false, NULL, NULL},
    END};

static const FieldSpec tier_fields[] = {
    {"tier", F_TEXT, true, NULL, NULL},       {"fine_min", F_MONEY, false, NULL, NULL},
    {"fine_max", F_MONEY, false, NULL, NULL}, {"conditions", F_TEXT, false, NULL, NULL}, END};

static const FieldSpec benchmark_fields[] = {
    {"power", F_TEXT, true, NULL, NULL}, {"tiers", F_OBJECT_ARRAY, true, NULL, tier_fields}, END};

static const FieldSpec review_fields[] = {
    {"reviewed_on", F_DATE, false, NULL, NULL}, {"passed", F_BOOL, false, NULL, NULL},
    {"reviewer", F_TEXT, false, NULL, NULL}, END};

static const FieldSpec penalty_decision_fields[] = {
    {"outcome", F_ENUM, false, outcomes, NULL},      {"measures", F_ENUM_ARRAY, false, measures, NULL},
    {"fine", F_MONEY, false, NULL, NULL},            {"confiscated", F_MONEY, false, NULL, NULL},
    {"tier", F_TEXT, false, NULL, NULL},             {"reduced", F_BOOL, false, NULL, NULL},
    {"basis", F_OBJECT_ARRAY, false, NULL, basis_fields}, END};

/* A decision revoked, changed or found illegal or void by 行政复议 or 行政诉讼 (or corrected by the agency
 * itself): an extension of exchange-v1 for a case entered after the fact (docs/import.md); unknown to a
 * v1 reader, which keeps and ignores it. Such an outcome becomes a supervision lead (docs/leads.md). */
static const char *const revocation_kinds[] = {"revoked", "changed", "illegal", "void", NULL};
static const char *const revocation_bys[] = {"review", "litigation", "self_correction", NULL};
static const FieldSpec revocation_fields[] = {
    {"kind", F_ENUM, true, revocation_kinds, NULL}, {"by", F_ENUM, true, revocation_bys, NULL},
    {"on", F_DATE, false, NULL, NULL},             {"reason", F_TEXT, false, NULL, NULL}, END};

static const FieldSpec license_decision_fields[] = {
    {"outcome", F_ENUM, false, license_outcomes, NULL}, END};

/* Fields every case kind may carry; the kind-specific table is checked after it. */
static const FieldSpec case_common_fields[] = {
    {"case_no", F_TEXT, true, NULL, NULL},   {"agency", F_TEXT, true, NULL, NULL},
    {"kind", F_ENUM, true, case_kinds, NULL}, {"power", F_TEXT, false, NULL, NULL},
    {"party", F_PARTY, false, NULL, NULL},   {"officers", F_TEXT_ARRAY, false, NULL, NULL},
    {"closed_on", F_DATE, false, NULL, NULL}, {"filing_no", F_TEXT, false, NULL, NULL}, END};

static const FieldSpec penalty_fields[] = {
    {"procedure", F_ENUM, false, procedures, NULL},
    {"violation_ended_on", F_DATE, false, NULL, NULL},
    {"discovered_on", F_DATE, false, NULL, NULL},
    {"filed_on", F_DATE, false, NULL, NULL},
    {"filing_extended", F_BOOL, false, NULL, NULL},
    {"health_or_finance", F_BOOL, false, NULL, NULL},
    {"major", F_BOOL, false, NULL, NULL},
    {"complex", F_BOOL, false, NULL, NULL},
    {"notified_on", F_DATE, false, NULL, NULL},
    {"hearing_right_notified", F_BOOL, false, NULL, NULL},
    {"hearing_requested_on", F_DATE, false, NULL, NULL},
    {"hearing_notice_on", F_DATE, false, NULL, NULL},
    {"hearing_held_on", F_DATE, false, NULL, NULL},
    {"legal_review", F_OBJECT, false, NULL, review_fields},
    {"collective_discussion_on", F_DATE, false, NULL, NULL},
    {"suspended_days", F_DAYS, false, NULL, NULL},
    {"extension_days", F_DAYS, false, NULL, NULL},
    {"decided_on", F_DATE, false, NULL, NULL},
    {"decision", F_OBJECT, false, NULL, penalty_decision_fields},
    {"served_on", F_DATE, false, NULL, NULL},
    {"paid_on", F_DATE, false, NULL, NULL},
    {"late_fee", F_MONEY, false, NULL, NULL},
    {"enforcement_applied_on", F_DATE, false, NULL, NULL},
    {"published_on", F_DATE, false, NULL, NULL},
    {"revocation", F_OBJECT, false, NULL, revocation_fields},
    {"hearing_waived", F_BOOL, false, NULL, NULL}, /* since rules v2 (P21) */
    END};

static const FieldSpec coercion_fields[] = {
    {"measure", F_TEXT, false, NULL, NULL},       {"started_on", F_DATE, false, NULL, NULL},
    {"extension_days", F_DAYS, false, NULL, NULL}, {"released_on", F_DATE, false, NULL, NULL},
    {"executed_at", F_DATETIME, false, NULL, NULL}, {"urgent", F_BOOL, false, NULL, NULL},
    /* since rules v2 (C02, C04) */
    {"approved_on", F_DATE, false, NULL, NULL},    {"demand_served_on", F_DATE, false, NULL, NULL},
    {"demand_due_on", F_DATE, false, NULL, NULL},  {"enforce_decided_on", F_DATE, false, NULL, NULL},
    END};

static const FieldSpec license_fields[] = {
    {"received_on", F_DATE, false, NULL, NULL},
    {"correction_notice_on", F_DATE, false, NULL, NULL},
    {"accepted_on", F_DATE, false, NULL, NULL},
    {"extension_days", F_DAYS, false, NULL, NULL},
    {"decided_on", F_DATE, false, NULL, NULL},
    {"decision", F_OBJECT, false, NULL, license_decision_fields},
    {"served_on", F_DATE, false, NULL, NULL}, /* since rules v2 (L03) */
    END};

static const FieldSpec inspection_fields[] = {
    {"inspected_on", F_DATE, false, NULL, NULL}, {"result", F_ENUM, false, results, NULL},
    {"joint", F_BOOL, false, NULL, NULL}, END};

static const FieldSpec counts_fields[] = {
    {"penalty", F_COUNT, false, NULL, NULL},        {"license", F_COUNT, false, NULL, NULL},
    {"coercion", F_COUNT, false, NULL, NULL},       {"inspection", F_COUNT, false, NULL, NULL},
    {"fine_total", F_MONEY, false, NULL, NULL},     {"reconsideration", F_COUNT, false, NULL, NULL},
    {"litigation", F_COUNT, false, NULL, NULL},     {"overturned", F_COUNT, false, NULL, NULL},
    END};

static const FieldSpec monthly_fields[] = {
    {"agency", F_TEXT, true, NULL, NULL}, {"month", F_MONTH, true, NULL, NULL},
    {"counts", F_OBJECT, true, NULL, counts_fields}, END};

static const FieldSpec *const record_fields[REC_TYPE_COUNT] = {
    agency_fields, officer_fields, power_fields, benchmark_fields, case_common_fields,
    monthly_fields};

/* ---- value checks ---- */
static int bad(ZfError *err, const char *path, const char *what)
{
    return zf_fail(err, 400, "invalid_field", path, "字段 %s：%s", path, what);
}

static int check_text(const json_t *v, const char *path, ZfError *err)
{
    if (!json_is_string(v)) return bad(err, path, "应为字符串");
    size_t n = json_string_length(v);
    if (n == 0) return bad(err, path, "不能为空字符串");
    if (n > TEXT_MAX) return bad(err, path, "长度超过 512 字节");
    return ZF_OK;
}

static bool in_choices(const char *s, const char *const *choices)
{
    for (; *choices; choices++)
        if (strcmp(s, *choices) == 0) return true;
    return false;
}

static int check_enum(const json_t *v, const FieldSpec *f, const char *path, ZfError *err)
{
    if (!json_is_string(v)) return bad(err, path, "应为字符串");
    if (in_choices(json_string_value(v), f->choices)) return ZF_OK;
    char msg[TEXT_MAX];
    size_t used = (size_t)snprintf(msg, sizeof msg, "取值不在允许范围内（可选：");
    for (const char *const *c = f->choices; *c && used < sizeof msg; c++)
        used += (size_t)snprintf(msg + used, sizeof msg - used, "%s%s", c == f->choices ? "" : " ", *c);
    if (used < sizeof msg) snprintf(msg + used, sizeof msg - used, "）");
    return bad(err, path, msg);
}

static int check_money(const json_t *v, const char *path, ZfError *err)
{
    if (!json_is_number(v)) return bad(err, path, "金额应为数字（单位：元）");
    double x = json_number_value(v);
    if (x < 0) return bad(err, path, "金额不能为负数");
    if (x > MONEY_MAX) return bad(err, path, "金额超出合理范围");
    if (fabs(x * 100 - round(x * 100)) > 1e-6) return bad(err, path, "金额最多保留两位小数");
    return ZF_OK;
}

static int check_count(const json_t *v, json_int_t max, const char *path, ZfError *err)
{
    if (!json_is_integer(v)) return bad(err, path, "应为整数");
    json_int_t n = json_integer_value(v);
    if (n < 0) return bad(err, path, "不能为负数");
    if (n > max) return bad(err, path, "数值超出合理范围");
    return ZF_OK;
}

static int check_date(const json_t *v, const char *path, ZfError *err)
{
    zf_day d;
    if (!json_is_string(v)) return bad(err, path, "日期应为字符串 YYYY-MM-DD");
    if (!date_parse(json_string_value(v), &d)) return bad(err, path, "日期无效，应为真实存在的 YYYY-MM-DD");
    return ZF_OK;
}

static int check_datetime(const json_t *v, const char *path, ZfError *err)
{
    zf_day d;
    int minute;
    if (!json_is_string(v) || !datetime_parse(json_string_value(v), &d, &minute))
        return bad(err, path, "时间无效，应为 YYYY-MM-DDTHH:MM");
    return ZF_OK;
}

static int check_month(const json_t *v, const char *path, ZfError *err)
{
    char day[16];
    zf_day d;
    if (!json_is_string(v) || json_string_length(v) != 7) return bad(err, path, "月份应为 YYYY-MM");
    snprintf(day, sizeof day, "%s-01", json_string_value(v));
    if (!date_parse(day, &d)) return bad(err, path, "月份无效，应为 YYYY-MM");
    return ZF_OK;
}

static int check_fields(const json_t *obj, const FieldSpec *fields, const char *prefix, ZfError *err);

static int check_array(const json_t *v, const FieldSpec *f, const char *path, ZfError *err)
{
    if (!json_is_array(v)) return bad(err, path, "应为数组");
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char item_path[160];
        snprintf(item_path, sizeof item_path, "%s[%zu]", path, i);
        int rc = f->kind == F_TEXT_ARRAY   ? check_text(item, item_path, err)
                 : f->kind == F_ENUM_ARRAY ? check_enum(item, f, item_path, err)
                 : !json_is_object(item)   ? bad(err, item_path, "应为对象")
                                           : check_fields(item, f->fields, item_path, err);
        if (rc != ZF_OK) return rc;
    }
    return ZF_OK;
}

static const char *const party_kinds[] = {"person", "org", NULL};
static const FieldSpec party_fields[] = {
    {"kind", F_ENUM, true, party_kinds, NULL}, {"name", F_TEXT, false, NULL, NULL},
    {"id_no", F_TEXT, false, NULL, NULL}, END};

/* 当事人: id_no is a citizen ID for a person and a USCC for an organisation. */
static int check_party(const json_t *v, const char *path, ZfError *err)
{
    if (!json_is_object(v)) return bad(err, path, "应为对象");
    if (check_fields(v, party_fields, path, err) != ZF_OK) return ZF_ERR;
    const char *id = json_string_value(json_object_get(v, "id_no"));
    if (!id) return ZF_OK;
    char id_path[160];
    snprintf(id_path, sizeof id_path, "%s.id_no", path);
    bool person = strcmp(json_string_value(json_object_get(v, "kind")), "person") == 0;
    if (person && !cnid_valid(id)) return bad(err, id_path, "公民身份号码格式或校验位错误（GB 11643）");
    if (!person && !uscc_valid(id)) return bad(err, id_path, "统一社会信用代码格式或校验位错误（GB 32100）");
    return ZF_OK;
}

static int check_value(const json_t *v, const FieldSpec *f, const char *path, ZfError *err)
{
    switch (f->kind) {
    case F_TEXT: return check_text(v, path, err);
    case F_DATE: return check_date(v, path, err);
    case F_DATETIME: return check_datetime(v, path, err);
    case F_MONTH: return check_month(v, path, err);
    case F_BOOL: return json_is_boolean(v) ? ZF_OK : bad(err, path, "应为 true 或 false");
    case F_MONEY: return check_money(v, path, err);
    case F_DAYS: return check_count(v, DAYS_MAX, path, err);
    case F_COUNT: return check_count(v, 100000000, path, err);
    case F_ENUM: return check_enum(v, f, path, err);
    case F_USCC:
        if (!json_is_string(v) || !uscc_valid(json_string_value(v)))
            return bad(err, path, "统一社会信用代码格式或校验位错误（GB 32100）");
        return ZF_OK;
    case F_REGION:
        if (!json_is_string(v) || !region_code_format_valid(json_string_value(v)))
            return bad(err, path, "行政区划代码应为 6 位数字（GB/T 2260）");
        return ZF_OK;
    case F_TEXT_ARRAY:
    case F_ENUM_ARRAY:
    case F_OBJECT_ARRAY: return check_array(v, f, path, err);
    case F_OBJECT:
        if (!json_is_object(v)) return bad(err, path, "应为对象");
        return check_fields(v, f->fields, path, err);
    case F_PARTY: return check_party(v, path, err);
    }
    return bad(err, path, "未知字段类型");
}

/* "prefix.name" without snprintf: this runs for every field of every imported line. */
static void join_path(char *out, size_t cap, const char *prefix, const char *name)
{
    size_t p = prefix ? strlen(prefix) : 0, n = strlen(name);
    if (p + n + 2 > cap) p = 0;
    if (p) memcpy(out, prefix, p), out[p++] = '.';
    memcpy(out + p, name, n + 1);
}

static int check_fields(const json_t *obj, const FieldSpec *fields, const char *prefix, ZfError *err)
{
    for (const FieldSpec *f = fields; f->name; f++) {
        char path[128];
        join_path(path, sizeof path, prefix, f->name);
        const json_t *v = json_object_get(obj, f->name);
        if (!v) {
            if (f->required) return zf_fail(err, 400, "missing_field", path, "缺少必填字段 %s", path);
            continue;
        }
        if (check_value(v, f, path, err) != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

static const FieldSpec *case_kind_fields(const char *kind)
{
    if (strcmp(kind, "penalty") == 0) return penalty_fields;
    if (strcmp(kind, "coercion") == 0) return coercion_fields;
    if (strcmp(kind, "license") == 0) return license_fields;
    return inspection_fields;
}

static const char *str(json_t *rec, const char *name) { return json_string_value(json_object_get(rec, name)); }

static void fill_keys(json_t *rec, RecordType type, RecordKeys *k)
{
    memset(k, 0, sizeof *k);
    k->type = type;
    switch (type) {
    case REC_AGENCY:
        k->key = str(rec, "code");
        k->cols[0] = str(rec, "name"), k->cols[1] = str(rec, "region"), k->cols[2] = str(rec, "level");
        k->cols[3] = str(rec, "kind"), k->cols[4] = str(rec, "sector"), k->cols[5] = str(rec, "parent");
        break;
    case REC_OFFICER:
        k->key = str(rec, "cert_no");
        k->cols[0] = str(rec, "name"), k->cols[1] = str(rec, "agency");
        k->cols[2] = str(rec, "cert_valid_to"), k->cols[3] = str(rec, "status");
        break;
    case REC_POWER:
        k->key = str(rec, "code"), k->cols[0] = str(rec, "name"), k->cols[1] = str(rec, "kind");
        break;
    case REC_BENCHMARK: k->key = str(rec, "power"); break;
    case REC_CASE:
        k->key = str(rec, "case_no"), k->cols[0] = str(rec, "agency"), k->cols[1] = str(rec, "kind");
        break;
    case REC_MONTHLY_REPORT: k->key = str(rec, "agency"), k->key2 = str(rec, "month"); break;
    case REC_TYPE_COUNT: break;
    }
}

/* 案件编号 (docs/case-record.md): a number people type and read, no longer than a 文号 needs. */
static int check_filing_no(const json_t *v, ZfError *err)
{
    if (!v) return ZF_OK;
    const char *s = json_string_value(v);
    if (text_utf8_chars(s) > FILING_NO_MAX_CHARS) return bad(err, "filing_no", "长度超过 64 个字符");
    return ZF_OK;
}

int exchange_validate(json_t *rec, RecordKeys *out, ZfError *err)
{
    if (!json_is_object(rec)) return zf_fail(err, 400, "not_object", NULL, "每行应为一个 JSON 对象");
    json_t *type_v = json_object_get(rec, "type");
    if (!json_is_string(type_v)) return zf_fail(err, 400, "missing_field", "type", "缺少必填字段 type");
    int type = record_type_from_name(json_string_value(type_v));
    if (type < 0)
        return zf_fail(err, 400, "unknown_type", "type", "未知的记录类型 type（可选：agency officer power benchmark case monthly_report）");
    if (check_fields(rec, record_fields[type], NULL, err) != ZF_OK) return ZF_ERR;
    if (type == REC_CASE && check_fields(rec, case_kind_fields(str(rec, "kind")), NULL, err) != ZF_OK)
        return ZF_ERR;
    if (type == REC_CASE && check_filing_no(json_object_get(rec, "filing_no"), err) != ZF_OK) return ZF_ERR;
    if (type == REC_CASE && case_substance_validate(rec, err) != ZF_OK) return ZF_ERR; /* 案情 */
    fill_keys(rec, (RecordType)type, out);
    return ZF_OK;
}

const char *exchange_key_of(json_t *rec)
{
    /* A known type is reported under its own key field only: an officer without cert_no must not
     * be reported under its agency's code, as if the agency record were the bad one. */
    static const char *const type_key_fields[REC_TYPE_COUNT] = {"code", "cert_no", "code", "power",
                                                                "case_no", "agency"};
    static const char *const key_fields[] = {"case_no", "cert_no", "code", "power", "agency"};
    if (!json_is_object(rec)) return "";
    int type = record_type_from_name(str(rec, "type"));
    if (type >= 0) {
        const char *k = str(rec, type_key_fields[type]);
        return k ? k : "";
    }
    for (size_t i = 0; i < sizeof key_fields / sizeof key_fields[0]; i++) {
        const char *k = str(rec, key_fields[i]);
        if (k) return k;
    }
    return "";
}

/* ---- field descriptions for spreadsheet readers ---- */
static ExchangeValueKind value_kind(const FieldSpec *f)
{
    switch (f->kind) {
    case F_TEXT: case F_USCC: case F_REGION: return EXF_TEXT;
    case F_ENUM: return EXF_ENUM;
    case F_DATE: return EXF_DATE;
    case F_DATETIME: return EXF_DATETIME;
    case F_MONTH: return EXF_MONTH;
    case F_BOOL: return EXF_BOOL;
    case F_MONEY: return EXF_MONEY;
    case F_DAYS: case F_COUNT: return EXF_INTEGER;
    case F_TEXT_ARRAY: case F_ENUM_ARRAY: return EXF_LIST;
    case F_OBJECT_ARRAY: return f->fields == basis_fields ? EXF_BASIS_LIST : EXF_GROUP;
    case F_OBJECT: case F_PARTY: return EXF_GROUP;
    }
    return EXF_GROUP;
}

static const FieldSpec *find_path(const FieldSpec *fields, const char *path)
{
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    for (const FieldSpec *f = fields; f->name; f++) {
        if (strlen(f->name) != n || memcmp(f->name, path, n) != 0) continue;
        if (!dot) return f;
        if (f->kind == F_PARTY) return find_path(party_fields, dot + 1);
        if (f->kind == F_OBJECT) return find_path(f->fields, dot + 1);
        return NULL;
    }
    return NULL;
}

bool exchange_field(RecordType type, const char *case_kind, const char *path, ExchangeField *out)
{
    static const char *const kinds[] = {"penalty", "coercion", "license", "inspection", NULL};
    if ((int)type < 0 || type >= REC_TYPE_COUNT || !path) return false;
    const FieldSpec *f = find_path(record_fields[type], path);
    for (int i = 0; !f && type == REC_CASE && kinds[i]; i++)
        if (!case_kind || strcmp(case_kind, kinds[i]) == 0) f = find_path(case_kind_fields(kinds[i]), path);
    if (!f) return false;
    *out = (ExchangeField){value_kind(f), f->required, f->choices};
    return true;
}
