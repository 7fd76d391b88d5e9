/* 督办问诊 at scale, over loopback against the real server: GET /api/v1/orders with two filters as
 * a supervisor of 370200, p50/p99 per request, against the same store query in-process (its SQL and
 * row building, no HTTP) in the same run. The orders are written straight through the store (the
 * lists read the table, not how it was filled): N orders (default 100,000) over the agencies of the
 * database, in every status, issued over the year, half of the running ones overdue — marked reminded
 * and escalated already, so the server's daily run at start has nothing to do while it is measured.
 * Usage: bench_orders ZHIFA DB [N]   (DB: a database with agencies, e.g. bench/run.sh's) */
#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/loopback.h"
#include "store/orders.h"
#include "util/log.h"

static const char *const STATUSES[] = {"issued", "received", "responded", "accepted", "returned", "draft"};
static const char *const KINDS[] = {"supervise", "consult", "opinion"};

/* The codes of up to max agencies of 3702 (the bench supervisor's region). */
static size_t agencies_of(const char *db, char (*codes)[19], size_t max)
{
    sqlite3 *h;
    sqlite3_stmt *q;
    size_t n = 0;
    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2(h, "SELECT code FROM agencies WHERE region LIKE '3702%' ORDER BY code", -1, &q, NULL);
    while (n < max && sqlite3_step(q) == SQLITE_ROW) snprintf(codes[n++], 19, "%s", sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static json_t *order_row(long i, const char *agency)
{
    char issued[16], due[16], doc[64];
    int day = (int)(i % 330);
    snprintf(issued, sizeof issued, "2026-%02d-%02d", 1 + day / 28, 1 + day % 28);
    snprintf(due, sizeof due, "2026-%02d-%02d", 1 + (day + 21) / 28 > 12 ? 12 : 1 + (day + 21) / 28, 1 + (day + 21) % 28);
    const char *status = STATUSES[i % 6];
    bool draft = strcmp(status, "draft") == 0;
    snprintf(doc, sizeof doc, "青岛司督〔2026〕%ld号", i + 1);
    return json_pack("{s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:i, s:i, s:s, s:i, s:{s:s, s:[], s:s}, s:[], s:[],"
                     " s:s, s:s, s:s}",
                     "kind", KINDS[i % 3], "doc_no", draft ? json_null() : json_string(doc), "agency", agency, "region",
                     "370200", "status", status, "deadline_wd", 15, "issued_on",
                     draft ? json_null() : json_string(issued), "due_on", draft ? json_null() : json_string(due),
                     "last_act_on", issued, "escalation", 2, "rounds", (int)(i % 4 == 0), "reminded", "red", "late", 1,
                     "body", "problem", "案件超期未作出处理决定", "basis", "measures", "依法处理并报送结果", "case_nos",
                     "finding_ids", "created_by", "bench", "created_at", "2026-01-01T00:00:00Z", "updated_at",
                     "2026-01-01T00:00:00Z");
}

static int fill(Store *st, const char *db, long n)
{
    static char codes[2000][19];
    size_t k = agencies_of(db, codes, 2000);
    ZfError err;
    if (!k || store_begin(st, &err) != ZF_OK) return -1;
    for (long i = 0; i < n; i++) {
        json_t *row = order_row(i, codes[(size_t)i % k]);
        int rc = store_order_put(st, row, &err);
        json_decref(row);
        if (rc != ZF_OK) return store_rollback(st), fprintf(stderr, "bench_orders: %s\n", err.message), -1;
    }
    return store_commit(st, &err) == ZF_OK ? 0 : -1;
}

typedef struct {
    Store *st;
    OrderFilter f;
} OrderQuery;

static void store_query(void *ctx)
{
    OrderQuery *q = ctx;
    json_t *out;
    ZfError err;
    if (store_orders_list(q->st, &q->f, 1, 20, &out, &err) == ZF_OK) json_decref(out);
}

int main(int argc, char **argv)
{
    Store *st;
    ZfError err;
    char cookie[256] = "", path[256];
    long n = argc > 3 ? atol(argv[3]) : 100000;
    if (argc < 3 || store_open(argv[2], STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
        fprintf(stderr, "usage: bench_orders ZHIFA DB [N]\n");
        return 2;
    }
    static char first[1][19];
    if (agencies_of(argv[2], first, 1) != 1) return fprintf(stderr, "bench_orders: no agency of 3702\n"), 1;
    int64_t t = now_micros();
    if (fill(st, argv[2], n) != 0) return 1;
    printf("orders: %ld written through the store in %.1f s\n", n, (double)(now_micros() - t) / 1e6);
    signal(SIGPIPE, SIG_IGN);
    lb_port = 20000 + getpid() % 20000;
    lb_add_user(argv[1], argv[2]);
    pid_t server = lb_start_server(argv[1], argv[2]);
    if (server < 0 || lb_login(cookie) != 0) {
        fprintf(stderr, "bench_orders: the server did not start or the login failed\n");
        if (server > 0) kill(server, SIGTERM);
        return 1;
    }
    /* the filters as the API passes them to the store for a supervisor of 370200 */
    OrderQuery a = {st, {.status = "issued", .agency = first[0], .scope_region_prefix = "3702"}};
    OrderQuery b = {st, {.kind = "supervise", .overdue_before = "2026-12-01", .scope_region_prefix = "3702"}};
    OrderQuery c = {st, {.status = "responded", .q = "超期", .scope_region_prefix = "3702"}};
    snprintf(path, sizeof path, "/api/v1/orders?size=20&status=issued&agency=%s", first[0]);
    lb_bench_list("orders list", "status+agency", path, cookie, store_query, &a);
    lb_bench_list("orders list", "kind+overdue", "/api/v1/orders?size=20&kind=supervise&overdue=1&as_of=2026-12-01",
                  cookie, store_query, &b);
    lb_bench_list("orders list", "status+q", "/api/v1/orders?size=20&status=responded&q=%E8%B6%85%E6%9C%9F", cookie,
                  store_query, &c);
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
    store_close(st);
    return 0;
}
