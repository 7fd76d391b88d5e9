/* Writes a workbook as the few OOXML parts Excel, WPS and LibreOffice need: content types,
 * relationships, workbook, styles and one worksheet per sheet. Never reads files. */
#include "util/xlsx_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/xlsx_parts.h"
#include "util/zipmem.h"

void xlsx_column_name(int col, char out[4])
{
    char tmp[4];
    int n = 0;
    for (col++; col > 0 && n < 3; col = (col - 1) / 26) tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* A number or a formula with its cached value (the text, when it is a number). */
static void put_formatted(FILE *f, const XlsxCellFormat *fmt, const char *ref, int row, const char *v)
{
    fprintf(f, "<c r=\"%s%d\" s=\"%d\">", ref, row + 1, (int)fmt->style);
    if (fmt->formula) {
        fputs("<f>", f);
        xlsx_put_escaped(f, fmt->formula);
        fputs("</f>", f);
    }
    if (*v) {
        fputs("<v>", f);
        xlsx_put_escaped(f, v);
        fputs("</v>", f);
    }
    fputs("</c>", f);
}

static void put_cell(FILE *f, const XlsxSheet *sh, int row, int col)
{
    size_t at = (size_t)row * (size_t)sh->ncols + (size_t)col;
    const char *v = sh->cells[at];
    const XlsxCellFormat *fmt = sh->formats ? &sh->formats[at] : NULL;
    if (!v && !(fmt && fmt->formula)) return;
    char ref[4];
    xlsx_column_name(col, ref);
    if (fmt && (fmt->kind == XLSX_FMT_NUMBER || fmt->formula)) return put_formatted(f, fmt, ref, row, v ? v : "");
    if (fmt) {
        fprintf(f, "<c r=\"%s%d\" s=\"%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", ref, row + 1, (int)fmt->style);
        xlsx_put_escaped(f, v);
        fputs("</t></is></c>", f);
        return;
    }
    int style = sh->row_styles ? (int)sh->row_styles[row] : sh->cols[col].text ? XLSX_STYLE_TEXT : XLSX_STYLE_GENERAL;
    /* xml:space keeps leading and trailing blanks a clerk typed */
    fprintf(f, "<c r=\"%s%d\" s=\"%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", ref, row + 1, style);
    xlsx_put_escaped(f, v);
    fputs("</t></is></c>", f);
}

static void put_sheet(FILE *f, const XlsxSheet *sh, bool selected)
{
    xlsx_put_sheet_head(f, sh, selected);
    for (int r = 0; r < sh->nrows; r++) {
        fprintf(f, "<row r=\"%d\">", r + 1);
        for (int c = 0; c < sh->ncols; c++) put_cell(f, sh, r, c);
        fputs("</row>", f);
    }
    xlsx_put_sheet_tail(f, sh);
}

/* Adds name with the bytes f collected; the archive takes ownership of them. */
static bool add_part(zip_t *za, const char *name, FILE *f, char **bufp, size_t *lenp)
{
    /* open_memstream publishes the buffer only on fclose */
    int closed = fclose(f);
    char *buf = *bufp;
    size_t len = *lenp;
    if (closed != 0) {
        free(buf);
        return false;
    }
    zip_source_t *s = zip_source_buffer(za, buf, len, 1);
    if (!s) {
        free(buf);
        return false;
    }
    if (zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(s);
        return false;
    }
    return true;
}

typedef void (*PartFn)(FILE *f, const XlsxSheet *sheets, int n, int index);

static void part_content_types(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)i, xlsx_put_content_types(f, n); }
static void part_root_rels(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)n, (void)i, fputs(xlsx_root_rels_xml, f); }
static void part_workbook(FILE *f, const XlsxSheet *s, int n, int i) { (void)i, xlsx_put_workbook(f, s, n); }
static void part_workbook_rels(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)i, xlsx_put_workbook_rels(f, n); }
static void part_styles(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)n, (void)i, fputs(xlsx_styles_xml, f); }
static void part_sheet(FILE *f, const XlsxSheet *s, int n, int i) { (void)n, put_sheet(f, &s[i], i == 0); }

static bool write_part(zip_t *za, const char *name, PartFn fn, const XlsxSheet *sheets, int n, int index)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return false;
    fn(f, sheets, n, index);
    return add_part(za, name, f, &buf, &len);
}

int xlsx_write(const XlsxSheet *sheets, int nsheets, void **out, size_t *len, ZfError *err)
{
    ZipMem zm;
    if (!zipmem_open(&zm)) return zf_fail(err, 500, "xlsx_failed", NULL, "无法创建 Excel 文件");
    zip_t *za = zm.za;
    /* [Content_Types].xml first: some readers sniff it at the start of the archive */
    bool ok = write_part(za, "[Content_Types].xml", part_content_types, sheets, nsheets, 0) &&
              write_part(za, "_rels/.rels", part_root_rels, sheets, nsheets, 0) &&
              write_part(za, "xl/workbook.xml", part_workbook, sheets, nsheets, 0) &&
              write_part(za, "xl/_rels/workbook.xml.rels", part_workbook_rels, sheets, nsheets, 0) &&
              write_part(za, "xl/styles.xml", part_styles, sheets, nsheets, 0);
    for (int i = 0; ok && i < nsheets; i++) {
        char name[40];
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i + 1);
        ok = write_part(za, name, part_sheet, sheets, nsheets, i);
    }
    if (!ok) {
        zipmem_discard(&zm);
        return zf_fail(err, 500, "xlsx_failed", NULL, "无法生成 Excel 文件");
    }
    if (!zipmem_take(&zm, out, len)) return zf_fail(err, 500, "xlsx_failed", NULL, "无法生成 Excel 文件");
    return ZF_OK;
}
