/* See filing.h. The policy's values and their basis are data (setting major_filing_policy); the
 * only law here is how a period is counted (行政处罚法 第八十五条, 民法典 第二百零一、二百零三条). */
#include "domain/filing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exchange.h"

static const char DEFAULT_POLICY[] =
    "{\"period_days\":15,\"day_kind\":\"calendar\",\"person_fine_min\":10000,\"org_fine_min\":100000,"
    "\"measures\":[\"suspend_business\",\"revoke_license\",\"close\"],\"approval_major\":true,"
    "\"basis\":\"《行政执法监督条例》（国务院令第825号）；本地重大行政执法决定备案规定\"}";

#define POLICY_FIELD_COUNT 7

static int bad(ZfError *err, const char *field, const char *why)
{
    return zf_fail(err, 400, "invalid_policy", field, "%s", why);
}

static int parse_money(const json_t *o, const char *key, int64_t *fen, ZfError *err)
{
    const json_t *v = json_object_get(o, key);
    *fen = 0;
    if (!v) return ZF_OK;
    if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 1e12)
        return bad(err, key, "罚款数额标准应为不小于 0 的金额（元），0 表示不按数额认定");
    *fen = (int64_t)llround(json_number_value(v) * 100.0);
    return ZF_OK;
}

static int parse_measures(const json_t *o, FilingPolicy *out, ZfError *err)
{
    const json_t *list = json_object_get(o, "measures"), *v;
    size_t i;
    if (!list) return ZF_OK;
    if (!json_is_array(list) || json_array_size(list) > FILING_MAX_MEASURES)
        return bad(err, "measures", "measures 应为处罚种类代码的数组（至多 10 项）");
    json_array_foreach(list, i, v) {
        const char *code = json_string_value(v);
        if (!code || strlen(code) >= FILING_MEASURE_LEN || !exchange_dict_name("measures", code))
            return zf_fail(err, 400, "invalid_policy", "measures", "“%s”不是处罚种类代码",
                           code && strlen(code) < 64 ? code : "?");
        snprintf(out->measures[out->measure_count++], FILING_MEASURE_LEN, "%s", code);
    }
    return ZF_OK;
}

static int parse_period(const json_t *o, FilingPolicy *out, ZfError *err)
{
    const json_t *days = json_object_get(o, "period_days");
    const char *kind = json_string_value(json_object_get(o, "day_kind"));
    if (!json_is_integer(days) || json_integer_value(days) < 1 || json_integer_value(days) > 365)
        return bad(err, "period_days", "备案期限 period_days 应为 1 至 365 的整数");
    if (!kind || (strcmp(kind, "calendar") != 0 && strcmp(kind, "working") != 0))
        return bad(err, "day_kind", "day_kind 应为 calendar（自然日）或 working（工作日）");
    out->period_days = (int)json_integer_value(days);
    out->working_days = strcmp(kind, "working") == 0;
    return ZF_OK;
}

static int parse_policy(const json_t *o, FilingPolicy *out, ZfError *err)
{
    static const char *const known[POLICY_FIELD_COUNT] = {"period_days", "day_kind", "person_fine_min", "org_fine_min",
                                                          "measures",    "approval_major", "basis"};
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        bool found = false;
        for (int i = 0; i < POLICY_FIELD_COUNT && !found; i++) found = strcmp(key, known[i]) == 0;
        if (!found) return zf_fail(err, 400, "invalid_policy", "value", "无法识别的字段“%.60s”", key);
    }
    const json_t *major = json_object_get(o, "approval_major");
    const char *basis = json_string_value(json_object_get(o, "basis"));
    if (major && !json_is_boolean(major)) return bad(err, "approval_major", "approval_major 应为 true 或 false");
    if (!basis || !*basis || strlen(basis) >= FILING_BASIS_LEN)
        return bad(err, "basis", "请填写依据 basis（不超过 1000 字节）");
    out->approval_major = json_is_true(major);
    snprintf(out->basis, sizeof out->basis, "%s", basis);
    if (parse_period(o, out, err) != ZF_OK || parse_money(o, "person_fine_min", &out->person_fine_min_fen, err) ||
        parse_money(o, "org_fine_min", &out->org_fine_min_fen, err) || parse_measures(o, out, err))
        return ZF_ERR;
    return ZF_OK;
}

int filing_policy_parse(const char *text, FilingPolicy *out, ZfError *err)
{
    memset(out, 0, sizeof *out);
    json_t *o = json_loads(text ? text : "", 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return bad(err, "value", "备案标准应为 JSON 对象");
    }
    int rc = parse_policy(o, out, err);
    json_decref(o);
    return rc;
}

