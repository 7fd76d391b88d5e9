/* zhifa init [--demo]: creates (or upgrades) the database; --demo loads the demo data set. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "cmd/ledger_hooks.h"
#include "app/demo_cases.h"
#include "app/demo_leads.h"
#include "app/demo_orders.h"
#include "app/demo_documents.h"
#include "app/demo_reviews.h"
#include "app/demo_filings.h"
#include "cmd/seal_setup.h"
#include "app/demo_inspections.h"
#include "app/import.h"
#include "store/approval.h"
#include "store/identity.h"
#include "app/laws_load.h"
#include "app/reviews.h"
#include "util/datadir.h"

static int run_init(const GlobalOpts *g, int argc, char **argv);

const Command cmd_init = {
    "init", "创建数据库（--demo 载入演示数据）",
    "用法：zhifa --db FILE init [--demo]\n\n"
    "创建数据库并应用全部结构迁移；已存在的数据库只升级结构，不丢数据。\n"
    "载入 data/laws 中的法律法规（只重新载入内容有变化的文件）。\n"
    "  --demo   载入演示数据（data/demo：执法主体、人员、权责清单、各阶段案件、\n"
    "           各办案环节的在线案件与公示）\n",
    run_init};

static void demo_reject(long long line, const char *key, const char *error, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "zhifa: 演示数据第 %lld 行（%s）有误：%s\n", line, key, error);
}

/* One demo user per role, with a random initial password each, shown once here. The demo head
 * is the agency's 主要负责人, so a newcomer can approve every demo case alone. */
static const struct {
    const char *username, *display, *role, *agency, *region, *approval_level;
} demo_users[] = {
    {"officer", "王执法", "officer", "113702021588139920", NULL, NULL},
    {"head", "张科长", "agency_head", "113702021588139920", NULL, "principal"},
    {"reviewer", "刘法制", "legal_reviewer", "113702021588139920", NULL, NULL},
    {"supervisor", "陈监督", "supervisor", NULL, "370200", NULL},
    {"leader", "赵局长", "leader", NULL, "370200", NULL},
    {"observer", "李监督", "social_supervisor", NULL, "370202", NULL},
    {"lawyer", "孙律师", "lawyer", "113702021588139920", NULL, NULL},
    {"expert", "周专家", "review_expert", NULL, "370200", NULL},
    {"sysadmin", "系统管理员", "sysadmin", NULL, NULL, NULL},
    {"secadmin", "安全保密管理员", "secadmin", NULL, NULL, NULL},
    {"auditor", "安全审计员", "auditor", NULL, NULL, NULL},
};

static int set_demo_level(Store *st, const char *username, const char *code)
{
    ApprovalPolicy p;
    ZfError err;
    int level;
    if (store_approval_policy(st, &p, &err) != ZF_OK || approval_level_by_code(&p, code, &level) != ZF_OK ||
        store_user_set_approval_level(st, username, level, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 设定演示用户 %s 的审批层级失败\n", username);
        return ZF_ERR;
    }
    return ZF_OK;
}

static int create_demo_users(Store *st)
{
    printf("\n演示用户（初始密码只显示这一次，首次登录须修改密码）：\n");
    for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++) {
        char password[13], hash[PASSWORD_HASH_MAX];
        long long id;
        ZfError err;
        NewUser u = {demo_users[i].username, demo_users[i].display, demo_users[i].role, demo_users[i].agency,
                     demo_users[i].region, hash, true};
        if (random_password(password, 12) != 0 || password_hash(password, hash) != 0) return ZF_ERR;
        if (store_user_create(st, &u, &id, &err) != ZF_OK) {
            fprintf(stderr, "zhifa: 创建演示用户 %s 失败：%s\n", u.username, err.message);
            return ZF_ERR;
        }
        if (demo_users[i].approval_level && set_demo_level(st, u.username, demo_users[i].approval_level) != ZF_OK)
            return ZF_ERR;
        printf("  %-12s %-16s %s\n", u.username, u.role, password);
    }
    return ZF_OK;
}

