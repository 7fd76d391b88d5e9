/* 案件查询 at scale, over loopback against the real server: (a) GET /api/v1/cases with two filters,
 * p50/p99 per request as a logged-in supervisor, against the same query run in-process through the
 * store (its SQL and row building, no HTTP) in the same run; (b) GET /api/v1/cases/export.xlsx of
 * every case: rows/s, bytes, and the server's RSS growth (/proc/PID/status: VmRSS before, VmHWM
 * after, the peak reset through clear_refs). Needs no tool but the zhifa binary.
 * Usage: bench_cases ZHIFA DB   (DB: zhifa gen --cases 1000000 | zhifa --db DB import -) */
#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/loopback.h"
#include "store/cases.h"
#include "util/log.h"

#define BUDGET_US (20 * 1000000LL)

/* The agency with the most cases, and its region. */
static void pick_filters(const char *db, char agency[32], char region[8])
{
    sqlite3 *h;
    sqlite3_stmt *q;
    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2(h, "SELECT c.agency, a.region FROM cases c JOIN agencies a ON a.code = c.agency "
                          "GROUP BY c.agency ORDER BY count(*) DESC LIMIT 1", -1, &q, NULL);
    if (sqlite3_step(q) == SQLITE_ROW)
        snprintf(agency, 32, "%s", sqlite3_column_text(q, 0)), snprintf(region, 8, "%s", sqlite3_column_text(q, 1));
    sqlite3_finalize(q);
    sqlite3_close(h);
}

typedef struct {
    Store *st;
    const CaseFilter *f;
} CaseQuery;

static void store_query(void *ctx)
{
    const CaseQuery *q = ctx;
    json_t *out;
    ZfError err;
    if (store_cases_list(q->st, q->f, 1, 20, &out, &err) == ZF_OK) json_decref(out);
}

static void bench_list(Store *st, const char *cookie, const char *label, const char *query, const CaseFilter *f)
{
    char path[512];
    CaseQuery q = {st, f};
    snprintf(path, sizeof path, "/api/v1/cases?size=20&%s", query);
    lb_bench_list("cases list", label, path, cookie, store_query, &q);
}

static void bench_export(pid_t server, const char *cookie, const char *query, long long rows)
{
    char path[256], clear[64];
    size_t bytes;
    snprintf(path, sizeof path, "/api/v1/cases/export.xlsx%s", query);
    long before = lb_rss_kb(server, "VmRSS:");
    snprintf(clear, sizeof clear, "/proc/%d/clear_refs", (int)server);
    FILE *f = fopen(clear, "w"); /* "5" resets the peak (VmHWM) to the current RSS */
    if (f) fputs("5", f), fclose(f);
    int64_t t = now_micros();
    int status = lb_http("GET", path, cookie, NULL, NULL, &bytes);
    double s = (double)(now_micros() - t) / 1e6;
    long peak = lb_rss_kb(server, "VmHWM:");
    printf("cases export %s: HTTP %d, %lld rows in %.1f s = %.0f rows/s (target >= 50000: %s), %.1f MB; server RSS "
           "%ld KiB before, peak %ld KiB: growth %.1f MiB (target < 64: %s)\n",
           query[0] ? query : "(default sort)", status, rows, s, (double)rows / s, (double)rows / s >= 50000 ? "met" : "NOT met",
           (double)bytes / 1e6, before, peak, (double)(peak - before) / 1024, peak - before < 64 * 1024 ? "met" : "NOT met");
}

static long long total_of(const char *cookie, const char *query)
{
    char path[256], *resp;
    size_t len;
    snprintf(path, sizeof path, "/api/v1/cases?size=1&%s", query);
    lb_http("GET", path, cookie, NULL, &resp, &len);
    char *t = strstr(resp, "\"total\":");
    long long n = t ? atoll(t + 8) : -1;
    free(resp);
    return n;
}

int main(int argc, char **argv)
{
    Store *st;
    ZfError err;
    char cookie[256] = "", agency[32] = "", region[8] = "";
    if (argc < 3 || store_open(argv[2], STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
        fprintf(stderr, "usage: bench_cases ZHIFA DB\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    lb_port = 20000 + getpid() % 20000;
    lb_add_user(argv[1], argv[2]);
    pick_filters(argv[2], agency, region);
    pid_t server = lb_start_server(argv[1], argv[2]);
    if (server < 0 || lb_login(cookie) != 0) {
        fprintf(stderr, "bench_cases: the server did not start or the login failed\n");
        if (server > 0) kill(server, SIGTERM);
        return 1;
    }
    /* the supervisor of 370200 sees 3702…; the filters as the API passes them to the store, in the
     * combinations users make (docs/case-query.md), each with the default sort and the first page */
    const CaseFilter none = {.scope_region_prefix = "3702", .fine_min_fen = -1, .fine_max_fen = -1};
    struct {
        const char *label;
        char query[160];
        CaseFilter f;
    } runs[] = {
        {"agency+status", "", none}, {"region+filed_from", "", none}, {"region+status", "", none},
        {"agency+filed range", "", none}, {"scope only (default page)", "", none}, {"severity", "", none},
        {"has_findings", "", none}, {"q party name", "", none}, {"q case_no", "", none},
    };
    runs[0].f.agency = agency, runs[0].f.status = "decided";
    snprintf(runs[0].query, sizeof runs[0].query, "agency=%s&status=decided", agency);
    runs[1].f.region_prefix = region, runs[1].f.filed_from = "2026-01-01";
    snprintf(runs[1].query, sizeof runs[1].query, "region=%s&filed_from=2026-01-01", region);
    runs[2].f.region_prefix = region, runs[2].f.status = "open";
    snprintf(runs[2].query, sizeof runs[2].query, "region=%s&status=open", region);
    runs[3].f.agency = agency, runs[3].f.filed_from = "2025-06-01", runs[3].f.filed_to = "2025-09-30";
    snprintf(runs[3].query, sizeof runs[3].query, "agency=%s&filed_from=2025-06-01&filed_to=2025-09-30", agency);
    runs[5].f.severity = "violation", runs[5].f.region_prefix = region;
    snprintf(runs[5].query, sizeof runs[5].query, "severity=violation&region=%s", region);
    runs[6].f.has_findings = "1", runs[6].f.status = "decided";
    snprintf(runs[6].query, sizeof runs[6].query, "has_findings=1&status=decided");
    runs[7].f.q = "张某", runs[7].f.region_prefix = region; /* 张某: a party name of half the cases */
    snprintf(runs[7].query, sizeof runs[7].query, "q=%%E5%%BC%%A0%%E6%%9F%%90&region=%s", region);
    runs[8].f.q = "〔2026〕12345号"; /* one case */
    snprintf(runs[8].query, sizeof runs[8].query, "q=%%E3%%80%%942026%%E3%%80%%9512345%%E5%%8F%%B7");
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) bench_list(st, cookie, runs[i].label, runs[i].query, &runs[i].f);
    long long all = total_of(cookie, "");
    bench_export(server, cookie, "?sort=case_no&order=asc", all);
    bench_export(server, cookie, "", all);
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    store_close(st);
    return 0;
}
