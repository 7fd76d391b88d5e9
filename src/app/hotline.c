/* The 12345 intake (app/hotline.h): lines are parsed and checked by domain/hotline.c, the agency
 * against the batch's scope (the token's region, or the uploading supervisor's), and each good one is a lead through app_lead_create_in, in its own
 * savepoint so a refused line leaves nothing behind. Lines are written in chunks, each one short
 * transaction, so a 16 MiB batch never holds the write lock for long. */
#include "app/hotline.h"

#include <string.h>

#include "app/leads.h"
#include "domain/authz.h"
#include "domain/hotline.h"
#include "store/identity.h"

#define HOTLINE_CHUNK 200 /* lines per transaction */

typedef struct {
    long long received, created, duplicates, dropped;
    json_t *errors;
} Tally;

static void refuse(Tally *t, long long line, const char *message)
{
    if (json_array_size(t->errors) >= HOTLINE_ERRORS_MAX) {
        t->dropped++;
        return;
    }
    json_array_append_new(t->errors, json_pack("{s:I, s:s}", "line", (json_int_t)line, "error", message));
}

/* The agency must be known and lie in the batch's scope (the token's region, or the supervisor's). */
static const char *agency_refusal(const AppContext *cx, const HotlineSender *from, const char *agency)
{
    char region[7];
    store_agency_region(cx->store, agency, region);
    if (!region[0]) return "承办执法主体不存在（未在执法主体库中登记）";
    if (!scope_allows(&cx->scope, agency, region)) return from->out_of_scope;
    return NULL;
}

/* One line inside the chunk's transaction. ZF_ERR only for a database failure (err set). */
static int take_line(const AppContext *cx, const HotlineSender *from, const char *line, size_t n, long long no,
                     Tally *t, ZfError *err)
{
    HotlineOrder o;
    ZfError why;
    const char *refusal;
    if (hotline_order_parse(line, n, cx->today, &o, &why) != ZF_OK) return refuse(t, no, why.message), ZF_OK;
    if ((refusal = agency_refusal(cx, from, o.agency))) {
        hotline_order_clear(&o);
        return refuse(t, no, refusal), ZF_OK;
    }
    LeadInput in = {.source = "hotline_12345", .source_ref = o.order_no, .received_at = o.received_at,
                    .content = o.content, .category = o.category, .region = from->region, .agency = o.agency,
                    .reporter_name = o.reporter_name[0] ? o.reporter_name : NULL,
                    .reporter_phone = o.reporter_phone[0] ? o.reporter_phone : NULL, .dispatched = true};
    long long id;
    bool created = false;
    int rc = ZF_OK;
    if (store_savepoint(cx->store, "hotline_line", err) != ZF_OK) rc = ZF_ERR;
    else if (app_lead_create_in(cx, &in, &id, &created, &why) != ZF_OK) {
        store_rollback_to(cx->store, "hotline_line");
        if (why.status >= 500) *err = why, rc = ZF_ERR;
        else refuse(t, no, why.message);
    } else if (store_release(cx->store, "hotline_line", err) != ZF_OK) {
        rc = ZF_ERR;
    } else if (created) {
        t->created++;
    } else {
        t->duplicates++;
    }
    hotline_order_clear(&o);
    return rc;
}

static int commit_chunk(const AppContext *cx, bool *open, ZfError *err)
{
    if (!*open) return ZF_OK;
    *open = false;
    if (store_commit(cx->store, err) == ZF_OK) return ZF_OK;
    store_rollback(cx->store);
    return ZF_ERR;
}

static json_t *summary_of(const Tally *t)
{
    json_t *s = json_pack("{s:I, s:I, s:I, s:O}", "received", (json_int_t)t->received, "created", (json_int_t)t->created,
                          "duplicates", (json_int_t)t->duplicates, "errors", t->errors);
    if (t->dropped) json_object_set_new(s, "errors_not_shown", json_integer(t->dropped));
    return s;
}

int app_hotline_intake(const AppContext *cx, const HotlineSender *from, const char *body, size_t len, json_t **summary,
                       ZfError *err)
{
    Tally t = {.errors = json_array()};
    bool open = false;
    long long no = 0, in_chunk = 0;
    int rc = ZF_OK;
    for (size_t at = 0; at < len && rc == ZF_OK;) {
        const char *line = body + at, *nl = memchr(line, '\n', len - at);
        size_t n = nl ? (size_t)(nl - line) : len - at;
        at += n + (nl ? 1 : 0);
        no++;
        if (n && line[n - 1] == '\r') n--;
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++) blank = line[i] == ' ' || line[i] == '\t';
        if (blank) continue;
        t.received++;
        if (!open && (rc = store_begin(cx->store, err)) != ZF_OK) break;
        open = true;
        if ((rc = take_line(cx, from, line, n, no, &t, err)) != ZF_OK) break;
        if (++in_chunk == HOTLINE_CHUNK) in_chunk = 0, rc = commit_chunk(cx, &open, err);
    }
    if (rc != ZF_OK) {
        if (open) store_rollback(cx->store);
        json_decref(t.errors);
        return ZF_ERR;
    }
    if (commit_chunk(cx, &open, err) != ZF_OK) {
        json_decref(t.errors);
        return ZF_ERR;
    }
    *summary = summary_of(&t);
    json_decref(t.errors);
    return ZF_OK;
}