/* A demo file of data/demo through its loader, with the calendar; says what it loaded. */
typedef int (*DemoLoader)(Store *st, const Calendar *cal, FILE *in, long *loaded, ZfError *err);

static int load_demo_file(Store *st, const char *data, const char *file, DemoLoader loader, const char *what)
{
    char path[4096];
    Calendar *cal;
    long n;
    ZfError err;
    snprintf(path, sizeof path, "%s/demo/%s", data, file);
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "zhifa: 无法读取演示数据 %s\n", path);
        return ZF_ERR;
    }
    int rc = cmd_load_calendar(&cal);
    if (rc == ZF_OK) {
        rc = loader(st, cal, in, &n, &err);
        calendar_free(cal);
        if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示%s失败：%s\n", what, err.message);
        else printf("已载入演示%s %ld 件\n", what, n);
    }
    fclose(in);
    return rc;
}

/* The online cases at every stage (data/demo/workflow.jsonl), dated relative to today. */
static int demo_cases_today(Store *st, const Calendar *cal, FILE *in, long *loaded, ZfError *err)
{
    return demo_cases_load(st, cal, date_today_china(), in, loaded, err);
}

/* Supervision orders in every state, one overdue and escalated (app/demo_orders.c). */
static int load_demo_orders(Store *st)
{
    Calendar *cal;
    Regions *regions = NULL;
    ZfError err;
    int n = 0;
    if (cmd_load_calendar(&cal) != ZF_OK) return ZF_ERR;
    cmd_load_regions(&regions); /* without it the 文号 reads 监督司督 instead of 青岛司督 */
    int rc = demo_orders_load(st, cal, regions, date_today_china(), &n, &err);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示监督文书失败：%s\n", err.message);
    else printf("已载入演示监督文书 %d 份\n", n);
    if (rc == ZF_OK) rc = demo_leads_load(st, cal, date_today_china(), &n, &err);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示线索失败：%s\n", err.message);
    calendar_free(cal);
    regions_free(regions);
    return rc;
}

/* 案卷评查: a published plan and one in progress, by the demo supervisor and expert (app/demo_reviews.c). */
static int load_demo_reviews(Store *st)
{
    Calendar *cal;
    ZfError err;
    int n = 0;
    Regions *regions = NULL;
    if (cmd_load_calendar(&cal) != ZF_OK) return ZF_ERR;
    cmd_load_regions(&regions); /* the 评查结果通报 is issued by the region's 司法局 */
    int rc = demo_reviews_load(st, cal, regions, date_today_china(), &n, &err);
    regions_free(regions);
    calendar_free(cal);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示案卷评查失败：%s\n", err.message);
    else printf("已载入演示案卷评查方案 %d 个\n", n);
    return rc;
}

/* 双随机、一公开 and 综合查一次: a directory, a drawn and published plan, one joint inspection. */
static int load_demo_inspections(Store *st)
{
    ZfError err;
    int n = 0;
    int rc = demo_inspections_load(st, date_today_china(), &n, &err);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示双随机抽查失败：%s\n", err.message);
    else printf("已载入演示双随机抽查计划 %d 个、联合检查 1 次\n", n);
    return rc;
}

/* 执法文书 of the decided online cases (app/demo_documents.c), as the workflow issues them. */
static int load_demo_documents(Store *st)
{
    Calendar *cal;
    Regions *regions = NULL;
    ZfError err;
    int n = 0;
    if (cmd_load_calendar(&cal) != ZF_OK) return ZF_ERR;
    cmd_load_regions(&regions); /* the 复议机关 and court are named after the agency's region */
    AppContext cx = {.store = st, .calendar = cal, .today = date_today_china(), .regions = regions};
    int rc = demo_documents_issue(&cx, &n, &err);
    calendar_free(cal);
    regions_free(regions);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 出具演示执法文书失败：%s\n", err.message);
    else printf("已出具演示执法文书 %d 份\n", n);
    return rc;
}

