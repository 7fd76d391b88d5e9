/* The legal gates of inspection, coercion, enforcement and licence cases: each refuses a step the
 * supervision rules (spec/rules.md §4, §7: C01–C04, L01–L03) or the law would find wrong, with 422
 * and the article. Pure: the act is dated by the caller. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/workflow/workflow.h"

#define LAW_PUNISH "《中华人民共和国行政处罚法》"
#define LAW_FORCE "《中华人民共和国行政强制法》"
#define LAW_LICENSE "《中华人民共和国行政许可法》"
#define PLAN_BASIS "检查计划（《国务院办公厅关于推广随机抽查规范事中事后监管的通知》国办发〔2015〕58号）"

__attribute__((format(printf, 5, 6))) static int refuse(ZfError *err, const char *code, const char *field,
                                                        const char *law, const char *fmt, ...)
{
    char text[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return zf_fail(err, 422, code, field, "%s（%s）", text, law);
}

static const char *ymd(zf_day d, char out[ZF_DATE_LEN])
{
    if (!case_has(d)) return "—";
    date_format(d, out);
    return out;
}

static zf_day or_act(zf_day d, zf_day act) { return case_has(d) ? d : act; }

/* ---- 行政检查 ---------------------------------------------------------------------------- */

static int insp_notice(const WfKindState *k, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN];
    if (!k->notice_required) return ZF_OK;
    if (!case_has(k->notice_on))
        return refuse(err, "gate_inspection_notice", "notice_on", PLAN_BASIS,
                      "检查计划要求事先通知被检查对象，尚未发出检查通知");
    if (k->notice_on > act)
        return refuse(err, "gate_inspection_notice", "notice_on", PLAN_BASIS, "检查通知日期 %s 晚于检查日期",
                      ymd(k->notice_on, a));
    return ZF_OK;
}

static int insp_onsite(const WfKindState *k, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN];
    if (!k->identity_shown)
        return refuse(err, "gate_inspection_identity", "identity_shown", LAW_PUNISH "第五十五条",
                      "执法人员进行检查时，应当主动向当事人或者有关人员出示执法证件");
    if (case_has(k->inspected_on) && k->inspected_on > act)
        return refuse(err, "gate_inspection_date", "inspected_on", LAW_PUNISH "第四十七条",
                      "检查日期 %s 晚于本环节日期", ymd(k->inspected_on, a));
    if (k->media_count < 1)
        return refuse(err, "gate_inspection_media", "attachments", LAW_PUNISH "第四十七条",
                      "现场检查应当以文字、音像等形式记录，请至少上传一张现场照片或一段视频");
    return ZF_OK;
}

static int insp_correction(const WfKindState *k, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN];
    if (!case_has(k->correction_due_on))
        return refuse(err, "gate_inspection_correction", "correction_due_on", LAW_PUNISH "第二十八条第一款",
                      "责令当事人改正违法行为，应当明确改正期限");
    if (k->correction_due_on <= act)
        return refuse(err, "gate_inspection_correction", "correction_due_on", LAW_PUNISH "第二十八条第一款",
                      "改正期限 %s 应晚于责令改正之日", ymd(k->correction_due_on, a));
    return ZF_OK;
}

static int insp_corrected(const WfKindState *k, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    zf_day done = or_act(k->corrected_on, act);
    if (case_has(k->result_on) && done < k->result_on)
        return refuse(err, "gate_inspection_followup", "corrected_on", LAW_PUNISH "第二十八条第一款",
                      "整改完成日期 %s 早于责令改正日期 %s", ymd(done, a), ymd(k->result_on, b));
    if (case_has(k->correction_due_on) && done > k->correction_due_on)
        return refuse(err, "gate_inspection_followup", "corrected_on", LAW_PUNISH "第二十八条第一款",
                      "当事人未在改正期限 %s 前改正（%s 才完成），应当依法移送立案", ymd(k->correction_due_on, a),
                      ymd(done, b));
    return ZF_OK;
}

static int published(const CaseState *cs, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN];
    bool licence = cs->procedure == WF_PROC_LICENSE;
    zf_day on = licence ? cs->published_on : cs->k.result_published_on;
    const char *law = licence ? LAW_LICENSE "第四十条" : "《企业信息公示暂行条例》第六条、第七条";
    const char *field = licence ? "license_published_on" : "result_published_on";
    if (!case_has(on))
        return refuse(err, "gate_publicity", field, law, licence ? "准予行政许可的决定应当予以公开，尚未公示"
                                                               : "检查结果应当向社会公示，尚未公示");
    if (on > act) return refuse(err, "gate_publicity", field, law, "公示日期 %s 晚于办结日期", ymd(on, a));
    return ZF_OK;
}

/* ---- 行政强制措施 ------------------------------------------------------------------------ */

