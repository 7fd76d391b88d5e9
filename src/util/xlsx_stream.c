/* See xlsx_stream.h. The small parts are rendered with the shared part writers (xlsx_parts.h);
 * rows are escaped straight into a buffer handed to the archive in large pieces, the hot path of
 * an export of a million rows. Never reads files. */
#include "util/xlsx_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xlsx_parts.h"

#define FLUSH_AT (256 * 1024)
#define ROW_SLACK 64 /* room for a row's or a cell's fixed markup beyond its text */

struct XlsxStream {
    ZipStream *zip;
    const XlsxSheet *sheet;
    long rows;
    char *buf;
    size_t len, cap;
};

static int oom(ZfError *err) { return zf_fail(err, 500, "out_of_memory", NULL, "内存不足，无法生成 Excel 文件"); }

static int reserve(XlsxStream *xs, size_t more, ZfError *err)
{
    if (xs->len + more <= xs->cap) return ZF_OK;
    size_t cap = xs->cap * 2;
    while (cap < xs->len + more) cap *= 2;
    char *grown = realloc(xs->buf, cap);
    if (!grown) return oom(err);
    xs->buf = grown, xs->cap = cap;
    return ZF_OK;
}

static void put(XlsxStream *xs, const char *s, size_t n) { memcpy(xs->buf + xs->len, s, n), xs->len += n; }
#define PUT_LIT(xs, lit) put(xs, lit, sizeof lit - 1)

/* Worst case 6 bytes out ("&quot;") per byte in: reserved by the caller. */
static void put_escaped(XlsxStream *xs, const char *s)
{
    char *o = xs->buf + xs->len;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"') *o++ = (char)c;
        else if (c == '&') memcpy(o, "&amp;", 5), o += 5;
        else if (c == '<') memcpy(o, "&lt;", 4), o += 4;
        else if (c == '>') memcpy(o, "&gt;", 4), o += 4;
        else if (c == '"') memcpy(o, "&quot;", 6), o += 6;
        else if (c == '\t' || c == '\n' || c == '\r') *o++ = (char)c; /* other controls: XML 1.0 forbids them */
    }
    xs->len = (size_t)(o - xs->buf);
}

static int flush(XlsxStream *xs, ZfError *err)
{
    if (!xs->len) return ZF_OK;
    int rc = zipstream_write(xs->zip, xs->buf, xs->len, err);
    xs->len = 0;
    return rc;
}

typedef void (*PartFn)(FILE *f, const XlsxSheet *sh);
static void part_content_types(FILE *f, const XlsxSheet *sh) { (void)sh, xlsx_put_content_types(f, 1); }
static void part_root_rels(FILE *f, const XlsxSheet *sh) { (void)sh, fputs(xlsx_root_rels_xml, f); }
static void part_workbook(FILE *f, const XlsxSheet *sh) { xlsx_put_workbook(f, sh, 1); }
static void part_workbook_rels(FILE *f, const XlsxSheet *sh) { (void)sh, xlsx_put_workbook_rels(f, 1); }
static void part_styles(FILE *f, const XlsxSheet *sh) { (void)sh, fputs(xlsx_styles_xml, f); }
static void part_sheet_head(FILE *f, const XlsxSheet *sh) { xlsx_put_sheet_head(f, sh, true); }
static void part_sheet_tail(FILE *f, const XlsxSheet *sh) { xlsx_put_sheet_tail(f, sh); }

/* Renders a small part and writes it into the current entry. */
static int write_part(XlsxStream *xs, PartFn fn, ZfError *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return oom(err);
    fn(f, xs->sheet);
    if (fclose(f) != 0) {
        free(text);
        return oom(err);
    }
    int rc = zipstream_write(xs->zip, text, len, err);
    free(text);
    return rc;
}

static int add_part(XlsxStream *xs, const char *name, PartFn fn, ZfError *err)
{
    if (zipstream_begin(xs->zip, name, err) != ZF_OK || write_part(xs, fn, err) != ZF_OK) return ZF_ERR;
    return zipstream_end(xs->zip, err);
}

