/* Ledger benchmark: append rate, full verify time and proof generation time, each printed with
 * a ratio against a baseline measured in the same run on the same bytes:
 *   append  vs raw sqlite3 INSERTs of the same rows (same table shape, same batching) and vs
 *           raw SM3 (OpenSSL EVP) of the same event bytes;
 *   verify  vs reading every body with one SELECT and hashing it with raw SM3;
 *   proof   vs one indexed point SELECT of a leaf hash.
 * The append baselines run over the first BASELINE_ROWS rows (rates compare; the whole
 * million would only lengthen the run). Usage: bench_ledger [EVENTS]   (default 1000000) */
#include <inttypes.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ledger/event.h"
#include "ledger/ledger.h"
#include "store/store.h"

#define BATCH 10000
#define BASELINE_ROWS 200000

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const ZfError *err)
{
    fprintf(stderr, "bench_ledger: %s: %s\n", what, err ? err->message : "");
    exit(1);
}

/* A case-like record of realistic size (~600 bytes of JSON), different per event. */
static json_t *record(uint64_t i)
{
    char no[64];
    snprintf(no, sizeof no, "南市监处罚〔2026〕%" PRIu64 "号", i);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:[s, s], s:s, s:s, s:s, s:s, s:b, s:s,"
                     " s:{s:s, s:[s], s:I, s:s}}",
                     "type", "case", "case_no", no, "agency", "113702021588139920", "kind", "penalty", "power",
                     "SC-CF-001", "party", "kind", "org", "name", "青岛某某食品有限公司", "id_no", "91370202091141705L",
                     "officers", "37020200001", "37020200002", "procedure", "ordinary", "discovered_on", "2026-01-05",
                     "filed_on", "2026-01-12", "decided_on", "2026-02-10", "hearing_right_notified", 1, "served_on",
                     "2026-02-12", "decision", "outcome", "penalty", "measures", "fine", "fine", (json_int_t)(i % 100000),
                     "tier", "ordinary");
}

static double bench_append(Store *st, uint64_t n)
{
    Ledger *l;
    ZfError err;
    if (ledger_open(st, &l, &err) != ZF_OK) die("ledger_open", &err);
    json_t **recs = malloc(BATCH * sizeof *recs);
    double spent = 0;
    for (uint64_t done = 0; done < n;) {
        uint64_t k = n - done < BATCH ? n - done : BATCH;
        for (uint64_t j = 0; j < k; j++) recs[j] = record(done + j); /* built outside the timing */
        double t0 = now();
        if (store_begin(st, &err) != ZF_OK) die("begin", &err);
        ledger_reset(l);
        for (uint64_t j = 0; j < k; j++) {
            char subject[64];
            snprintf(subject, sizeof subject, "南市监处罚〔2026〕%" PRIu64 "号", done + j);
            if (ledger_add(l, LEDGER_CASE_IMPORT, subject, recs[j], NULL, &err) != ZF_OK) die("ledger_add", &err);
        }
        if (store_commit(st, &err) != ZF_OK) die("commit", &err);
        spent += now() - t0;
        for (uint64_t j = 0; j < k; j++) json_decref(recs[j]);
        done += k;
    }
    free(recs);
    ledger_close(l);
    return spent;
}

