/* See loopback.h. */
#include "bench/loopback.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/log.h"

int lb_port;

/* One request on its own connection; the reply kept in *out (NULL: only counted). Status or -1. */
int lb_http(const char *method, const char *path, const char *cookie, const char *body, char **out, size_t *len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)lb_port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) return close(fd), -1;
    char req[2048];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s", method, path,
                     cookie ? "Cookie: " : "", cookie ? cookie : "", cookie ? "\r\n" : "", body ? strlen(body) : 0, body ? body : "");
    if (write(fd, req, (size_t)n) != n) return close(fd), -1;
    size_t cap = 1 << 16, got = 0;
    char *buf = malloc(cap), chunk[1 << 16];
    ssize_t r;
    while ((r = read(fd, out ? buf + got : chunk, out ? cap - got - 1 : sizeof chunk)) > 0) {
        if (!out && got == 0) memcpy(buf, chunk, (size_t)r < cap - 1 ? (size_t)r : cap - 1);
        got += (size_t)r;
        if (out && cap - got < 4096) buf = realloc(buf, cap *= 2);
    }
    close(fd);
    buf[out ? got : (got < cap - 1 ? got : cap - 1)] = '\0';
    int status = strncmp(buf, "HTTP/1.1 ", 9) == 0 ? atoi(buf + 9) : -1;
    if (out) *out = buf;
    else free(buf);
    *len = got;
    return status;
}

long lb_rss_kb(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, strlen(field)) == 0) v = atol(line + strlen(field) + 1);
    if (f) fclose(f);
    return v;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

typedef struct {
    int n;
    long long us[LB_SAMPLES];
} LbSamples;

static double pct(LbSamples *s, int p)
{
    qsort(s->us, (size_t)s->n, sizeof *s->us, cmp_ll);
    int i = (s->n * p + 99) / 100 - 1;
    return (double)s->us[i < 0 ? 0 : i] / 1000.0;
}

pid_t lb_start_server(const char *zhifa, const char *db)
{
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", lb_port);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1), dup2(devnull, 2);
        execl(zhifa, zhifa, "--db", db, "serve", "--listen", listen, "--sweep-every", "0", (char *)NULL);
        _exit(127);
    }
    size_t len;
    for (int i = 0; i < 200; i++, usleep(50000))
        if (lb_http("GET", "/api/v1/healthz", NULL, NULL, NULL, &len) == 200) return pid;
    return -1;
}

void lb_add_user(const char *zhifa, const char *db)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' --db '%s' user add --username " LB_USER " --role supervisor --region 370200 "
                              "--password-stdin >/dev/null 2>&1", zhifa, db);
    FILE *p = popen(cmd, "w");
    if (p) fputs(LB_PASSWORD "\n", p), pclose(p);
}

int lb_login(char cookie[256])
{
    char *resp;
    size_t len;
    if (lb_http("POST", "/api/v1/session", NULL, "{\"username\":\"" LB_USER "\",\"password\":\"" LB_PASSWORD "\"}", &resp, &len) != 200)
        return -1;
    char *c = strstr(resp, "zhifa_session=");
    if (c) snprintf(cookie, 256, "%.*s", (int)strcspn(c, ";\r\n"), c);
    free(resp);
    return c ? 0 : -1;
}


void lb_bench_list(const char *what, const char *label, const char *path, const char *cookie, LbBaseline baseline,
                   void *ctx)
{
    char *resp;
    size_t len;
    LbSamples http_s = {0}, base_s = {0};
    int64_t began = now_micros();
    while (http_s.n < LB_SAMPLES && now_micros() - began < LB_BUDGET_US) {
        int64_t t = now_micros();
        int status = lb_http("GET", path, cookie, NULL, &resp, &len);
        http_s.us[http_s.n++] = now_micros() - t;
        if (status != 200) fprintf(stderr, "bench: %s: HTTP %d\n", path, status);
        free(resp);
    }
    began = now_micros();
    while (base_s.n < LB_SAMPLES && now_micros() - began < LB_BUDGET_US) {
        int64_t t = now_micros();
        baseline(ctx);
        base_s.us[base_s.n++] = now_micros() - t;
    }
    double p99 = pct(&http_s, 99), base = pct(&base_s, 99);
    printf("%s %s: HTTP p50 %.1f ms p99 %.1f ms (%d requests); store query in-process p99 %.1f ms (%d runs, "
           "baseline); ratio %.2f; target p99 < 50 ms: %s\n",
           what, label, pct(&http_s, 50), p99, http_s.n, base, base_s.n, p99 / base, p99 < 50 ? "met" : "NOT met");
}
