/* See bulletin_names.h. Severity and rule words come from the rule catalogue (domain/rules),
 * never copied here. */
#include "render/bulletin_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rules/rules.h"

const char *bulletin_report_name(const char *status)
{
    static const char *const names[][2] = {
        {"on_time", "按时报送"}, {"late", "逾期报送"}, {"missing", "逾期未报"}, {"pending", "未到截止日"}};
    for (size_t i = 0; status && i < sizeof names / sizeof *names; i++)
        if (strcmp(status, names[i][0]) == 0) return names[i][1];
    return "";
}

const char *bulletin_severity_name(const char *code)
{
    const char *c, *name;
    for (size_t i = 0; code && rules_severity_at(i, &c, &name); i++)
        if (strcmp(c, code) == 0) return name;
    return code ? code : "";
}

const char *bulletin_rule_title(const char *rule)
{
    for (size_t i = 0; rule && i < rules_count(); i++)
        if (strcmp(rules_id(i), rule) == 0) return rules_title(i);
    return rule ? rule : "";
}

void bulletin_month_cn(const char *ym, char *out, unsigned long cap)
{
    snprintf(out, cap, "%d年%d月", atoi(ym), atoi(ym + 5));
}

void bulletin_rank_cells(const json_t *item, BulletinRankCells *c)
{
    const json_t *rank = json_object_get(item, "rank"), *score = json_object_get(item, "score"),
                 *change = json_object_get(item, "change"), *moved = json_object_get(item, "rank_change");
    snprintf(c->rank, sizeof c->rank, json_is_integer(rank) ? "%lld" : "—", (long long)json_integer_value(rank));
    snprintf(c->score, sizeof c->score, json_is_number(score) ? "%.2f" : "—", json_number_value(score));
    snprintf(c->change, sizeof c->change, json_is_number(change) ? "%+.2f" : "—", json_number_value(change));
    long long m = json_integer_value(moved);
    if (!json_is_integer(moved)) snprintf(c->rank_change, sizeof c->rank_change, "—");
    else if (m == 0) snprintf(c->rank_change, sizeof c->rank_change, "持平");
    else snprintf(c->rank_change, sizeof c->rank_change, "%s %lld", m > 0 ? "上升" : "下降", m > 0 ? m : -m);
}

void bulletin_ranking_note(const json_t *weights, char *out, unsigned long cap)
{
    size_t used = (size_t)snprintf(out, cap, "按排名指标加权计算综合得分（0–100，各项指标按全部执法主体的最高、最低值折算）：");
    const json_t *w;
    size_t i;
    json_array_foreach(weights, i, w) {
        if (used >= cap) return;
        const char *better = json_string_value(json_object_get(w, "better"));
        used += (size_t)snprintf(out + used, cap - used, "%s%s（%s）权重 %g", i ? "，" : "",
                                 json_string_value(json_object_get(w, "name")) ? json_string_value(json_object_get(w, "name")) : "",
                                 better && strcmp(better, "lower") == 0 ? "越低越好" : "越高越好",
                                 json_number_value(json_object_get(w, "weight")));
    }
    if (used < cap) snprintf(out + used, cap - used, "。当月各项指标均无数据的执法主体不参与排名，列于最后。");
}
