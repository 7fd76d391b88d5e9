/* The monthly 通报 of a region: its figures (app_bulletin), the PDF and the workbook, each timed
 * (best of 3) on a database made by `zhifa gen` (bench/run.sh, or by hand); against a baseline
 * measured in the same run: the naive GROUP BY over the case bodies (json_extract) for one of
 * its figures — the month's decisions and fines per agency — which the 通报 reads from columns
 * and indexes instead.
 * Usage: bench_bulletin DB [MONTH] [REGION]   (default 2026-03, 370200; target < 3 s at 100 agencies) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/bulletin.h"
#include <sqlite3.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* The machine is shared (2 cores, other jobs): CPU time beside wall time tells load from cost. */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* Seconds for the naive GROUP BY over every case body: decisions and fines per agency in month. */
static double baseline(const char *db, const char *month, long *groups, double *cpu_s)
{
    sqlite3 *h;
    sqlite3_stmt *q;
    char like[16];
    snprintf(like, sizeof like, "%s-%%", month);
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(h, "SELECT json_extract(body, '$.agency'), count(*), sum(json_extract(body, '$.decision.fine'))"
                              " FROM cases WHERE json_extract(body, '$.decided_on') LIKE ?1 GROUP BY 1", -1, &q, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_bulletin: %s\n", sqlite3_errmsg(h));
        exit(2);
    }
    sqlite3_bind_text(q, 1, like, -1, SQLITE_STATIC);
    double t = now(), c = cpu();
    for (*groups = 0; sqlite3_step(q) == SQLITE_ROW;) ++*groups;
    t = now() - t;
    *cpu_s = cpu() - c;
    sqlite3_finalize(q);
    sqlite3_close(h);
    return t;
}

static double best_of_3(const AppContext *cx, const char *month, const char *region, BulletinFormat format, size_t *bytes,
                        double *cpu_best)
{
    double best = 1e9;
    *cpu_best = 1e9;
    for (int i = 0; i < 3; i++) {
        void *out = NULL;
        ZfError err;
        double t = now(), c = cpu();
        if (app_bulletin_file(cx, month, region, format, &out, bytes, &err) != ZF_OK) {
            fprintf(stderr, "bench_bulletin: %s\n", err.message);
            exit(2);
        }
        double s = now() - t;
        if (cpu() - c < *cpu_best) *cpu_best = cpu() - c;
        free(out);
        if (s < best) best = s;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench_bulletin DB [MONTH] [REGION]\n", stderr);
        return 2;
    }
    const char *month = argc > 2 ? argv[2] : "2026-03", *region = argc > 3 ? argv[3] : "370200";
    Store *st;
    ZfError err;
    if (store_open(argv[1], STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
        fprintf(stderr, "bench_bulletin: %s\n", err.message);
        return 2;
    }
    AppContext cx = {st, NULL, date_from_ymd(2026, 6, 30), NULL, {0}, NULL};
    json_t *b;
    if (app_bulletin(&cx, month, region, &b, &err) != ZF_OK) return fprintf(stderr, "bench_bulletin: %s\n", err.message), 2;
    size_t agencies = json_array_size(json_object_get(b, "agencies"));
    json_decref(b);
    long groups;
    double base_cpu, figures_cpu, pdf_cpu, xlsx_cpu;
    double base = baseline(argv[1], month, &groups, &base_cpu);
    size_t pdf_bytes, xlsx_bytes, json_bytes;
    double figures = best_of_3(&cx, month, region, BULLETIN_JSON, &json_bytes, &figures_cpu);
    double pdf = best_of_3(&cx, month, region, BULLETIN_PDF, &pdf_bytes, &pdf_cpu);
    double xlsx = best_of_3(&cx, month, region, BULLETIN_XLSX, &xlsx_bytes, &xlsx_cpu);
    printf("bulletin %s region %s: %zu agencies\n", month, region, agencies);
    printf("  figures (json)  %.3f s wall, %.3f s cpu\n", figures, figures_cpu);
    printf("  pdf             %.3f s wall, %.3f s cpu (%zu bytes; target < 3 s)\n", pdf, pdf_cpu, pdf_bytes);
    printf("  xlsx            %.3f s wall, %.3f s cpu (%zu bytes)\n", xlsx, xlsx_cpu, xlsx_bytes);
    printf("  baseline: naive GROUP BY over the case bodies (decisions, fines per agency; %ld groups) %.3f s wall, %.3f s cpu\n",
           groups, base, base_cpu);
    printf("  pdf / baseline = %.2f wall, %.2f cpu (the whole 通报 against one of its figures done naively)\n", pdf / base,
           pdf_cpu / base_cpu);
    store_close(st);
    return pdf < 3.0 ? 0 : 1;
}
