/* 统计分析 at scale (docs/analytics.md): every dashboard answer of /api/v1/stats/… over loopback from
 * the real server as a supervisor of 370200, p50/p99, against the naive GROUP BY over the base tables
 * (cases, findings) that the rollups replace, run in-process on the same database in the same run.
 * Prints one line per answer with the ratio naive median / HTTP p99 and the targets (p99 < 50 ms, ≥ 20×);
 * each naive query is timed once per run (BENCH_STATS_NAIVE_RUNS, 1–3, default 3) and summed per answer.
 * Usage: bench_stats ZHIFA DB   (DB: imported and swept, e.g. bench/run.sh's 1,000,000 cases) */
#include <signal.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/loopback.h"
#include "util/log.h"

#define SAMPLES 40
#define NAIVE_RUNS_MAX 3
#define FROM "2025-06"
#define TO "2026-05"
#define SCOPE " a.region LIKE '3702%'"

/* What each answer would read without the rollups: the same figures by GROUP BY over the base rows
 * (the case columns of migration 029 and their indexes, json_extract where only the body has it). */
static const char *const NAIVE_CASES =
    "SELECT c.agency, sum(substr(c.filed_on, 1, 7) BETWEEN '" FROM "' AND '" TO "'),"
    " sum(substr(c.decided_on, 1, 7) BETWEEN '" FROM "' AND '" TO "'),"
    " sum(substr(c.closed_on, 1, 7) BETWEEN '" FROM "' AND '" TO "'),"
    " sum(CASE WHEN substr(c.decided_on, 1, 7) BETWEEN '" FROM "' AND '" TO "' THEN c.fine_fen END)"
    " FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE " GROUP BY c.agency";
static const char *const NAIVE_FINDINGS =
    "SELECT f.agency, f.rule, f.severity, sum(f.resolved_at IS NULL),"
    " sum(substr(f.first_seen, 1, 7) BETWEEN '" FROM "' AND '" TO "')"
    " FROM findings f JOIN agencies a ON a.code = f.agency WHERE" SCOPE " GROUP BY f.agency, f.rule, f.severity";
static const char *const NAIVE_TREND =
    "SELECT m, sum(f), sum(d), sum(cl), sum(fine) FROM ("
    " SELECT substr(c.filed_on, 1, 7) m, 1 f, 0 d, 0 cl, 0 fine FROM cases c JOIN agencies a ON a.code = c.agency"
    "  WHERE" SCOPE " AND c.filed_on >= '" FROM "-01' AND c.filed_on < '2026-06-01'"
    " UNION ALL SELECT substr(c.decided_on, 1, 7), 0, 1, 0, c.fine_fen FROM cases c JOIN agencies a ON a.code = c.agency"
    "  WHERE" SCOPE " AND c.decided_on >= '" FROM "-01' AND c.decided_on < '2026-06-01'"
    " UNION ALL SELECT substr(c.closed_on, 1, 7), 0, 0, 1, 0 FROM cases c JOIN agencies a ON a.code = c.agency"
    "  WHERE" SCOPE " AND c.closed_on >= '" FROM "-01' AND c.closed_on < '2026-06-01') GROUP BY m";
static const char *const NAIVE_SECTOR =
    "SELECT a.sector, sum(substr(c.filed_on, 1, 7) BETWEEN '" FROM "' AND '" TO "'),"
    " sum(CASE WHEN substr(c.decided_on, 1, 7) BETWEEN '" FROM "' AND '" TO "' THEN c.fine_fen END)"
    " FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE " GROUP BY a.sector";
static const char *const NAIVE_ZERO =
    "SELECT c.agency, max(c.decided_on) FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE
    " AND c.kind = 'penalty' AND json_extract(c.body, '$.decision.outcome') = 'penalty' GROUP BY c.agency";