int xlsx_stream_open(const XlsxSheet *sheet, ZipSinkFn sink, void *sink_ctx, XlsxStream **out, ZfError *err)
{
    XlsxStream *xs = calloc(1, sizeof *xs);
    if (!xs || !(xs->buf = malloc(FLUSH_AT * 2)) || !(xs->zip = zipstream_new(sink, sink_ctx))) {
        xlsx_stream_free(xs);
        return oom(err);
    }
    xs->cap = FLUSH_AT * 2, xs->sheet = sheet;
    /* [Content_Types].xml first: some readers sniff it at the start of the archive */
    if (add_part(xs, "[Content_Types].xml", part_content_types, err) != ZF_OK ||
        add_part(xs, "_rels/.rels", part_root_rels, err) != ZF_OK ||
        add_part(xs, "xl/workbook.xml", part_workbook, err) != ZF_OK ||
        add_part(xs, "xl/_rels/workbook.xml.rels", part_workbook_rels, err) != ZF_OK ||
        add_part(xs, "xl/styles.xml", part_styles, err) != ZF_OK ||
        zipstream_begin(xs->zip, "xl/worksheets/sheet1.xml", err) != ZF_OK ||
        write_part(xs, part_sheet_head, err) != ZF_OK) {
        xlsx_stream_free(xs);
        return ZF_ERR;
    }
    *out = xs;
    return ZF_OK;
}

static int cell_style(const XlsxStream *xs, int col, const XlsxOutCell *c, XlsxStyle row_style)
{
    if (row_style != XLSX_STYLE_GENERAL) return (int)row_style;
    if (c->kind == XLSX_OUT_MONEY) return XLSX_STYLE_MONEY;
    return c->kind == XLSX_OUT_TEXT && xs->sheet->cols[col].text ? XLSX_STYLE_TEXT : XLSX_STYLE_GENERAL;
}

static int put_cell(XlsxStream *xs, int col, long row, const XlsxOutCell *c, XlsxStyle row_style, ZfError *err)
{
    char ref[4], head[64];
    if (c->kind == XLSX_OUT_EMPTY || (c->kind == XLSX_OUT_TEXT && !c->text)) return ZF_OK;
    xlsx_column_name(col, ref);
    int style = cell_style(xs, col, c, row_style);
    if (c->kind != XLSX_OUT_TEXT) {
        int n = snprintf(head, sizeof head, "<c r=\"%s%ld\" s=\"%d\"><v>%.15g</v></c>", ref, row, style, c->number);
        if (reserve(xs, (size_t)n, err) != ZF_OK) return ZF_ERR;
        put(xs, head, (size_t)n);
        return ZF_OK;
    }
    int n = snprintf(head, sizeof head, "<c r=\"%s%ld\" s=\"%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", ref, row, style);
    if (reserve(xs, (size_t)n + strlen(c->text) * 6 + ROW_SLACK, err) != ZF_OK) return ZF_ERR;
    put(xs, head, (size_t)n);
    put_escaped(xs, c->text);
    PUT_LIT(xs, "</t></is></c>");
    return ZF_OK;
}

int xlsx_stream_row(XlsxStream *xs, const XlsxOutCell *cells, XlsxStyle style, ZfError *err)
{
    char head[32];
    if (xs->rows >= XLSX_STREAM_MAX_DATA_ROWS + 1)
        return zf_fail(err, 413, "too_many_rows", NULL, "超过 Excel 工作表的行数上限（1048576 行）");
    long row = ++xs->rows;
    int n = snprintf(head, sizeof head, "<row r=\"%ld\">", row);
    if (reserve(xs, (size_t)n + ROW_SLACK, err) != ZF_OK) return ZF_ERR;
    put(xs, head, (size_t)n);
    for (int c = 0; c < xs->sheet->ncols; c++)
        if (put_cell(xs, c, row, &cells[c], style, err) != ZF_OK) return ZF_ERR;
    /* a number cell reserves only its own bytes: the tail needs its own room */
    if (reserve(xs, sizeof "</row>" - 1, err) != ZF_OK) return ZF_ERR;
    PUT_LIT(xs, "</row>");
    return xs->len >= FLUSH_AT ? flush(xs, err) : ZF_OK;
}

long xlsx_stream_rows(const XlsxStream *xs) { return xs->rows; }

int xlsx_stream_finish(XlsxStream *xs, ZfError *err)
{
    if (flush(xs, err) != ZF_OK || write_part(xs, part_sheet_tail, err) != ZF_OK ||
        zipstream_end(xs->zip, err) != ZF_OK)
        return ZF_ERR;
    return zipstream_finish(xs->zip, err);
}

void xlsx_stream_free(XlsxStream *xs)
{
    if (!xs) return;
    zipstream_free(xs->zip);
    free(xs->buf);
    free(xs);
}
