/* What the benchmarks that drive the real server share: a minimal HTTP/1.1 client over loopback,
 * starting `zhifa serve` on a free port, a supervisor to log in as, the server's RSS, and the timing
 * of one list request against an in-process baseline of the same query in the same run. */
#ifndef ZF_BENCH_LOOPBACK_H
#define ZF_BENCH_LOOPBACK_H

#include <stddef.h>
#include <sys/types.h>

#define LB_USER "bench_sup"
#define LB_PASSWORD "Bench-Sup-Pass-2026!"
#define LB_SAMPLES 30
#define LB_BUDGET_US (20 * 1000000LL) /* per series: at most this long, whatever the samples */

extern int lb_port;

/* One request on its own connection; the reply kept in *out (NULL: only counted). Status or -1. */
int lb_http(const char *method, const char *path, const char *cookie, const char *body, char **out, size_t *len);
/* A field of /proc/PID/status in KiB ("VmRSS:", "VmHWM:"), or -1. */
long lb_rss_kb(pid_t pid, const char *field);
/* `zhifa --db DB serve` on lb_port, once it answers /healthz; -1 when it does not. */
pid_t lb_start_server(const char *zhifa, const char *db);
/* A supervisor of 370200 (LB_USER) added with `zhifa user add`. */
void lb_add_user(const char *zhifa, const char *db);
/* Logs LB_USER in; the session cookie into cookie. 0 or -1. */
int lb_login(char cookie[256]);

/* One run of the in-process baseline (the same query through the store). */
typedef void (*LbBaseline)(void *ctx);
/* GET path as the cookie's user and the baseline, LB_SAMPLES each within LB_BUDGET_US; prints
 * "<what> <label>: HTTP p50 … p99 …; baseline p99 …; ratio …; target p99 < 50 ms: met|NOT met". */
void lb_bench_list(const char *what, const char *label, const char *path, const char *cookie, LbBaseline baseline,
                   void *ctx);

#endif
