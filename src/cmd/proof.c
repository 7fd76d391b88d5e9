/* zhifa proof: inclusion proof of one event, or consistency proof between two tree sizes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "ledger/ledger.h"

static int run_proof(const GlobalOpts *g, int argc, char **argv);

const Command cmd_proof = {
    "proof", "输出存证的包含证明或一致性证明",
    "用法：zhifa --db FILE proof --event SEQ [--size N]\n"
    "       zhifa --db FILE proof --from N --to M\n\n"
    "  --event SEQ   事件序号（从 0 起）的包含证明；--size 为树大小，默认最新签名树头的大小\n"
    "  --from/--to   两个树大小之间的一致性证明（RFC 6962 §2.1.2）\n"
    "输出 JSON；哈希为 SM3 的十六进制小写，路径自叶向根。\n",
    run_proof};

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9') return ZF_ERR;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end) return ZF_ERR;
    *out = v;
    return ZF_OK;
}

static int run_proof(const GlobalOpts *g, int argc, char **argv)
{
    const char *event = NULL, *size_s = NULL, *from = NULL, *to = NULL;
    Flag flags[] = {{"--event", &event, NULL}, {"--size", &size_s, NULL}, {"--from", &from, NULL},
                    {"--to", &to, NULL},       {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_proof, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    uint64_t seq = 0, size = 0, m = 0, n = 0;
    if (event && (from || to)) return cmd_usage_error(&cmd_proof, "--event 与 --from/--to 不能同时使用");
    if (event && (parse_u64(event, &seq) || (size_s && parse_u64(size_s, &size))))
        return cmd_usage_error(&cmd_proof, "--event 与 --size 应为非负整数");
    if (!event && (!from || !to || parse_u64(from, &m) || parse_u64(to, &n)))
        return cmd_usage_error(&cmd_proof, "需要 --event SEQ，或同时给出 --from N --to M（正整数）");
    Store *st;
    Ledger *l = NULL;
    ZfError err;
    json_t *out = NULL;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = ledger_open(st, &l, &err);
    if (rc == ZF_OK)
        rc = event ? ledger_inclusion_json(l, seq, size, &out, &err) : ledger_consistency_json(l, m, n, &out, &err);
    if (rc == ZF_OK) {
        char *text = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", text ? text : "{}");
        free(text);
    } else {
        fprintf(stderr, "zhifa: %s\n", err.message);
    }
    json_decref(out);
    ledger_close(l);
    store_close(st);
    if (rc != ZF_OK) return err.status == 400 ? EXIT_USAGE : 1;
    return 0;
}
