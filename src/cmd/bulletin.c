/* zhifa bulletin --month YYYY-MM [--region CODE] --out FILE.pdf|FILE.xlsx|FILE.json: the monthly
 * 通报 of a region (default: everything), the same figures as GET /api/v1/bulletins/{month}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/bulletin.h"
#include "cmd/cmd.h"

static int run_bulletin(const GlobalOpts *g, int argc, char **argv);

const Command cmd_bulletin = {
    "bulletin", "生成月度行政执法监督通报（PDF / Excel）",
    "用法：zhifa --db FILE bulletin --month YYYY-MM [--region CODE] [--as-of YYYY-MM-DD] --out FILE\n\n"
    "  --month M      通报月份，如 2026-05\n"
    "  --region CODE  行政区划代码（GB/T 2260，6 位），默认全部\n"
    "  --as-of DATE   统计日期（逾期督办、月报是否逾期以此为准；默认今天，北京时间）\n"
    "  --out FILE     输出文件：.pdf 为通报正文（含图表），.xlsx 为带合计公式的工作簿，.json 为全部数字\n",
    run_bulletin};

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static int write_file(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        if (f) fclose(f);
        fprintf(stderr, "zhifa: 无法写入 %s\n", path);
        return 1;
    }
    return 0;
}

static int run_bulletin(const GlobalOpts *g, int argc, char **argv)
{
    const char *month = NULL, *region = NULL, *out = NULL, *as_of_s = NULL;
    Flag flags[] = {{"--month", &month, NULL}, {"--region", &region, NULL}, {"--out", &out, NULL}, {"--as-of", &as_of_s, NULL},
                    {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_bulletin, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (!month || !out) return cmd_usage_error(&cmd_bulletin, "请指定 --month 和 --out");
    BulletinFormat format = ends_with(out, ".pdf") ? BULLETIN_PDF : ends_with(out, ".xlsx") ? BULLETIN_XLSX
                          : ends_with(out, ".json") ? BULLETIN_JSON : (BulletinFormat)-1;
    if ((int)format < 0) return cmd_usage_error(&cmd_bulletin, "--out 的扩展名应为 .pdf、.xlsx 或 .json：%s", out);
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_bulletin, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    Regions *regions = NULL;
    if (cmd_load_regions(&regions) != ZF_OK) fputs("zhifa: 无法读取行政区划数据，通报以区划代码代替名称\n", stderr);
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return regions_free(regions), 1;
    AppContext cx = {st, NULL, as_of, NULL, {0}, regions};
    void *bytes = NULL;
    size_t len = 0;
    ZfError err;
    int rc = app_bulletin_file(&cx, month, region, format, &bytes, &len, &err) == ZF_OK ? write_file(out, bytes, len) : 1;
    if (rc && bytes == NULL) fprintf(stderr, "zhifa: 无法生成通报：%s\n", err.message);
    free(bytes);
    store_close(st);
    regions_free(regions);
    return rc;
}
