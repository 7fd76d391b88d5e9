/* zhifa normative cleanup [--as-of DATE]: the documents due for the periodic cleanup (清理) of
 * normative documents, one JSON line each; zhifa normative catalog --quarter 2026Q3: produces and
 * publishes the quarter's 备案目录 and prints it as JSON (docs/normative-docs.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/normative.h"
#include "app/normative_catalog.h"
#include "cmd/cmd.h"

static int run_normative(const GlobalOpts *g, int argc, char **argv);

const Command cmd_normative = {
    "normative", "规范性文件备案审查：定期清理、季度备案目录",
    "用法：zhifa --db FILE normative cleanup [--as-of YYYY-MM-DD]\n"
    "      zhifa --db FILE normative catalog --quarter 2026Q3\n\n"
    "列出到期应当清理的规范性文件：已公布、仍然有效，且登记（或上次清理）已满 normative_cleanup_years 年；\n"
    "按制定机关排列，每行一个 JSON：{\"id\",\"reg_no\",\"title\",\"doc_no\",\"issuer\",\"issuer_name\",\n"
    "\"registered_on\",\"validity\",\"flags\"}；flags 中 unanswered 为制定机关尚未答复，expired 为已超过有效期。\n"
    "catalog 编制并公布该季度登记的规范性文件备案目录（门户网站可下载 PDF 与 Excel），输出目录 JSON。\n",
    run_normative};

static int print_catalog(const AppContext *cx, const char *quarter)
{
    json_t *cat = NULL;
    ZfError err;
    if (app_normative_catalog_produce(cx, quarter, &cat, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 备案目录编制失败：%s\n", err.message);
        return 1;
    }
    char *text = json_dumps(cat, JSON_COMPACT);
    if (text) puts(text);
    free(text);
    json_decref(cat);
    return 0;
}

static int run_normative(const GlobalOpts *g, int argc, char **argv)
{
    const char *as_of_s = NULL, *sub = NULL, *quarter = NULL;
    Flag flags[] = {{"--as-of", &as_of_s, NULL}, {"--quarter", &quarter, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_normative, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    bool catalog = sub && strcmp(sub, "catalog") == 0;
    if (!sub || (strcmp(sub, "cleanup") != 0 && !catalog)) return cmd_usage_error(&cmd_normative, "请指定子命令 cleanup 或 catalog");
    if (catalog && !quarter) return cmd_usage_error(&cmd_normative, "catalog 需要 --quarter（如 2026Q3）");
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_normative, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    Calendar *cal;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) {
        calendar_free(cal);
        return 1;
    }
    AppContext cx = {st, cal, as_of, NULL, {0}, NULL};
    if (catalog) {
        cx.today = date_today_china();
        int crc = print_catalog(&cx, quarter);
        store_close(st);
        calendar_free(cal);
        return crc;
    }
    json_t *items = NULL, *item;
    size_t i;
    ZfError err;
    int rc = app_normative_cleanup_due(&cx, as_of, &items, &err);
    if (rc == ZF_OK) {
        json_array_foreach(items, i, item) {
            char *line = json_dumps(item, JSON_COMPACT);
            if (line) puts(line);
            free(line);
        }
        json_decref(items);
    } else {
        fprintf(stderr, "zhifa: 规范性文件清理清单生成失败：%s\n", err.message);
    }
    store_close(st);
    calendar_free(cal);
    return rc == ZF_OK ? 0 : 1;
}
