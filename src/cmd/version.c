/* zhifa version: prints the program and schema versions. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "store/migrations.h"

static int run_version(const GlobalOpts *g, int argc, char **argv);

const Command cmd_version = {
    "version", "显示版本",
    "用法：zhifa version\n\n显示程序版本和数据库结构版本。\n", run_version};

static int run_version(const GlobalOpts *g, int argc, char **argv)
{
    (void)g;
    if (cmd_parse_flags(&cmd_version, argc, argv, NULL, NULL, 0) != ZF_OK) return EXIT_USAGE;
    printf("zhifa %s（数据库结构版本 %d）\n", ZHIFA_VERSION,
           zf_migration_count ? zf_migrations[zf_migration_count - 1].version : 0);
    return 0;
}
