/* zhifa import FILE|-: exchange-v1 lines into the database; rejects on stderr, summary on stdout. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/ledger_hooks.h"
#include "app/import.h"
#include "app/sweep.h"
#include "store/findings.h"

static int run_import(const GlobalOpts *g, int argc, char **argv);

const Command cmd_import = {
    "import", "导入 exchange-v1 数据文件（JSON Lines）",
    "用法：zhifa --db FILE import FILE|-\n\n"
    "逐行校验并导入 exchange-v1 记录（agency officer power benchmark case monthly_report）。\n"
    "错误行以 {\"line\",\"key\",\"error\"} 输出到标准错误，其余行照常导入；\n"
    "标准输出最后一行为 {\"imported\": n, \"rejected\": m}。\n"
    "退出码：0 全部导入；1 有行被拒绝；2 无法读取输入。重复导入同一文件不改变数据。\n",
    run_import};

static void print_reject(long long line, const char *key, const char *error, void *ctx)
{
    (void)ctx;
    char *text = import_reject_json(line, key, error);
    if (text) fprintf(stderr, "%s\n", text);
    free(text);
}

/* Only a person watching a terminal wants progress; machine readers of stderr get rejects only. */
static void print_progress(const ImportSummary *s, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\r已处理 %lld 行：导入 %lld，拒绝 %lld", s->lines, s->imported, s->rejected);
}

static void note_stored(const RecordKeys *k, void *ctx) { changed_note(ctx, k->type, k->key); }

/* An edit of a few cases re-checks just those cases now; anything wider marks the data changed
 * for the server's sweeper, which re-checks everything. */
static void recheck(Store *st, ChangedSet *changed)
{
    Calendar *cal = NULL;
    if (!changed->wide && changed->n) cmd_load_calendar(&cal);
    changed_recheck(st, cal, date_today_china(), changed);
    calendar_free(cal);
}

static int run_import(const GlobalOpts *g, int argc, char **argv)
{
    const char *path = NULL;
    if (cmd_parse_flags(&cmd_import, argc, argv, NULL, &path, 1) != ZF_OK) return EXIT_USAGE;
    if (!path) return cmd_usage_error(&cmd_import, "缺少要导入的文件（或用 - 表示标准输入）");
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "zhifa: 无法读取文件 %s\n", path);
        return 2;
    }
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_CREATE, &st) != ZF_OK) {
        if (in != stdin) fclose(in);
        return 2;
    }
    ChangedSet touched = {0};
    ImportHooks hooks = {.on_reject = print_reject,
                         .on_progress = isatty(STDERR_FILENO) ? print_progress : NULL,
                         .on_stored = note_stored,
                         .ctx = &touched};
    ImportSummary sum;
    ZfError err;
    int rc = import_stream(st, in, &hooks, &sum, &err);
    if (hooks.on_progress) fputc('\n', stderr);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 导入中断：%s（已提交的批次保留）\n", err.message);
    recheck(st, &touched);
    if (sum.imported) cmd_ledger_sign(st, g->db_path);
    printf("{\"imported\": %lld, \"rejected\": %lld}\n", sum.imported, sum.rejected);
    if (in != stdin) fclose(in);
    store_close(st);
    if (rc != ZF_OK) return 2;
    return sum.rejected ? 1 : 0;
}
