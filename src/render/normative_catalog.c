/* See normative_catalog.h. */
#include "render/normative_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/bulletin_table.h"
#include "render/page.h"
#include "util/xlsx_write.h"

#define NCOLS 7

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void row_cells(const json_t *r, size_t i, char num[16], const char *cells[NCOLS])
{
    snprintf(num, 16, "%zu", i + 1);
    cells[0] = num, cells[1] = str(r, "reg_no"), cells[2] = str(r, "title"), cells[3] = str(r, "doc_no");
    cells[4] = str(r, "issuer_name"), cells[5] = str(r, "published_on"), cells[6] = str(r, "registered_on");
}

int normative_catalog_pdf(const json_t *catalog, unsigned char **pdf, size_t *len, ZfError *err)
{
    static const TableColumn COLS[NCOLS] = {
        {"序号", 9 * RENDER_MM, true},     {"登记编号", 25 * RENDER_MM, false}, {"文件名称", 42 * RENDER_MM, false},
        {"文号", 22 * RENDER_MM, false},   {"制定机关", 24 * RENDER_MM, false}, {"公布日期", 17 * RENDER_MM, false},
        {"登记日期", 17 * RENDER_MM, false},
    };
    RenderDoc d;
    Table t;
    char note[200], date[32], num[16];
    const char *cells[NCOLS];
    size_t i;
    json_t *r;
    if (render_doc_begin(&d, &(RenderPageMarks){NULL, NULL}, str(catalog, "title")) != 0)
        return zf_fail(err, 500, "render_failed", NULL, "备案目录生成失败");
    render_paragraph(&d, &RENDER_STYLE_TITLE, str(catalog, "title"));
    snprintf(note, sizeof note, "本季度经备案登记的规范性文件共 %zu 件。", json_array_size(json_object_get(catalog, "rows")));
    render_paragraph(&d, &RENDER_STYLE_BODY, note);
    table_begin(&t, &d, COLS, NCOLS, 9);
    json_array_foreach(json_object_get(catalog, "rows"), i, r) {
        row_cells(r, i, num, cells);
        table_row(&t, cells, false);
    }
    if (render_date_cn(str(catalog, "produced_on"), date, sizeof date) == 0) {
        render_space(&d, RENDER_LINE_PITCH);
        render_paragraph(&d, &RENDER_STYLE_RIGHT, date);
    }
    int pages;
    if (render_doc_end(&d, pdf, len, &pages) != 0) return zf_fail(err, 500, "render_failed", NULL, "备案目录生成失败");
    return ZF_OK;
}

int normative_catalog_xlsx(const json_t *catalog, void **out, size_t *len, ZfError *err)
{
    static const XlsxColumn COLS[NCOLS] = {{6, false, NULL},  {26, true, NULL}, {44, false, NULL}, {24, true, NULL},
                                           {28, false, NULL}, {12, true, NULL}, {12, true, NULL}};
    static const char *const HEAD[NCOLS] = {"序号", "登记编号", "文件名称", "文号", "制定机关", "公布日期", "登记日期"};
    const json_t *rows = json_object_get(catalog, "rows");
    size_t n = json_array_size(rows), i;
    int nrows = (int)n + 2;
    const char **cells = calloc((size_t)nrows * NCOLS, sizeof *cells);
    XlsxStyle *styles = calloc((size_t)nrows, sizeof *styles);
    char (*nums)[16] = calloc(n ? n : 1, sizeof *nums);
    if (!cells || !styles || !nums) {
        free(cells), free(styles), free(nums);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    cells[0] = str(catalog, "title");
    styles[0] = XLSX_STYLE_TITLE;
    for (int c = 0; c < NCOLS; c++) cells[NCOLS + c] = HEAD[c];
    styles[1] = XLSX_STYLE_HEADER;
    json_t *r;
    json_array_foreach(rows, i, r) {
        row_cells(r, i, nums[i], cells + (i + 2) * NCOLS);
        styles[i + 2] = XLSX_STYLE_TEXT;
    }
    XlsxSheet sheet = {"备案目录", NCOLS, COLS, nrows, cells, styles, 2, 3, NULL};
    int rc = xlsx_write(&sheet, 1, out, len, err);
    free(cells), free(styles), free(nums);
    return rc;
}
