/* The .xlsx reader (util/xlsx_read.c) and the Excel intake's row reading without its database:
 * each row goes the way app/xlsx_intake.c sends it — the key row found by sheet_type_of_keys
 * and exchange_field, then sheet_row_record, json_dumps and import_line_parse (the same line
 * parser the import uses). Input: byte 0 even → the rest is the file as uploaded; odd → the rest
 * is up to four parts separated by 0x01 (never in XML) — xl/workbook.xml, its .rels,
 * xl/sharedStrings.xml, xl/worksheets/sheet1.xml — zipped here, so the XML handlers get fuzzed
 * rather than libzip's checks. Invariants: rows and cells within Excel's limits and the caps of
 * xlsx_read.h; cell values consistent with their types; text produced never shrinks nor passes
 * XLSX_MAX_TEXT; every error message is UTF-8 (it reaches the client as JSON). */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "domain/exchange.h"
#include "domain/sheet_layout.h"
#include "app/import_parse.h"
#include "app/xlsx_intake.h"
#include "fuzz.h"
#include "util/xlsx_read.h"
#include "util/zipmem.h"

static ImportParser *parser;

typedef struct {
    XlsxBook *book;
    long rows;
    size_t produced;
    int type;
    char **keys;
    int nkeys;
} Feed;

static void assert_utf8(const char *message)
{
    json_t *s = json_string(message);
    if (!s) fprintf(stderr, "message is not UTF-8: %s\n", message);
    FUZZ_CHECK(s != NULL);
    json_decref(s);
}

static void check_cell(const XlsxCell *c)
{
    FUZZ_CHECK(c->col >= 0 && c->col < XLSX_MAX_COLS);
    FUZZ_CHECK(c->text != NULL);
    size_t n = strlen(c->text);
    FUZZ_CHECK(n > 0 && n <= XLSX_MAX_CELL);
    switch (c->type) {
    case XLSX_CELL_NUMBER: {
        FUZZ_CHECK(isfinite(c->number));
        char date[20];
        if (xlsx_serial_date(c->number, false, true, date)) FUZZ_CHECK(strlen(date) == 16 && date[10] == 'T');
        if (xlsx_serial_date(c->number, true, false, date)) FUZZ_CHECK(strlen(date) == 10 && date[4] == '-');
        break;
    }
    case XLSX_CELL_BOOL: FUZZ_CHECK(strcmp(c->text, "0") == 0 || strcmp(c->text, "1") == 0); break;
    case XLSX_CELL_STRING:
    case XLSX_CELL_ERROR: break;
    default: FUZZ_CHECK(false && "cell type");
    }
}

/* The intake's own key-row test (app/xlsx_intake.h). */
static bool take_key_row(Feed *f, const XlsxRow *r)
{
    XlsxKeyRow k;
    bool oom = false;
    bool found = xlsx_key_row(r->cells, r->ncells, &k, &oom);
    FUZZ_CHECK(!oom);
    if (found) f->keys = k.keys, f->nkeys = k.width, f->type = k.type;
    return found;
}

static int on_row(const XlsxRow *r, void *ctx)
{
    Feed *f = ctx;
    FUZZ_CHECK(r->row >= 1 && r->row <= 1048576);
    FUZZ_CHECK(r->ncells >= 0 && r->ncells <= XLSX_MAX_COLS);
    FUZZ_CHECK(!r->too_long || r->ncells == 0);
    FUZZ_CHECK(r->ncells > 0 || r->too_long); /* only rows that have cells are delivered */
    for (int i = 0; i < r->ncells; i++) check_cell(&r->cells[i]);
    size_t produced = xlsx_text_produced(f->book);
    FUZZ_CHECK(produced >= f->produced && produced <= XLSX_MAX_TEXT);
    f->produced = produced;
    f->rows++;
    if (!f->keys) return !r->too_long && take_key_row(f, r) ? 0 : r->row >= SHEET_KEY_ROW_SEARCH;
    if (r->too_long) return 0;
    json_t *rec = NULL;
    ZfError err;
    int rc = sheet_row_record((RecordType)f->type, (const char *const *)f->keys, f->nkeys, r->cells, r->ncells, false,
                              &rec, &err);
    if (rc != ZF_OK) {
        assert_utf8(err.message);
        FUZZ_CHECK(exchange_key_of(rec) != NULL);
    } else if (rec) {
        char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        FUZZ_CHECK(line != NULL);
        const ParsedLine *pl = import_line_parse(parser, r->row, line, strlen(line));
        FUZZ_CHECK(pl != NULL && pl->line == r->row);
        if (pl->error) assert_utf8(pl->error);
        free(line);
    }
    json_decref(rec);
    return 0;
}

static void read_book(const void *buf, size_t len)
{
    XlsxBook *book;
    ZfError err;
    if (xlsx_open(buf, len, &book, &err) != ZF_OK) {
        FUZZ_CHECK(err.status == 400 || err.status == 422 || err.status == 500);
        assert_utf8(err.message);
        return;
    }
    FUZZ_CHECK(xlsx_looks_like_workbook(buf, len));
    Feed f = {.book = book, .type = -1};
    int n = xlsx_sheet_count(book);
    FUZZ_CHECK(n >= 1 && n <= XLSX_MAX_ENTRIES);
    for (int i = 0; i < n && !f.keys; i++) {
        FUZZ_CHECK(xlsx_sheet_name(book, i) != NULL);
        if (xlsx_read_sheet(book, i, on_row, &f, &err) != ZF_OK) {
            assert_utf8(err.message);
            break;
        }
    }
    FUZZ_CHECK(xlsx_text_produced(book) <= XLSX_MAX_TEXT);
    xlsx_key_row_free(&(XlsxKeyRow){f.keys, f.nkeys, f.type});
    xlsx_close(book);
}

static const char *const PARTS[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
                                    "xl/worksheets/sheet1.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!parser) FUZZ_CHECK((parser = import_line_parser_new()) != NULL);
    if (size < 1) return 0;
    const uint8_t *rest = data + 1;
    size_t left = size - 1;
    if (!(data[0] & 1)) {
        void *copy = malloc(left ? left : 1); /* exactly its size, for ASan */
        FUZZ_CHECK(copy != NULL);
        memcpy(copy, rest, left);
        read_book(copy, left);
        free(copy);
        return 0;
    }
    if (!left) return 0; /* libzip writes no archive without a part */
    ZipMem z;
    FUZZ_CHECK(zipmem_open(&z));
    for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS && left; i++) {
        const uint8_t *sep = memchr(rest, 1, left);
        size_t n = sep ? (size_t)(sep - rest) : left;
        zip_source_t *s = zip_source_buffer(z.za, rest, n, 0);
        FUZZ_CHECK(s != NULL && zip_file_add(z.za, PARTS[i], s, ZIP_FL_ENC_UTF_8) >= 0);
        rest += n, left -= n;
        if (sep) rest++, left--;
    }
    void *zip;
    size_t zip_len;
    FUZZ_CHECK(zipmem_take(&z, &zip, &zip_len));
    read_book(zip, zip_len);
    free(zip);
    return 0;
}
