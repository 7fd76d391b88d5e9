/* Streams exchange-v1 lines into the store. Validation is domain/exchange.c, reading and parsing
 * import_parse.c (its own thread); this file stores, batches transactions and reports. */
#include "app/import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exchange.h"
#include "app/import_parse.h"
#include "ledger/ledger.h"

/* The write lock is held only while there is something to write: a batch's transaction begins
 * with its first valid record (a file of lines that do not parse never takes it; valid lines an
 * upload refuses count toward the batch, since they are checked under it) and ends when the batch is
 * full or when the parsing thread has had nothing ready for IDLE_COMMIT_MS (so the lock is never
 * held long waiting for input, while a parser only a little behind still fills whole batches). */
#define IDLE_COMMIT_MS 20
typedef struct {
    Store *st;
    const ImportHooks *hooks;
    ImportSummary *sum;
    long long in_batch;      /* records stored in the open batch */
    long long refused_in_batch; /* valid lines refused in it: they hold the lock too, so they count */
    Ledger *ledger; /* every changed case record becomes an event, in the same transaction */
    const ParsedLine **pending; /* valid lines of the current chunk not stored yet (store_put_records) */
    size_t n_pending, cap_pending;
    bool batches;   /* this import begins and commits its own transactions (not a caller's) */
    bool open;      /* a batch transaction is open */
} Importer;

const char IMPORT_ACCEPT_STORE_FAILED[] = "store failed";

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

/* After a record was written: its ledger event when a case's body changed, and the counts. */
static int stored(Importer *im, const ParsedLine *pl, int changed, ZfError *err)
{
    int rc = ZF_OK;
    if (changed && pl->event_head)
        rc = ledger_add_prepared(im->ledger, LEDGER_CASE_IMPORT, pl->keys.key, pl->event_head, pl->event_head_len,
                                 pl->draft, NULL, err);
    if (rc == ZF_OK) {
        im->sum->imported++;
        im->in_batch++;
        if (im->hooks && im->hooks->on_stored) im->hooks->on_stored(&pl->keys, im->hooks->ctx);
    }
    return rc;
}

/* Without an accept hook nothing needs to see a record stored before the next line is looked at:
 * the lines wait and go to the store together (flush_pending, at the end of their chunk or batch),
 * which PostgreSQL writes in a few statements instead of one per record. With a hook (the upload's
 * data scope, which reads what the batch stored) each is stored at once. */
static int defer(Importer *im, const ParsedLine *pl, ZfError *err)
{
    if (im->n_pending == im->cap_pending) {
        size_t cap = im->cap_pending ? 2 * im->cap_pending : 256;
        const ParsedLine **p = realloc(im->pending, cap * sizeof *p);
        if (!p) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        im->pending = p, im->cap_pending = cap;
    }
    im->pending[im->n_pending++] = pl;
    return ZF_OK;
}

/* The waiting lines into the store in one call, then their ledger events in the lines' order — the
 * same events in the same order as one line at a time. */
static int flush_pending(Importer *im, ZfError *err)
{
    size_t n = im->n_pending;
    if (!n) return ZF_OK;
    im->n_pending = 0;
    StoredRecord *recs = malloc(n * sizeof *recs);
    int *changed = calloc(n, sizeof *changed);
    int rc = recs && changed ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    for (size_t i = 0; i < n && rc == ZF_OK; i++)
        recs[i] = (StoredRecord){im->pending[i]->keys, im->pending[i]->body, im->pending[i]->body_len};
    if (rc == ZF_OK) rc = store_put_records(im->st, recs, n, changed, err);
    for (size_t i = 0; i < n && rc == ZF_OK; i++) rc = stored(im, im->pending[i], changed[i], err);
    free(recs), free(changed);
    return rc;
}

/* Stores one parsed line: the record, and for a case whose stored body changed, its ledger
 * event — both in the open batch transaction. */
static int store_line(Importer *im, const ParsedLine *pl, ZfError *err)
{
    im->sum->lines = pl->line;
    if (pl->error) {
        reject(im, pl->reject_key, pl->error);
        return ZF_OK;
    }
    if (im->batches && !im->open) {
        if (store_begin(im->st, err) != ZF_OK) return ZF_ERR;
        ledger_reset(im->ledger); /* what it cached may predate another writer's commit */
        im->open = true;
    }
    StoredRecord sr = {pl->keys, pl->body, pl->body_len};
    const char *refused = im->hooks && im->hooks->accept ? im->hooks->accept(&sr, im->hooks->ctx) : NULL;
    if (refused == IMPORT_ACCEPT_STORE_FAILED) /* the transaction may be gone: stop, never go on in autocommit */
        return zf_fail(err, 503, "database_busy", NULL, "暂时无法核对已存记录的数据范围，导入已停止，请稍后重试");
    if (refused) {
        im->refused_in_batch++;
        reject(im, pl->reject_key, refused);
        return ZF_OK;
    }
    if (!im->hooks || !im->hooks->accept) return defer(im, pl, err);
    int changed = 0;
    int rc = store_put_record(im->st, &sr, &changed, err);
    return rc == ZF_OK ? stored(im, pl, changed, err) : rc;
}

