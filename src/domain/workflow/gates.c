/* The legal gates of a penalty case: each refuses a step that would break the supervision rules
 * of spec/rules.md §3 (P01–P07, P11, P12, P15) before it happens, with 422 and the article.
 * Pure: the act is dated by the caller (`act` = today for the step being taken). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/workflow/workflow.h"
#include "util/text.h"

#define LAW_42 "《中华人民共和国行政处罚法》第四十二条"
#define LAW_36 "《中华人民共和国行政处罚法》第三十六条"
#define LAW_51 "《中华人民共和国行政处罚法》第五十一条"
#define LAW_44_62 "《中华人民共和国行政处罚法》第四十四条、第六十二条"
#define LAW_63 "《中华人民共和国行政处罚法》第六十三条"
#define LAW_64 "《中华人民共和国行政处罚法》第六十四条、第八十五条"
#define LAW_64_65 "《中华人民共和国行政处罚法》第六十四条、第六十五条"
#define LAW_58 "《中华人民共和国行政处罚法》第五十八条"
#define LAW_57 "《中华人民共和国行政处罚法》第五十七条"
#define LAW_34 "《中华人民共和国行政处罚法》第三十四条"
#define LAW_32_34 "《中华人民共和国行政处罚法》第三十二条、第三十四条"
#define LAW_52_61 "《中华人民共和国行政处罚法》第五十二条、第六十一条"

/* 行政处罚法 64: the party asks for a hearing within five (working, art. 85) days of notice. */
static const int HEARING_REQUEST_WD = 5;

__attribute__((format(printf, 5, 6))) static int refuse(ZfError *err, const char *code,
                                                        const char *field, const char *law,
                                                        const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return zf_fail(err, 422, code, field, "%s（%s）", text, law);
}

static char *ymd(zf_day d, char out[ZF_DATE_LEN])
{
    date_format(d, out);
    return out;
}

static void yuan(int64_t fen, char out[32])
{
    snprintf(out, 32, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(fen < 0 ? -fen : fen) / 100,
             (long long)(fen < 0 ? -fen : fen) % 100);
}

static bool officer_valid_on(const WfOfficer *o, zf_day act)
{
    return o->cert_no[0] && o->active && case_has(o->cert_valid_from) &&
           case_has(o->cert_valid_to) && act >= o->cert_valid_from && act <= o->cert_valid_to;
}

/* P01, P02 — two officers holding enforcement certificates valid on the act date (处罚法 42). */
static int gate_officers(const CaseState *cs, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], c[ZF_DATE_LEN];
    size_t distinct = 0;
    for (size_t i = 0; i < cs->officer_count; i++) {
        const WfOfficer *o = &cs->officers[i];
        if (!o->cert_no[0])
            return refuse(err, "gate_officer_uncertified", "officers", LAW_42,
                          "第 %zu 名执法人员没有执法证件", i + 1);
        if (!o->active)
            return refuse(err, "gate_officer_inactive", "officers", LAW_42,
                          "执法人员 %s 的执法证件不在有效状态", o->cert_no);
        if (!officer_valid_on(o, act))
            return refuse(err, "gate_officer_expired", "officers", LAW_42,
                          "执法人员 %s 的执法证件有效期为 %s 至 %s，%s 不在其内", o->cert_no,
                          case_has(o->cert_valid_from) ? ymd(o->cert_valid_from, a) : "—",
                          case_has(o->cert_valid_to) ? ymd(o->cert_valid_to, b) : "—",
                          ymd(act, c));
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(cs->officers[j].cert_no, o->cert_no) == 0;
        if (!seen) distinct++;
    }
    if (distinct < 2)
        return refuse(err, "gate_two_officers", "officers", LAW_42,
                      "执法人员不得少于两人，本案持证执法人员 %zu 人", distinct);
    return ZF_OK;
}

/* P12 — discovered within 2 years of the act ending, 5 for health or financial safety
 * (处罚法 36); add_years without roll-forward, as the rule. */
