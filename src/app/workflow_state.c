/* Record ↔ CaseState for online case handling (see workflow_state.h). Money: yuan in the
 * record, fen in CaseState. */
#include "app/workflow_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/workflow_discretion.h"
#include "app/workflow_kinds.h"
#include "domain/case_substance.h"
#include "store/findings.h"
#include "store/workflow.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

zf_day wf_day_of(const json_t *o, const char *k)
{
    zf_day d;
    const char *s = str(o, k);
    return s && date_parse(s, &d) ? d : ZF_DAY_NONE;
}

int64_t wf_fen_of(const json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_number(v) ? (int64_t)llround(json_number_value(v) * 100.0) : 0;
}

static unsigned measures_of(const json_t *arr)
{
    unsigned bits = 0;
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        const char *s = json_string_value(m);
        unsigned bit = case_measure_bit(s);
        if (s) bits |= bit ? bit : WF_M_OTHER;
    }
    return bits;
}

json_t *wf_stored_record(Store *st, RecordType type, const char *key)
{
    char *body;
    ZfError err;
    if (!key || store_record_get(st, type, key, &body, &err) != ZF_OK) return NULL;
    json_t *v = json_loads(body, 0, NULL);
    free(body);
    return v;
}

static void load_officers(Store *st, const json_t *rec, CaseState *cs)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(rec, "officers"), i, c) {
        if (cs->officer_count == WF_MAX_OFFICERS) break;
        WfOfficer *o = &cs->officers[cs->officer_count++];
        snprintf(o->cert_no, sizeof o->cert_no, "%s", json_string_value(c) ? json_string_value(c) : "");
        o->cert_valid_from = o->cert_valid_to = ZF_DAY_NONE;
        json_t *off = wf_stored_record(st, REC_OFFICER, json_string_value(c));
        if (!off) continue; /* unknown officer: not active, the gate refuses */
        const char *status = str(off, "status");
        o->active = status && strcmp(status, "active") == 0;
        o->cert_valid_from = wf_day_of(off, "cert_valid_from");
        o->cert_valid_to = wf_day_of(off, "cert_valid_to");
        json_decref(off);
    }
}

static void load_tiers(Store *st, const json_t *rec, CaseState *cs)
{
    json_t *bm = wf_stored_record(st, REC_BENCHMARK, str(rec, "power"));
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(bm, "tiers"), i, t) {
        if (cs->tier_count == WF_MAX_TIERS) break;
        WfTier *w = &cs->tiers[cs->tier_count++];
        snprintf(w->name, sizeof w->name, "%s", str(t, "tier") ? str(t, "tier") : "");
        w->min_fen = wf_fen_of(t, "fine_min");
        w->max_fen = json_object_get(t, "fine_max") ? wf_fen_of(t, "fine_max") : INT64_MAX;
    }
    json_decref(bm);
}

