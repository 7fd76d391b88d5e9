/* zhifa sync enrol|push|status: a lower level's link to its upper (docs/sync.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync.h"
#include "cmd/cmd.h"
#include "cmd/sync_publish.h"
#include "jobs/sync_push.h"

static int run_sync(const GlobalOpts *g, int argc, char **argv);

const Command cmd_sync = {
    "sync", "多级汇聚：向上级登记、报送、查看状态（enrol、push、status）",
    "用法：zhifa --db FILE sync enrol --upper URL --token TOKEN\n"
    "      zhifa --db FILE sync push\n"
    "      zhifa --db FILE sync status\n"
    "      zhifa --db FILE sync publish --law FILE.md | --records FILE.jsonl | --rule-config | --regions FILE.tsv\n\n"
    "enrol   用上级 zhifa node add 打印的令牌登记本实例（交换 SM2 公钥），此后本实例的记录\n"
    "        进入待报送队列（已有记录也排入一次）。\n"
    "push    按批报送上级尚未确认的全部记录；每批签名并附账本树头与一致性证明。\n"
    "        全部批次被上级确认时退出码为 0；否则为 1，原因输出到标准错误。被拒收的行\n"
    "        （错误行）已由上级确认并记录，在“交换批次”页查看，不影响退出码。\n"
    "        push 之后接收并应用上级下发的法律法规、权责清单与裁量基准（本级自有的保留）。\n"
    "        无待报送记录时，按系统参数 sync_heartbeat_every_s 发送树头心跳，由上级见证。\n"
    "        并接收上级下发的监督文书，把本级机关的签收与反馈报回上级。\n"
    "        同一数据库同时只有一个报送进程，后来者等待前者结束后再报送。\n"
    "status  以 JSON 输出报送位置（cursor）、最后树头（last_head）与待报送条数（lag）。\n"
    "publish 上级发布供下级接收的法律法规文本（--law，与法律法规库同一格式）或权责清单、裁量基准\n"
    "        （--records，exchange-v1 的 power、benchmark 行）；同样校验后本级先导入。\n"
    "        --rule-config 发布本级最新的规则配置版本，下级与其自有的覆盖配置合并后启用。\n"
    "        --regions 发布本级对行政区划表的新增和更名（与 data/regions.tsv 同一格式），服务重启后生效。\n",
    run_sync};

static int fail(const ZfError *err)
{
    fprintf(stderr, "zhifa: %s\n", err->message);
    return 1;
}

static int enrol(const GlobalOpts *g, Store *st, const char *url, const char *token)
{
    json_t *reply;
    ZfError err;
    if (sync_enrol(st, g->db_path, url, token, &reply, &err) != ZF_OK) return fail(&err);
    printf("已登记为上级 %s 的下级节点“%s”（区划 %s）\n", url, json_string_value(json_object_get(reply, "node_name")),
           json_string_value(json_object_get(reply, "region")));
    json_decref(reply);
    return 0;
}

static int push(const GlobalOpts *g, Store *st)
{
    SyncPushReport rep;
    ZfError err;
    int rc = sync_push(st, g->db_path, &rep, &err);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: 报送中断（已确认 %ld 批，下次从最后确认的批次续传）：%s\n", rep.batches, err.message);
        return 1;
    }
    if (rep.rejected) fprintf(stderr, "zhifa: 上级拒收 %lld 行，详见“交换批次”\n", rep.rejected);
    if (!rep.batches && !rep.down && !rep.answers) fprintf(stderr, "zhifa: 已是最新，上级已确认全部记录\n");
    printf("{\"batches\": %ld, \"lines\": %lld, \"imported\": %lld, \"rejected\": %lld, \"down\": %ld, \"answers\": %ld, \"heartbeats\": %ld}\n",
           rep.batches, rep.lines, rep.imported, rep.rejected, rep.down, rep.answers, rep.heartbeats);
    return 0;
}

static int status(const GlobalOpts *g, Store *st)
{
    json_t *out;
    ZfError err;
    if (app_sync_status(st, g->db_path, &out, &err) != ZF_OK) return fail(&err);
    char *text = json_dumps(out, JSON_COMPACT);
    json_decref(out);
    if (text) puts(text);
    free(text);
    return 0;
}


static int run_sync(const GlobalOpts *g, int argc, char **argv)
{
    const char *sub = NULL, *upper = NULL, *token = NULL, *law = NULL, *records = NULL, *regions = NULL;
    int rule_config = 0;
    Flag flags[] = {{"--upper", &upper, NULL},   {"--token", &token, NULL},
                    {"--law", &law, NULL},       {"--records", &records, NULL},
                    {"--regions", &regions, NULL}, {"--rule-config", NULL, &rule_config},
                    {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_sync, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    if (sub && strcmp(sub, "publish") == 0) {
        PublishWhat w = {law, records, regions, rule_config != 0};
        if ((law != NULL) + (records != NULL) + (regions != NULL) + w.rule_config != 1)
            return cmd_usage_error(&cmd_sync, "publish 须指定 --law、--records、--rule-config 或 --regions 之一");
        return cmd_sync_publish(g, &w);
    }
    if (law || records || regions || rule_config)
        return cmd_usage_error(&cmd_sync, "只有 publish 接受 --law、--records、--rule-config 或 --regions");
    bool is_enrol = sub && strcmp(sub, "enrol") == 0, is_push = sub && strcmp(sub, "push") == 0,
         is_status = sub && strcmp(sub, "status") == 0;
    if (!is_enrol && !is_push && !is_status) return cmd_usage_error(&cmd_sync, "请指定子命令 enrol、push、status 或 publish");
    if (is_enrol && (!upper || !token)) return cmd_usage_error(&cmd_sync, "enrol 须指定 --upper 和 --token");
    if (!is_enrol && (upper || token)) return cmd_usage_error(&cmd_sync, "%s 不接受 --upper 或 --token", sub);
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = is_enrol ? enrol(g, st, upper, token) : is_push ? push(g, st) : status(g, st);
    store_close(st);
    return rc;
}
