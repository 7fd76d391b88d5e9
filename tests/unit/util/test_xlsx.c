/* The .xlsx writer and reader: template round trip, the cell encodings Excel, WPS and LibreOffice
 * write (shared, inline and rich-text strings, numbers, booleans, date serials), row → record
 * conversion, and the files that must be refused without a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "domain/exchange.h"
#include "domain/sheet_layout.h"
#include "app/xlsx_intake.h"
#include "util/xlsx_read.h"
#include "util/xlsx_write.h"

/* ---- helpers ---- */

typedef struct {
    const char *name;
    const char *body;
} Part;

/* A zip of the given parts, in memory; *len its size. */
static void *make_zip(const Part *parts, int n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    zip_source_keep(src);
    for (int i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, parts[i].body, strlen(parts[i].body), 0);
        assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    assert_int_equal(zip_source_open(src), 0);
    void *out = malloc(st.size);
    assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = st.size;
    return out;
}

#define WB_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
static const char workbook_xml[] =
    "<?xml version=\"1.0\"?><workbook " WB_NS "><workbookPr/><sheets>"
    "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"数据\" sheetId=\"2\" r:id=\"rId3\"/></sheets></workbook>";
static const char rels_xml[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/data.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/notes.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";
/* shared strings: 0 plain, 1 rich text in two runs with a phonetic run, 2 with an entity */
static const char shared_xml[] =
    "<?xml version=\"1.0\"?><sst " WB_NS " count=\"3\" uniqueCount=\"3\">"
    "<si><t>case_no</t></si>"
    "<si><r><rPr><b/></rPr><t>青岛某某</t></r><r><t xml:space=\"preserve\">食品有限公司</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
    "<si><t>A&amp;B</t></si></sst>";

typedef struct {
    long rows[16];
    char text[16][8][128];
    int types[16][8];
    double numbers[16][8];
    int nrows;
} Seen;

static int remember(const XlsxRow *r, void *ctx)
{
    Seen *s = ctx;
    const XlsxCell *cells = r->cells;
    if (s->nrows >= 16) return 1;
    s->rows[s->nrows] = r->too_long ? -r->row : r->row;
    for (int i = 0; i < r->ncells; i++) {
        if (cells[i].col >= 8) continue;
        snprintf(s->text[s->nrows][cells[i].col], 128, "%s", cells[i].text);
        s->types[s->nrows][cells[i].col] = (int)cells[i].type + 1;
        s->numbers[s->nrows][cells[i].col] = cells[i].number;
    }
    s->nrows++;
    return 0;
}

static int read_book(const Part *parts, int n, int sheet, Seen *seen, ZfError *err)
{
    size_t len;
    void *buf = make_zip(parts, n, &len);
    XlsxBook *b;
    int rc = xlsx_open(buf, len, &b, err);
    if (rc == ZF_OK) {
        rc = xlsx_read_sheet(b, sheet, remember, seen, err);
        xlsx_close(b);
    }
    free(buf);
    return rc;
}

/* ---- reading ---- */

static void test_reads_shared_inline_rich_and_typed_cells(void **state)
{
    (void)state;
    const char sheet[] =
        "<?xml version=\"1.0\"?><worksheet " WB_NS "><sheetData>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>in</t><r><t>line</t></r></is></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c><c r=\"B5\"><v>46100</v></c><c r=\"C5\" t=\"b\"><v>1</v></c>"
        "<c r=\"D5\" t=\"e\"><v>#N/A</v></c><c r=\"E5\" s=\"3\"/><c r=\"F5\" t=\"str\"><f>A1</f><v>calc</v></c><c r=\"G5\" t=\"s\"><v>2</v></c></row>"
        "<row><c><v>7</v></c><c><v>8.5</v></c></row>"
        "</sheetData></worksheet>";
    Part parts[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                    {"xl/sharedStrings.xml", shared_xml}, {"xl/worksheets/data.xml", sheet},
                    {"xl/worksheets/notes.xml", "<worksheet " WB_NS "><sheetData/></worksheet>"}};
    Seen s = {0};
    ZfError err;
    assert_int_equal(read_book(parts, 5, 1, &s, &err), ZF_OK);
    assert_int_equal(s.nrows, 3);
    assert_int_equal(s.rows[0], 2);
    assert_string_equal(s.text[0][0], "case_no");
    assert_string_equal(s.text[0][2], "inline");
    assert_int_equal(s.rows[1], 5);
    assert_string_equal(s.text[1][0], "青岛某某食品有限公司"); /* runs joined, phonetic run left out */
    assert_int_equal(s.types[1][1], XLSX_CELL_NUMBER + 1);
    assert_true(s.numbers[1][1] == 46100.0);
    assert_int_equal(s.types[1][2], XLSX_CELL_BOOL + 1);
    assert_string_equal(s.text[1][2], "1");
    assert_int_equal(s.types[1][3], XLSX_CELL_ERROR + 1);
    assert_int_equal(s.types[1][4], 0); /* a styled empty cell is no cell */
    assert_string_equal(s.text[1][5], "calc");
    assert_string_equal(s.text[1][6], "A&B");
    /* a row and cells without r: the next row, columns in order */
    assert_int_equal(s.rows[2], 6);
    assert_true(s.numbers[2][1] == 8.5);
}

static void test_serial_dates_follow_excel_1900_and_1904_systems(void **state)
{
    (void)state;
    char out[20];
    assert_true(xlsx_serial_date(1, false, false, out));
    assert_string_equal(out, "1900-01-01");
    assert_true(xlsx_serial_date(59, false, false, out));
    assert_string_equal(out, "1900-02-28");
    assert_true(xlsx_serial_date(60, false, false, out)); /* Lotus' 1900-02-29 */
    assert_string_equal(out, "1900-02-29");
    assert_true(xlsx_serial_date(61, false, false, out));
    assert_string_equal(out, "1900-03-01");
    assert_true(xlsx_serial_date(46162, false, false, out));
    assert_string_equal(out, "2026-05-20");
    assert_true(xlsx_serial_date(46162.75, false, true, out));
    assert_string_equal(out, "2026-05-20T18:00");
    assert_true(xlsx_serial_date(44700.999999, false, true, out)); /* rounds into the next day */
    assert_string_equal(out, "2022-05-20T00:00"); /* 44700 is 2022-05-19 */
    assert_true(xlsx_serial_date(0, true, false, out));
    assert_string_equal(out, "1904-01-01");
    assert_true(xlsx_serial_date(46162 - 1462, true, false, out));
    assert_string_equal(out, "2026-05-20");
    assert_false(xlsx_serial_date(0, false, false, out));
    assert_false(xlsx_serial_date(-3, false, false, out));
    assert_false(xlsx_serial_date(1e9, false, false, out));
}

/* ---- refusing ---- */

static void expect_refused(const void *buf, size_t len, int status, const char *code)
{
    XlsxBook *b = NULL;
    ZfError err;
    assert_int_equal(xlsx_open(buf, len, &b, &err), ZF_ERR);
    assert_null(b);
    assert_int_equal(err.status, status);
    assert_string_equal(err.code, code);
    assert_true(strlen(err.message) > 0);
}

static void test_refuses_legacy_garbage_and_non_workbooks(void **state)
{
    (void)state;
    static const unsigned char ole[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    expect_refused(ole, sizeof ole, 422, "xlsx_legacy");
    assert_true(xlsx_looks_like_workbook(ole, sizeof ole));
    expect_refused("PK\x03\x04 then nothing", 20, 400, "xlsx_malformed");
    assert_false(xlsx_looks_like_workbook("{\"type\":\"case\"}", 15));
    size_t len;
    Part parts[] = {{"word/document.xml", "<w/>"}};
    void *zip = make_zip(parts, 1, &len);
    expect_refused(zip, len, 400, "not_xlsx");
    free(zip);
}

static void test_refuses_malformed_xml_and_dtds(void **state)
{
    (void)state;
    Seen s = {0};
    ZfError err;
    Part broken[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                     {"xl/sharedStrings.xml", shared_xml}, {"xl/worksheets/data.xml", "<worksheet><sheetData><row><c>"},
                     {"xl/worksheets/notes.xml", "<worksheet/>"}};
    assert_int_equal(read_book(broken, 5, 1, &s, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_non_null(strstr(err.message, "XML"));
    Part bad_index[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                        {"xl/sharedStrings.xml", shared_xml},
                        {"xl/worksheets/data.xml", "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>"},
                        {"xl/worksheets/notes.xml", "<worksheet/>"}};
    assert_int_equal(read_book(bad_index, 5, 1, &s, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    Part laughs[] = {{"xl/workbook.xml", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                                         "<workbook><sheets><sheet name=\"&lol2;\"/></sheets></workbook>"},
                     {"xl/_rels/workbook.xml.rels", rels_xml}};
    size_t len;
    void *zip = make_zip(laughs, 2, &len);
    expect_refused(zip, len, 400, "xlsx_malformed");
    free(zip);
}

/* Found by tests/fuzz/fuzz_xlsx.c: a reference with many letters overflowed the column number
 * (undefined behaviour, caught by UBSan in make asan) before its length was checked. */
static void test_cell_reference_with_many_letters_is_refused(void **state)
{
    (void)state;
    Seen s = {0};
    ZfError err;
    Part wide[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                   {"xl/sharedStrings.xml", shared_xml},
                   {"xl/worksheets/data.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZZZZZZZZZZZZZ1\"><v>1</v></c>"
                                              "</row></sheetData></worksheet>"},
                   {"xl/worksheets/notes.xml", "<worksheet/>"}};
    assert_int_equal(read_book(wide, 5, 1, &s, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_non_null(strstr(err.message, "单元格位置无效"));
    Part widest[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                     {"xl/sharedStrings.xml", shared_xml},
                     {"xl/worksheets/data.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c>"
                                                "</row></sheetData></worksheet>"},
                     {"xl/worksheets/notes.xml", "<worksheet/>"}};
    memset(&s, 0, sizeof s);
    assert_int_equal(read_book(widest, 5, 1, &s, &err), ZF_OK); /* XFD, the last column, is read */
    assert_int_equal(s.nrows, 1);
}

static void test_refuses_zip_bombs_by_entries_and_size(void **state)
{
    (void)state;
    size_t len, big = XLSX_MAX_UNCOMPRESSED + 1024;
    char *zeros = malloc(big + 1);
    memset(zeros, ' ', big);
    zeros[big] = '\0';
    Part bomb[] = {{"xl/workbook.xml", workbook_xml}, {"xl/worksheets/data.xml", zeros}};
    void *zip = make_zip(bomb, 2, &len);
    assert_true(len < big / 100); /* compressed far below the cap: the declared size decides */
    expect_refused(zip, len, 422, "xlsx_too_large");
    free(zip);
    free(zeros);

    Part *many = calloc(XLSX_MAX_ENTRIES + 1, sizeof *many);
    char (*names)[24] = calloc(XLSX_MAX_ENTRIES + 1, sizeof *names);
    for (int i = 0; i <= XLSX_MAX_ENTRIES; i++) {
        snprintf(names[i], sizeof names[i], "xl/part%d.xml", i);
        many[i] = (Part){names[i], "<x/>"};
    }
    zip = make_zip(many, XLSX_MAX_ENTRIES + 1, &len);
    expect_refused(zip, len, 422, "xlsx_too_many_parts");
    free(zip);
    free(many);
    free(names);
}

/* ---- shared strings repeated: borrowed, counted, capped ---- */

/* sharedStrings.xml holding one string of n 'x'. */
static char *long_shared(size_t n)
{
    static const char head[] = "<sst " WB_NS "><si><t>", tail[] = "</t></si></sst>";
    char *xml = malloc(sizeof head + n + sizeof tail);
    assert_non_null(xml);
    memcpy(xml, head, sizeof head - 1);
    memset(xml + sizeof head - 1, 'x', n);
    memcpy(xml + sizeof head - 1 + n, tail, sizeof tail);
    return xml;
}

/* A sheet whose rows 1… hold refs[i] cells referring to shared string 0, then an inline "end". */
static char *referring_sheet(const int *refs, int nrows)
{
    static const char ref[] = "<c t=\"s\"><v>0</v></c>";
    size_t cap = 256;
    for (int i = 0; i < nrows; i++) cap += (size_t)refs[i] * (sizeof ref - 1) + 96;
    char *xml = malloc(cap), *p = xml;
    assert_non_null(xml);
    p += sprintf(p, "<worksheet " WB_NS "><sheetData>");
    for (int i = 0; i < nrows; i++) {
        p += sprintf(p, "<row r=\"%d\">", i + 1);
        for (int c = 0; c < refs[i]; c++) p = memcpy(p, ref, sizeof ref - 1), p += sizeof ref - 1;
        p += sprintf(p, "<c t=\"inlineStr\"><is><t>end</t></is></c></row>");
    }
    sprintf(p, "</sheetData></worksheet>");
    return xml;
}

typedef struct {
    long row[8];
    int ncells[8];
    bool too_long[8], borrowed[8];
    int n;
} Shape;

static int note_shape(const XlsxRow *r, void *ctx)
{
    Shape *s = ctx;
    if (s->n >= 8) return 1;
    s->row[s->n] = r->row, s->ncells[s->n] = r->ncells, s->too_long[s->n] = r->too_long;
    /* two cells naming one shared string get the very same text: borrowed, not copied */
    s->borrowed[s->n] = r->ncells >= 2 && r->cells[0].text == r->cells[1].text;
    s->n++;
    return 0;
}

static int read_referring(const char *shared, const int *refs, int nrows, Shape *shape, size_t *produced, size_t *zip_len,
                          ZfError *err)
{
    char *sheet = referring_sheet(refs, nrows);
    Part parts[] = {{"xl/workbook.xml", workbook_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                    {"xl/sharedStrings.xml", shared}, {"xl/worksheets/data.xml", sheet},
                    {"xl/worksheets/notes.xml", "<worksheet " WB_NS "><sheetData/></worksheet>"}};
    void *buf = make_zip(parts, 5, zip_len);
    XlsxBook *b;
    int rc = xlsx_open(buf, *zip_len, &b, err);
    if (rc == ZF_OK) {
        rc = xlsx_read_sheet(b, 1, note_shape, shape, err);
        *produced = xlsx_text_produced(b);
        xlsx_close(b);
    }
    free(buf);
    free(sheet);
    return rc;
}

static void test_shared_string_bomb_stops_at_the_text_budget(void **state)
{
    (void)state;
    /* 4 rows × 16,384 references to one 128,000-byte string: 8 GB of text from under 1 MB of zip */
    enum { LONG = 128000 };
    char *shared = long_shared(LONG);
    int refs[4] = {XLSX_MAX_COLS - 1, XLSX_MAX_COLS - 1, XLSX_MAX_COLS - 1, XLSX_MAX_COLS - 1};
    Shape shape = {0};
    size_t produced = 0, zip_len;
    ZfError err;
    assert_int_equal(read_referring(shared, refs, 4, &shape, &produced, &zip_len, &err), ZF_ERR);
    assert_true(zip_len < 1u << 20);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "xlsx_too_large");
    assert_non_null(strstr(err.message, "128 MiB"));
    /* the reader stopped within one cell of the budget, and no row reached the caller */
    assert_true(produced > XLSX_MAX_TEXT);
    assert_true(produced <= XLSX_MAX_TEXT + LONG);
    assert_int_equal(shape.n, 0);
    free(shared);
}

static void test_row_over_the_line_limit_comes_without_its_cells(void **state)
{
    (void)state;
    enum { LONG = 100000 };
    char *shared = long_shared(LONG);
    /* row 1: 11 × 100,000 bytes > 1 MiB; row 2: 10 × 100,000 fits; row 3: one reference */
    int refs[3] = {11, 10, 1};
    Shape shape = {0};
    size_t produced = 0, zip_len;
    ZfError err;
    assert_int_equal(read_referring(shared, refs, 3, &shape, &produced, &zip_len, &err), ZF_OK);
    assert_int_equal(shape.n, 3);
    assert_int_equal(shape.row[0], 1);
    assert_true(shape.too_long[0]);
    assert_int_equal(shape.ncells[0], 0);
    assert_int_equal(shape.row[1], 2);
    assert_false(shape.too_long[1]);
    assert_int_equal(shape.ncells[1], 11);
    assert_true(shape.borrowed[1]);
    assert_int_equal(shape.row[2], 3);
    assert_int_equal(shape.ncells[2], 2);
    /* every reference counted, the over-long row's included */
    assert_int_equal(produced, (size_t)(11 + 10 + 1) * LONG + 3 * 3);
    free(shared);
}

/* ---- templates and rows ---- */

static void test_template_round_trips_with_filled_rows(void **state)
{
    (void)state;
    const SheetLayout *l = sheet_layout("cases");
    assert_non_null(l);
    void *buf;
    size_t len;
    ZfError err;
    assert_int_equal(xlsx_template(l, &buf, &len, &err), ZF_OK);
    XlsxBook *b;
    assert_int_equal(xlsx_open(buf, len, &b, &err), ZF_OK);
    assert_int_equal(xlsx_sheet_count(b), 2);
    assert_string_equal(xlsx_sheet_name(b, 0), "案件");
    assert_string_equal(xlsx_sheet_name(b, 1), "填写说明");
    Seen s = {0};
    assert_int_equal(xlsx_read_sheet(b, 0, remember, &s, &err), ZF_OK);
    assert_int_equal(s.nrows, 2);
    assert_string_equal(s.text[0][0], "案号");
    assert_string_equal(s.text[1][0], "case_no");
    assert_string_equal(s.text[1][4], "party.kind");
    xlsx_close(b);
    free(buf);

    /* the key row plus data rows, as a clerk would fill them, read back into records */
    const char *cells[] = {
        "案号", "执法主体代码", "案件类别", "当事人类型", "当事人证件号码", "执法人员证号", "处罚种类", "已告知听证权利",
        "case_no", "agency", "kind", "party.kind", "party.id_no", "officers", "decision.measures", "hearing_right_notified",
        "表〔2026〕1号", "113702021588139920", "penalty", "org", "91370202091141705L", "37020200001; 37020200002", "warning；fine", "是",
        "表〔2026〕2号", "113702021588139920", "penalty", NULL, NULL, NULL, NULL, "maybe",
    };
    XlsxColumn cols[8] = {{10, true, NULL}};
    for (int i = 1; i < 8; i++) cols[i] = cols[0];
    XlsxSheet sheet = {"案件", 8, cols, 4, cells, NULL, 2, 3, NULL};
    assert_int_equal(xlsx_write(&sheet, 1, &buf, &len, &err), ZF_OK);
    assert_int_equal(xlsx_open(buf, len, &b, &err), ZF_OK);
    memset(&s, 0, sizeof s);
    assert_int_equal(xlsx_read_sheet(b, 0, remember, &s, &err), ZF_OK);
    xlsx_close(b);
    free(buf);
    assert_int_equal(s.nrows, 4);
    const char *keys[8];
    for (int i = 0; i < 8; i++) keys[i] = s.text[1][i];
    assert_int_equal(sheet_type_of_keys(keys, 8), REC_CASE);
    XlsxCell row[8];
    for (int i = 0; i < 8; i++) row[i] = (XlsxCell){i, XLSX_CELL_STRING, s.text[2][i], 0};
    json_t *rec;
    assert_int_equal(sheet_row_record(REC_CASE, keys, 8, row, 8, false, &rec, &err), ZF_OK);
    RecordKeys rk;
    assert_int_equal(exchange_validate(rec, &rk, &err), ZF_OK);
    assert_string_equal(rk.key, "表〔2026〕1号");
    assert_string_equal(json_string_value(json_object_get(json_object_get(rec, "party"), "kind")), "org");
    assert_int_equal(json_array_size(json_object_get(rec, "officers")), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(rec, "officers"), 1)), "37020200002");
    assert_int_equal(json_array_size(json_object_get(json_object_get(rec, "decision"), "measures")), 2);
    assert_true(json_is_true(json_object_get(rec, "hearing_right_notified")));
    json_decref(rec);
    /* the second row: empty cells are absent fields, and "maybe" is not a yes/no */
    for (int i = 0; i < 8; i++) row[i] = (XlsxCell){i, XLSX_CELL_STRING, s.text[3][i], 0};
    assert_int_equal(sheet_row_record(REC_CASE, keys, 8, row, 8, false, &rec, &err), ZF_OK);
    assert_null(json_object_get(rec, "party"));
    assert_int_equal(exchange_validate(rec, &rk, &err), ZF_ERR);
    assert_string_equal(err.field, "hearing_right_notified");
    json_decref(rec);
}

static void test_row_conversion_maps_columns_by_key_and_types_by_field(void **state)
{
    (void)state;
    /* columns out of order, a gap, a number where text is due, a date serial, money, basis */
    const char *keys[] = {"decided_on", NULL, "fine_unknown", "case_no", "decision.fine", "agency", "kind", "decision.basis", "suspended_days"};
    XlsxCell row[] = {
        {0, XLSX_CELL_NUMBER, "46162", 46162},
        {3, XLSX_CELL_NUMBER, "2026001", 2026001},
        {4, XLSX_CELL_STRING, " 1234.50 ", 0},
        {5, XLSX_CELL_STRING, "113702021588139920", 0},
        {6, XLSX_CELL_STRING, "penalty", 0},
        {7, XLSX_CELL_STRING, "《中华人民共和国食品安全法》第一百二十四条;《中华人民共和国行政处罚法》第二十八条", 0},
        {8, XLSX_CELL_NUMBER, "3", 3},
    };
    json_t *rec;
    ZfError err;
    RecordKeys rk;
    assert_int_equal(sheet_row_record(REC_CASE, keys, 9, row, 7, false, &rec, &err), ZF_OK);
    assert_int_equal(exchange_validate(rec, &rk, &err), ZF_OK);
    assert_string_equal(json_string_value(json_object_get(rec, "decided_on")), "2026-05-20");
    assert_string_equal(json_string_value(json_object_get(rec, "case_no")), "2026001");
    json_t *d = json_object_get(rec, "decision");
    assert_true(json_number_value(json_object_get(d, "fine")) == 1234.5);
    json_t *basis = json_object_get(d, "basis");
    assert_int_equal(json_array_size(basis), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(basis, 1), "law")), "中华人民共和国行政处罚法");
    assert_string_equal(json_string_value(json_object_get(json_array_get(basis, 1), "article")), "第二十八条");
    assert_int_equal(json_integer_value(json_object_get(rec, "suspended_days")), 3);
    json_decref(rec);

    /* an #N/A cell and a basis not written 《…》: the row is refused naming the column */
    XlsxCell bad[] = {{3, XLSX_CELL_STRING, "坏〔2026〕1号", 0}, {4, XLSX_CELL_ERROR, "#N/A", 0}};
    assert_int_equal(sheet_row_record(REC_CASE, keys, 9, bad, 2, false, &rec, &err), ZF_ERR);
    assert_string_equal(err.field, "decision.fine");
    assert_string_equal(exchange_key_of(rec), "坏〔2026〕1号");
    json_decref(rec);
    XlsxCell bad_basis[] = {{7, XLSX_CELL_STRING, "食品安全法第一百二十四条", 0}};
    assert_int_equal(sheet_row_record(REC_CASE, keys, 9, bad_basis, 1, false, &rec, &err), ZF_ERR);
    assert_non_null(strstr(err.message, "《法律名称》"));
    json_decref(rec);
    /* dates typed as people write them, into a text column */
    const char *typed[][2] = {{"2026/3/2", "2026-03-02"}, {"2026.03.02", "2026-03-02"}, {"2026-3-2", "2026-03-02"},
                              {"2026年3月2日", "2026-03-02"}, {"2026/2/30", "2026-02-30"}, {"3/2/2026", "3/2/2026"},
                              {"2026-03-02x", "2026-03-02x"}};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        XlsxCell day[] = {{0, XLSX_CELL_STRING, typed[i][0], 0}};
        assert_int_equal(sheet_row_record(REC_CASE, keys, 9, day, 1, false, &rec, &err), ZF_OK);
        assert_string_equal(json_string_value(json_object_get(rec, "decided_on")), typed[i][1]);
        json_decref(rec);
    }
    /* a row of blanks is no record */
    XlsxCell blank[] = {{0, XLSX_CELL_STRING, "  ", 0}};
    assert_int_equal(sheet_row_record(REC_CASE, keys, 9, blank, 1, false, &rec, &err), ZF_OK);
    assert_null(rec);
}

static void test_every_template_column_is_an_exchange_field(void **state)
{
    (void)state;
    const SheetLayout *l;
    for (int i = 0; (l = sheet_layout_at(i)); i++) {
        for (int c = 0; c < l->ncols; c++) {
            ExchangeField f;
            if (!exchange_field(l->type, NULL, l->cols[c].path, &f)) fail_msg("%s: %s is not an exchange-v1 field", l->kind, l->cols[c].path);
            assert_int_not_equal(f.kind, EXF_GROUP);
        }
    }
    char list[256];
    assert_true(sheet_column_choices(REC_CASE, "decision.outcome", list, sizeof list));
    assert_string_equal(list, "penalty,no_penalty,transferred,revoked_case,granted,denied");
    assert_true(sheet_column_choices(REC_AGENCY, "level", list, sizeof list));
    assert_string_equal(list, "province,city,county,township");
    assert_false(sheet_column_choices(REC_AGENCY, "name", list, sizeof list));
    assert_null(sheet_layout("benchmarks"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_shared_inline_rich_and_typed_cells),
        cmocka_unit_test(test_serial_dates_follow_excel_1900_and_1904_systems),
        cmocka_unit_test(test_refuses_legacy_garbage_and_non_workbooks),
        cmocka_unit_test(test_refuses_malformed_xml_and_dtds),
        cmocka_unit_test(test_cell_reference_with_many_letters_is_refused),
        cmocka_unit_test(test_refuses_zip_bombs_by_entries_and_size),
        cmocka_unit_test(test_shared_string_bomb_stops_at_the_text_budget),
        cmocka_unit_test(test_row_over_the_line_limit_comes_without_its_cells),
        cmocka_unit_test(test_template_round_trips_with_filled_rows),
        cmocka_unit_test(test_row_conversion_maps_columns_by_key_and_types_by_field),
        cmocka_unit_test(test_every_template_column_is_an_exchange_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
