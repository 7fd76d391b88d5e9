/* Excel upload throughput: N case rows written into the cases template layout with xlsx_write,
 * imported with xlsx_import (unzip + Expat + row → record → staged line → import_stream) into a fresh database;
 * against a baseline measured in the same run: import_stream of the same records as JSON Lines
 * into another fresh database. Also the reading alone (no store) to show where the time goes.
 * Usage: bench_xlsx [ROWS] [DIR]   (default 100000 rows, databases in /tmp) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/xlsx_intake.h"
#include "util/xlsx_write.h"

static const char *const KEYS[] = {"case_no", "agency", "kind", "officers", "filed_on", "decided_on", "decision.fine", "procedure"};
#define NCOLS 8

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ignore_reject(long long line, const char *key, const char *error, void *ctx)
{
    (void)line, (void)key, (void)ctx;
    fprintf(stderr, "reject: %s\n", error);
}

static Store *fresh(const char *dir, const char *name)
{
    char path[512];
    Store *st;
    ZfError err;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
    if (store_open(path, STORE_OPEN_CREATE, &st, &err) != ZF_OK) {
        fprintf(stderr, "bench_xlsx: %s: %s\n", path, err.message);
        exit(2);
    }
    return st;
}

static int count_row(const XlsxRow *row, void *ctx)
{
    *(long *)ctx += row->ncells;
    return 0;
}

int main(int argc, char **argv)
{
    long rows = argc > 1 ? atol(argv[1]) : 100000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char **cells = calloc((size_t)(rows + 1) * NCOLS, sizeof *cells);
    char *jsonl = NULL;
    size_t jsonl_len = 0;
    FILE *j = open_memstream(&jsonl, &jsonl_len);
    for (int c = 0; c < NCOLS; c++) cells[c] = (char *)KEYS[c];
    for (long r = 1; r <= rows; r++) {
        char no[64];
        snprintf(no, sizeof no, "测试〔2026〕%ld号", r);
        char **row = &cells[r * NCOLS];
        row[0] = strdup(no), row[1] = "113702021588139920", row[2] = "penalty", row[3] = "37020200001;37020200002";
        row[4] = "2026-03-02", row[5] = "2026-03-20", row[6] = "5000", row[7] = "ordinary";
        fprintf(j, "{\"type\":\"case\",\"case_no\":\"%s\",\"agency\":\"113702021588139920\",\"kind\":\"penalty\","
                   "\"officers\":[\"37020200001\",\"37020200002\"],\"filed_on\":\"2026-03-02\",\"decided_on\":\"2026-03-20\","
                   "\"decision\":{\"fine\":5000},\"procedure\":\"ordinary\"}\n", no);
    }
    fclose(j);
    XlsxColumn cols[NCOLS];
    for (int c = 0; c < NCOLS; c++) cols[c] = (XlsxColumn){12, true, NULL};
    XlsxSheet sheet = {"案件", NCOLS, cols, (int)rows + 1, (const char *const *)cells, NULL, 1, 2, NULL};
    void *book;
    size_t book_len;
    ZfError err;
    double t = now();
    if (xlsx_write(&sheet, 1, &book, &book_len, &err) != ZF_OK) return fprintf(stderr, "%s\n", err.message), 2;
    double write_s = now() - t;

    XlsxBook *b;
    long ncells = 0;
    t = now();
    if (xlsx_open(book, book_len, &b, &err) != ZF_OK || xlsx_read_sheet(b, 0, count_row, &ncells, &err) != ZF_OK)
        return fprintf(stderr, "%s\n", err.message), 2;
    double read_s = now() - t;
    xlsx_close(b);

    ImportHooks hooks = {.on_reject = ignore_reject};
    ImportSummary xs, js;
    Store *st = fresh(dir, "bench_xlsx_x.db");
    t = now();
    int rc = xlsx_import(st, book, book_len, 600000, &hooks, &xs, &err);
    double xlsx_s = now() - t;
    store_close(st);
    if (rc != ZF_OK) return fprintf(stderr, "%s\n", err.message), 2;
    st = fresh(dir, "bench_xlsx_j.db");
    FILE *in = fmemopen(jsonl, jsonl_len, "r");
    t = now();
    rc = import_stream(st, in, &hooks, &js, &err);
    double jsonl_s = now() - t;
    fclose(in);
    store_close(st);
    if (rc != ZF_OK) return fprintf(stderr, "%s\n", err.message), 2;

    printf("xlsx: %ld rows, workbook %.1f MB (written in %.2fs); cells read alone %.2fs (%ld cells)\n", rows,
           (double)book_len / 1e6, write_s, read_s, ncells);
    printf("xlsx import %.0f records/s (%lld imported, %.2fs); JSON Lines import_stream %.0f records/s (%lld, %.2fs, "
           "baseline); ratio %.2f\n", (double)xs.imported / xlsx_s, xs.imported, xlsx_s, (double)js.imported / jsonl_s,
           js.imported, jsonl_s, jsonl_s / xlsx_s);
    for (long r = 1; r <= rows; r++) free(cells[r * NCOLS]);
    free(cells);
    free(book);
    free(jsonl);
    return xs.imported == rows && js.imported == rows ? 0 : 1;
}