/* The same rows (bytes, subjects, a 32-byte blob) into a table of the same shape, raw. */
static double bench_raw_insert(const char *src_path, const char *dst_path, uint64_t n)
{
    sqlite3 *src, *dst;
    sqlite3_stmt *sel, *ins;
    sqlite3_open(src_path, &src);
    sqlite3_open(dst_path, &dst);
    sqlite3_exec(dst, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                      "CREATE TABLE t (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL,"
                      " subject TEXT NOT NULL, body TEXT NOT NULL, leaf BLOB NOT NULL);"
                      "CREATE INDEX t_by_subject ON t(subject, seq);",
                 NULL, NULL, NULL);
    sqlite3_prepare_v2(src, "SELECT seq, time, type, subject, body, leaf FROM ledger_events ORDER BY seq", -1, &sel, NULL);
    sqlite3_prepare_v2(dst, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &ins, NULL);
    /* rows are staged in memory first so only the inserts are timed */
    typedef struct { char *cols[4]; int len[4]; unsigned char leaf[32]; } Row;
    Row *rows = calloc(BATCH, sizeof *rows);
    double spent = 0;
    uint64_t done = 0;
    while (done < n) {
        uint64_t k = 0;
        while (k < BATCH && sqlite3_step(sel) == SQLITE_ROW) {
            for (int c = 0; c < 4; c++) {
                rows[k].len[c] = sqlite3_column_bytes(sel, c + 1);
                rows[k].cols[c] = malloc((size_t)rows[k].len[c] + 1);
                memcpy(rows[k].cols[c], sqlite3_column_text(sel, c + 1), (size_t)rows[k].len[c] + 1);
            }
            memcpy(rows[k].leaf, sqlite3_column_blob(sel, 5), 32);
            k++;
        }
        if (!k) break;
        double t0 = now();
        sqlite3_exec(dst, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        for (uint64_t j = 0; j < k; j++) {
            sqlite3_bind_int64(ins, 1, (sqlite3_int64)(done + j));
            for (int c = 0; c < 4; c++) sqlite3_bind_text(ins, c + 2, rows[j].cols[c], rows[j].len[c], SQLITE_STATIC);
            sqlite3_bind_blob(ins, 6, rows[j].leaf, 32, SQLITE_STATIC);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
        sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL);
        spent += now() - t0;
        for (uint64_t j = 0; j < k; j++)
            for (int c = 0; c < 4; c++) free(rows[j].cols[c]);
        done += k;
    }
    free(rows);
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sqlite3_close(src);
    sqlite3_close(dst);
    return spent;
}

/* Reading every body and hashing it with raw SM3: the floor under any full verification. */
static double bench_scan_hash(const char *path, int with_select, uint64_t limit)
{
    sqlite3 *db;
    sqlite3_stmt *q;
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "SELECT body FROM ledger_events ORDER BY seq", -1, &q, NULL);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
    unsigned char out[32];
    unsigned len;
    double t0 = now(), staged = 0;
    char **bodies = NULL;
    int *lens = NULL;
    size_t n = 0, cap = 0;
    uint64_t seen = 0;
    while (seen++ < limit && sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_text(q, 0);
        int bl = sqlite3_column_bytes(q, 0);
        if (with_select) {
            EVP_DigestInit_ex2(ctx, md, NULL);
            EVP_DigestUpdate(ctx, "\0", 1);
            EVP_DigestUpdate(ctx, b, (size_t)bl);
            EVP_DigestFinal_ex(ctx, out, &len);
        } else {
            if (n == cap) cap = cap ? cap * 2 : 1 << 16, bodies = realloc(bodies, cap * sizeof *bodies),
                         lens = realloc(lens, cap * sizeof *lens);
            bodies[n] = malloc((size_t)bl), memcpy(bodies[n], b, (size_t)bl), lens[n++] = bl;
        }
    }
    double spent = now() - t0;
    if (!with_select) { /* hashing only, of bytes already in memory */
        staged = now();
        for (size_t i = 0; i < n; i++) {
            EVP_DigestInit_ex2(ctx, md, NULL);
            EVP_DigestUpdate(ctx, "\0", 1);
            EVP_DigestUpdate(ctx, bodies[i], (size_t)lens[i]);
            EVP_DigestFinal_ex(ctx, out, &len);
        }
        spent = now() - staged;
        for (size_t i = 0; i < n; i++) free(bodies[i]);
        free(bodies);
        free(lens);
    }
    EVP_MD_free(md);
    EVP_MD_CTX_free(ctx);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return spent;
}