static int gate_limitation(const CaseState *cs, const RuleConfig *cfg, ZfError *err)
{
    if (!case_has(cs->violation_ended_on) || !case_has(cs->discovered_on)) return ZF_OK;
    RuleParam p = cs->health_or_finance ? RP_LIMITATION_YEARS_GRAVE : RP_LIMITATION_YEARS;
    int years = (int)rule_config_get(cfg, p, cs->sector, cs->region);
    zf_day limit = add_years(cs->violation_ended_on, years);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (cs->discovered_on > limit)
        return refuse(err, "gate_limitation", "discovered_on", LAW_36,
                      "违法行为 %s 终了，%s 才发现，已超过 %d 年追责时效，不再给予行政处罚",
                      ymd(cs->violation_ended_on, a), ymd(cs->discovered_on, b), years);
    return ZF_OK;
}

/* P03 — simple procedure only for a warning or a fine up to 200 / 3000 yuan (处罚法 51). */
static int gate_simple_limits(const CaseState *cs, const RuleConfig *cfg, ZfError *err)
{
    if (cs->procedure != WF_PROC_SIMPLE) return ZF_OK;
    if (cs->measures & ~(unsigned)(WF_M_WARNING | WF_M_FINE))
        return refuse(err, "gate_simple_procedure", "measures", LAW_51,
                      "简易程序只能作出警告或者罚款，其他处罚应当适用普通程序");
    bool person = cs->party_kind == WF_PARTY_PERSON;
    long long cap = rule_config_get(cfg, person ? RP_SIMPLE_MAX_PERSON_FEN : RP_SIMPLE_MAX_ORG_FEN,
                                    cs->sector, cs->region);
    char f[32], c[32];
    if (cs->fine_fen > cap)
        return refuse(err, "gate_simple_procedure", "fine", LAW_51,
                      "简易程序对%s罚款 %s 元，超过 %s 元，应当适用普通程序",
                      person ? "公民" : "法人或者其他组织", (yuan(cs->fine_fen, f), f),
                      (yuan(cap, c), c));
    return ZF_OK;
}

/* P04 — notice of the facts, reasons, basis and rights before deciding (处罚法 44, 62). */
static int gate_notice(const CaseState *cs, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!case_has(cs->notified_on))
        return refuse(err, "gate_notice_before_decision", "notified_on", LAW_44_62,
                      "作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩权利");
    if (cs->notified_on > act)
        return refuse(err, "gate_notice_before_decision", "notified_on", LAW_44_62,
                      "告知日期 %s 晚于本环节日期 %s", ymd(cs->notified_on, a), ymd(act, b));
    return ZF_OK;
}

/* P05 — the hearing right notified when the penalty carries it (处罚法 63). */
static int gate_hearing_right(const CaseState *cs, const RuleConfig *cfg, ZfError *err)
{
    if (cs->procedure != WF_PROC_ORDINARY || cs->hearing_right_notified) return ZF_OK;
    if (!case_hearing_required(cs, cfg)) return ZF_OK;
    return refuse(err, "gate_hearing_right", "hearing_right_notified", LAW_63,
                  "拟作出的处罚属于应当告知听证权利的情形，未告知当事人有要求听证的权利");
}

/* 处罚法 64: a request for a hearing within five working days of the notice. */
static int gate_hearing_request(const CaseState *cs, zf_day act, const Calendar *cal,
                                ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    zf_day asked = case_has(cs->hearing_requested_on) ? cs->hearing_requested_on : act;
    if (!case_has(cs->notified_on))
        return refuse(err, "gate_hearing_request", "notified_on", LAW_64,
                      "尚未告知当事人听证权利，无从申请听证");
    zf_day due = add_wd(cal, cs->notified_on, HEARING_REQUEST_WD);
    if (asked > due)
        return refuse(err, "gate_hearing_request", "hearing_requested_on", LAW_64,
                      "听证申请应当在告知后 %d 个工作日内（%s 前）提出，%s 提出已逾期",
                      HEARING_REQUEST_WD, ymd(due, a), ymd(asked, b));
    return ZF_OK;
}

/* 处罚法 64, 65: no decision while the party may still ask for a hearing, nor before a
 * requested hearing has been held. */
