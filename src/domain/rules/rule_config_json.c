/* The rule configuration as JSON: validating and applying saved overrides, and describing the
 * parameters to the configuration page. Pure: no storage. */
#include "domain/rules/rule_config_json.h"

#include <stdio.h>
#include <string.h>

/* What a supervision administrator sees for each parameter; the article sits in rule_config.c. */
static const struct {
    const char *title;
    const char *unit; /* fen days wd months years minute count percent */
} PARAM_LABELS[RULE_PARAM_COUNT] = {
    [RP_HEARING_PERSON_FEN] = {"听证标准：公民罚没金额", "fen"},
    [RP_HEARING_ORG_FEN] = {"听证标准：组织罚没金额", "fen"},
    [RP_SIMPLE_MAX_PERSON_FEN] = {"简易程序罚款上限：公民", "fen"},
    [RP_SIMPLE_MAX_ORG_FEN] = {"简易程序罚款上限：组织", "fen"},
    [RP_HEARING_NOTICE_WD] = {"听证通知提前期", "wd"},
    [RP_DECISION_DAYS] = {"处罚决定期限", "days"},
    [RP_DECISION_WARNING_DAYS] = {"处罚决定期限预警窗口", "days"},
    [RP_SERVICE_WD] = {"决定书送达期限", "wd"},
    [RP_PUBLICITY_WD] = {"处罚决定公示期限", "wd"},
    [RP_LIMITATION_YEARS] = {"追责时效", "years"},
    [RP_LIMITATION_YEARS_GRAVE] = {"追责时效（生命健康、金融安全）", "years"},
    [RP_FILING_LIMIT_WD] = {"立案期限（0 = 不设）", "wd"},
    [RP_FILING_EXTENSION_WD] = {"立案期限延长", "wd"},
    [RP_ENFORCEMENT_MONTHS] = {"申请法院强制执行期限", "months"},
    [RP_SEAL_DAYS] = {"查封扣押期限", "days"},
    [RP_SEAL_MAX_EXTENSION_DAYS] = {"查封扣押最长延长", "days"},
    [RP_NIGHT_START_MINUTE] = {"夜间开始（分钟，自零点起）", "minute"},
    [RP_NIGHT_END_MINUTE] = {"夜间结束（分钟，自零点起）", "minute"},
    [RP_LICENSE_WD] = {"许可决定期限", "wd"},
    [RP_LICENSE_MAX_EXTENSION_WD] = {"许可决定最长延长", "wd"},
    [RP_CORRECTION_WD] = {"补正告知期限", "wd"},
    [RP_JOINT_WINDOW_DAYS] = {"综合查一次：统计窗口", "days"},
    [RP_JOINT_MIN_AGENCIES] = {"综合查一次：部门数下限", "count"},
    [RP_CERT_WARNING_DAYS] = {"执法证到期预警窗口", "days"},
    [RP_ZERO_ENFORCEMENT_DAYS] = {"零执法统计窗口", "days"},
    [RP_WITHDRAWAL_WD] = {"撤回公示期限（决定被撤销、变更后）", "wd"},
    [RP_PAY_DAYS] = {"罚款缴纳期限（送达后）", "days"},
    [RP_LATE_FEE_PCT_PER_DAY] = {"加处罚款每日比例", "percent"},
    [RP_HEARING_REQUEST_WD] = {"当事人申请听证期限", "wd"},
    [RP_REPEAT_MIN_OTHERS] = {"以罚代管：此前处罚次数下限", "count"},
    [RP_REPEAT_WINDOW_DAYS] = {"以罚代管：统计窗口", "days"},
    [RP_URGENT_APPROVAL_DAYS] = {"当场查封扣押补办批准期限", "days"},
    [RP_LICENSE_SERVICE_WD] = {"许可证件颁发送达期限", "wd"},
    [RP_AGENCY_WINDOW_DAYS] = {"顶格处罚、异地执法：统计窗口", "days"},
    [RP_TOP_FINE_MIN_DECISIONS] = {"顶格处罚：决定数下限", "count"},
    [RP_TOP_FINE_SHARE_PCT] = {"顶格处罚：占比下限", "percent"},
    [RP_REMOTE_MIN_DECISIONS] = {"违规异地执法：决定数下限", "count"},
    [RP_REMOTE_SHARE_PCT] = {"违规异地执法：异地当事人占比下限", "percent"},
};