/* a ranking month and the one before: decisions within the limit, findings, per agency */
static const char *const NAIVE_RANK =
    "SELECT c.agency, substr(c.decided_on, 1, 7) m, count(*),"
    " sum(julianday(c.decided_on) - julianday(c.filed_on) <= 90 + coalesce(json_extract(c.body, '$.extension_days'), 0)"
    "     + coalesce(json_extract(c.body, '$.suspended_days'), 0))"
    " FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE " AND c.procedure = 'ordinary'"
    " AND c.decided_on >= '2026-03-01' AND c.decided_on < '2026-05-01' GROUP BY c.agency, m";
static const char *const NAIVE_RANK_FILED =
    "SELECT c.agency, substr(c.filed_on, 1, 7) m, count(*) FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE
    " AND c.filed_on >= '2026-03-01' AND c.filed_on < '2026-05-01' GROUP BY c.agency, m";
static const char *const NAIVE_REPORTING =
    "SELECT a.code, m.body FROM agencies a LEFT JOIN monthly_reports m ON m.agency = a.code AND m.month = '2026-04'"
    " WHERE" SCOPE;

typedef struct {
    const char *label, *path;
    const char *const *naive; /* NULL-terminated: the queries the answer replaces */
} Answer;

static const char *const N_SUMMARY[] = {NAIVE_CASES, NAIVE_FINDINGS, NAIVE_ZERO, NULL};
static const char *const N_TREND[] = {NAIVE_TREND, NULL};
static const char *const N_AGENCY[] = {NAIVE_CASES, NAIVE_FINDINGS, NULL};
static const char *const N_SECTOR[] = {NAIVE_SECTOR, NULL};
static const char *const N_RULE[] = {NAIVE_FINDINGS, NULL};
static const char *const N_ZERO[] = {NAIVE_ZERO, NULL};
static const char *const N_REPORTING[] = {NAIVE_REPORTING, NULL};
static const char *const N_RANK[] = {NAIVE_RANK, NAIVE_RANK_FILED, NAIVE_FINDINGS, NULL};
static const char *const N_SCREEN[] = {NAIVE_CASES, NAIVE_FINDINGS, NAIVE_TREND, NAIVE_ZERO, NAIVE_REPORTING, NULL};

static const Answer ANSWERS[] = {
    {"summary", "/api/v1/stats/summary?from=" FROM "&to=" TO, N_SUMMARY},
    {"trend", "/api/v1/stats/trend?from=" FROM "&to=" TO, N_TREND},
    {"by-agency", "/api/v1/stats/by-agency?from=" FROM "&to=" TO, N_AGENCY},
    {"by-region", "/api/v1/stats/by-region?from=" FROM "&to=" TO, N_AGENCY},
    {"by-sector", "/api/v1/stats/by-sector?from=" FROM "&to=" TO, N_SECTOR},
    {"by-rule", "/api/v1/stats/by-rule?from=" FROM "&to=" TO, N_RULE},
    {"zero-enforcement", "/api/v1/stats/zero-enforcement?to=" TO, N_ZERO},
    {"reporting", "/api/v1/stats/reporting?month=2026-04", N_REPORTING},
    {"rankings", "/api/v1/stats/rankings?month=2026-04", N_RANK},
    {"rankings (region)", "/api/v1/stats/rankings?month=2026-04&level=region", N_RANK},
    {"screen", "/api/v1/stats/screen?from=" FROM "&to=" TO, N_SCREEN},
};

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static double pct_ms(long long *us, int n, int p)
{
    qsort(us, (size_t)n, sizeof *us, cmp_ll);
    int i = (n * p + 99) / 100 - 1;
    return (double)us[i < 0 ? 0 : i] / 1000.0;
}

/* One query's median time over `runs` runs, kept: answers share queries, and at a million cases a
 * naive run takes minutes on a loaded machine. */
static int naive_runs = NAIVE_RUNS_MAX;
static struct {
    const char *sql;
    long long us;
} naive_seen[16];

