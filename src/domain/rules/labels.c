/* What people read about each rule: a short Chinese title and the severities it can raise,
 * keyed by rule ID (rules.md §3–§5). Pure data. */
#include <string.h>

#include "domain/rules/rules.h"

static const struct {
    const char *id, *title, *severity;
} LABELS[] = {
    {"P01", "执法人员不足两人", "violation"},
    {"P02", "执法人员无有效执法证", "violation"},
    {"P03", "简易程序超出适用范围", "violation"},
    {"P04", "作出决定前未告知", "violation"},
    {"P05", "未告知听证权利", "violation"},
    {"P06", "听证通知不足七个工作日", "violation"},
    {"P07", "未经法制审核", "violation"},
    {"P08", "处罚决定超期", "both"},
    {"P09", "决定书送达超期", "violation"},
    {"P10", "处罚决定公示超期", "violation"},
    {"P11", "罚款超出裁量基准", "violation"},
    {"P12", "超过追责时效", "violation"},
    {"P13", "加处罚款超过罚款数额", "violation"},
    {"P14", "立案超期", "violation"},
    {"P15", "未经集体讨论", "violation"},
    {"P16", "无此职权或职权不属本机关", "violation"},
    {"P17", "执法主体不明或资格未确认", "violation"},
    {"P18", "逾期未申请法院强制执行", "violation"},
    {"P19", "加处罚款超过法定标准", "violation"},
    {"P20", "当事人申请听证未组织听证", "violation"},
    {"P21", "听证申请期内作出处罚决定", "violation"},
    {"P22", "同一违法行为重复罚款", "violation"},
    {"P23", "以罚代管（一年内重复处罚）", "warning"},
    {"C01", "查封扣押超期", "violation"},
    {"C02", "强制措施未经批准或补批超期", "violation"},
    {"C03", "夜间或节假日强制执行", "violation"},
    {"C04", "未催告或催告期内决定强制执行", "violation"},
    {"L01", "许可决定超期", "violation"},
    {"L02", "补正告知超期", "violation"},
    {"L03", "许可证件送达超期", "violation"},
    {"I02", "重复检查（综合查一次候选）", "warning"},
    {"E01", "执法证即将到期", "warning"},
    {"E02", "零执法", "warning"},
    {"E03", "职权缺少法律依据", "violation"},
    {"A01", "顶格处罚倾向", "warning"},
    {"A02", "违规异地执法风险", "warning"},
};
_Static_assert(sizeof LABELS / sizeof *LABELS == RULES_COUNT, "a rule without a label");

static int label_of(size_t index)
{
    const char *id = rules_id(index);
    for (size_t i = 0; id && i < RULES_COUNT; i++)
        if (strcmp(LABELS[i].id, id) == 0) return (int)i;
    return -1;
}

const char *rules_title(size_t index)
{
    int i = label_of(index);
    return i < 0 ? "" : LABELS[i].title;
}

const char *rules_severity(size_t index)
{
    int i = label_of(index);
    return i < 0 ? "violation" : LABELS[i].severity;
}

/* A finding's severities and the kinds of subject it concerns (rules.md §2), as people read them. */
static const struct {
    const char *code, *name;
} SEVERITY_NAMES[] = {{"violation", "违规"}, {"warning", "预警"}},
  SUBJECT_TYPE_NAMES[] = {{"case", "案件"}, {"officer", "执法人员"}, {"agency", "执法主体"}, {"power", "职权事项"}};

bool rules_severity_at(size_t i, const char **code, const char **name)
{
    if (i >= sizeof SEVERITY_NAMES / sizeof *SEVERITY_NAMES) return false;
    *code = SEVERITY_NAMES[i].code, *name = SEVERITY_NAMES[i].name;
    return true;
}

bool rules_subject_type_at(size_t i, const char **code, const char **name)
{
    if (i >= sizeof SUBJECT_TYPE_NAMES / sizeof *SUBJECT_TYPE_NAMES) return false;
    *code = SUBJECT_TYPE_NAMES[i].code, *name = SUBJECT_TYPE_NAMES[i].name;
    return true;
}