static int gate_hearing_window(const CaseState *cs, zf_day act, const Calendar *cal,
                               ZfError *err)
{
    if (cs->procedure != WF_PROC_ORDINARY || cs->hearing_waived) return ZF_OK;
    char a[ZF_DATE_LEN];
    if (case_has(cs->hearing_requested_on)) {
        if (case_has(cs->hearing_held_on)) return ZF_OK;
        return refuse(err, "gate_hearing_pending", "hearing_held_on", LAW_64_65,
                      "当事人已要求听证，应当组织听证并依据听证笔录作出决定");
    }
    if (!cs->hearing_right_notified || !case_has(cs->notified_on)) return ZF_OK;
    zf_day due = add_wd(cal, cs->notified_on, HEARING_REQUEST_WD);
    if (act <= due)
        return refuse(err, "gate_hearing_window", "hearing_requested_on", LAW_64,
                      "当事人申请听证的期限至 %s 届满，期满前不得进入下一环节（当事人书面放弃的除外）",
                      ymd(due, a));
    return ZF_OK;
}

zf_day workflow_earliest_hearing(const Calendar *cal, const RuleConfig *cfg, const CaseState *cs,
                                 zf_day notice_on)
{
    int wd = (int)rule_config_get(cfg, RP_HEARING_NOTICE_WD, cs->sector, cs->region);
    return add_wd(cal, notice_on, wd);
}

/* P06 — the hearing notified at least seven working days ahead (处罚法 64, 85). */
static int gate_hearing_notice(const CaseState *cs, zf_day act, const Calendar *cal,
                               const RuleConfig *cfg, ZfError *err)
{
    if (!case_has(cs->hearing_held_on)) return ZF_OK;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], c[ZF_DATE_LEN];
    if (!case_has(cs->hearing_notice_on))
        return refuse(err, "gate_hearing_notice", "hearing_notice_on", LAW_64,
                      "未发出听证通知即举行听证");
    zf_day earliest = workflow_earliest_hearing(cal, cfg, cs, cs->hearing_notice_on);
    if (cs->hearing_held_on < earliest)
        return refuse(err, "gate_hearing_notice", "hearing_held_on", LAW_64,
                      "听证通知 %s 发出，%s 举行听证，不足七个工作日（最早应为 %s）",
                      ymd(cs->hearing_notice_on, a), ymd(cs->hearing_held_on, b),
                      ymd(earliest, c));
    if (cs->hearing_held_on > act)
        return refuse(err, "gate_hearing_notice", "hearing_held_on", LAW_64,
                      "听证定于 %s 举行，尚未举行", ymd(cs->hearing_held_on, a));
    return ZF_OK;
}

static int review_dated(const CaseState *cs, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (cs->legal_review == WF_REVIEW_FAILED)
        return refuse(err, "gate_legal_review", "legal_review", LAW_58,
                      "法制审核未通过，不得作出决定");
    if (cs->legal_review != WF_REVIEW_PASSED)
        return refuse(err, "gate_legal_review", "legal_review", LAW_58,
                      "本案应当进行法制审核，未经法制审核或者审核未通过的，不得作出决定");
    if (!case_has(cs->reviewed_on))
        return refuse(err, "gate_legal_review", "reviewed_on", LAW_58, "法制审核意见缺少审核日期");
    if (cs->reviewed_on > act)
        return refuse(err, "gate_legal_review", "reviewed_on", LAW_58,
                      "法制审核日期 %s 晚于本环节日期 %s", ymd(cs->reviewed_on, a), ymd(act, b));
    return ZF_OK;
}

/* P07 — legal review before deciding a major, complex or heard case (处罚法 58). */
static int gate_legal_review(const CaseState *cs, zf_day act, ZfError *err)
{
    if (!cs->major && !cs->complex && !case_has(cs->hearing_held_on)) return ZF_OK;
    return review_dated(cs, act, err);
}

/* P15 — major or complex cases decided by the heads collectively (处罚法 57). */
static int gate_collective(const CaseState *cs, zf_day act, ZfError *err)
{
    if (!cs->major && !cs->complex) return ZF_OK;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!case_has(cs->collective_on))
        return refuse(err, "gate_collective_discussion", "collective_discussion_on", LAW_57,
                      "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定");
    if (cs->collective_on > act)
        return refuse(err, "gate_collective_discussion", "collective_discussion_on", LAW_57,
                      "集体讨论日期 %s 晚于本环节日期 %s", ymd(cs->collective_on, a), ymd(act, b));
    return ZF_OK;
}