int wf_state_build(Store *st, const json_t *rec, const json_t *row, CaseState *cs, ZfError *err)
{
    case_state_init(cs, wf_procedure_of(rec));
    if (workflow_stage_by_code(str(row, "stage"), &cs->stage) != ZF_OK)
        return zf_fail(err, 500, "invalid_stage", "stage", "案件所处环节无法识别");
    json_t *party = json_object_get(rec, "party");
    const char *kind = str(party, "kind");
    cs->party_kind = kind && strcmp(kind, "org") == 0 ? WF_PARTY_ORG : WF_PARTY_PERSON;
    snprintf(cs->party_name, sizeof cs->party_name, "%s", str(party, "name") ? str(party, "name") : "");
    json_t *agency = wf_stored_record(st, REC_AGENCY, str(rec, "agency"));
    snprintf(cs->sector, sizeof cs->sector, "%s", str(agency, "sector") ? str(agency, "sector") : "");
    snprintf(cs->region, sizeof cs->region, "%s", str(agency, "region") ? str(agency, "region") : "");
    json_decref(agency);
    load_officers(st, rec, cs);
    load_tiers(st, rec, cs);

    /* Before the decision the proposed measures live in the row state; after it, in the record. */
    const json_t *state = json_object_get(row, "state");
    const json_t *decision = json_object_get(rec, "decision");
    const json_t *pen = decision ? decision : json_object_get(state, "proposal");
    cs->measures = measures_of(json_object_get(pen, "measures"));
    cs->fine_fen = wf_fen_of(pen, "fine");
    cs->confiscated_fen = wf_fen_of(pen, "confiscated");
    snprintf(cs->tier, sizeof cs->tier, "%s", str(pen, "tier") ? str(pen, "tier") : "");
    cs->reduced = json_is_true(json_object_get(pen, "reduced"));
    snprintf(cs->reduced_reason, sizeof cs->reduced_reason, "%s",
             str(state, "reduced_reason") ? str(state, "reduced_reason") : "");
    cs->major = json_is_true(json_object_get(rec, "major"));
    cs->complex = json_is_true(json_object_get(rec, "complex"));
    cs->health_or_finance = json_is_true(json_object_get(rec, "health_or_finance"));

    cs->violation_ended_on = wf_day_of(rec, "violation_ended_on");
    cs->discovered_on = wf_day_of(rec, "discovered_on");
    cs->filed_on = wf_day_of(rec, "filed_on");
    cs->notified_on = wf_day_of(rec, "notified_on");
    cs->hearing_right_notified = json_is_true(json_object_get(rec, "hearing_right_notified"));
    /* an exchange field since rules v2 (P21); cases begun before kept it in the row state */
    cs->hearing_waived = json_is_true(json_object_get(rec, "hearing_waived")) ||
                         json_is_true(json_object_get(state, "hearing_waived"));
    cs->hearing_requested_on = wf_day_of(rec, "hearing_requested_on");
    cs->hearing_notice_on = wf_day_of(rec, "hearing_notice_on");
    cs->hearing_held_on = wf_day_of(rec, "hearing_held_on");
    json_t *lr = json_object_get(rec, "legal_review");
    if (lr) {
        cs->legal_review = json_is_true(json_object_get(lr, "passed")) ? WF_REVIEW_PASSED : WF_REVIEW_FAILED;
        cs->reviewed_on = wf_day_of(lr, "reviewed_on");
    }
    cs->collective_on = wf_day_of(rec, "collective_discussion_on");
    cs->decided_on = wf_day_of(rec, "decided_on");
    cs->served_on = wf_day_of(rec, "served_on");
    cs->published_on = wf_day_of(rec, "published_on");
    cs->paid_on = wf_day_of(rec, "paid_on");
    /* exchange-v1 has no field for these two: the workflow row holds them (publicity.c). */
    cs->revoked_on = wf_day_of(json_object_get(state, "revocation"), "revoked_on");
    cs->withdrawn_on = wf_day_of(json_object_get(state, "withdrawal"), "withdrawn_on");
    cs->extension_days = (int)json_integer_value(json_object_get(rec, "extension_days"));
    cs->suspended_days = (int)json_integer_value(json_object_get(rec, "suspended_days"));
    cs->substance = case_substance_present(rec);
    if (cs->procedure >= WF_PROC_INSPECTION) wf_kind_state_load(st, rec, state, cs);
    return ZF_OK;
}

int wf_case_row(Store *st, const AuthUser *auth, const char *case_no, json_t **row, ZfError *err)
{
    *row = NULL;
    if (case_no && strlen(case_no) <= 128 && auth && store_workflow_get(st, case_no, row, err) == ZF_OK &&
        strcmp(str(*row, "agency"), auth->agency) == 0)
        return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "案件不存在");
}

int wf_case_load(Store *st, const AuthUser *auth, const char *case_no, json_t **row, json_t **rec, ZfError *err)
{
    char *body;
    *rec = NULL;
    if (wf_case_row(st, auth, case_no, row, err) != ZF_OK) return ZF_ERR;
    if (store_record_get(st, REC_CASE, case_no, &body, err) != ZF_OK) {
        json_decref(*row);
        *row = NULL;
        return zf_fail(err, 404, "not_found", NULL, "案件不存在");
    }
    *rec = json_loads(body, 0, NULL);
    free(body);
    return *rec ? ZF_OK : zf_fail(err, 500, "internal_error", NULL, "案件记录无法读取");
}

/* ---- the facts a step records ------------------------------------------------------------ */

typedef enum { FK_DATE, FK_FUTURE_DATE, FK_BOOL, FK_MONEY, FK_DAYS, FK_TEXT, FK_MEASURES, FK_CERTS, FK_FACTS,
               FK_SUBSTANCE, FK_DATETIME } FieldKind;
typedef enum { TO_RECORD, TO_PROPOSAL, TO_STATE, TO_REVIEW, TO_DISCRETION } FieldHome;

