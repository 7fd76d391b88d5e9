/* placeholder until the rule engine lands */
#include <stdio.h>

#include "cmd/cmd.h"

static int run_check(const GlobalOpts *g, int argc, char **argv)
{
    (void)g, (void)argc, (void)argv;
    return 1;
}

const Command cmd_check = {"check", "按 rules.md 检查全部记录", "用法：zhifa check\n", run_check};
