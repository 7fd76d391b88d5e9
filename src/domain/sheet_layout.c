/* Template columns per record type and the conversion of a spreadsheet row into an exchange-v1
 * record. Field types and enumerations come from domain/exchange.c, never repeated here; the
 * converted record is validated by exchange_validate like any imported line. Pure. */
#include "domain/sheet_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLS(a) a, (int)(sizeof a / sizeof a[0])

static const SheetColumn agency_cols[] = {
    {"code", "统一社会信用代码", "113702021588139920", "18 位，校验位须正确（GB 32100）"},
    {"name", "执法主体名称", "青岛市市南区市场监督管理局", NULL},
    {"region", "行政区划代码", "370202", "6 位数字（GB/T 2260）"},
    {"level", "层级", "county", "province 省级 / city 市级 / county 县级 / township 乡镇级"},
    {"kind", "主体类别", "department", "government 政府 / department 部门 / township 乡镇街道 / authorized 法律法规授权组织 / entrusted 受委托组织"},
    {"sector", "执法领域", "market_regulation", "如 market_regulation transport urban_management ecology emergency agriculture culture health"},
    {"parent", "上级主管机关代码", "", "上级机关的统一社会信用代码"},
    {"qualified", "主体资格已确认", "是", "不填视为“是”"},
};

static const SheetColumn officer_cols[] = {
    {"cert_no", "执法证号", "37020200001", NULL},
    {"name", "姓名", "王执法", NULL},
    {"agency", "所属执法主体代码", "113702021588139920", "统一社会信用代码"},
    {"cert_valid_from", "证件有效期起", "2023-01-01", NULL},
    {"cert_valid_to", "证件有效期止", "2028-12-31", NULL},
    {"status", "证件状态", "active", "active 有效 / suspended 暂扣 / revoked 注销"},
    {"kind", "证件类别", "enforcement", "enforcement 执法证 / supervision 监督证"},
};

static const SheetColumn power_cols[] = {
    {"code", "事项编码", "SC-CF-001", NULL},
    {"name", "事项名称", "对生产经营不符合食品安全标准食品的处罚", NULL},
    {"kind", "职权类别", "penalty", "penalty 处罚 / license 许可 / coercion 强制 / inspection 检查 / levy 征收 / payment 给付 / confirmation 确认 / reward 奖励 / ruling 裁决 / other 其他"},
    {"agencies", "实施主体代码", "113702021588139920", "统一社会信用代码，多个用 ; 分隔"},
    {"basis", "设定依据", "《中华人民共和国食品安全法》第一百二十四条", "写作《法律名称》第X条，多条用 ; 分隔"},
    {"sector", "执法领域", "market_regulation", NULL},
    {"delegated_to_township", "已下放乡镇（街道）", "否", NULL},
};

