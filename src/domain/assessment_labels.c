/* See assessment_labels.h. */
#include "domain/assessment_labels.h"

#include <string.h>

typedef struct {
    const char *table;
    const char *pairs[16]; /* code, name, …, NULL */
} LabelTable;

static const LabelTable TABLES[] = {
    {"assessment_plan_statuses",
     {"draft", "草稿", "published", "已发布", "closed", "已关闭（评分锁定）", "superseded", "已被新版本替代", NULL}},
    {"assessment_filling_statuses", {"submitted", "已提交", "accepted", "已通过", "returned", "已退回", "contested", "有异议", NULL}},
    {"assessment_task_colours", {"red", "逾期", "yellow", "临近节点", "green", "正常", "none", "已完成", NULL}},
    {"assessment_score_sources", {"review", "审核评分", "onsite", "现场督察", "third_party", "第三方评估", "survey", "民意调查", NULL}},
    {"assessment_points_from",
     {"score", "评分", "computed", "系统计算", "survey", "民意调查", "none", "未评分", NULL}},
};
#define N_TABLES (sizeof TABLES / sizeof *TABLES)

const char *assessment_label(const char *table, const char *code)
{
    if (!code) return "";
    for (size_t t = 0; t < N_TABLES; t++) {
        if (strcmp(TABLES[t].table, table) != 0) continue;
        for (const char *const *p = TABLES[t].pairs; *p; p += 2)
            if (strcmp(*p, code) == 0) return p[1];
    }
    return code;
}

void assessment_labels_add(json_t *obj)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        json_t *list = json_array();
        for (const char *const *p = TABLES[t].pairs; *p; p += 2)
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", p[0], "name", p[1]));
        json_object_set_new(obj, TABLES[t].table, list);
    }
}
