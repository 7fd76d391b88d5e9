/* zhifa serve [--listen ADDR:PORT]: the web console and the API until SIGTERM/SIGINT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "http/server.h"
#include "jobs/sweeper.h"
#include "util/datadir.h"

static int run_serve(const GlobalOpts *g, int argc, char **argv);

const Command cmd_serve = {
    "serve", "启动网页控制台和 API 服务",
    "用法：zhifa --db FILE serve [--listen ADDR:PORT] [--threads N] [--max-connections N]\n"
    "       [--sweep-every SECONDS]\n\n"
    "  --listen ADDR:PORT  监听地址（默认 127.0.0.1:8080）\n"
    "  --threads N         工作线程数（默认等于 CPU 核数）\n"
    "  --max-connections N 同时连接上限，超出时返回 503（默认 512）\n"
    "  --sweep-every N     每 N 秒检查一次数据变化与日期变化并重新检查（默认 5；0 = 不自动检查）\n"
    "收到 SIGTERM 或 SIGINT 后处理完进行中的请求再退出。\n",
    run_serve};

static int parse_count(const char *s, unsigned long max, unsigned *out)
{
    char *end;
    unsigned long n = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || n == 0 || n > max) return ZF_ERR;
    *out = (unsigned)n;
    return ZF_OK;
}

static int run_serve(const GlobalOpts *g, int argc, char **argv)
{
    const char *listen = "127.0.0.1:8080", *threads_s = NULL, *max_conn_s = NULL, *sweep_s = NULL;
    unsigned sweep_every = 5;
    Flag flags[] = {{"--listen", &listen, NULL},
                    {"--threads", &threads_s, NULL},
                    {"--max-connections", &max_conn_s, NULL},
                    {"--sweep-every", &sweep_s, NULL},
                    {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_serve, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    ServerConfig cfg = {.listen = listen, .db_path = g->db_path, .max_connections = 512,
                        .max_body = 1 << 20, .timeout_s = 30};
    if (threads_s && parse_count(threads_s, 256, &cfg.threads) != ZF_OK)
        return cmd_usage_error(&cmd_serve, "--threads 应为 1–256 的整数");
    if (max_conn_s && parse_count(max_conn_s, 100000, &cfg.max_connections) != ZF_OK)
        return cmd_usage_error(&cmd_serve, "--max-connections 应为 1–100000 的整数");
    if (sweep_s && strcmp(sweep_s, "0") != 0 && parse_count(sweep_s, 86400, &sweep_every) != ZF_OK)
        return cmd_usage_error(&cmd_serve, "--sweep-every 应为 0–86400 的整数（秒）");
    if (sweep_s && strcmp(sweep_s, "0") == 0) sweep_every = 0;
    Store *probe; /* fail fast, before listening, on a missing or unreadable database */
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &probe) != ZF_OK) return 1;
    store_close(probe);
    char web_root[4096];
    const char *root = datadir_root();
    snprintf(web_root, sizeof web_root, "%s/web/dist", root ? root : ".");
    cfg.web_root = web_root;
    Calendar *cal;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    cfg.calendar = cal;
    Sweeper *sweeper = sweep_every ? sweeper_start(g->db_path, cal, sweep_every) : NULL;
    ZfError err;
    int rc = server_run(&cfg, &err);
    sweeper_stop(sweeper);
    calendar_free(cal);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: %s\n", err.message);
    return rc == ZF_OK ? 0 : 1;
}