/* One sheet for every case kind: a column that does not apply to a row's kind stays empty. */
static const SheetColumn case_cols[] = {
    {"case_no", "案号", "南市监处罚〔2026〕100号", NULL},
    {"agency", "执法主体代码", "113702021588139920", "统一社会信用代码"},
    {"kind", "案件类别", "penalty", "penalty 行政处罚 / coercion 行政强制 / license 行政许可 / inspection 行政检查"},
    {"power", "职权事项编码", "SC-CF-001", "权责清单中的事项编码"},
    {"party.kind", "当事人类型", "org", "person 自然人 / org 法人或其他组织；填了当事人其他信息时必填"},
    {"party.name", "当事人名称", "青岛某某食品有限公司", NULL},
    {"party.id_no", "当事人证件号码", "91370202091141705L", "自然人填公民身份号码，组织填统一社会信用代码，校验位须正确"},
    {"officers", "执法人员证号", "37020200001;37020200002", "多个用 ; 分隔"},
    {"closed_on", "结案日期", "2026-04-10", NULL},
    {"procedure", "程序", "ordinary", "处罚案件：simple 简易程序 / ordinary 普通程序"},
    {"violation_ended_on", "违法行为终了日期", "", "处罚案件"},
    {"discovered_on", "发现日期", "2026-02-27", "处罚案件"},
    {"filed_on", "立案日期", "2026-03-02", "处罚案件"},
    {"filing_extended", "立案期限已延长", "", "处罚案件"},
    {"health_or_finance", "涉及生命健康或金融安全", "", "处罚案件（《行政处罚法》第三十六条）"},
    {"major", "重大案件", "", "处罚案件"},
    {"complex", "疑难复杂案件", "", "处罚案件"},
    {"notified_on", "处罚告知日期", "2026-03-16", "处罚案件"},
    {"hearing_right_notified", "已告知听证权利", "是", "处罚案件"},
    {"hearing_requested_on", "申请听证日期", "", "处罚案件"},
    {"hearing_waived", "书面放弃听证", "", "处罚案件"},
    {"hearing_notice_on", "听证通知日期", "", "处罚案件"},
    {"hearing_held_on", "举行听证日期", "", "处罚案件"},
    {"legal_review.reviewed_on", "法制审核日期", "", "处罚案件"},
    {"legal_review.passed", "法制审核通过", "", "处罚案件"},
    {"legal_review.reviewer", "法制审核人员证号", "", "处罚案件"},
    {"collective_discussion_on", "集体讨论日期", "", "处罚案件"},
    {"suspended_days", "中止天数", "", "处罚案件，整数"},
    {"extension_days", "延长天数", "", "处罚、强制、许可案件，整数"},
    {"decided_on", "决定日期", "2026-03-25", "处罚、许可案件"},
    {"decision.outcome", "决定结果", "penalty", "处罚：penalty 给予处罚 / no_penalty 不予处罚 / transferred 移送 / revoked_case 撤销立案；许可：granted 准予 / denied 不予"},
    {"decision.measures", "处罚种类", "fine", "多个用 ; 分隔：warning fine confiscate suspend_business suspend_license revoke_license lower_qualification close restrict_practice detention"},
    {"decision.fine", "罚款金额（元）", "5000", "处罚案件，最多两位小数"},
    {"decision.confiscated", "没收金额（元）", "", "处罚案件"},
    {"decision.tier", "裁量档次", "ordinary", "如 light 轻微 / ordinary 一般 / heavy 严重"},
    {"decision.reduced", "从轻或减轻", "", "处罚案件"},
    {"decision.basis", "处罚依据", "《中华人民共和国食品安全法》第一百二十四条", "写作《法律名称》第X条，多条用 ; 分隔"},
    {"served_on", "送达日期", "2026-03-27", "处罚案件：决定书送达；许可案件：证件颁发、送达"},
    {"paid_on", "缴款日期", "", "处罚案件"},
    {"late_fee", "加处罚款（元）", "", "处罚案件"},
    {"enforcement_applied_on", "申请强制执行日期", "", "处罚案件"},
    {"published_on", "公示日期", "", "处罚案件"},
    {"measure", "强制措施", "", "强制案件：seal 查封 / seize 扣押 / freeze 冻结 / enforce 强制执行"},
    {"started_on", "措施开始日期", "", "强制案件"},
    {"released_on", "解除日期", "", "强制案件"},
    {"executed_at", "实施时间", "", "强制案件，YYYY-MM-DD HH:MM"},
    {"urgent", "情况紧急当场实施", "", "强制案件"},
    {"approved_on", "负责人批准日期", "", "强制案件：查封、扣押、冻结的批准（当场实施的为补办批准）"},
    {"demand_served_on", "催告书送达日期", "", "强制执行案件"},
    {"demand_due_on", "催告履行期限", "", "强制执行案件：催告书载明的履行期限届满日"},
    {"enforce_decided_on", "强制执行决定日期", "", "强制执行案件"},
    {"received_on", "收到申请日期", "", "许可案件"},
    {"correction_notice_on", "补正通知日期", "", "许可案件"},
    {"accepted_on", "受理日期", "", "许可案件"},
    {"inspected_on", "检查日期", "", "检查案件"},
    {"result", "检查结果", "", "检查案件：ok 未发现问题 / problem 发现问题"},
    {"joint", "综合查一次", "", "检查案件"},
};

