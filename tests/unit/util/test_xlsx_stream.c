/* The streamed zip and .xlsx writers (util/zipstream.c, util/xlsx_stream.c), read back by
 * independent readers: libzip (which checks each entry's CRC against the central directory) and
 * the upload's cell reader (util/xlsx_read.c). The sink is fed in pieces, never seeks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/xlsx_read.h"
#include "util/xlsx_stream.h"
#include "util/zipstream.h"

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    int calls;
    size_t fail_after; /* refuse once this many bytes were taken; 0 = never */
} Sink;

static int sink_take(void *ctx, const void *buf, size_t len)
{
    Sink *s = ctx;
    if (s->fail_after && s->len + len > s->fail_after) return -1;
    if (s->len + len > s->cap) {
        s->cap = (s->len + len) * 2;
        s->buf = realloc(s->buf, s->cap);
        assert_non_null(s->buf);
    }
    memcpy(s->buf + s->len, buf, len);
    s->len += len, s->calls++;
    return 0;
}

/* The bytes of entry name, read with libzip; NULL when it is missing or fails its CRC. */
static char *read_entry(const Sink *s, const char *name, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(s->buf, s->len, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze);
    assert_non_null(za);
    zip_stat_t st;
    char *out = NULL;
    if (zip_stat(za, name, 0, &st) == 0) {
        zip_file_t *f = zip_fopen(za, name, 0);
        out = calloc(1, st.size + 1);
        zip_int64_t got = f ? zip_fread(f, out, st.size) : -1;
        if (got != (zip_int64_t)st.size || zip_fclose(f) != 0) free(out), out = NULL;
        *len = (size_t)st.size;
    }
    zip_close(za);
    zip_error_fini(&ze);
    return out;
}

static void test_zip_entries_round_trip_through_libzip(void **state)
{
    (void)state;
    Sink s = {0};
    ZfError err;
    ZipStream *z = zipstream_new(sink_take, &s);
    assert_non_null(z);
    assert_int_equal(zipstream_add(z, "a.txt", "hello", 5, &err), ZF_OK);
    /* a big entry written in small pieces: 3 MiB of a repeating but not constant pattern */
    assert_int_equal(zipstream_begin(z, "dir/big.bin", &err), ZF_OK);
    char piece[1000];
    for (int i = 0; i < 3 * 1024 * 1024 / 1000; i++) {
        for (int j = 0; j < 1000; j++) piece[j] = (char)((i * 7 + j * 13) % 251);
        assert_int_equal(zipstream_write(z, piece, sizeof piece, &err), ZF_OK);
    }
    assert_int_equal(zipstream_end(z, &err), ZF_OK);
    assert_int_equal(zipstream_add(z, "空.txt", "", 0, &err), ZF_OK);
    assert_int_equal(zipstream_finish(z, &err), ZF_OK);
    zipstream_free(z);
    assert_true(s.calls > 3);

    size_t len;
    char *a = read_entry(&s, "a.txt", &len);
    assert_non_null(a);
    assert_int_equal(len, 5);
    assert_memory_equal(a, "hello", 5);
    char *big = read_entry(&s, "dir/big.bin", &len);
    assert_non_null(big);
    assert_int_equal(len, 3 * 1024 * 1024 / 1000 * 1000);
    for (size_t k = 0; k < len; k++)
        if (big[k] != (char)(((k / 1000) * 7 + (k % 1000) * 13) % 251)) fail_msg("byte %zu differs", k);
    char *empty = read_entry(&s, "空.txt", &len);
    assert_non_null(empty);
    assert_int_equal(len, 0);
    /* bit 3 (sizes after the data) in the first local header */
    assert_int_equal(s.buf[6] & 0x08, 0x08);
    free(a), free(big), free(empty), free(s.buf);
}

static void test_zip_stops_when_the_sink_refuses(void **state)
{
    (void)state;
    Sink s = {.fail_after = 70}; /* a.txt takes 58 bytes, b.txt's header 35 more */
    ZfError err;
    ZipStream *z = zipstream_new(sink_take, &s);
    assert_int_equal(zipstream_add(z, "a.txt", "hello", 5, &err), ZF_OK);
    assert_int_equal(zipstream_begin(z, "b.txt", &err), ZF_ERR);
    assert_string_equal(err.code, "client_gone");
    zipstream_free(z);
    free(s.buf);
}

typedef struct {
    int rows;
    char seen[8][4][64];
    int types[8][4];
    double numbers[8][4];
} Collected;

static int collect(const XlsxRow *row, void *ctx)
{
    Collected *c = ctx;
    if (row->row > 8) return 0;
    c->rows++;
    for (int i = 0; i < row->ncells && row->cells[i].col < 4; i++) {
        int col = row->cells[i].col;
        snprintf(c->seen[row->row - 1][col], 64, "%s", row->cells[i].text);
        c->types[row->row - 1][col] = (int)row->cells[i].type;
        c->numbers[row->row - 1][col] = row->cells[i].number;
    }
    return 0;
}

