/* The OOXML package parts every workbook zhifa writes: content types, relationships, the
 * workbook, the styles and a worksheet's head and tail — shared by the in-memory writer
 * (xlsx_write.c) and the streamed one (xlsx_stream.c). Writes to a FILE it is given, nothing else. */
#include "util/xlsx_parts.h"

#include <stdio.h>

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Style ids are indexes into cellXfs below, in XlsxStyle order. */
const char xlsx_styles_xml[] =
    XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<fonts count=\"4\"><font><sz val=\"11\"/><name val=\"DengXian\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"DengXian\"/></font>"
    "<font><sz val=\"9\"/><color rgb=\"FF808080\"/><name val=\"DengXian\"/></font>"
    "<font><b/><sz val=\"14\"/><name val=\"DengXian\"/></font></fonts>"
    "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"8\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\""
    " applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>"
    "<xf numFmtId=\"49\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
    "<xf numFmtId=\"3\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\"/>"
    "<xf numFmtId=\"4\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\"/>"
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

const char xlsx_root_rels_xml[] =
    XML_HEAD "<Relationships xmlns=\"" NS_PKG_REL "\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
    " Target=\"xl/workbook.xml\"/></Relationships>";

/* Text as XML character data or an attribute value; control characters XML 1.0 forbids are dropped. */
void xlsx_put_escaped(FILE *f, const char *s)
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
                ref, sh->first_data_row, ref, XLSX_MAX_ROWS);
        xlsx_put_escaped(f, sh->cols[c].list);
        fputs("&quot;</formula1></dataValidation>", f);
    }
    fputs("</dataValidations>", f);
}

void xlsx_put_sheet_head(FILE *f, const XlsxSheet *sh, bool selected)
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
}

void xlsx_put_sheet_tail(FILE *f, const XlsxSheet *sh)
{
    fputs("</sheetData>", f);
    put_validations(f, sh);
    fputs("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>", f);
}

void xlsx_put_workbook(FILE *f, const XlsxSheet *sheets, int n)
{
    fputs(XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><bookViews><workbookView/></bookViews><sheets>", f);
    for (int i = 0; i < n; i++) {
        fputs("<sheet name=\"", f);
        xlsx_put_escaped(f, sheets[i].name);
        fprintf(f, "\" sheetId=\"%d\" r:id=\"rId%d\"/>", i + 1, i + 1);
    }
    fputs("</sheets></workbook>", f);
}

void xlsx_put_workbook_rels(FILE *f, int n)
{
    fputs(XML_HEAD "<Relationships xmlns=\"" NS_PKG_REL "\">", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "<Relationship Id=\"rId%d\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet%d.xml\"/>", i + 1, i + 1);
    fprintf(f, "<Relationship Id=\"rId%d\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/></Relationships>", n + 1);
}

void xlsx_put_content_types(FILE *f, int n)
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