static const struct {
    const char *name, *label;
    FieldKind kind;
    FieldHome home;
} FIELDS[] = {
    {"violation_ended_on", "违法行为终了日期", FK_DATE, TO_RECORD},
    {"discovered_on", "发现日期", FK_DATE, TO_RECORD},
    {"major", "重大案件", FK_BOOL, TO_RECORD},
    {"complex", "情节复杂", FK_BOOL, TO_RECORD},
    {"health_or_finance", "涉及公民生命健康安全、金融安全", FK_BOOL, TO_RECORD},
    {"officers", "执法人员", FK_CERTS, TO_RECORD},
    {"notified_on", "告知日期", FK_DATE, TO_RECORD},
    {"hearing_right_notified", "已告知听证权利", FK_BOOL, TO_RECORD},
    {"hearing_notice_on", "听证通知日期", FK_DATE, TO_RECORD},
    {"hearing_held_on", "听证日期", FK_FUTURE_DATE, TO_RECORD},
    {"collective_discussion_on", "集体讨论日期", FK_DATE, TO_RECORD},
    {"extension_days", "延长天数", FK_DAYS, TO_RECORD},
    {"suspended_days", "中止天数", FK_DAYS, TO_RECORD},
    {"published_on", "公示日期", FK_DATE, TO_RECORD},
    {"paid_on", "缴纳罚款日期", FK_DATE, TO_RECORD},
    {"enforcement_applied_on", "申请强制执行日期", FK_DATE, TO_RECORD},
    {"measures", "处罚种类", FK_MEASURES, TO_PROPOSAL},
    {"fine", "罚款金额", FK_MONEY, TO_PROPOSAL},
    {"confiscated", "没收金额", FK_MONEY, TO_PROPOSAL},
    {"tier", "裁量阶次", FK_TEXT, TO_PROPOSAL},
    {"reduced", "减轻处罚", FK_BOOL, TO_PROPOSAL},
    {"reduced_reason", "减轻处罚理由", FK_TEXT, TO_STATE},
    {"tier_reason", "裁量理由", FK_TEXT, TO_STATE},
    {"discretion_facts", "裁量情节", FK_FACTS, TO_DISCRETION},
    {"hearing_waived", "当事人书面放弃听证", FK_BOOL, TO_RECORD}, /* read by P21 */
    {"legal_review_passed", "法制审核通过", FK_BOOL, TO_REVIEW},
    {"reviewed_on", "法制审核日期", FK_DATE, TO_REVIEW},
    /* the reviewer's opinion and the collective discussion's record (行政处罚法 57, 58), kept
     * with the workflow row: exchange-v1 has no field for them */
    {"legal_review_opinion", "法制审核意见", FK_TEXT, TO_STATE},
    {"collective_participants", "集体讨论参加人", FK_TEXT, TO_STATE},
    {"collective_conclusion", "集体讨论结论", FK_TEXT, TO_STATE},
    {"on", "办理日期", FK_DATE, TO_STATE}, /* read by the caller, not stored */
    /* 案情 (docs/case-record.md): checked by domain/case_substance.c; null clears one */
    {"cause", "案由", FK_SUBSTANCE, TO_RECORD},
    {"facts", "违法事实", FK_SUBSTANCE, TO_RECORD},
    {"evidence", "证据目录", FK_SUBSTANCE, TO_RECORD},
    {"violation_basis", "定性依据", FK_SUBSTANCE, TO_RECORD},
    {"penalty_basis", "处罚依据", FK_SUBSTANCE, TO_RECORD},
    {"defense", "陈述申辩", FK_SUBSTANCE, TO_RECORD},
    /* 行政检查、行政强制、行政许可 (issue 20; app/workflow_kinds.c reads them) */
    {"notice_required", "检查计划要求事先通知", FK_BOOL, TO_STATE},
    {"notice_on", "检查通知日期", FK_DATE, TO_STATE},
    {"identity_shown", "已出示执法证件", FK_BOOL, TO_STATE},
    {"inspected_on", "检查日期", FK_DATE, TO_RECORD},
    {"joint", "综合查一次（联合检查）", FK_BOOL, TO_RECORD},
    {"inspection_items", "检查事项", FK_TEXT, TO_STATE},
    {"correction_due_on", "改正期限", FK_FUTURE_DATE, TO_STATE},
    {"corrected_on", "整改完成日期", FK_DATE, TO_STATE},
    {"result_published_on", "检查结果公示日期", FK_DATE, TO_STATE},
    {"penalty_power", "移送立案的处罚事项", FK_TEXT, TO_STATE},
    {"measure", "强制措施种类", FK_TEXT, TO_RECORD},
    {"urgent", "情况紧急", FK_BOOL, TO_RECORD},
    {"approved_on", "负责人批准日期", FK_DATE, TO_RECORD},
    {"started_on", "实施日期", FK_DATE, TO_RECORD},
    {"onsite_record", "已制作现场笔录", FK_BOOL, TO_STATE},
    {"inventory", "查封、扣押清单", FK_TEXT, TO_STATE},
    {"released_on", "解除日期", FK_DATE, TO_RECORD},
    {"disposition", "处理结果", FK_TEXT, TO_STATE},
    {"obligation", "应履行的义务", FK_TEXT, TO_STATE},
    {"principal", "金钱给付义务金额", FK_MONEY, TO_STATE},
    {"late_fee", "加处罚款或者滞纳金", FK_MONEY, TO_STATE},
    {"demand_served_on", "催告书送达日期", FK_DATE, TO_RECORD},
    {"demand_due_on", "催告书载明的履行期限", FK_FUTURE_DATE, TO_RECORD},
    {"executed_at", "实施强制执行时间", FK_DATETIME, TO_RECORD},
    {"received_on", "申请日期", FK_DATE, TO_RECORD},
    {"correction_notice_on", "补正告知日期", FK_DATE, TO_RECORD},
    {"accepted_on", "受理日期", FK_DATE, TO_RECORD},
    {"hearing_required", "依法应当听证", FK_BOOL, TO_STATE},
    {"license_items", "申请许可事项", FK_TEXT, TO_STATE},
    {"license_published_on", "许可决定公示日期", FK_DATE, TO_STATE}, /* not the penalty portal's published_on */
};