static const SheetLayout layouts[] = {
    {"agencies", REC_AGENCY, "执法主体", COLS(agency_cols)},
    {"officers", REC_OFFICER, "执法人员", COLS(officer_cols)},
    {"powers", REC_POWER, "权责清单", COLS(power_cols)},
    {"cases", REC_CASE, "案件", COLS(case_cols)},
};

const SheetLayout *sheet_layout(const char *kind)
{
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
        if (kind && strcmp(kind, layouts[i].kind) == 0) return &layouts[i];
    return NULL;
}

const SheetLayout *sheet_layout_at(int index)
{
    return index >= 0 && (size_t)index < sizeof layouts / sizeof layouts[0] ? &layouts[index] : NULL;
}

static bool has_key(const char *const *keys, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (keys[i] && strcmp(keys[i], key) == 0) return true;
    return false;
}

int sheet_type_of_keys(const char *const *keys, int n)
{
    if (has_key(keys, n, "case_no")) return REC_CASE;
    if (has_key(keys, n, "cert_no")) return REC_OFFICER;
    if (has_key(keys, n, "code")) return has_key(keys, n, "region") ? REC_AGENCY : REC_POWER;
    return -1;
}

const char *sheet_format_text(ExchangeValueKind kind)
{
    switch (kind) {
    case EXF_TEXT: return "文本";
    case EXF_ENUM: return "从下拉列表选择";
    case EXF_DATE: return "日期，格式 YYYY-MM-DD（如 2026-05-20）";
    case EXF_DATETIME: return "时间，格式 YYYY-MM-DD HH:MM";
    case EXF_MONTH: return "月份，格式 YYYY-MM";
    case EXF_BOOL: return "是 / 否";
    case EXF_MONEY: return "金额（元），数字，最多两位小数";
    case EXF_INTEGER: return "非负整数";
    case EXF_LIST: return "一个或多个值，用英文分号 ; 分隔";
    case EXF_BASIS_LIST: return "《法律名称》第X条，多条用 ; 分隔";
    case EXF_GROUP: break;
    }
    return "文本";
}

static bool add_choice(char *out, size_t cap, size_t *used, const char *c)
{
    size_t n = strlen(c);
    char probe[64];
    snprintf(probe, sizeof probe, ",%s,", c);
    char wrapped[600];
    snprintf(wrapped, sizeof wrapped, ",%s,", out);
    if (strstr(wrapped, probe)) return true; /* already listed by another case kind */
    if (*used + n + 2 > cap) return false;
    if (*used) out[(*used)++] = ',';
    memcpy(out + *used, c, n + 1);
    *used += n;
    return true;
}

bool sheet_column_choices(RecordType type, const char *path, char *out, size_t cap)
{
    static const char *const case_kinds[] = {"penalty", "coercion", "license", "inspection", NULL};
    static const char *const yes_no[] = {"是", "否", NULL};
    size_t used = 0;
    out[0] = '\0';
    for (int k = 0; type == REC_CASE ? case_kinds[k] != NULL : k == 0; k++) {
        ExchangeField f;
        if (!exchange_field(type, type == REC_CASE ? case_kinds[k] : NULL, path, &f)) continue;
        const char *const *choices = f.kind == EXF_ENUM ? f.choices : f.kind == EXF_BOOL ? yes_no : NULL;
        for (; choices && *choices; choices++)
            if (!add_choice(out, cap, &used, *choices)) return false;
    }
    return used > 0;
}

/* ---- one row → one record ---- */

static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    char *t = malloc(n + 1);
    if (t) memcpy(t, s, n), t[n] = '\0';
    return t;
}

/* A number typed into a text column (a certificate number Excel took for a number) as its digits. */
static json_t *number_as_text(const XlsxCell *c)
{
    char digits[40];
    if (c->number == floor(c->number) && fabs(c->number) < 1e15) {
        snprintf(digits, sizeof digits, "%.0f", c->number);
        return json_string(digits);
    }
    return json_string(c->text);
}

