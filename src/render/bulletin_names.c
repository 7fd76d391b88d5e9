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
