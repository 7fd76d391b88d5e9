/* Law search latency: p50/p99 of store_laws_search (bigram FTS5 + bm25 + snippets + JSON, the
 * whole /laws/search path short of HTTP) over all bundled laws, for a fixed set of 1–4 character
 * queries; against a baseline measured in the same run on the same article table: a plain
 * instr() full scan (no ranking, no snippets). Target: p99 < 20 ms on the bundled laws.
 * With BENCH_LAWS_X20=1 also on a 20× corpus (every law loaded 20 times) to show how each grows.
 * Usage: bench_laws [DATA_DIR]   (default: $ZHIFA_DATA, then <repo>/data beside the binary) */
#include <jansson.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

#include "domain/law_terms.h"
#include "app/laws_load.h"
#include "store/laws.h"
#include "store/sqlite_internal.h" /* the baseline runs its own SQL on the same connection */
#include "util/datadir.h"

static const char *const QUERIES[] = {
    "罚", "法", "的", "证", "期",                             /* 1 character */
    "罚款", "听证", "复议", "期限", "强制", "送达", "许可",   /* 2 */
    "申请人", "行政机关", "当场收缴", "法律责任", "人民法院", /* 3–4 */
};
#define N_QUERIES (sizeof QUERIES / sizeof QUERIES[0])
#define ROUNDS 60

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    double p50, p99, max;
} Stats;

static Stats stats_of(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return (Stats){v[n / 2], v[(size_t)((double)n * 0.99)], v[n - 1]};
}

static long long index_search(Store *st, const char *q)
{
    LawQuery query;
    ZfError err;
    json_t *out;
    if (law_query_parse(q, &query, &err) != ZF_OK || store_laws_search(st, &query, 0, 1, 20, &out, &err) != ZF_OK) {
        fprintf(stderr, "bench_laws: %s: %s\n", q, err.message);
        exit(1);
    }
    long long total = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return total;
}

/* Baseline: every article whose text contains q, by a full scan. */
static long long scan_search(sqlite3_stmt *scan, const char *q)
{
    long long total = 0;
    sqlite3_bind_text(scan, 1, q, -1, SQLITE_STATIC);
    while (sqlite3_step(scan) == SQLITE_ROW) total++;
    sqlite3_reset(scan);
    return total;
}

static void run(Store *st, const char *label)
{
    static double idx[ROUNDS * N_QUERIES], base[ROUNDS * N_QUERIES];
    sqlite3_stmt *scan;
    size_t n = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT a.id, l.title, a.label, a.text FROM law_articles a JOIN laws l ON l.id = a.law_id"
                           " WHERE instr(a.text, ?1) > 0",
                           -1, &scan, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_laws: %s\n", sqlite3_errmsg(st->db));
        exit(1);
    }
    for (size_t q = 0; q < N_QUERIES; q++) { /* both must find the same articles */
        long long a = index_search(st, QUERIES[q]), b = scan_search(scan, QUERIES[q]);
        if (a != b) {
            fprintf(stderr, "bench_laws: %s: index finds %lld, scan %lld\n", QUERIES[q], a, b);
            exit(1);
        }
    }
    for (int r = 0; r < ROUNDS; r++)
        for (size_t q = 0; q < N_QUERIES; q++, n++) {
            double t0 = now_ms();
            index_search(st, QUERIES[q]);
            double t1 = now_ms();
            scan_search(scan, QUERIES[q]);
            idx[n] = t1 - t0;
            base[n] = now_ms() - t1;
        }
    sqlite3_finalize(scan);
    Stats si = stats_of(idx, n), sb = stats_of(base, n);
    printf("%-22s %8s %8s %8s\n", label, "p50 ms", "p99 ms", "max ms");
    printf("  %-20s %8.3f %8.3f %8.3f\n", "bigram index search", si.p50, si.p99, si.max);
    printf("  %-20s %8.3f %8.3f %8.3f\n", "instr() full scan", sb.p50, sb.p99, sb.max);
    printf("  p99 ratio scan/index: %.2f×   target p99 < 20 ms: %s\n\n", sb.p99 / si.p99, si.p99 < 20 ? "met" : "MISSED");
}

