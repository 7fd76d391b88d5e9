/* zhifa sth: the newest signed tree head as JSON, checkable with the OpenSSL command line. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "ledger/ledger.h"

static int run_sth(const GlobalOpts *g, int argc, char **argv);

const Command cmd_sth = {
    "sth", "输出最新签名树头（存证）",
    "用法：zhifa --db FILE sth [--sign]\n\n"
    "以 JSON 输出最新的 SM2 签名树头：\n"
    "  {\"tree_size\",\"root\",\"time\",\"signature\"（DER 的 Base64）,\"public_key\"（PEM）,\"key_id\"}\n"
    "签名内容为 \"zhifa-sth-v1\\n<tree_size>\\n<root>\\n<time>\\n\"，验证方法见 docs/ledger.md。\n"
    "  --sign   若有尚未签名的事件，先签一个新的树头\n",
    run_sth};

static int run_sth(const GlobalOpts *g, int argc, char **argv)
{
    int sign = 0;
    Flag flags[] = {{"--sign", NULL, &sign}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_sth, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    Store *st;
    Ledger *l = NULL;
    ZfError err;
    SignedHead h;
    char *pem = NULL;
    int found = 0;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = sign ? ledger_sign_head(st, g->db_path, NULL, NULL, &err) : ZF_OK;
    if (rc == ZF_OK) rc = ledger_open(st, &l, &err);
    if (rc == ZF_OK) rc = ledger_latest_head(l, &h, &pem, &found, &err);
    if (rc == ZF_OK && !found) rc = zf_fail(&err, 404, "no_signed_head", NULL, "尚无签名树头（可用 zhifa sth --sign 签发）");
    if (rc == ZF_OK) {
        json_t *o = ledger_head_json(&h, pem);
        char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(o);
    } else {
        fprintf(stderr, "zhifa: %s\n", err.message);
    }
    free(pem);
    ledger_close(l);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
