/* The parsing thread of an import (see import_parse.h). A ring of chunks between two threads:
 * the parser fills a free chunk and marks it full, the storing half takes full chunks in order
 * and gives them back. Each chunk owns the text its lines point into. */
#include "app/import_parse.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "app/import.h"
#include "ledger/event.h"
#include "util/json_arena.h"

#define CHUNK_LINES 256
#define CHUNK_COUNT 4
#define TEXT_BLOCK (1u << 20) /* holds a chunk of ordinary lines; kept across chunks */

typedef struct TextBlock {
    struct TextBlock *next;
    size_t cap, used;
    char data[];
} TextBlock;

struct ParsedChunk {
    ParsedLine lines[CHUNK_LINES];
    MerkleLeafDraft *drafts[CHUNK_LINES]; /* made on first use, reused */
    size_t n;
    TextBlock *text;
    bool full;
};

struct ImportParser {
    FILE *in;
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ParsedChunk chunk[CHUNK_COUNT];
    size_t fill, take;
    bool eof, read_failed, out_of_memory;
    atomic_bool stop;
    long long lines;
    MerkleHasher *h;
};

/* ---- the chunk's text ---- */

static const char *text_copy(ParsedChunk *c, const char *s, size_t n)
{
    TextBlock *b = c->text;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > TEXT_BLOCK ? n + 1 : TEXT_BLOCK;
        if (!(b = malloc(sizeof *b + cap))) return NULL;
        b->cap = cap, b->used = 0, b->next = c->text;
        c->text = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static const char *text_str(ParsedChunk *c, const char *s) { return s ? text_copy(c, s, strlen(s)) : NULL; }

/* Empties the chunk's text, keeping one standard block: allocating fresh memory per chunk
 * costs page faults (large blocks are mmap'd). */
static void text_reset(ParsedChunk *c)
{
    TextBlock *keep = NULL;
    while (c->text) {
        TextBlock *b = c->text;
        c->text = b->next;
        if (!keep && b->cap == TEXT_BLOCK) keep = b;
        else free(b);
    }
    if (keep) keep->used = 0, keep->next = NULL, c->text = keep;
}

/* ---- one line ---- */

static size_t trim_end(const char *line, size_t len)
{
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                   line[len - 1] == '\t'))
        len--;
    return len;
}

static bool copy_keys(ParsedChunk *c, const RecordKeys *from, RecordKeys *to)
{
    to->type = from->type;
    to->key = text_str(c, from->key);
    to->key2 = text_str(c, from->key2);
    for (int i = 0; i < 6; i++) to->cols[i] = text_str(c, from->cols[i]);
    return to->key != NULL;
}

/* A case's ledger event head and its leaf hash begun, so the writer only adds the tail. */
static bool prepare_event(ImportParser *p, ParsedChunk *c, size_t i, const json_t *rec)
{
    ParsedLine *pl = &c->lines[i];
    size_t len;
    char *head = ledger_event_head(rec, &len);
    if (!head || (!c->drafts[i] && !(c->drafts[i] = merkle_draft_new()))) {
        free(head);
        return false;
    }
    pl->event_head = text_copy(c, head, len);
    pl->event_head_len = len;
    free(head);
    if (!pl->event_head) return false;
    merkle_draft_begin(p->h, c->drafts[i], pl->event_head, len);
    pl->draft = c->drafts[i];
    return true;
}

static bool reject(ParsedChunk *c, ParsedLine *pl, const char *key, const char *error)
{
    pl->reject_key = text_str(c, key ? key : "");
    pl->error = text_str(c, error);
    return pl->reject_key && pl->error;
}

/* Parses one line into the chunk's next slot; false only when memory ran out. */
static bool parse_line(ImportParser *p, ParsedChunk *c, const char *text, size_t len)
{
    size_t i = c->n++;
    ParsedLine *pl = &c->lines[i];
    memset(pl, 0, sizeof *pl);
    pl->line = p->lines;
    if (len > IMPORT_LINE_MAX) return reject(c, pl, "", "行长度超过 1 MiB 上限");
    json_error_t jerr;
    /* the parsed tree lives in this thread's arena until the line is done (json_arena.h) */
    json_arena_reset();
    json_arena_enter();
    json_t *rec = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    json_arena_leave();
    if (!rec) {
        char msg[300];
        snprintf(msg, sizeof msg, "JSON 格式错误（第 %d 列）：%s", jerr.column, jerr.text);
        return reject(c, pl, "", msg);
    }
    RecordKeys keys;
    ZfError verr;
    bool ok;
    pl->reject_key = text_str(c, exchange_key_of(rec));
    if (exchange_validate(rec, &keys, &verr) != ZF_OK) {
        ok = reject(c, pl, pl->reject_key, verr.message);
    } else {
        pl->body = text_copy(c, text, len);
        pl->body_len = len;
        ok = pl->reject_key && pl->body && copy_keys(c, &keys, &pl->keys) &&
             (keys.type != REC_CASE || prepare_event(p, c, i, rec));
    }
    json_decref(rec);
    return ok;
}

/* ---- the thread ---- */