static long long count_articles(Store *st)
{
    sqlite3_stmt *q;
    long long n = 0;
    sqlite3_prepare_v2(st->db, "SELECT count(*) FROM law_articles", -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* A directory holding each law file `copies` times under different names. */
static int make_copies(const char *laws_dir, const char *out_dir, int copies)
{
    DIR *d = opendir(laws_dir);
    if (!d) return -1;
    for (struct dirent *e; (e = readdir(d));) {
        char src[PATH_MAX * 2], dst[PATH_MAX * 2], *text;
        size_t len;
        if (!strstr(e->d_name, ".md")) continue;
        snprintf(src, sizeof src, "%s/%s", laws_dir, e->d_name);
        if (file_read_all(src, &text, &len) != 0) return closedir(d), -1;
        for (int c = 0; c < copies; c++) {
            snprintf(dst, sizeof dst, "%s/c%02d-%s", out_dir, c, e->d_name);
            FILE *f = fopen(dst, "wb");
            if (!f || fwrite(text, 1, len, f) != len) return closedir(d), -1;
            fclose(f);
        }
        free(text);
    }
    closedir(d);
    return 0;
}

/* A fresh database in tmp with the laws of laws_dir loaded; prints the load time. */
static Store *open_loaded(const char *tmp, const char *name, const char *laws_dir)
{
    char path[PATH_MAX * 2];
    Store *st;
    ZfError err;
    LawLoadStats s;
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    double t0 = now_ms();
    if (store_open(path, STORE_OPEN_CREATE, &st, &err) != ZF_OK || laws_load_dir(st, laws_dir, &s, &err) != ZF_OK) {
        fprintf(stderr, "bench_laws: %s\n", err.message);
        exit(1);
    }
    printf("loaded %d laws, %lld articles in %.0f ms\n", s.files, count_articles(st), now_ms() - t0);
    return st;
}

static const char *find_data_dir(int argc, char **argv, char *buf, size_t cap)
{
    if (argc > 1) return argv[1];
    const char *dir = datadir_get();
    if (dir) return dir;
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1); /* build/bench/bench_laws → <repo>/data */
    if (n <= 0) return NULL;
    buf[n] = '\0';
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(buf, '/');
        if (slash) *slash = '\0';
    }
    strncat(buf, "/data", cap - strlen(buf) - 1);
    return buf;
}

int main(int argc, char **argv)
{
    char buf[PATH_MAX], laws_dir[PATH_MAX + 8], big_dir[PATH_MAX + 8], tmp[] = "/tmp/bench_laws_XXXXXX", cmd[PATH_MAX + 16];
    const char *data = find_data_dir(argc, argv, buf, sizeof buf);
    if (!data || !mkdtemp(tmp)) {
        fputs("bench_laws: no data directory (pass DATA_DIR or set ZHIFA_DATA)\n", stderr);
        return 1;
    }
    snprintf(laws_dir, sizeof laws_dir, "%s/laws", data);
    printf("law search: %zu queries of 1–4 characters × %d rounds, first page of 20 hits\n\n", N_QUERIES, ROUNDS);

    Store *st = open_loaded(tmp, "bundled.db", laws_dir);
    run(st, "bundled laws");
    store_close(st);

    if (getenv("BENCH_LAWS_X20")) { /* optional: how both grow with a 20× larger corpus */
        snprintf(big_dir, sizeof big_dir, "%s/laws20", tmp);
        if (mkdir(big_dir, 0700) != 0 || make_copies(laws_dir, big_dir, 20) != 0) return 1;
        st = open_loaded(tmp, "x20.db", big_dir);
        run(st, "20x corpus");
        store_close(st);
    }

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : 1;
}
