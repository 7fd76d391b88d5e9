/* zhifa document --case NO --kind KIND --out FILE.pdf: the case's document of that kind, rendered
 * and sealed exactly as the workflow does (docs/documents.md): issued as version 1 when the case
 * has none yet, else the latest version as stored. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/documents.h"
#include "cmd/cmd.h"
#include "store/case_numbers.h"
#include "util/fileio.h"

static int run_document(const GlobalOpts *g, int argc, char **argv);

const Command cmd_document = {
    "document", "出具或导出案件的执法文书（PDF）",
    "用法：zhifa --db FILE document --case 编号 --kind 种类 --out 文件.pdf [--as-of YYYY-MM-DD]\n\n"
    "编号可以是线索号、案件编号或决定书文号。种类如 decision（行政处罚决定书）、notice（事先告知书）、\n"
    "filing（立案审批表）、delivery_receipt（送达回证）等，见 data/templates。\n"
    "本案尚无该文书时按模板生成、盖章并存档为第 1 版；已有时写出最新版本。\n"
    "输出：{\"id\",\"kind\",\"version\",\"doc_no\",\"sm3\",\"issued\"}\n",
    run_document};

static int write_file(const char *path, const unsigned char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    int rc = fileio_write_all(fd, data, len);
    return close(fd) == 0 ? rc : -1;
}

static int export_latest(const AppContext *cx, const char *case_no, const char *kind, const char *out, bool issued)
{
    json_t *row;
    unsigned char *pdf;
    size_t len;
    ZfError err;
    if (app_document_latest(cx, case_no, kind, &row, &err) != ZF_OK ||
        app_document_bytes(cx, row, &pdf, &len, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 1;
    }
    int rc = write_file(out, pdf, len);
    free(pdf);
    if (rc != 0) fprintf(stderr, "zhifa: 无法写入 %s\n", out);
    else
        printf("{\"id\": %lld, \"kind\": \"%s\", \"version\": %lld, \"sm3\": \"%s\", \"issued\": %s}\n",
               json_integer_value(json_object_get(row, "id")), kind,
               json_integer_value(json_object_get(row, "version")), json_string_value(json_object_get(row, "sm3")),
               issued ? "true" : "false");
    json_decref(row);
    return rc == 0 ? 0 : 1;
}

static int run_document(const GlobalOpts *g, int argc, char **argv)
{
    const char *number = NULL, *kind = NULL, *out = NULL, *as_of_s = NULL;
    Flag flags[] = {{"--case", &number, NULL}, {"--kind", &kind, NULL}, {"--out", &out, NULL},
                    {"--as-of", &as_of_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_document, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (!number || !kind || !out) return cmd_usage_error(&cmd_document, "须给出 --case、--kind 和 --out");
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_document, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    Calendar *cal;
    Regions *regions = NULL;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    cmd_load_regions(&regions);
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return calendar_free(cal), 1;
    AppContext cx = {.store = st, .calendar = cal, .today = as_of, .regions = regions};
    char case_no[129];
    ZfError err;
    json_t *row;
    int rc = 1;
    bool issued = false;
    if (store_case_resolve(st, number, case_no, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 案件不存在：%s\n", number);
    } else if (app_document_latest(&cx, case_no, kind, &row, &err) == ZF_OK) {
        json_decref(row);
        rc = 0;
    } else if (err.status == 404 && app_document_issue_case(&cx, case_no, kind, NULL, NULL, &err) == ZF_OK) {
        rc = 0, issued = true;
    } else {
        fprintf(stderr, "zhifa: %s\n", err.message);
    }
    if (rc == 0) rc = export_latest(&cx, case_no, kind, out, issued);
    store_close(st);
    calendar_free(cal);
    regions_free(regions);
    return rc;
}