#define VALUE_MAX 1000000000000LL /* fen: 100 亿元; far above any real threshold */

static int bad(ZfError *err, size_t i, const char *field, const char *msg)
{
    static const char *const labels[][2] = {{"param", "参数"}, {"sector", "领域"}, {"region", "区划"}, {"value", "取值"}};
    const char *label = field;
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
        if (strcmp(labels[k][0], field) == 0) label = labels[k][1];
    char path[64];
    snprintf(path, sizeof path, "overrides[%zu].%s", i, field);
    return zf_fail(err, 400, "invalid_field", path, "第 %zu 条覆盖配置的%s：%s", i + 1, label, msg);
}

static bool sector_ok(const char *s)
{
    size_t n = strlen(s);
    if (n >= sizeof(((RuleOverride *)0)->sector)) return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz_") == n;
}

static bool region_ok(const char *s)
{
    return *s == '\0' || (strlen(s) == 6 && strspn(s, "0123456789") == 6);
}

static int apply_one(RuleConfig *cfg, json_t *o, size_t i, ZfError *err)
{
    RuleParam param;
    json_t *jp = json_object_get(o, "param"), *js = json_object_get(o, "sector");
    json_t *jr = json_object_get(o, "region"), *jv = json_object_get(o, "value");
    if (!json_is_object(o)) return zf_fail(err, 400, "invalid_field", "overrides", "第 %zu 条覆盖配置应为对象", i + 1);
    if (!json_is_string(jp) || rule_param_by_name(json_string_value(jp), &param) != ZF_OK)
        return bad(err, i, "param", "未知的参数");
    const char *sector = js ? json_string_value(js) : "";
    const char *region = jr ? json_string_value(jr) : "";
    if (!sector || !sector_ok(sector)) return bad(err, i, "sector", "领域应为小写英文代码（如 market_regulation）或留空");
    if (!region || !region_ok(region)) return bad(err, i, "region", "行政区划应为 6 位数字或留空");
    if (!json_is_integer(jv)) return bad(err, i, "value", "取值应为整数");
    long long v = json_integer_value(jv);
    if (v < 0 || v > VALUE_MAX) return bad(err, i, "value", "取值不能为负数，且不能超出合理范围");
    if (rule_config_set(cfg, param, sector, region, v) != ZF_OK)
        return bad(err, i, "param", "覆盖配置条数超出上限");
    return ZF_OK;
}

int rule_config_apply_json(RuleConfig *cfg, json_t *overrides, ZfError *err)
{
    if (!json_is_array(overrides)) return zf_fail(err, 400, "invalid_field", "overrides", "overrides 应为数组");
    size_t i;
    json_t *o;
    json_array_foreach(overrides, i, o) {
        if (apply_one(cfg, o, i, err) != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

static json_t *override_json(const RuleOverride *o)
{
    return json_pack("{s:s, s:s, s:s, s:I}", "param", rule_param_name(o->param), "sector", o->sector,
                     "region", o->region, "value", (json_int_t)o->value);
}

json_t *rule_config_describe(const RuleConfig *effective, json_t *overrides)
{
    RuleConfig defaults = rule_config_defaults();
    json_t *params = json_array(), *builtin = json_array();
    for (int p = 0; p < RULE_PARAM_COUNT; p++)
        json_array_append_new(
            params, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "name", rule_param_name((RuleParam)p),
                              "title", PARAM_LABELS[p].title, "unit", PARAM_LABELS[p].unit, "article",
                              rule_param_article((RuleParam)p), "default", (json_int_t)defaults.value[p],
                              "value", (json_int_t)effective->value[p]));
    for (size_t i = 0; i < defaults.override_count; i++)
        json_array_append_new(builtin, override_json(&defaults.override[i]));
    return json_pack("{s:i, s:o, s:o, s:O}", "version", effective->version, "params", params,
                     "builtin_overrides", builtin, "overrides", overrides);
}