static int end_batch(Importer *im, ZfError *err)
{
    if (flush_pending(im, err) != ZF_OK) return ZF_ERR;
    if (im->open && store_commit(im->st, err) != ZF_OK) return ZF_ERR;
    im->open = false;
    im->in_batch = im->refused_in_batch = 0;
    if (im->hooks && im->hooks->on_progress) im->hooks->on_progress(im->sum, im->hooks->ctx);
    return ZF_OK;
}

/* One line into the open batch, committed when full (the next begins with its first record). */
static int store_next(Importer *im, const ParsedLine *pl, ZfError *err)
{
    int rc = store_line(im, pl, err);
    if (rc == ZF_OK && im->in_batch + (long long)im->n_pending + im->refused_in_batch >= IMPORT_BATCH)
        rc = end_batch(im, err);
    return rc;
}

static int store_chunk(Importer *im, const ParsedLine *lines, size_t n, ZfError *err)
{
    int rc = ZF_OK;
    for (size_t i = 0; i < n && rc == ZF_OK; i++) rc = store_next(im, &lines[i], err);
    return rc == ZF_OK ? flush_pending(im, err) : rc; /* the chunk's lines die with it */
}

/* Commits the open batch when everything before went well, else rolls it back. */
static int finish_batch(Importer *im, int rc, ZfError *err)
{
    if (rc == ZF_OK) return end_batch(im, err);
    im->n_pending = 0;
    if (im->open) store_rollback(im->st);
    im->open = false;
    im->sum->imported -= im->in_batch; /* the open batch was rolled back: not imported */
    return ZF_ERR;
}

/* The parsing thread reads and validates while this one stores (import_parse.h). */
static int read_lines(Importer *im, FILE *in, ZfError *err)
{
    ImportParser *parser;
    if (import_parser_start(in, &parser, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    const ParsedLine *lines;
    size_t n;
    ParsedChunk *c;
    while (rc == ZF_OK) {
        if (im->open && !import_parser_wait(parser, IDLE_COMMIT_MS)) rc = end_batch(im, err);
        if (rc != ZF_OK || !(c = import_parser_next(parser, &lines, &n))) break;
        rc = store_chunk(im, lines, n, err);
        import_parser_done(parser, c);
    }
    long long total;
    ZfError parse_err;
    int prc = import_parser_finish(parser, &total, &parse_err);
    if (rc == ZF_OK && prc != ZF_OK) *err = parse_err, rc = ZF_ERR;
    if (rc == ZF_OK) im->sum->lines = total;
    return finish_batch(im, rc, err);
}

int import_stream(Store *st, FILE *in, const ImportHooks *hooks, ImportSummary *sum, ZfError *err)
{
    memset(sum, 0, sizeof *sum);
    Importer im = {.st = st, .hooks = hooks, .sum = sum, .batches = true};
    if (ledger_open(st, &im.ledger, err) != ZF_OK) return ZF_ERR;
    StoreCheckpointer *ckpt = store_checkpointer_start(st);
    int rc = read_lines(&im, in, err);
    store_checkpointer_stop(ckpt);
    ledger_close(im.ledger);
    free(im.pending);
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
    Importer im = {.st = st, .hooks = &hooks, .sum = &sum}; /* inside the caller's transaction */
    ImportParser *parser = import_line_parser_new();
    char *line = parser ? json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    const ParsedLine *parsed = line ? import_line_parse(parser, 1, line, strlen(line)) : NULL;
    free(line);
    if (!parsed) {
        import_line_parser_free(parser);
        return zf_fail(err, 500, "internal_error", NULL, "无法序列化记录");
    }
    int rc = ledger_open(st, &im.ledger, err);
    if (rc == ZF_OK) rc = store_line(&im, parsed, err);
    if (rc == ZF_OK) rc = flush_pending(&im, err);
    ledger_close(im.ledger);
    free(im.pending);
    import_line_parser_free(parser);
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
