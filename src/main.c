/* zhifa: the CLI and the server in one binary. Thin: global flags, then one verb from cmd/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/json_arena.h"
#include "util/datadir.h"

static const Command *const commands[] = {&cmd_init,  &cmd_serve, &cmd_import, &cmd_export,
                                          &cmd_check, &cmd_sweep, &cmd_escalate, &cmd_orders, &cmd_user, &cmd_token, &cmd_routes, &cmd_gen, &cmd_review, &cmd_rollup,
                                          &cmd_bulletin, &cmd_inspection,
                                          &cmd_sth, &cmd_proof, &cmd_verify, &cmd_dossier, &cmd_verify_dossier, &cmd_attach, &cmd_document,
                                          &cmd_ca, &cmd_verify_doc, &cmd_normative, &cmd_node, &cmd_sync,
                                          &cmd_backup, &cmd_restore,
                                          &cmd_version};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *out)
{
    fputs("用法：zhifa [--db FILE] [--pg URL] [--data DIR] VERB [选项]\n\n"
          "全局选项：\n"
          "  --db FILE    SQLite 数据库文件（默认 ./zhifa.db）\n"
          "  --pg URL     改用 PostgreSQL（postgresql://…，也可设环境变量 ZHIFA_PG）；\n"
          "               此时 --db 只决定附件与密钥目录的位置（FILE.files、FILE.keys）\n"
          "  --data DIR   数据目录（节假日、法规、区划、网页），默认在程序旁查找\n\n"
          "命令：\n",
          out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("  help VERB  显示某个命令的用法\n", out);
}

static const Command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0) return commands[i];
    return NULL;
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return 0;
    }
    const Command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "zhifa: 未知命令 %s\n\n", argv[1]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    GlobalOpts g = {.db_path = "zhifa.db"};
    json_arena_install(); /* before any jansson value exists */
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return help(1, argv);
        if (i + 1 >= argc) break;
        if (strcmp(argv[i], "--db") == 0) g.db_path = argv[i + 1];
        else if (strcmp(argv[i], "--data") == 0) datadir_set(argv[i + 1]);
        else if (strcmp(argv[i], "--pg") == 0) setenv("ZHIFA_PG", argv[i + 1], 1); /* read by store_open */
        else break;
    }
    if (i >= argc || argv[i][0] == '-') {
        if (i < argc) fprintf(stderr, "zhifa: 未知或缺少参数的全局选项 %s\n\n", argv[i]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) return help(argc - i, argv + i);
    const Command *c = find_command(argv[i]);
    if (!c) {
        fprintf(stderr, "zhifa: 未知命令 %s\n\n", argv[i]);
        print_usage(stderr);
        return EXIT_USAGE;
    }
    return c->run(&g, argc - i, argv + i);
}