static json_t *parse_number(const char *s, bool integer)
{
    char *end;
    double x = strtod(s, &end);
    if (end == s || *end || !isfinite(x)) return NULL;
    if (integer || (x == floor(x) && fabs(x) < 1e15)) {
        if (x != floor(x) || fabs(x) >= 1e15) return json_real(x);
        return json_integer((json_int_t)x);
    }
    return json_real(x);
}

static json_t *bool_of(const char *s)
{
    static const char *const yes[] = {"是", "true", "TRUE", "True", "1", "Y", "y", NULL};
    static const char *const no[] = {"否", "false", "FALSE", "False", "0", "N", "n", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcmp(s, yes[i]) == 0) return json_true();
    for (int i = 0; no[i]; i++)
        if (strcmp(s, no[i]) == 0) return json_false();
    return json_string(s); /* validation says 应为 true 或 false */
}

/* Next item of a ;-separated list (also the full-width ；), trimmed; NULL at the end. */
static char *next_item(const char **p)
{
    while (**p) {
        const char *s = *p, *semi = strstr(s, ";"), *wide = strstr(s, "；");
        const char *end = semi && (!wide || semi < wide) ? semi : wide;
        size_t n = end ? (size_t)(end - s) : strlen(s);
        *p = end ? end + (end == semi ? 1 : strlen("；")) : s + n;
        char *raw = strndup(s, n);
        char *item = raw ? trimmed(raw) : NULL;
        free(raw);
        if (item && *item) return item;
        free(item);
        if (!item) return NULL;
    }
    return NULL;
}

/* "《法名》第X条" → {"law":"法名","article":"第X条"}; NULL when not written that way. */
static json_t *basis_item(const char *item)
{
    static const char open[] = "《", close[] = "》";
    if (strncmp(item, open, strlen(open)) != 0) return NULL;
    const char *law = item + strlen(open), *end = strstr(law, close);
    if (!end || end == law) return NULL;
    const char *article = end + strlen(close);
    while (*article == ' ') article++;
    if (!*article) return NULL;
    return json_pack("{s:s%, s:s}", "law", law, (size_t)(end - law), "article", article);
}

static int cell_fail(ZfError *err, const char *path, const char *what)
{
    return zf_fail(err, 400, "invalid_cell", path, "字段 %s：%s", path, what);
}

static int list_value(const char *text, bool basis, const char *path, json_t **out, ZfError *err)
{
    json_t *a = json_array();
    const char *p = text;
    char *item;
    while ((item = next_item(&p))) {
        json_t *v = basis ? basis_item(item) : json_string(item);
        free(item);
        if (!v) {
            json_decref(a);
            return cell_fail(err, path, basis ? "依据应写作《法律名称》第X条，多条用 ; 分隔" : "无法读取");
        }
        json_array_append_new(a, v);
    }
    *out = a;
    return ZF_OK;
}

/* Dates typed into a text column the way people write them — 2026/3/2, 2026.3.2, 2026-3-2,
 * 2026年3月2日 — as YYYY-MM-DD; anything else is left for validation to judge. */
static const char *normalize_date(const char *t, char out[16])
{
    int y, m, d, n = -1;
    size_t len = strlen(t);
    if (sscanf(t, "%4d%*1[-/.]%2d%*1[-/.]%2d%n", &y, &m, &d, &n) != 3 || n < 0 || (size_t)n != len) {
        n = -1;
        if (sscanf(t, "%4d年%2d月%2d日%n", &y, &m, &d, &n) != 3 || n < 0 || (size_t)n != len) return t;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return t;
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100);
    return out;
}

