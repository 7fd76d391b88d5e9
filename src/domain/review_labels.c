/* See review_labels.h. */
#include "domain/review_labels.h"

#include <string.h>

typedef struct {
    const char *table;
    const char *pairs[16]; /* code, name, …, NULL */
} LabelTable;

static const LabelTable TABLES[] = {
    {"review_plan_statuses",
     {"draft", "草拟", "sampled", "已抽取案卷", "assigned", "已分配", "scoring", "评查中", "arbitration", "待仲裁",
      "finished", "评查完成", "published", "已发布", NULL}},
    {"review_item_statuses", {"pending", "待评查", "scoring", "评查中", "arbitration", "待仲裁", "done", "已完成", NULL}},
    {"review_task_statuses", {"assigned", "待评查", "submitted", "已提交", NULL}},
    {"review_defense_statuses", {"open", "待答复", "accepted", "已采纳", "rejected", "未采纳", NULL}},
};
#define N_TABLES (sizeof TABLES / sizeof *TABLES)

const char *review_label(const char *table, const char *code)
{
    if (!code) return "";
    for (size_t t = 0; t < N_TABLES; t++) {
        if (strcmp(TABLES[t].table, table) != 0) continue;
        for (const char *const *p = TABLES[t].pairs; *p; p += 2)
            if (strcmp(*p, code) == 0) return p[1];
    }
    return code;
}

void review_labels_add(json_t *obj)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        json_t *list = json_array();
        for (const char *const *p = TABLES[t].pairs; *p; p += 2)
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", p[0], "name", p[1]));
        json_object_set_new(obj, TABLES[t].table, list);
    }
}