/* P11 — the fine inside the chosen tier of the benchmark; below it only when 减轻 with a
 * reason (处罚法 32, 34). The rule engine also accepts no tier named (all tiers together);
 * the workflow asks the officer to choose, which records the choice the issue asks for. */
static int gate_discretion(const CaseState *cs, ZfError *err)
{
    if (cs->tier_count == 0 || !(cs->measures & WF_M_FINE)) return ZF_OK;
    if (!cs->tier[0])
        return refuse(err, "gate_discretion", "tier", LAW_34, "该事项有裁量基准，须选择裁量阶次");
    const WfTier *t = NULL;
    for (size_t i = 0; i < cs->tier_count && !t; i++)
        if (strcmp(cs->tiers[i].name, cs->tier) == 0) t = &cs->tiers[i];
    if (!t)
        return refuse(err, "gate_discretion", "tier", LAW_34, "裁量阶次“%s”不在该事项的裁量基准中",
                      cs->tier);
    char f[32], lo[32], hi[32];
    yuan(cs->fine_fen, f);
    yuan(t->min_fen, lo);
    yuan(t->max_fen, hi);
    if (cs->fine_fen > t->max_fen)
        return refuse(err, "gate_discretion", "fine", LAW_34,
                      "罚款 %s 元超出裁量阶次“%s”的上限 %s 元（范围 %s–%s 元）", f, t->name, hi,
                      lo, hi);
    if (cs->fine_fen < t->min_fen) {
        if (!cs->reduced)
            return refuse(err, "gate_discretion", "fine", LAW_34,
                          "罚款 %s 元低于裁量阶次“%s”的下限 %s 元（范围 %s–%s 元），未决定减轻处罚",
                          f, t->name, lo, lo, hi);
        if (text_blank(cs->reduced_reason))
            return refuse(err, "gate_discretion", "reduced_reason", LAW_32_34,
                          "减轻处罚须说明理由");
    }
    return ZF_OK;
}

/* P09 (simple) — the decision handed over on the spot, the day it is made (处罚法 52, 61). */
static int gate_onspot_service(const CaseState *cs, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!case_has(cs->decided_on) || cs->decided_on != act)
        return refuse(err, "gate_onspot_service", "served_on", LAW_52_61,
                      "简易程序的处罚决定书应当当场交付当事人（决定日期 %s，交付日期 %s）",
                      case_has(cs->decided_on) ? ymd(cs->decided_on, a) : "—", ymd(act, b));
    return ZF_OK;
}

int workflow_check_gate(WfGate gate, const CaseState *cs, zf_day act, const Calendar *cal,
                        const RuleConfig *cfg, ZfError *err)
{
    switch (gate) {
    case WG_OFFICERS: return gate_officers(cs, act, err);
    case WG_LIMITATION: return gate_limitation(cs, cfg, err);
    case WG_SIMPLE_LIMITS: return gate_simple_limits(cs, cfg, err);
    case WG_NOTICE: return gate_notice(cs, act, err);
    case WG_HEARING_RIGHT: return gate_hearing_right(cs, cfg, err);
    case WG_HEARING_REQUEST: return gate_hearing_request(cs, act, cal, err);
    case WG_HEARING_WINDOW: return gate_hearing_window(cs, act, cal, err);
    case WG_HEARING_NOTICE: return gate_hearing_notice(cs, act, cal, cfg, err);
    case WG_LEGAL_REVIEW: return gate_legal_review(cs, act, err);
    case WG_REVIEW_PASSED: return review_dated(cs, act, err);
    case WG_COLLECTIVE: return gate_collective(cs, act, err);
    case WG_DISCRETION: return gate_discretion(cs, err);
    case WG_ONSPOT_SERVICE: return gate_onspot_service(cs, act, err);
    case WG_SUBSTANCE_NOTICE:
    case WG_SUBSTANCE_DECISION:
    case WG_SUBSTANCE_ONSPOT: return workflow_check_substance(gate, cs, err);
    default: return workflow_check_kind_gate(gate, cs, act, cal, err);
    }
    return zf_fail(err, 500, "unknown_gate", "", "未知的校验项");
}
