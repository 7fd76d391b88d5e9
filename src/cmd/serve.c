/* zhifa serve [--listen ADDR:PORT]: the web console and the API until SIGTERM/SIGINT. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/sync.h"
#include "cmd/cmd.h"
#include "http/server.h"
#include "jobs/escalator.h"
#include "jobs/signer.h"
#include "jobs/sync_pusher.h"
#include "jobs/sweeper.h"
#include "util/datadir.h"
#include "util/log.h"

/* Approval escalation counts working days: a look every five minutes for the date to change. */
#define ESCALATE_POLL_SECONDS 300

static int run_serve(const GlobalOpts *g, int argc, char **argv);

const Command cmd_serve = {
    "serve", "启动网页控制台和 API 服务",
    "用法：zhifa --db FILE serve [--listen ADDR:PORT] [--threads N] [--max-connections N]\n"
    "       [--max-connections-per-ip N] [--sweep-every SECONDS] [--sign-every SECONDS]\n"
    "       [--session-idle SECONDS] [--session-max SECONDS]\n\n"
    "  --listen ADDR:PORT  监听地址（默认 127.0.0.1:8080）\n"
    "  --threads N         工作线程数（默认等于 CPU 核数）\n"
    "  --max-connections N 同时连接上限，超出时返回 503（默认 512）\n"
    "  --max-connections-per-ip N\n"
    "                      同一客户端地址的同时连接上限，超出的连接立即关闭（默认 64）\n"
    "  --sweep-every N     每 N 秒检查一次数据变化与日期变化并重新检查（默认 5；0 = 不自动检查）\n"
    "  --sign-every N      有新存证事件时每 N 秒签发一次树头（默认 60）；退出时总会再签一次\n"
    "  --session-idle N    会话空闲 N 秒后失效（默认 1800）\n"
    "  --session-max N     会话自登录起 N 秒后失效（默认 43200）\n"
    "连接建立（或上一请求答复）后 10 秒内未发完请求头的连接将被关闭。\n"
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

typedef struct {
    ServerConfig cfg;
    unsigned sweep_every;
    unsigned sign_every;
} ServeOptions;

/* Numeric flags share one parser: a positive integer up to max ("0" allowed when zero_ok). */
static int count_flag(const char *value, const char *name, unsigned long max, bool zero_ok, unsigned *out)
{
    if (!value) return ZF_OK;
    if (zero_ok && strcmp(value, "0") == 0) return *out = 0, ZF_OK;
    if (parse_count(value, max, out) == ZF_OK) return ZF_OK;
    return cmd_usage_error(&cmd_serve, "%s 应为 %s–%lu 的整数", name, zero_ok ? "0" : "1", max);
}

static int parse_options(const GlobalOpts *g, int argc, char **argv, ServeOptions *o)
{
    const char *listen = "127.0.0.1:8080", *threads = NULL, *max_conn = NULL, *per_ip = NULL, *sweep = NULL, *sign = NULL, *idle = NULL,
               *max_s = NULL;
    Flag flags[] = {{"--listen", &listen, NULL},        {"--threads", &threads, NULL},
                    {"--max-connections", &max_conn, NULL}, {"--max-connections-per-ip", &per_ip, NULL},
                    {"--sweep-every", &sweep, NULL},
                    {"--sign-every", &sign, NULL},
                    {"--session-idle", &idle, NULL},    {"--session-max", &max_s, NULL},
                    {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_serve, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    o->cfg = (ServerConfig){.listen = listen, .db_path = g->db_path, .max_connections = 512,
                            .max_connections_per_ip = 64, .header_timeout_s = 10, .max_body = 1 << 20,
                            .timeout_s = 30, .session_idle_s = 30 * 60, .session_max_s = 12 * 3600};
    o->sweep_every = 5;
    o->sign_every = 60;
    if (count_flag(threads, "--threads", 256, false, &o->cfg.threads) ||
        count_flag(max_conn, "--max-connections", 100000, false, &o->cfg.max_connections) ||
        count_flag(per_ip, "--max-connections-per-ip", 100000, false, &o->cfg.max_connections_per_ip) ||
        count_flag(sweep, "--sweep-every", 86400, true, &o->sweep_every) ||
        count_flag(sign, "--sign-every", 3600, false, &o->sign_every) ||
        count_flag(idle, "--session-idle", 86400, false, &o->cfg.session_idle_s) ||
        count_flag(max_s, "--session-max", 7 * 86400, false, &o->cfg.session_max_s))
        return EXIT_USAGE;
    return ZF_OK;
}

typedef struct {
    Calendar *cal;
    Regions *regions;
    CommonPasswords common;
} ServerData;

/* The 行政区划 table is regions.tsv with this level's region_codes over it (docs/sync.md "Code
 * tables"), read once: a table applied from above is used from the next start. */
static int load_server_data(ServerData *d, Store *st)
{
    ZfError err;
    memset(d, 0, sizeof *d);
    if (cmd_load_calendar(&d->cal) != ZF_OK || cmd_load_common_passwords(&d->common) != ZF_OK) return ZF_ERR;
    if (app_regions_load(st, &d->regions, &err) != ZF_OK) fprintf(stderr, "zhifa: %s\n", err.message);
    return d->regions ? ZF_OK : ZF_ERR;
}

static void free_server_data(ServerData *d)
{
    calendar_free(d->cal);
    regions_free(d->regions);
    common_passwords_free(&d->common);
}

static int run_serve(const GlobalOpts *g, int argc, char **argv)
{
    ServeOptions o;
    ServerData d;
    if (parse_options(g, argc, argv, &o) != ZF_OK) return EXIT_USAGE;
    Store *probe; /* fail fast, before listening, on a missing or unreadable database */
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &probe) != ZF_OK) return 1;
    int loaded = load_server_data(&d, probe);
    store_close(probe);
    char web_root[4096];
    const char *root = datadir_root();
    snprintf(web_root, sizeof web_root, "%s/web/dist", root ? root : ".");
    int rc = ZF_ERR;
    ZfError err = {0};
    if (loaded == ZF_OK) {
        o.cfg.web_root = web_root, o.cfg.calendar = d.cal, o.cfg.clock = date_today_china, o.cfg.routes = &api_route_table, o.cfg.regions = d.regions;
        o.cfg.common_passwords = &d.common;
        server_block_shutdown_signals(); /* before the first thread: they inherit the mask */
        Sweeper *sweeper = o.sweep_every ? sweeper_start(g->db_path, d.cal, date_today_china, o.sweep_every) : NULL;
        Signer *signer = signer_start(g->db_path, o.sign_every);
        Escalator *escalator = escalator_start(g->db_path, d.cal, d.regions, date_today_china, ESCALATE_POLL_SECONDS);
        SyncPusher *pusher = sync_pusher_start(g->db_path);
        rc = server_run(&o.cfg, &err);
        sync_pusher_stop(pusher);
        escalator_stop(escalator);
        signer_stop(signer);
        sweeper_stop(sweeper);
        if (rc != ZF_OK) fprintf(stderr, "zhifa: %s\n", err.message);
        else log_info("stopped", "bye"); /* last: a sweep still running at shutdown logs before this */
    }
    free_server_data(&d);
    return rc == ZF_OK ? 0 : 1;
}
