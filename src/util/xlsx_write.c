/* Writes a workbook as the few OOXML parts Excel, WPS and LibreOffice need: content types,
 * relationships, workbook, styles and one worksheet per sheet. Never reads files. */
#include "util/xlsx_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/zipmem.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define EXCEL_MAX_ROW 1048576

/* Style ids are indexes into cellXfs below, in XlsxStyle order. */
static const char styles_xml[] =
    XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"DengXian\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"DengXian\"/></font>"
    "<font><sz val=\"9\"/><color rgb=\"FF808080\"/><name val=\"DengXian\"/></font></fonts>"
    "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"4\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\""
    " applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>"
    "<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

static const char root_rels_xml[] =
    XML_HEAD "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
    " Target=\"xl/workbook.xml\"/></Relationships>";

void xlsx_column_name(int col, char out[4])
{
    char tmp[4];
    int n = 0;
    for (col++; col > 0 && n < 3; col = (col - 1) / 26) tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Text as XML character data or an attribute value; control characters XML 1.0 forbids are dropped. */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&') fputs("&amp;", f);
        else if (c == '<') fputs("&lt;", f);
        else if (c == '>') fputs("&gt;", f);
        else if (c == '"') fputs("&quot;", f);
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        else fputc(c, f);
    }
}

static void put_cell(FILE *f, const XlsxSheet *sh, int row, int col)
{
    const char *v = sh->cells[(size_t)row * (size_t)sh->ncols + (size_t)col];
    if (!v) return;
    char ref[4];
    xlsx_column_name(col, ref);
    int style = sh->row_styles ? (int)sh->row_styles[row] : sh->cols[col].text ? XLSX_STYLE_TEXT : XLSX_STYLE_GENERAL;
    /* xml:space keeps leading and trailing blanks a clerk typed */
    fprintf(f, "<c r=\"%s%d\" s=\"%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", ref, row + 1, style);
    put_escaped(f, v);
    fputs("</t></is></c>", f);
}

static void put_validations(FILE *f, const XlsxSheet *sh)
{
    int n = 0;
    for (int c = 0; c < sh->ncols; c++) n += sh->cols[c].list != NULL;
    if (!n) return;
    fprintf(f, "<dataValidations count=\"%d\">", n);
    for (int c = 0; c < sh->ncols; c++) {
        if (!sh->cols[c].list) continue;
        char ref[4];
        xlsx_column_name(c, ref);
        fprintf(f, "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" errorTitle=\"取值无效\""
                   " error=\"请从下拉列表中选择\" sqref=\"%s%d:%s%d\"><formula1>&quot;",
                ref, sh->first_data_row, ref, EXCEL_MAX_ROW);
        put_escaped(f, sh->cols[c].list);
        fputs("&quot;</formula1></dataValidation>", f);
    }
    fputs("</dataValidations>", f);
}

static void put_sheet(FILE *f, const XlsxSheet *sh, bool selected)
{
    fputs(XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheetViews>", f);
    fprintf(f, "<sheetView workbookViewId=\"0\"%s>", selected ? " tabSelected=\"1\"" : "");
    if (sh->frozen_rows > 0)
        fprintf(f, "<pane ySplit=\"%d\" topLeftCell=\"A%d\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                   "<selection pane=\"bottomLeft\" activeCell=\"A%d\" sqref=\"A%d\"/>",
                sh->frozen_rows, sh->frozen_rows + 1, sh->frozen_rows + 1, sh->frozen_rows + 1);
    fputs("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>", f);
    for (int c = 0; c < sh->ncols; c++)
        fprintf(f, "<col min=\"%d\" max=\"%d\" width=\"%.1f\" customWidth=\"1\"%s/>", c + 1, c + 1, sh->cols[c].width,
                sh->cols[c].text ? " style=\"1\"" : "");
    fputs("</cols><sheetData>", f);
    for (int r = 0; r < sh->nrows; r++) {
        fprintf(f, "<row r=\"%d\">", r + 1);
        for (int c = 0; c < sh->ncols; c++) put_cell(f, sh, r, c);
        fputs("</row>", f);
    }
    fputs("</sheetData>", f);
    put_validations(f, sh);
    fputs("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>", f);
}

static void put_workbook(FILE *f, const XlsxSheet *sheets, int n)
{
    fputs(XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><bookViews><workbookView/></bookViews><sheets>", f);
    for (int i = 0; i < n; i++) {
        fputs("<sheet name=\"", f);
        put_escaped(f, sheets[i].name);
        fprintf(f, "\" sheetId=\"%d\" r:id=\"rId%d\"/>", i + 1, i + 1);
    }
    fputs("</sheets></workbook>", f);
}

static void put_workbook_rels(FILE *f, int n)
{
    fputs(XML_HEAD "<Relationships xmlns=\"" NS_PKG_REL "\">", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "<Relationship Id=\"rId%d\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet%d.xml\"/>", i + 1, i + 1);
    fprintf(f, "<Relationship Id=\"rId%d\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/></Relationships>", n + 1);
}

static void put_content_types(FILE *f, int n)
{
    fputs(XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                   "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                   "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                   "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                   "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
          f);
    for (int i = 0; i < n; i++)
        fprintf(f, "<Override PartName=\"/xl/worksheets/sheet%d.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>", i + 1);
    fputs("</Types>", f);
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

static void part_content_types(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)i, put_content_types(f, n); }
static void part_root_rels(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)n, (void)i, fputs(root_rels_xml, f); }
static void part_workbook(FILE *f, const XlsxSheet *s, int n, int i) { (void)i, put_workbook(f, s, n); }
static void part_workbook_rels(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)i, put_workbook_rels(f, n); }
static void part_styles(FILE *f, const XlsxSheet *s, int n, int i) { (void)s, (void)n, (void)i, fputs(styles_xml, f); }
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