static int load_demo(Store *st)
{
    char path[4096];
    const char *data = datadir_get();
    if (!data) {
        fputs("zhifa: 找不到数据目录，无法载入演示数据\n", stderr);
        return ZF_ERR;
    }
    snprintf(path, sizeof path, "%s/demo/demo.jsonl", data);
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "zhifa: 无法读取演示数据 %s\n", path);
        return ZF_ERR;
    }
    ImportHooks hooks = {.on_reject = demo_reject};
    ImportSummary sum;
    ZfError err;
    int rc = import_stream(st, in, &hooks, &sum, &err);
    fclose(in);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 载入演示数据失败：%s\n", err.message);
    else printf("已载入演示数据 %lld 条记录\n", sum.imported);
    if (rc != ZF_OK || sum.rejected) return ZF_ERR;
    /* the filings made in time (data/demo/filings.jsonl); the sweep files the rest, late */
    if (load_demo_file(st, data, "workflow.jsonl", demo_cases_today, "在线办理案件") != ZF_OK ||
        load_demo_file(st, data, "filings.jsonl", demo_filings_load, "重大决定备案") != ZF_OK)
        return ZF_ERR;
    SweepResult r; /* so the supervisor's board has alerts the moment the server starts */
    if (cmd_run_sweep(st, date_today_china(), &r) != ZF_OK) return ZF_ERR;
    printf("已完成监督检查：%lld 条预警\n", r.findings);
    /* the root and the agencies' certificates first, so the demo's documents are sealed */
    if (cmd_seal_setup_all(st) != ZF_OK) return ZF_ERR;
    if (load_demo_orders(st) != ZF_OK || load_demo_documents(st) != ZF_OK) return ZF_ERR;
    if (create_demo_users(st) != ZF_OK) return ZF_ERR;
    if (load_demo_reviews(st) != ZF_OK) return ZF_ERR;
    return load_demo_inspections(st);
}

/* The bundled statutes (data/laws): reloads only files whose content changed. */
static int load_laws(Store *st)
{
    char dir[4096];
    const char *data = datadir_get();
    LawLoadStats s;
    ZfError err;
    if (!data) {
        fputs("zhifa: 找不到数据目录，未载入法律法规库\n", stderr);
        return ZF_OK;
    }
    snprintf(dir, sizeof dir, "%s/laws", data);
    if (laws_load_dir(st, dir, &s, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 载入法律法规库失败：%s\n", err.message);
        return ZF_ERR;
    }
    if (s.loaded || s.removed)
        printf("法律法规库：载入 %d 部（%d 条），未变 %d 部，移除 %d 部\n", s.loaded, s.articles, s.unchanged, s.removed);
    else
        printf("法律法规库：%d 部均无变化\n", s.unchanged);
    return ZF_OK;
}

/* The shipped 评查标准 (data/review_standards): reloads only files whose content changed. */
static int load_review_standards(Store *st)
{
    char dir[4096];
    const char *data = datadir_get();
    ReviewStandardLoadStats s;
    ZfError err;
    if (!data) return ZF_OK; /* said once already by load_laws */
    snprintf(dir, sizeof dir, "%s/review_standards", data);
    if (app_review_standards_load_dir(st, dir, &s, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 载入评查标准失败：%s\n", err.message);
        return ZF_ERR;
    }
    printf("评查标准：载入 %d 套，未变 %d 套\n", s.loaded, s.unchanged);
    return ZF_OK;
}

static int run_init(const GlobalOpts *g, int argc, char **argv)
{
    int demo = 0;
    Flag flags[] = {{"--demo", NULL, &demo}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_init, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_CREATE, &st) != ZF_OK) return 1;
    printf("数据库 %s 已就绪（结构版本 %d）\n", g->db_path, store_schema_version(st));
    int rc = load_laws(st);
    if (rc == ZF_OK) rc = load_review_standards(st);
    if (rc == ZF_OK && demo) rc = load_demo(st);
    if (rc == ZF_OK) rc = cmd_ledger_init(st, g->db_path);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
