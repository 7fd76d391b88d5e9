/* Streams exchange-v1 lines into the store. Validation is domain/exchange.c; this file only
 * reads lines, batches transactions and reports. */
#include "jobs/import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exchange.h"
#include "ledger/ledger.h"

typedef struct {
    Store *st;
    const ImportHooks *hooks;
    ImportSummary *sum;
    long long in_batch;
    Ledger *ledger; /* every changed case record becomes an event, in the same transaction */
} Importer;

char *import_reject_json(long long line, const char *key, const char *error)
{
    json_t *o = json_object();
    json_object_set_new(o, "line", json_integer(line));
    json_t *k = json_string(key ? key : "");
    json_object_set_new(o, "key", k ? k : json_string(""));
    json_object_set_new(o, "error", json_string(error));
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return text;
}

static void reject(Importer *im, const char *key, const char *error)
{
    im->sum->rejected++;
    if (im->hooks && im->hooks->on_reject)
        im->hooks->on_reject(im->sum->lines, key, error, im->hooks->ctx);
}

static size_t trim_end(const char *line, size_t len)
{
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                   line[len - 1] == '\t'))
        len--;
    return len;
}

static int import_line(Importer *im, const char *line, size_t len, ZfError *err)
{
    json_error_t jerr;
    ZfError verr;
    RecordKeys keys;
    json_t *rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!rec) {
        char msg[300];
        snprintf(msg, sizeof msg, "JSON 格式错误（第 %d 列）：%s", jerr.column, jerr.text);
        reject(im, "", msg);
        return ZF_OK;
    }
    if (exchange_validate(rec, &keys, &verr) != ZF_OK) {
        reject(im, exchange_key_of(rec), verr.message);
        json_decref(rec);
        return ZF_OK;
    }
    const char *refused = im->hooks && im->hooks->accept ? im->hooks->accept(&keys, im->hooks->ctx) : NULL;
    if (refused) {
        reject(im, exchange_key_of(rec), refused);
        json_decref(rec);
        return ZF_OK;
    }
    StoredRecord sr = {keys, line, len};
    int rc = keys.type == REC_CASE ? ledger_add_case_record(im->ledger, keys.key, rec, line, len, err) : ZF_OK;
    if (rc == ZF_OK) rc = store_put_record(im->st, &sr, err);
    if (rc == ZF_OK) {
        im->sum->imported++;
        im->in_batch++;
        if (im->hooks && im->hooks->on_stored) im->hooks->on_stored(&keys, im->hooks->ctx);
    }
    json_decref(rec);
    return rc;
}

static int end_batch(Importer *im, ZfError *err)
{
    if (store_commit(im->st, err) != ZF_OK) return ZF_ERR;
    im->in_batch = 0;
    if (im->hooks && im->hooks->on_progress) im->hooks->on_progress(im->sum, im->hooks->ctx);
    return ZF_OK;
}

static int read_lines(Importer *im, FILE *in, ZfError *err)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = store_begin(im->st, err);
    while (rc == ZF_OK && (n = getline(&line, &cap, in)) >= 0) {
        im->sum->lines++;
        size_t len = trim_end(line, (size_t)n), skip = 0;
        /* Files saved by Windows tools start with a UTF-8 byte-order mark: not part of the record. */
        if (im->sum->lines == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) skip = 3;
        if (len == skip) continue; /* blank lines separate nothing and carry no record */
        if (len > IMPORT_LINE_MAX) reject(im, "", "行长度超过 1 MiB 上限");
        else rc = import_line(im, line + skip, len - skip, err);
        if (rc == ZF_OK && im->in_batch >= IMPORT_BATCH && (rc = end_batch(im, err)) == ZF_OK)
            rc = store_begin(im->st, err), ledger_reset(im->ledger);
    }
    free(line);
    if (rc == ZF_OK && ferror(in)) rc = zf_fail(err, 500, "read_failed", NULL, "读取输入失败");
    if (rc == ZF_OK) return end_batch(im, err);
    store_rollback(im->st);
    im->sum->imported -= im->in_batch; /* the open batch was rolled back: not imported */
    return ZF_ERR;
}

int import_stream(Store *st, FILE *in, const ImportHooks *hooks, ImportSummary *sum, ZfError *err)
{
    memset(sum, 0, sizeof *sum);
    Importer im = {st, hooks, sum, 0, NULL};
    if (ledger_open(st, &im.ledger, err) != ZF_OK) return ZF_ERR;
    int rc = read_lines(&im, in, err);
    ledger_close(im.ledger);
    return rc;
}

static void keep_reject(long long line, const char *key, const char *error, void *ctx)
{
    (void)line, (void)key;
    snprintf(ctx, 512, "%s", error);
}

int import_one_record_in(Store *st, const json_t *rec, ZfError *err)
{
    char refused[512] = "";
    ImportHooks hooks = {.on_reject = keep_reject, .ctx = refused};
    ImportSummary sum = {0};
    Importer im = {st, &hooks, &sum, 0, NULL};
    char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!line) return zf_fail(err, 500, "internal_error", NULL, "无法序列化记录");
    int rc = ledger_open(st, &im.ledger, err);
    if (rc == ZF_OK) {
        sum.lines = 1;
        rc = import_line(&im, line, strlen(line), err);
    }
    ledger_close(im.ledger);
    free(line);
    if (rc == ZF_OK && sum.imported != 1) rc = zf_fail(err, 400, "invalid_record", NULL, "%s", refused);
    return rc;
}

int import_one_record(Store *st, const json_t *rec, ZfError *err)
{
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (import_one_record_in(st, rec, err) != ZF_OK) {
        store_rollback(st);
        return ZF_ERR;
    }
    return store_commit(st, err);
}