static long long time_query(sqlite3 *db, const char *sql)
{
    for (int i = 0; i < 16 && naive_seen[i].sql; i++)
        if (naive_seen[i].sql == sql) return naive_seen[i].us;
    long long us[NAIVE_RUNS_MAX];
    for (int r = 0; r < naive_runs; r++) {
        int64_t t = now_micros();
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
            fprintf(stderr, "bench_stats: %s\n", sqlite3_errmsg(db));
            return 0;
        }
        while (sqlite3_step(q) == SQLITE_ROW) {}
        sqlite3_finalize(q);
        us[r] = now_micros() - t;
    }
    qsort(us, (size_t)naive_runs, sizeof *us, cmp_ll);
    for (int i = 0; i < 16; i++)
        if (!naive_seen[i].sql) {
            naive_seen[i].sql = sql, naive_seen[i].us = us[naive_runs / 2];
            break;
        }
    return us[naive_runs / 2];
}

static long long run_naive(sqlite3 *db, const char *const *sqls)
{
    long long sum = 0;
    for (int i = 0; sqls[i]; i++) sum += time_query(db, sqls[i]);
    return sum;
}

static void bench_answer(const Answer *a, const char *cookie, sqlite3 *db, int *met)
{
    long long http[SAMPLES];
    char *resp;
    size_t len;
    int n = 0;
    for (int warm = 0; warm < 2; warm++) lb_http("GET", a->path, cookie, NULL, &resp, &len), free(resp);
    for (; n < SAMPLES; n++) {
        int64_t t = now_micros();
        int status = lb_http("GET", a->path, cookie, NULL, &resp, &len);
        http[n] = now_micros() - t;
        if (status != 200) fprintf(stderr, "bench_stats: %s: HTTP %d %.200s\n", a->path, status, resp ? resp : "");
        free(resp);
    }
    double p50 = pct_ms(http, n, 50), p99 = pct_ms(http, n, 99), base = (double)run_naive(db, a->naive) / 1000.0;
    bool fast = p99 < 50, ratio_ok = base / p99 >= 20;
    *met += fast && ratio_ok;
    printf("stats %-18s HTTP p50 %6.1f ms p99 %6.1f ms (%d requests); naive GROUP BY median %8.1f ms (%d runs); "
           "%6.1fx; p99 < 50 ms: %s; >= 20x: %s\n",
           a->label, p50, p99, n, base, naive_runs, base / p99, fast ? "met" : "NOT met", ratio_ok ? "met" : "NOT met");
    fflush(stdout);
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    char cookie[256] = "";
    const char *runs = getenv("BENCH_STATS_NAIVE_RUNS"); /* 1–3, default 3 */
    if (runs && atoi(runs) >= 1 && atoi(runs) <= NAIVE_RUNS_MAX) naive_runs = atoi(runs);
    if (argc < 3 || sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "usage: bench_stats ZHIFA DB\n");
        return 2;
    }
    sqlite3_stmt *q;
    sqlite3_prepare_v2(db, "SELECT count(*), (SELECT count(*) FROM findings), (SELECT count(*) FROM agencies) FROM cases",
                       -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW)
        printf("stats: %lld cases, %lld findings, %lld agencies\n", sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
               sqlite3_column_int64(q, 2));
    sqlite3_finalize(q);
    signal(SIGPIPE, SIG_IGN);
    lb_port = 20000 + getpid() % 20000;
    lb_add_user(argv[1], argv[2]);
    pid_t server = lb_start_server(argv[1], argv[2]);
    if (server < 0 || lb_login(cookie) != 0) {
        fprintf(stderr, "bench_stats: the server did not start or the login failed\n");
        if (server > 0) kill(server, SIGTERM);
        return 1;
    }
    int met = 0, total = (int)(sizeof ANSWERS / sizeof *ANSWERS);
    for (int i = 0; i < total; i++) bench_answer(&ANSWERS[i], cookie, db, &met);
    printf("stats: %d of %d answers meet both targets\n", met, total);
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    sqlite3_close(db);
    return 0;
}