static void test_streamed_sheet_reads_back_cell_by_cell(void **state)
{
    (void)state;
    static const XlsxColumn cols[3] = {{20, true, NULL}, {10, false, NULL}, {12, false, NULL}};
    XlsxSheet sheet = {.name = "案件", .ncols = 3, .cols = cols, .frozen_rows = 1};
    Sink s = {0};
    XlsxStream *xs;
    ZfError err;
    assert_int_equal(xlsx_stream_open(&sheet, sink_take, &s, &xs, &err), ZF_OK);
    XlsxOutCell head[3] = {{XLSX_OUT_TEXT, "案号", 0}, {XLSX_OUT_TEXT, "状态", 0}, {XLSX_OUT_TEXT, "罚款（元）", 0}};
    assert_int_equal(xlsx_stream_row(xs, head, XLSX_STYLE_HEADER, &err), ZF_OK);
    XlsxOutCell r1[3] = {{XLSX_OUT_TEXT, "黄岛罚〔2026〕1号 <&\">", 0}, {XLSX_OUT_TEXT, "已结案", 0}, {XLSX_OUT_MONEY, NULL, 20000.5}};
    XlsxOutCell r2[3] = {{XLSX_OUT_TEXT, "a\x01" "b", 0}, {XLSX_OUT_EMPTY, NULL, 0}, {XLSX_OUT_NUMBER, NULL, 3}};
    assert_int_equal(xlsx_stream_row(xs, r1, XLSX_STYLE_GENERAL, &err), ZF_OK);
    assert_int_equal(xlsx_stream_row(xs, r2, XLSX_STYLE_GENERAL, &err), ZF_OK);
    /* enough rows to pass the writer's flush size several times */
    XlsxOutCell rn[3] = {{XLSX_OUT_TEXT, "某某某某某某某某某某某某某某某某某某某某", 0}, {XLSX_OUT_TEXT, "未结", 0}, {XLSX_OUT_MONEY, NULL, 1.25}};
    for (int i = 0; i < 20000; i++) assert_int_equal(xlsx_stream_row(xs, rn, XLSX_STYLE_GENERAL, &err), ZF_OK);
    assert_int_equal(xlsx_stream_rows(xs), 20003);
    assert_int_equal(xlsx_stream_finish(xs, &err), ZF_OK);
    xlsx_stream_free(xs);

    XlsxBook *book;
    assert_int_equal(xlsx_open(s.buf, s.len, &book, &err), ZF_OK);
    assert_int_equal(xlsx_sheet_count(book), 1);
    assert_string_equal(xlsx_sheet_name(book, 0), "案件");
    Collected c = {0};
    assert_int_equal(xlsx_read_sheet(book, 0, collect, &c, &err), ZF_OK);
    xlsx_close(book);
    assert_string_equal(c.seen[0][2], "罚款（元）");
    assert_string_equal(c.seen[1][0], "黄岛罚〔2026〕1号 <&\">");
    assert_string_equal(c.seen[1][1], "已结案");
    assert_int_equal(c.types[1][2], XLSX_CELL_NUMBER);
    assert_true(c.numbers[1][2] == 20000.5);
    assert_string_equal(c.seen[2][0], "ab"); /* the control character XML forbids is dropped */
    assert_string_equal(c.seen[2][1], "");
    assert_true(c.numbers[2][2] == 3);
    assert_string_equal(c.seen[7][1], "未结");
    size_t len;
    char *sheet_xml = read_entry(&s, "xl/worksheets/sheet1.xml", &len);
    assert_non_null(sheet_xml);
    assert_non_null(strstr(sheet_xml, "<pane ySplit=\"1\""));
    assert_non_null(strstr(sheet_xml, "<row r=\"20003\">"));
    free(sheet_xml);
    free(s.buf);
}

/* The length of row 1's markup up to its "</row>", as the sheet holds it. */
static size_t row_one_length(const Sink *s)
{
    size_t len;
    char *xml = read_entry(s, "xl/worksheets/sheet1.xml", &len);
    assert_non_null(xml);
    const char *start = strstr(xml, "<row r=\"1\">"), *end = start ? strstr(start, "</row>") : NULL;
    assert_non_null(end);
    size_t n = (size_t)(end - start);
    free(xml);
    return n;
}

/* A row ending in number cells: its "</row>" must fit however close to the buffer's end the numbers
 * brought it (a number cell reserved only its own bytes; under ASan the tail was written past the
 * buffer). The writer's first buffer is 2 × 256 KiB; the text cell moves the row's end to 3 bytes
 * short of it. */
enum { WIDE = 10000 };
static void wide_row(const char *first, Sink *s)
{
    static XlsxColumn cols[1 + WIDE];
    static XlsxOutCell cells[1 + WIDE];
    cols[0].text = true;
    cells[0] = (XlsxOutCell){XLSX_OUT_TEXT, first, 0};
    for (int c = 1; c <= WIDE; c++) cells[c] = (XlsxOutCell){XLSX_OUT_NUMBER, NULL, 1.23456789012346e+300};
    XlsxSheet sheet = {.name = "宽", .ncols = 1 + WIDE, .cols = cols};
    XlsxStream *xs;
    ZfError err;
    assert_int_equal(xlsx_stream_open(&sheet, sink_take, s, &xs, &err), ZF_OK);
    assert_int_equal(xlsx_stream_row(xs, cells, XLSX_STYLE_GENERAL, &err), ZF_OK);
    assert_int_equal(xlsx_stream_finish(xs, &err), ZF_OK);
    xlsx_stream_free(xs);
}

static void test_row_ending_in_numbers_fits_its_tail(void **state)
{
    (void)state;
    Sink s = {0};
    wide_row("", &s);
    size_t bare = row_one_length(&s);
    free(s.buf);
    assert_true(bare < 2 * 256 * 1024 - 3);
    for (size_t short_by = 0; short_by < 6; short_by++) {
        size_t pad = 2 * 256 * 1024 - bare - short_by;
        char *text = malloc(pad + 1);
        assert_non_null(text);
        memset(text, 'x', pad);
        text[pad] = '\0';
        Sink t = {0};
        wide_row(text, &t);
        assert_int_equal(row_one_length(&t), bare + pad);
        free(text);
        free(t.buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zip_entries_round_trip_through_libzip),
        cmocka_unit_test(test_zip_stops_when_the_sink_refuses),
        cmocka_unit_test(test_streamed_sheet_reads_back_cell_by_cell),
        cmocka_unit_test(test_row_ending_in_numbers_fits_its_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
