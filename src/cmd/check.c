/* zhifa check: every stored record against the rule catalogue (spec/rules.md), as of a date.
 * Findings on stdout (JSON lines or a table); per-rule undecidable counts on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "app/sweep.h"

static int run_check(const GlobalOpts *g, int argc, char **argv);

const Command cmd_check = {
    "check", "按监督规则（rules.md）检查全部记录",
    "用法：zhifa --db FILE check [--as-of YYYY-MM-DD] [--format json|table] [--rules P01,P08]\n\n"
    "  --as-of DATE   检查基准日（默认今天，北京时间）\n"
    "  --format F     json：每行一条发现（默认）；table：对齐的表格\n"
    "  --rules LIST   只运行列出的规则，逗号分隔\n"
    "发现按 subject_type、subject、rule 排序输出到标准输出；\n"
    "因数据不全无法判定的规则与案件数输出到标准错误。\n",
    run_check};

static void print_findings(const FindingList *list, int table)
{
    if (table) {
        char *text = findings_format_table(list);
        if (text) fputs(text, stdout);
        free(text);
        return;
    }
    for (size_t i = 0; i < list->count; i++) {
        char *line;
        if (finding_to_json_line(&list->items[i], &line) != ZF_OK) continue;
        puts(line);
        free(line);
    }
}

static void print_undecidable(const UndecidableCounts *u)
{
    json_t *counts = json_object();
    for (size_t i = 0; i < rules_count(); i++)
        if (u->count[i]) json_object_set_new(counts, rules_id(i), json_integer((json_int_t)u->count[i]));
    if (json_object_size(counts)) {
        char *text = json_dumps(counts, JSON_COMPACT | JSON_PRESERVE_ORDER);
        fprintf(stderr, "{\"undecidable\":%s,\"message\":\"以上规则因数据不全（缺少所需日期或字段）未能判定的对象数\"}\n", text);
        free(text);
    }
    json_decref(counts);
}

static int run_rules(Store *st, zf_day as_of, const char *only, int table)
{
    Calendar *cal;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    ZfError err;
    RuleConfig cfg;
    RuleData *data = sweep_load_config(st, &cfg, &err) == ZF_OK ? sweep_load_rule_data(st, &err) : NULL;
    FindingList list;
    UndecidableCounts undecidable;
    finding_list_init(&list);
    if (!data) fprintf(stderr, "zhifa: %s\n", err.message);
    int rc = data ? rules_check(data, cal, &cfg, as_of, only, &list, &undecidable) : ZF_ERR;
    if (rc == ZF_OK) {
        print_findings(&list, table);
        print_undecidable(&undecidable);
    }
    finding_list_free(&list);
    rule_data_free(data);
    calendar_free(cal);
    return rc == ZF_OK ? 0 : 1;
}

static int run_check(const GlobalOpts *g, int argc, char **argv)
{
    const char *as_of_s = NULL, *format = "json", *only = NULL;
    Flag flags[] = {{"--as-of", &as_of_s, NULL}, {"--format", &format, NULL},
                    {"--rules", &only, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_check, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_check, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    if (strcmp(format, "json") != 0 && strcmp(format, "table") != 0)
        return cmd_usage_error(&cmd_check, "--format 只能是 json 或 table");
    ZfError err;
    if (rules_validate_selection(only, &err) != ZF_OK) return cmd_usage_error(&cmd_check, "%s", err.message);
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = run_rules(st, as_of, only, strcmp(format, "table") == 0);
    store_close(st);
    return rc;
}
