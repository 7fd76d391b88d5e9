/* Unit tests for the import pipeline (jobs/import.c + import_parse.c) over a real SQLite store:
 * more lines than a parsing chunk holds, valid, malformed, invalid and blank lines mixed, so
 * every chunk boundary is crossed; rejects are reported in input order with their line numbers,
 * good lines are stored, one ledger event per changed case, none on an identical re-import, and
 * the events' bytes and leaves are those ledger_add would have written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import.h"
#include "ledger/event.h"
#include "ledger/ledger.h"
#include "util/json_arena.h"

#define LINES 1500

static char dir[64], db[128];
static Store *st;
static char *input;
static size_t input_len;
static long long reject_lines[LINES];
static int rejects;

/* Every 7th line malformed JSON, every 11th an invalid date, every 13th blank; else a case. */
static int line_kind(int n) { return n % 13 == 0 ? 'b' : n % 7 == 0 ? 'j' : n % 11 == 0 ? 'd' : 'c'; }

static void build_input(void)
{
    size_t cap = (size_t)LINES * 200;
    input = malloc(cap);
    input_len = 0;
    for (int n = 1; n <= LINES; n++) {
        const char *date = line_kind(n) == 'd' ? "2026-02-30" : "2026-01-06";
        int w = 0;
        switch (line_kind(n)) {
        case 'b': w = snprintf(input + input_len, cap - input_len, "\n"); break;
        case 'j': w = snprintf(input + input_len, cap - input_len, "{\"type\":\"case\",\n"); break;
        default:
            w = snprintf(input + input_len, cap - input_len,
                         "{\"type\":\"case\",\"case_no\":\"T-%d\",\"agency\":\"11370203869879736T\","
                         "\"kind\":\"inspection\",\"closed_on\":\"%s\"}\n",
                         n, date);
        }
        input_len += (size_t)w;
    }
}

static void on_reject(long long line, const char *key, const char *error, void *ctx)
{
    (void)key, (void)ctx;
    assert_non_null(error);
    reject_lines[rejects++] = line;
}

static ImportSummary run(void)
{
    FILE *in = fmemopen(input, input_len, "r");
    ImportHooks hooks = {.on_reject = on_reject};
    ImportSummary sum;
    ZfError err;
    rejects = 0;
    assert_int_equal(import_stream(st, in, &hooks, &sum, &err), ZF_OK);
    fclose(in);
    return sum;
}

static long long count(const char *sql)
{
    sqlite3 *c;
    sqlite3_stmt *q;
    long long n = -1;
    assert_int_equal(sqlite3_open(db, &c), SQLITE_OK);
    sqlite3_prepare_v2(c, sql, -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(c);
    return n;
}

static int setup(void **state)
{
    (void)state;
    ZfError err;
    snprintf(dir, sizeof dir, "/tmp/zhifa-test-import-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(db, sizeof db, "%s/t.db", dir);
    build_input();
    return store_open(db, STORE_OPEN_CREATE, &st, &err) == ZF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    free(input);
    return system(cmd);
}

static void test_rejects_come_in_input_order_with_their_line_numbers(void **state)
{
    (void)state;
    ImportSummary sum = run();
    int good = 0, bad = 0;
    for (int n = 1; n <= LINES; n++) {
        int k = line_kind(n);
        if (k == 'c') good++;
        if (k == 'j' || k == 'd') assert_int_equal(reject_lines[bad++], n);
    }
    assert_int_equal(rejects, bad);
    assert_int_equal(sum.lines, LINES);
    assert_int_equal(sum.imported, good);
    assert_int_equal(sum.rejected, bad);
    assert_int_equal(count("SELECT count(*) FROM cases"), good);
    assert_int_equal(count("SELECT count(*) FROM ledger_events WHERE type = 'case.import'"), good);
}

static void test_identical_reimport_stores_nothing_new(void **state)
{
    (void)state;
    long long events = count("SELECT count(*) FROM ledger_events");
    ImportSummary sum = run();
    assert_int_equal(sum.rejected, rejects);
    assert_int_equal(count("SELECT count(*) FROM ledger_events"), events);
}

/* The parsing thread prepares each event's head and begins its hash: the stored bytes and leaf
 * must equal what ledger_event_bytes and merkle_leaf_hash give for the same record. */
static void test_prepared_events_match_the_canonical_encoder(void **state)
{
    (void)state;
    sqlite3 *c;
    sqlite3_stmt *q;
    MerkleHasher *h = merkle_hasher_new();
    assert_int_equal(sqlite3_open(db, &c), SQLITE_OK);
    sqlite3_prepare_v2(c,
                       "SELECT e.seq, e.time, e.subject, e.body, e.leaf, c.body FROM ledger_events e"
                       " JOIN cases c ON c.case_no = e.subject ORDER BY e.seq LIMIT 300",
                       -1, &q, NULL);
    int rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_t *rec = json_loads((const char *)sqlite3_column_text(q, 5), 0, NULL);
        size_t len;
        char *bytes = ledger_event_bytes((uint64_t)sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
                                         LEDGER_CASE_IMPORT, (const char *)sqlite3_column_text(q, 2), rec, &len);
        assert_int_equal(len, (size_t)sqlite3_column_bytes(q, 3));
        assert_memory_equal(bytes, sqlite3_column_text(q, 3), len);
        MerkleHash leaf;
        merkle_leaf_hash(h, bytes, len, &leaf);
        assert_memory_equal(leaf.b, sqlite3_column_blob(q, 4), MERKLE_HASH_LEN);
        free(bytes);
        json_decref(rec);
        rows++;
    }
    assert_int_equal(rows, 300);
    sqlite3_finalize(q);
    sqlite3_close(c);
    merkle_hasher_free(h);
}

int main(void)
{
    json_arena_install(); /* as the zhifa binary does: the parser thread parses in its arena */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rejects_come_in_input_order_with_their_line_numbers),
        cmocka_unit_test(test_identical_reimport_stores_nothing_new),
        cmocka_unit_test(test_prepared_events_match_the_canonical_encoder),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