/* A cell as the JSON value its field takes; *out NULL for an empty cell. */
static int cell_json(const XlsxCell *c, const ExchangeField *f, const char *path, bool date1904, json_t **out, ZfError *err)
{
    *out = NULL;
    if (c->type == XLSX_CELL_ERROR) return cell_fail(err, path, "单元格是错误值，请填写实际内容");
    if (c->type == XLSX_CELL_BOOL && f->kind == EXF_BOOL) return *out = json_boolean(c->text[0] == '1'), ZF_OK;
    if (c->type == XLSX_CELL_NUMBER) {
        char day[20];
        switch (f->kind) {
        case EXF_DATE:
        case EXF_DATETIME:
        case EXF_MONTH:
            if (!xlsx_serial_date(c->number, date1904, f->kind == EXF_DATETIME, day))
                return cell_fail(err, path, "Excel 日期超出范围");
            if (f->kind == EXF_MONTH) day[7] = '\0';
            return *out = json_string(day), ZF_OK;
        case EXF_MONEY: *out = parse_number(c->text, false); break;
        case EXF_INTEGER: *out = parse_number(c->text, true); break;
        case EXF_BOOL: *out = c->number == 1 ? json_true() : c->number == 0 ? json_false() : json_real(c->number); break;
        default: *out = number_as_text(c); break;
        }
        return *out ? ZF_OK : cell_fail(err, path, "数字无效");
    }
    char *t = trimmed(c->text);
    if (!t) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = ZF_OK;
    if (!*t) {
        /* empty: the field is absent */
    } else if (f->kind == EXF_BOOL) {
        *out = bool_of(t);
    } else if (f->kind == EXF_MONEY || f->kind == EXF_INTEGER) {
        *out = parse_number(t, f->kind == EXF_INTEGER);
        if (!*out) *out = json_string(t); /* validation says what the field wants */
    } else if (f->kind == EXF_LIST || f->kind == EXF_BASIS_LIST) {
        rc = list_value(t, f->kind == EXF_BASIS_LIST, path, out, err);
    } else if (f->kind == EXF_DATE) {
        char day[16];
        *out = json_string(normalize_date(t, day));
    } else if (f->kind == EXF_DATETIME && strlen(t) == 16 && t[10] == ' ') {
        t[10] = 'T'; /* "2026-05-20 09:30" as people write it */
        *out = json_string(t);
    } else {
        *out = json_string(t);
    }
    free(t);
    if (rc == ZF_OK && *out && json_is_array(*out) && json_array_size(*out) == 0) json_decref(*out), *out = NULL;
    return rc;
}

/* Sets rec[path] for "a" or "a.b" (the object a created on first use). */
static void set_path(json_t *rec, const char *path, json_t *v)
{
    const char *dot = strchr(path, '.');
    if (!dot) {
        json_object_set_new(rec, path, v);
        return;
    }
    char head[64];
    snprintf(head, sizeof head, "%.*s", (int)(dot - path), path);
    json_t *obj = json_object_get(rec, head);
    if (!json_is_object(obj)) {
        obj = json_object();
        json_object_set_new(rec, head, obj);
    }
    set_path(obj, dot + 1, v);
}

int sheet_row_record(RecordType type, const char *const *keys, int nkeys, const XlsxCell *cells, int ncells,
                     bool date1904, json_t **record, ZfError *err)
{
    json_t *rec = json_object();
    int rc = ZF_OK;
    json_object_set_new(rec, "type", json_string(record_type_name(type)));
    for (int i = 0; i < ncells; i++) {
        const XlsxCell *c = &cells[i];
        if (c->col >= nkeys || !keys[c->col] || strcmp(keys[c->col], "type") == 0) continue;
        ExchangeField f;
        /* a column the record does not know is kept as text (exchange-v1 keeps unknown fields) */
        if (!exchange_field(type, NULL, keys[c->col], &f) || f.kind == EXF_GROUP)
            f = (ExchangeField){EXF_TEXT, false, NULL};
        json_t *v;
        ZfError cerr;
        if (cell_json(c, &f, keys[c->col], date1904, &v, &cerr) != ZF_OK) {
            if (rc == ZF_OK) *err = cerr, rc = ZF_ERR; /* report the first bad cell */
            continue;
        }
        if (v) set_path(rec, keys[c->col], v);
    }
    if (json_object_size(rec) == 1 && rc == ZF_OK) { /* only "type": a blank row */
        json_decref(rec);
        rec = NULL;
    }
    *record = rec;
    return rc;
}