static double bench_point_select(const char *path, uint64_t n, int reps)
{
    sqlite3 *db;
    sqlite3_stmt *q;
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "SELECT leaf FROM ledger_events WHERE seq = ?1", -1, &q, NULL);
    unsigned char sink = 0;
    double t0 = now();
    for (int i = 0; i < reps; i++) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)((uint64_t)rand() % n));
        if (sqlite3_step(q) == SQLITE_ROW) sink ^= ((const unsigned char *)sqlite3_column_blob(q, 0))[0];
        sqlite3_reset(q);
    }
    double spent = (now() - t0) / reps;
    (void)sink;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return spent;
}

static void problem(const char *kind, long long pos, const char *msg, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "bench_ledger: unexpected %s at %lld: %s\n", kind, pos, msg);
}

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    char dir[] = "/tmp/zhifa-bench-ledger-XXXXXX", path[256], raw[256];
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/ledger.db", dir);
    snprintf(raw, sizeof raw, "%s/raw.db", dir);
    Store *st;
    ZfError err;
    if (store_open(path, STORE_OPEN_CREATE, &st, &err) != ZF_OK) die("store_open", &err);

    double t_append = bench_append(st, n);
    uint64_t nb = n < BASELINE_ROWS ? n : BASELINE_ROWS;
    double t_raw = bench_raw_insert(path, raw, nb);
    double t_sm3 = bench_scan_hash(path, 0, nb);
    double r_append = (double)n / t_append, r_raw = (double)nb / t_raw, r_sm3 = (double)nb / t_sm3;
    printf("append: %.0f events/s (%" PRIu64 " events, %.2f s); raw sqlite3 INSERT of the same rows %.0f rows/s,"
           " ratio %.2f; raw SM3 of the same bytes %.0f/s, ratio %.2f\n",
           r_append, n, t_append, r_raw, r_append / r_raw, r_sm3, r_append / r_sm3);

    int created;
    SignedHead h;
    if (ledger_init_key(st, path, &created, &err) != ZF_OK) die("key", &err);
    double t0 = now();
    if (ledger_sign_head(st, path, &h, NULL, &err) != ZF_OK) die("sign", &err);
    double t_sign = now() - t0;

    LedgerVerifyStats vs;
    t0 = now();
    if (ledger_verify(st, path, problem, NULL, &vs, &err) != ZF_OK) die("verify", &err);
    double t_verify = now() - t0;
    double t_scan = bench_scan_hash(path, 1, n);
    printf("verify: %.2f s over %" PRIu64 " events (%lld problems); reading + raw SM3 of every body %.2f s, ratio %.2f\n",
           t_verify, vs.events, vs.problems, t_scan, t_verify / t_scan);

    Ledger *l;
    if (ledger_open(st, &l, &err) != ZF_OK) die("ledger_open", &err);
    const int reps = 2000;
    MerkleHash p[MERKLE_MAX_PATH];
    size_t plen, total_len = 0;
    srand(1);
    t0 = now();
    for (int i = 0; i < reps; i++) {
        uint64_t seq = (uint64_t)rand() % n;
        if (ledger_inclusion(l, seq, n, p, &plen, &err) != ZF_OK) die("proof", &err);
        total_len += plen;
    }
    double t_proof = (now() - t0) / reps;
    t0 = now();
    for (int i = 0; i < reps; i++) {
        uint64_t m = 1 + (uint64_t)rand() % n;
        if (ledger_consistency(l, m, n, p, &plen, &err) != ZF_OK) die("consistency", &err);
    }
    double t_cons = (now() - t0) / reps;
    ledger_close(l);
    double t_point = bench_point_select(path, n, reps);
    printf("proof: inclusion %.1f µs (avg path %.1f hashes), consistency %.1f µs; one indexed SELECT %.1f µs, ratio %.1f;"
           " signing a head %.1f ms\n",
           t_proof * 1e6, (double)total_len / reps, t_cons * 1e6, t_point * 1e6, t_proof / t_point, t_sign * 1e3);
    store_close(st);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench_ledger: could not remove %s\n", dir);
    return 0;
}