static int co_power(const WfKindState *k, ZfError *err)
{
    static const char *const MEASURES[] = {"seal", "seize", "freeze"};
    bool known = false;
    for (size_t i = 0; i < 3; i++) known = known || strcmp(k->measure, MEASURES[i]) == 0;
    if (!known)
        return refuse(err, "gate_coercion_measure", "measure", LAW_FORCE "第九条",
                      "强制措施种类应为查封场所、设施或者财物，扣押财物，或者冻结存款、汇款");
    if (strcmp(k->measure, "freeze") == 0 && !k->freeze_allowed)
        return refuse(err, "gate_coercion_measure", "measure", LAW_FORCE "第二十九条",
                      "冻结存款、汇款应当由法律规定的行政机关实施，本职权事项未规定冻结");
    return ZF_OK;
}

static int co_approval(const WfKindState *k, zf_day act, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    zf_day started = or_act(k->started_on, act);
    if (k->urgent) {
        zf_day approved = or_act(k->approved_on, act), limit = started + k->lim.urgent_report_days;
        if (approved > limit)
            return refuse(err, "gate_coercion_approval", "approved_on", LAW_FORCE "第十九条",
                          "情况紧急当场实施行政强制措施的，应当在二十四小时内向行政机关负责人报告并补办批准手续"
                          "（%s 实施，最迟 %s）；负责人认为不应当采取的，应当立即解除",
                          ymd(started, a), ymd(limit, b));
        return ZF_OK;
    }
    if (!case_has(k->approved_on))
        return refuse(err, "gate_coercion_approval", "approved_on", LAW_FORCE "第十八条、第十九条",
                      "实施行政强制措施前须向行政机关负责人报告并经批准");
    if (k->approved_on > started)
        return refuse(err, "gate_coercion_approval", "approved_on", LAW_FORCE "第十八条、第十九条",
                      "负责人 %s 批准，晚于实施日期 %s", ymd(k->approved_on, a), ymd(started, b));
    return ZF_OK;
}

static int co_record(const WfKindState *k, ZfError *err)
{
    if (!k->onsite_record)
        return refuse(err, "gate_coercion_record", "onsite_record", LAW_FORCE "第十八条",
                      "实施行政强制措施应当制作现场笔录，由当事人和行政执法人员签名或者盖章");
    if (!k->inventory)
        return refuse(err, "gate_coercion_record", "inventory", LAW_FORCE "第二十四条",
                      "查封、扣押应当制作清单，一式二份，由当事人和行政机关分别保存");
    return ZF_OK;
}

static int co_extension(const CaseState *cs, zf_day act, const Calendar *cal, ZfError *err)
{
    const WfKindState *k = &cs->k;
    char a[ZF_DATE_LEN];
    if (k->extensions >= 1)
        return refuse(err, "gate_coercion_extension", "extension_days", LAW_FORCE "第二十五条",
                      "查封、扣押期限只能经批准延长一次");
    if (cs->extension_days < 1 || cs->extension_days > k->lim.seal_extension_days)
        return refuse(err, "gate_coercion_extension", "extension_days", LAW_FORCE "第二十五条",
                      "延长期限不得超过 %d 日（请填写 1–%d 日）", k->lim.seal_extension_days,
                      k->lim.seal_extension_days);
    zf_day limit = add_nd(cal, k->started_on, k->lim.seal_days);
    if (case_has(k->started_on) && act > limit)
        return refuse(err, "gate_coercion_extension", "extension_days", LAW_FORCE "第二十五条",
                      "查封、扣押期限已于 %s 届满，不能再延长，应当及时解除", ymd(limit, a));
    return ZF_OK;
}

/* ---- 行政强制执行 ------------------------------------------------------------------------ */

static int en_demand(const WfKindState *k, zf_day act, const Calendar *cal, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!case_has(k->demand_served_on))
        return refuse(err, "gate_enforce_demand", "demand_served_on", LAW_FORCE "第三十五条",
                      "行政机关作出强制执行决定前，应当事先催告当事人履行义务");
    zf_day least = add_wd(cal, k->demand_served_on, k->lim.demand_wd);
    zf_day due = or_act(k->demand_due_on, least);
    if (due < least)
        return refuse(err, "gate_enforce_demand", "demand_due_on", LAW_FORCE "第三十五条、第三十七条、第六十九条",
                      "催告书载明的履行期限 %s 不足 %d 个工作日（最早 %s）", ymd(due, a), k->lim.demand_wd,
                      ymd(least, b));
    if (act <= due)
        return refuse(err, "gate_enforce_demand", "demand_due_on", LAW_FORCE "第三十七条",
                      "催告书载明的履行期限至 %s 届满，期满当事人仍不履行的，方可作出强制执行决定", ymd(due, a));
    return ZF_OK;
}

static int en_time(const WfKindState *k, const Calendar *cal, ZfError *err)
{
    if (k->executed_minute < 0 || !case_has(k->executed_on))
        return refuse(err, "gate_enforce_time", "executed_at", LAW_FORCE "第四十三条", "请填写实施强制执行的日期和时间");
    if (k->urgent) return ZF_OK;
    char a[ZF_DATE_LEN];
    int m = k->executed_minute;
    if (m >= 22 * 60 || m < 6 * 60)
        return refuse(err, "gate_enforce_time", "executed_at", LAW_FORCE "第四十三条",
                      "行政机关不得在夜间（22 时至次日 6 时）实施行政强制执行，情况紧急的除外（拟于 %02d:%02d）",
                      m / 60, m % 60);
    if (!calendar_is_workday(cal, k->executed_on))
        return refuse(err, "gate_enforce_time", "executed_at", LAW_FORCE "第四十三条",
                      "行政机关不得在法定节假日实施行政强制执行，情况紧急的除外（%s 不是工作日）",
                      ymd(k->executed_on, a));
    return ZF_OK;
}