static ParsedChunk *wait_free_chunk(ImportParser *p)
{
    pthread_mutex_lock(&p->mu);
    ParsedChunk *c = &p->chunk[p->fill];
    while (c->full && !atomic_load(&p->stop)) pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return atomic_load(&p->stop) ? NULL : c;
}

/* Hands a filled chunk over (c NULL: none) and tells whether more will come. */
static void publish(ImportParser *p, ParsedChunk *c, bool eof)
{
    pthread_mutex_lock(&p->mu);
    if (c && c->n) {
        c->full = true;
        p->fill = (p->fill + 1) % CHUNK_COUNT;
    }
    p->eof = eof;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static void *parser_main(void *arg)
{
    ImportParser *p = arg;
    char *line = NULL;
    size_t cap = 0;
    bool eof = false;
    ParsedChunk *c;
    while (!eof && (c = wait_free_chunk(p))) {
        text_reset(c);
        c->n = 0;
        ssize_t n;
        while (c->n < CHUNK_LINES && !atomic_load(&p->stop) && !(eof = (n = getline(&line, &cap, p->in)) < 0)) {
            p->lines++;
            size_t len = trim_end(line, (size_t)n), skip = 0;
            /* Files saved by Windows tools start with a UTF-8 byte-order mark: not part of the record. */
            if (p->lines == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) skip = 3;
            if (len == skip) continue; /* blank lines separate nothing and carry no record */
            if (!parse_line(p, c, line + skip, len - skip)) {
                p->out_of_memory = eof = true;
                c->n--;
                break;
            }
        }
        if (eof) p->read_failed = ferror(p->in) != 0;
        publish(p, c, eof || atomic_load(&p->stop));
    }
    if (!eof) publish(p, NULL, true); /* stopped: wake a waiting reader */
    free(line);
    json_arena_release();
    return NULL;
}

static void chunk_free(ParsedChunk *c)
{
    text_reset(c);
    free(c->text);
    for (int j = 0; j < CHUNK_LINES; j++) merkle_draft_free(c->drafts[j]);
}

/* ---- one line at a time, on the calling thread ---- */

ImportParser *import_line_parser_new(void)
{
    ImportParser *p = calloc(1, sizeof *p);
    if (p && !(p->h = merkle_hasher_new())) {
        free(p);
        return NULL;
    }
    return p;
}

const ParsedLine *import_line_parse(ImportParser *p, long long line, const char *text, size_t len)
{
    ParsedChunk *c = &p->chunk[0];
    text_reset(c);
    c->n = 0;
    p->lines = line;
    return parse_line(p, c, text, len) ? &c->lines[0] : NULL;
}

void import_line_parser_free(ImportParser *p)
{
    if (!p) return;
    chunk_free(&p->chunk[0]);
    merkle_hasher_free(p->h);
    free(p);
    json_arena_release();
}

/* ---- the storing half's side ---- */

int import_parser_start(FILE *in, ImportParser **out, ZfError *err)
{
    ImportParser *p = import_line_parser_new();
    if (!p) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足或 OpenSSL 不提供 SM3 算法");
    p->in = in;
    atomic_init(&p->stop, false);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (pthread_create(&p->thread, NULL, parser_main, p) != 0) {
        long long ignored;
        import_parser_finish(p, &ignored, NULL);
        return zf_fail(err, 500, "thread_failed", NULL, "无法启动导入解析线程");
    }
    p->started = true;
    *out = p;
    return ZF_OK;
}

ParsedChunk *import_parser_next(ImportParser *p, const ParsedLine **lines, size_t *n)
{
    pthread_mutex_lock(&p->mu);
    ParsedChunk *c = &p->chunk[p->take];
    while (!c->full && !p->eof) pthread_cond_wait(&p->cv, &p->mu);
    if (c->full) p->take = (p->take + 1) % CHUNK_COUNT;
    else c = NULL;
    pthread_mutex_unlock(&p->mu);
    if (c) *lines = c->lines, *n = c->n;
    return c;
}

bool import_parser_wait(ImportParser *p, long timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&p->mu);
    int rc = 0;
    while (!p->chunk[p->take].full && !p->eof && rc == 0) rc = pthread_cond_timedwait(&p->cv, &p->mu, &until);
    bool ready = p->chunk[p->take].full || p->eof;
    pthread_mutex_unlock(&p->mu);
    return ready;
}

void import_parser_done(ImportParser *p, ParsedChunk *c)
{
    pthread_mutex_lock(&p->mu);
    c->full = false;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

int import_parser_finish(ImportParser *p, long long *lines, ZfError *err)
{
    atomic_store(&p->stop, true);
    pthread_mutex_lock(&p->mu);
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    if (p->started) pthread_join(p->thread, NULL);
    int rc = ZF_OK;
    if (p->read_failed) rc = zf_fail(err, 500, "read_failed", NULL, "读取输入失败");
    else if (p->out_of_memory) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足（导入解析）");
    *lines = p->lines;
    for (int i = 0; i < CHUNK_COUNT; i++) chunk_free(&p->chunk[i]);
    merkle_hasher_free(p->h);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
    return rc;
}