static int check_value(const json_t *v, FieldKind kind, const char *name, const char *label, zf_day today,
                       ZfError *err)
{
    zf_day d;
    char t[ZF_DATE_LEN];
    switch (kind) {
    case FK_DATE:
    case FK_FUTURE_DATE:
        if (!json_is_string(v) || !date_parse(json_string_value(v), &d))
            return zf_fail(err, 400, "invalid_date", name, "%s应为 YYYY-MM-DD 格式的有效日期", label);
        if (kind == FK_DATE && d > today)
            return zf_fail(err, 400, "invalid_date", name, "%s不能晚于今天（%s）", label,
                           (date_format(today, t), t));
        return ZF_OK;
    case FK_DATETIME: {
        int minute;
        if (!json_is_string(v) || !datetime_parse(json_string_value(v), &d, &minute))
            return zf_fail(err, 400, "invalid_date", name, "%s应为 YYYY-MM-DDTHH:MM 格式的有效时间", label);
        if (d > today)
            return zf_fail(err, 400, "invalid_date", name, "%s不能晚于今天（%s）", label, (date_format(today, t), t));
        return ZF_OK;
    }
    case FK_BOOL:
        return json_is_boolean(v) ? ZF_OK : zf_fail(err, 400, "invalid_field", name, "%s应为是或否", label);
    case FK_MONEY:
        return json_is_number(v) && json_number_value(v) >= 0 && json_number_value(v) < 1e10
                   ? ZF_OK : zf_fail(err, 400, "invalid_money", name, "%s应为不小于 0 的金额（元）", label);
    case FK_DAYS:
        return json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 3650
                   ? ZF_OK : zf_fail(err, 400, "invalid_field", name, "%s应为不小于 0 的天数", label);
    case FK_TEXT:
        return json_is_string(v) && strlen(json_string_value(v)) <= 500
                   ? ZF_OK : zf_fail(err, 400, "invalid_field", name, "%s应为不超过 500 字节的文字", label);
    case FK_SUBSTANCE: return case_substance_check(name, v, err);
    case FK_FACTS: {
        DiscretionFacts facts;
        return wf_discretion_facts_parse(v, &facts, err);
    }
    case FK_MEASURES:
    case FK_CERTS: {
        size_t i;
        json_t *m;
        if (!json_is_array(v) || json_array_size(v) > WF_MAX_OFFICERS + 2)
            return zf_fail(err, 400, "invalid_field", name, "%s应为列表", label);
        json_array_foreach(v, i, m) {
            bool ok = json_is_string(m) && strlen(json_string_value(m)) < 32 &&
                      (kind != FK_MEASURES || case_measure_bit(json_string_value(m)) != 0);
            if (!ok) return zf_fail(err, 400, "invalid_field", name, "%s中有无法识别的值", label);
        }
        return ZF_OK;
    }
    }
    return ZF_ERR;
}