static int en_late_fee(const WfKindState *k, ZfError *err)
{
    if (k->late_fee_fen > k->principal_fen)
        return refuse(err, "gate_enforce_late_fee", "late_fee", LAW_FORCE "第四十五条",
                      "加处罚款或者滞纳金 %lld.%02lld 元超出金钱给付义务的数额 %lld.%02lld 元",
                      (long long)k->late_fee_fen / 100, (long long)k->late_fee_fen % 100,
                      (long long)k->principal_fen / 100, (long long)k->principal_fen % 100);
    return ZF_OK;
}

/* ---- 行政许可 ---------------------------------------------------------------------------- */

static int li_correction(const WfKindState *k, zf_day act, const Calendar *cal, ZfError *err)
{
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    zf_day due = add_wd(cal, k->received_on, k->lim.license_correction_wd);
    zf_day on = or_act(k->correction_notice_on, act);
    if (on > due)
        return refuse(err, "gate_license_correction", "correction_notice_on", LAW_LICENSE "第三十二条、第八十二条",
                      "补正告知应当在收到申请材料后 %d 个工作日内（%s 前）一次告知，%s 已逾期；逾期不告知的，"
                      "自收到申请材料之日起即为受理",
                      k->lim.license_correction_wd, ymd(due, a), ymd(on, b));
    return ZF_OK;
}

static int li_extension(const CaseState *cs, zf_day act, const Calendar *cal, ZfError *err)
{
    const WfKindState *k = &cs->k;
    char a[ZF_DATE_LEN];
    if (k->extensions >= 1)
        return refuse(err, "gate_license_extension", "extension_days", LAW_LICENSE "第四十二条",
                      "审查期限只能经本行政机关负责人批准延长一次");
    if (cs->extension_days < 1 || cs->extension_days > k->lim.license_extension_wd)
        return refuse(err, "gate_license_extension", "extension_days", LAW_LICENSE "第四十二条",
                      "延长期限不得超过 %d 个工作日（请填写 1–%d）", k->lim.license_extension_wd,
                      k->lim.license_extension_wd);
    zf_day due = add_wd(cal, k->accepted_on, k->lim.license_decision_wd);
    if (case_has(k->accepted_on) && act > due)
        return refuse(err, "gate_license_extension", "extension_days", LAW_LICENSE "第四十二条",
                      "审查期限已于 %s 届满，不能再延长", ymd(due, a));
    return ZF_OK;
}

static int li_decision(const CaseState *cs, zf_day act, ZfError *err)
{
    const WfKindState *k = &cs->k;
    if (!case_has(k->accepted_on))
        return refuse(err, "gate_license_decision", "accepted_on", LAW_LICENSE "第三十二条、第三十四条",
                      "申请尚未受理，不能作出许可决定");
    if (k->hearing_required && (!case_has(cs->hearing_held_on) || cs->hearing_held_on > act))
        return refuse(err, "gate_license_hearing", "hearing_held_on", LAW_LICENSE "第四十六条、第四十七条",
                      "本许可事项应当举行听证，尚未举行听证");
    if (cs->extension_days > k->lim.license_extension_wd)
        return refuse(err, "gate_license_extension", "extension_days", LAW_LICENSE "第四十二条",
                      "延长期限不得超过 %d 个工作日", k->lim.license_extension_wd);
    return ZF_OK;
}

int workflow_check_kind_gate(WfGate gate, const CaseState *cs, zf_day act, const Calendar *cal, ZfError *err)
{
    const WfKindState *k = &cs->k;
    switch (gate) {
    case WG_INSP_NOTICE: return insp_notice(k, act, err);
    case WG_INSP_ONSITE: return insp_onsite(k, act, err);
    case WG_INSP_CORRECTION: return insp_correction(k, act, err);
    case WG_INSP_CORRECTED: return insp_corrected(k, act, err);
    case WG_INSP_PUBLISHED: return published(cs, act, err);
    case WG_CO_POWER: return co_power(k, err);
    case WG_CO_APPROVAL: return co_approval(k, act, err);
    case WG_CO_RECORD: return co_record(k, err);
    case WG_CO_EXTENSION: return co_extension(cs, act, cal, err);
    case WG_EN_DEMAND: return en_demand(k, act, cal, err);
    case WG_EN_TIME: return en_time(k, cal, err);
    case WG_EN_LATE_FEE: return en_late_fee(k, err);
    case WG_LI_CORRECTION: return li_correction(k, act, cal, err);
    case WG_LI_DECISION: return li_decision(cs, act, err);
    case WG_LI_EXTENSION: return li_extension(cs, act, cal, err);
    default: return ZF_OK;
    }
}
