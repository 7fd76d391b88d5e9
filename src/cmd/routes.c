/* zhifa routes: every API route with the permission it needs, one JSON object per line —
 * for operators writing proxy rules and for the authorization matrix test. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "api/api.h"

static int run_routes(const GlobalOpts *g, int argc, char **argv);

const Command cmd_routes = {
    "routes", "列出全部 API 路由及所需权限",
    "用法：zhifa routes\n\n每行一个 {\"method\",\"pattern\",\"perm\"}；perm 为 public 表示无需登录，\n"
    "authenticated 表示任何已登录用户，token 表示凭接口令牌（Authorization: Bearer）调用，\n"
    "其余为角色权限表中的权限名。\n",
    run_routes};

static int run_routes(const GlobalOpts *g, int argc, char **argv)
{
    (void)g;
    if (cmd_parse_flags(&cmd_routes, argc, argv, NULL, NULL, 0) != ZF_OK) return EXIT_USAGE;
    const RouteTable *t = &api_route_table;
    for (int i = 0; i < t->count; i++)
        printf("{\"method\":\"%s\",\"pattern\":\"%s\",\"perm\":\"%s\"}\n", t->routes[i].method,
               t->routes[i].pattern, t->routes[i].perm);
    return 0;
}