int wf_fields_apply(const json_t *fields, json_t *rec, json_t *state, zf_day today, const char *user,
                    ZfError *err)
{
    const char *key;
    json_t *v;
    if (fields && !json_is_object(fields))
        return zf_fail(err, 400, "invalid_field", "fields", "fields 应为对象");
    json_object_foreach((json_t *)fields, key, v) {
        size_t i = 0, n = sizeof FIELDS / sizeof *FIELDS;
        while (i < n && strcmp(FIELDS[i].name, key) != 0) i++;
        if (i == n) return zf_fail(err, 400, "unknown_field", key, "无法识别的字段“%s”", key);
        if (json_is_null(v)) continue;
        if (check_value(v, FIELDS[i].kind, key, FIELDS[i].label, today, err) != ZF_OK) return ZF_ERR;
    }
    json_object_foreach((json_t *)fields, key, v) {
        size_t i = 0;
        while (strcmp(FIELDS[i].name, key) != 0) i++;
        if (json_is_null(v) && FIELDS[i].kind == FK_SUBSTANCE) json_object_del(rec, key);
        if (json_is_null(v) || strcmp(key, "on") == 0) continue;
        switch (FIELDS[i].home) {
        case TO_RECORD: json_object_set(rec, key, v); break;
        case TO_STATE: json_object_set(state, key, v); break;
        case TO_PROPOSAL: {
            json_t *p = json_object_get(state, "proposal");
            if (!p) json_object_set_new(state, "proposal", p = json_object());
            json_object_set(p, key, v);
            break;
        }
        case TO_REVIEW: break; /* below, as one object */
        case TO_DISCRETION: /* the facts anew; the advice is settled once the case state is built */
            json_object_set_new(state, "discretion", json_pack("{s:O}", "facts", v));
            break;
        }
    }
    json_t *passed = json_object_get(fields, "legal_review_passed");
    if (json_is_boolean(passed)) {
        json_t *on = json_object_get(fields, "reviewed_on");
        if (!on) on = json_object_get(fields, "on");
        char t[ZF_DATE_LEN];
        date_format(today, t);
        json_object_set_new(rec, "legal_review",
                            json_pack("{s:s, s:b}", "reviewed_on", on ? json_string_value(on) : t,
                                      "passed", json_is_true(passed)));
        (void)user;
    }
    return ZF_OK;
}

/* ---- 机关简称 ---------------------------------------------------------------------------- */

static const struct {
    const char *dept, *abbr;
} DEPT_ABBR[] = {
    {"市场监督管理", "市监"}, {"交通运输", "交运"}, {"城市管理", "城管"}, {"综合行政执法", "综执"},
    {"生态环境", "环"},       {"应急管理", "应急"}, {"农业农村", "农"},   {"文化和旅游", "文旅"},
    {"卫生健康", "卫健"},     {"自然资源", "自然资源"}, {"公安", "公"},    {"税务", "税"},
};

/* Byte length of the UTF-8 character starting at s. */
static size_t u8len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static const char *prev_char(const char *name, const char *p)
{
    if (p <= name) return NULL;
    const char *q = p - 1;
    while (q > name && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return q;
}

void wf_agency_abbr(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s", "");
    if (!name || !*name) return;
    /* The department from the table; the place is the character before the 区/县/市 that
     * ends the division name just before it: 青岛市市南区|市场监督管理局 → 南 + 市监. */
    for (size_t i = 0; i < sizeof DEPT_ABBR / sizeof *DEPT_ABBR; i++) {
        const char *dept = strstr(name, DEPT_ABBR[i].dept);
        if (!dept) continue;
        const char *div = prev_char(name, dept);
        const char *place = div ? prev_char(name, div) : NULL;
        if (place && (strncmp(div, "区", 3) == 0 || strncmp(div, "县", 3) == 0 || strncmp(div, "市", 3) == 0))
            snprintf(out, size, "%.*s%s", (int)u8len(place), place, DEPT_ABBR[i].abbr);
        else
            snprintf(out, size, "%s", DEPT_ABBR[i].abbr);
        return;
    }
    snprintf(out, size, "%.*s", (int)u8len(name), name);
}