void filing_policy_defaults(FilingPolicy *out)
{
    ZfError err;
    if (filing_policy_parse(DEFAULT_POLICY, out, &err) != ZF_OK) abort(); /* the text above is broken */
}

bool approval_policy_marks_major(const ApprovalPolicy *ap)
{
    for (size_t i = 0; i < ap->rule_count; i++)
        if (ap->rules[i].major && (ap->rules[i].actions & (1u << WA_APPROVE_DECISION))) return true;
    return false;
}

zf_day filing_due(const FilingPolicy *p, const Calendar *cal, zf_day start)
{
    return p->working_days ? add_wd(cal, start, p->period_days) : add_nd(cal, start, p->period_days);
}

bool filing_late(zf_day due_on, zf_day filed_on) { return filed_on > due_on; }

static void add_reason(FilingAssessment *a, const char *text)
{
    size_t used = strlen(a->reasons);
    snprintf(a->reasons + used, sizeof a->reasons - used, "%s%s", used ? "；" : "", text);
    a->major = true;
}

static zf_day day_of(const json_t *rec, const char *key)
{
    zf_day d;
    const char *s = json_string_value(json_object_get(rec, key));
    return s && date_parse(s, &d) ? d : ZF_DAY_NONE;
}

/* A fine at or above the party's threshold: a party not declared an organisation is a person
 * (the lower threshold: supervision would rather see one filing too many). */
static void check_fine(const FilingPolicy *p, const json_t *rec, const json_t *decision, FilingAssessment *a)
{
    const json_t *fine = json_object_get(decision, "fine");
    const char *kind = json_string_value(json_object_get(json_object_get(rec, "party"), "kind"));
    bool org = kind && strcmp(kind, "org") == 0;
    int64_t min = org ? p->org_fine_min_fen : p->person_fine_min_fen;
    if (!json_is_number(fine) || min <= 0) return;
    int64_t fen = (int64_t)llround(json_number_value(fine) * 100.0);
    if (fen < min) return;
    char text[160];
    snprintf(text, sizeof text, "罚款 %lld.%02lld 元（%s，标准 %lld 元以上）", (long long)(fen / 100),
             (long long)(fen % 100), org ? "单位" : "个人", (long long)(min / 100));
    add_reason(a, text);
}

static void check_measures(const FilingPolicy *p, const json_t *decision, FilingAssessment *a)
{
    const json_t *v;
    size_t i;
    json_array_foreach(json_object_get(decision, "measures"), i, v) {
        const char *code = json_string_value(v);
        for (int k = 0; code && k < p->measure_count; k++)
            if (strcmp(code, p->measures[k]) == 0) add_reason(a, exchange_dict_name("measures", code));
    }
}

bool filing_assess(const FilingPolicy *p, bool marks_major, const json_t *rec, const Calendar *cal,
                   FilingAssessment *out)
{
    memset(out, 0, sizeof *out);
    out->served_on = out->due_on = ZF_DAY_NONE;
    const json_t *decision = json_object_get(rec, "decision");
    const char *kind = json_string_value(json_object_get(rec, "kind"));
    const char *outcome = json_string_value(json_object_get(decision, "outcome"));
    out->decided_on = day_of(rec, "decided_on");
    if (!kind || strcmp(kind, "penalty") != 0 || out->decided_on == ZF_DAY_NONE || !outcome ||
        (strcmp(outcome, "penalty") != 0 && strcmp(outcome, "no_penalty") != 0))
        return false;
    if (p->approval_major && marks_major) {
        if (json_is_true(json_object_get(rec, "major"))) add_reason(out, "重大案件（按审批规则由主要负责人审批、法制审核会签）");
        else if (json_is_true(json_object_get(rec, "complex"))) add_reason(out, "情节复杂案件（按重大案件审批规则审批）");
    }
    if (strcmp(outcome, "penalty") == 0) {
        check_fine(p, rec, decision, out);
        check_measures(p, decision, out);
    }
    zf_day served = day_of(rec, "served_on");
    /* service before the decision is impossible: such a date is the rule engine's to report */
    if (served != ZF_DAY_NONE && served >= out->decided_on) out->served_on = served;
    out->due_on = filing_due(p, cal, out->served_on != ZF_DAY_NONE ? out->served_on : out->decided_on);
    return out->major;
}

const char *filing_status_name(const char *status)
{
    if (!status) return NULL;
    if (strcmp(status, "pending") == 0) return "待审查";
    return strcmp(status, "reviewed") == 0 ? "已审查" : NULL;
}

const char *filing_result_name(const char *result)
{
    if (!result) return NULL;
    if (strcmp(result, "no_objection") == 0) return "无异议";
    return strcmp(result, "opinion") == 0 ? "提出意见" : NULL;
}
