/* The party's side of 电子送达 on the anonymous portal (delivery.h): the link, the code, the
 * document, the confirmation. Each request reads and writes in one BEGIN IMMEDIATE transaction,
 * so two tabs confirming at once are serialised and a wrong code is counted even as it fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/case_log.h"
#include "app/delivery.h"
#include "app/delivery_rows.h"
#include "app/documents.h"
#include "app/recon_delivery.h"
#include "domain/delivery.h"
#include "domain/workflow/case_state.h"
#include "store/documents.h"
#include "store/findings.h"
#include "store/portal.h"
#include "store/settings.h"
#include "util/log.h"

#define PARTY "当事人"
#define KIND_MISS "delivery_miss"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void utc_text(long long now, char out[DELIVERY_TIME_LEN])
{
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, DELIVERY_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool token_well_formed(const char *t)
{
    if (!t || strlen(t) != TOKEN_HEX_LEN) return false;
    for (; *t; t++)
        if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f'))) return false;
    return true;
}

/* The delivery the token names. Unknown tokens are counted per address and refused past
 * portal_track_misses_per_hour (429), before the lookup, as tracking codes are. */
static int load(const AppContext *cx, const char *token, const char *addr, long long now, json_t **row, ZfError *err)
{
    char hash[65];
    int count, limit = store_setting_int(cx->store, "portal_track_misses_per_hour", 20);
    if (store_portal_count(cx->store, addr, KIND_MISS, now / 3600, 0, &count, err) != ZF_OK) return ZF_ERR;
    if (count >= limit) return zf_fail(err, 429, "rate_limited", NULL, "查询过于频繁，请一小时后再试");
    if (token_well_formed(token)) {
        sha256_hex(token, hash);
        if (store_delivery_by_token(cx->store, hash, row, err) == ZF_OK) return ZF_OK;
        if (err->status != 404) return ZF_ERR;
    }
    if (store_portal_count(cx->store, addr, KIND_MISS, now / 3600, 1, &count, err) != ZF_OK) return ZF_ERR;
    return zf_fail(err, 404, "not_found", NULL, "送达链接无效，请核对链接或联系执法机关");
}

/* Expired or locked links refuse; a confirmed one may still be read (not confirmed again). */
static int check_use(const json_t *row, long long now, DeliveryUse *use, ZfError *err)
{
    char t[DELIVERY_TIME_LEN];
    utc_text(now, t);
    *use = delivery_use(str(row, "status"), delivery_body_str(row, "expires_at"), t);
    if (*use == DV_LOCKED)
        return zf_fail(err, 409, "delivery_locked", "code", "验证码错误次数过多，链接已锁定，请联系执法机关重新发送");
    if (*use == DV_EXPIRED) {
        char until[DELIVERY_CHINA_LEN];
        delivery_time_china(delivery_body_str(row, "expires_at"), until);
        return zf_fail(err, 410, "delivery_expired", NULL, "送达链接已过期（有效期至 %s），请联系执法机关重新发送", until);
    }
    return ZF_OK;
}

static int max_attempts(const AppContext *cx) { return store_setting_int(cx->store, "delivery_code_attempts", 5); }

static void set_body(json_t *row, const char *key, json_t *v) { json_object_set_new(json_object_get(row, "body"), key, v); }

/* The code against the stored digest. A wrong one uses a try, written at once (the caller commits
 * it though the request fails): 422 with the tries left, or 409 when this one locked the link. */
static int check_code(const AppContext *cx, json_t *row, const char *token, const char *code, ZfError *err)
{
    char material[200], hash[65];
    const char *want = delivery_body_str(row, "code_hash");
    if (delivery_code_well_formed(code)) {
        delivery_code_material(token, code, material, sizeof material);
        sha256_hex(material, hash);
        if (want && secret_equal(hash, want)) return ZF_OK;
    }
    int attempts = (int)json_integer_value(json_object_get(json_object_get(row, "body"), "attempts"));
    int max = max_attempts(cx);
    bool locked = delivery_wrong_code(&attempts, max);
    set_body(row, "attempts", json_integer(attempts));
    if (locked) json_object_set_new(row, "status", json_string("locked"));
    if (delivery_put(cx->store, row, err) != ZF_OK ||
        (locked && delivery_timeline_add(cx, row, PARTY, "delivery_locked", "验证码连续输错，送达链接已锁定", err) != ZF_OK))
        return ZF_ERR;
    if (locked)
        return zf_fail(err, 409, "delivery_locked", "code", "验证码错误次数过多，链接已锁定，请联系执法机关重新发送");
    return zf_fail(err, 422, "wrong_code", "code", "验证码不正确，还可尝试 %d 次", max - attempts);
}

/* The first sight of the link: opened, with the time, on the row and the timeline. */
static int mark_opened(const AppContext *cx, json_t *row, long long now, ZfError *err)
{
    char t[DELIVERY_TIME_LEN], note[200];
    if (strcmp(str(row, "status"), "sent") != 0) return ZF_OK;
    utc_text(now, t);
    json_object_set_new(row, "status", json_string("opened"));
    set_body(row, "opened_at", json_string(t));
    snprintf(note, sizeof note, "当事人打开《%s》送达链接", delivery_kind_text(row));
    if (delivery_put(cx->store, row, err) != ZF_OK) return ZF_ERR;
    return delivery_timeline_add(cx, row, PARTY, "delivery_opened", note, err);
}

static json_t *agency_name_of(const AppContext *cx, const json_t *rec)
{
    char *body;
    ZfError e;
    if (str(rec, "agency_name")) return json_string(str(rec, "agency_name"));
    if (store_record_get(cx->store, REC_AGENCY, str(rec, "agency"), &body, &e) != ZF_OK) return json_null();
    json_t *a = json_loads(body, 0, NULL);
    free(body);
    json_t *name = str(a, "name") ? json_string(str(a, "name")) : json_null();
    json_decref(a);
    return name;
}

/* What the link shows before the code: nothing of the case but who sends what. */
static json_t *cover(const AppContext *cx, const json_t *row, json_t *rec)
{
    const char *status = str(row, "status");
    int left = max_attempts(cx) - (int)json_integer_value(json_object_get(json_object_get(row, "body"), "attempts"));
    return json_pack("{s:s, s:s, s:s, s:o, s:s, s:i, s:o}", "status", status, "status_name", delivery_status_name(status),
                     "kind_name", delivery_kind_text(row), "agency_name",
                     agency_name_of(cx, rec), "expires_at", delivery_body_str(row, "expires_at"), "attempts_left",
                     left < 0 ? 0 : left, "confirmed_at",
                     delivery_body_str(row, "confirmed_at") ? json_string(delivery_body_str(row, "confirmed_at"))
                                                            : json_null());
}

/* The document's content as the case records it: the decision's particulars. The rendered PDF
 * (docs/documents.md) is linked by the documents part once it issues one (version). */
static json_t *document(const AppContext *cx, const json_t *row, json_t *rec)
{
    json_t *out = cover(cx, row, rec), *d = json_object_get(rec, "decision"), *names = json_array(), *m;
    size_t i;
    json_array_foreach(json_object_get(d, "measures"), i, m) {
        const char *n = case_measure_name(json_string_value(m));
        if (n) json_array_append_new(names, json_string(n));
    }
    json_t *party = json_object_get(rec, "party");
    json_object_set_new(out, "party_name", str(party, "name") ? json_string(str(party, "name")) : json_null());
    json_object_set_new(out, "doc_no", str(d, "doc_no") ? json_string(str(d, "doc_no")) : json_null());
    json_object_set_new(out, "decided_on", str(rec, "decided_on") ? json_string(str(rec, "decided_on")) : json_null());
    json_object_set_new(out, "measure_names", names);
    if (json_object_get(d, "fine")) json_object_set(out, "fine", json_object_get(d, "fine"));
    if (json_object_get(d, "basis")) json_object_set(out, "basis", json_object_get(d, "basis"));
    if (json_object_get(rec, "facts")) json_object_set(out, "facts", json_object_get(rec, "facts"));
    json_object_set(out, "version", json_object_get(json_object_get(row, "body"), "version"));
    if (delivery_body_str(row, "served_on")) json_object_set_new(out, "served_on", json_string(delivery_body_str(row, "served_on")));
    json_object_set_new(out, "pdf", json_boolean(json_object_get(json_object_get(row, "body"), "document_id") != NULL));
    return out;
}

static json_t *case_record(const AppContext *cx, const json_t *row)
{
    char *body;
    ZfError e;
    long long recon_id;
    if (recon_delivery_of(row, &recon_id)) /* what the page shows, as the delivery recorded it */
        return json_pack("{s:s, s:{s:s}, s:{s:s}}", "agency_name", delivery_body_str(row, "agency_name") ?: "行政复议机构",
                         "party", "name", delivery_body_str(row, "party_name") ?: "", "decision", "doc_no",
                         delivery_body_str(row, "doc_no") ?: "");
    if (store_record_get(cx->store, REC_CASE, str(row, "case_no"), &body, &e) != ZF_OK) return json_object();
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    return rec ? rec : json_object();
}

/* ---- the three requests ------------------------------------------------------------------ */

typedef enum { P_VIEW, P_OPEN, P_CONFIRM } PortalAct;

typedef struct {
    PortalAct act;
    const char *token, *code, *addr;
    long long now;
    json_t *out;
    long long confirmed_id; /* P_CONFIRM: the delivery confirmed, for its 送达回证 */
    long long document_id;  /* the issued document delivered, 0 = none */
    char case_no[129];
} PortalJob;

static int portal_in(const AppContext *cx, PortalJob *j, bool *keep, ZfError *err)
{
    json_t *row;
    DeliveryUse use;
    if (load(cx, j->token, j->addr, j->now, &row, err) != ZF_OK) return *keep = err->status == 404, ZF_ERR;
    int rc = check_use(row, j->now, &use, err);
    if (rc == ZF_OK && j->act == P_VIEW) rc = mark_opened(cx, row, j->now, err);
    if (rc == ZF_OK && j->act != P_VIEW) {
        rc = check_code(cx, row, j->token, j->code, err);
        *keep = rc != ZF_OK && (err->status == 422 || err->status == 409);
    }
    if (rc == ZF_OK && j->act == P_OPEN) rc = mark_opened(cx, row, j->now, err);
    if (rc == ZF_OK && j->act == P_CONFIRM) {
        if (use == DV_CONFIRMED) rc = zf_fail(err, 409, "already_confirmed", NULL, "已确认收到，无需重复确认");
        else rc = delivery_confirm_in(cx, row, j->addr, j->now, err);
        j->confirmed_id = json_integer_value(json_object_get(row, "id"));
    }
    if (rc == ZF_OK) {
        snprintf(j->case_no, sizeof j->case_no, "%s", str(row, "case_no"));
        j->document_id = json_integer_value(json_object_get(json_object_get(row, "body"), "document_id"));
    }
    if (rc == ZF_OK) {
        json_t *rec = case_record(cx, row);
        j->out = j->act == P_VIEW ? cover(cx, row, rec) : document(cx, row, rec);
        json_decref(rec);
    }
    json_decref(row);
    return rc;
}

/* One transaction; a refused request whose count must stand (a wrong code, an unknown link)
 * commits what it wrote, any other failure leaves nothing. */
static int portal(const AppContext *cx, PortalJob *j, json_t **out, ZfError *err)
{
    bool keep = false;
    *out = NULL;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = portal_in(cx, j, &keep, err);
    ZfError commit_err;
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else if (keep && store_commit(cx->store, &commit_err) != ZF_OK) *err = commit_err;
    else if (!keep) store_rollback(cx->store);
    if (rc == ZF_OK) *out = j->out;
    else json_decref(j->out);
    /* the receipt after the confirmation committed: its outcome is on the delivery, not the reply */
    ZfError receipt_err;
    if (rc == ZF_OK && j->act == P_CONFIRM && strncmp(j->case_no, "reconsideration:", 16) != 0 &&
        delivery_receipt_after(cx, j->confirmed_id, j->case_no, &receipt_err) != ZF_OK)
        log_error("delivery_receipt", "%s: %s", j->case_no, receipt_err.message);
    return rc;
}

int app_delivery_portal_view(const AppContext *cx, const char *token, const char *addr, long long now, json_t **out,
                             ZfError *err)
{
    PortalJob j = {.act = P_VIEW, .token = token, .addr = addr, .now = now};
    return portal(cx, &j, out, err);
}

int app_delivery_portal_open(const AppContext *cx, const char *token, const char *code, const char *addr,
                             long long now, json_t **out, ZfError *err)
{
    PortalJob j = {.act = P_OPEN, .token = token, .code = code, .addr = addr, .now = now};
    return portal(cx, &j, out, err);
}

int app_delivery_portal_confirm(const AppContext *cx, const char *token, const char *code, const char *addr,
                                long long now, json_t **out, ZfError *err)
{
    PortalJob j = {.act = P_CONFIRM, .token = token, .code = code, .addr = addr, .now = now};
    return portal(cx, &j, out, err);
}

int app_delivery_portal_pdf(const AppContext *cx, const char *token, const char *code, const char *addr, long long now,
                            unsigned char **pdf, size_t *len, ZfError *err)
{
    PortalJob j = {.act = P_OPEN, .token = token, .code = code, .addr = addr, .now = now};
    json_t *out, *doc;
    if (portal(cx, &j, &out, err) != ZF_OK) return ZF_ERR;
    json_decref(out);
    if (!j.document_id) return zf_fail(err, 404, "not_found", NULL, "该文书尚无电子文本，请以页面所示内容为准或联系执法机关");
    if (store_document_get(cx->store, j.document_id, &doc, err) != ZF_OK) return ZF_ERR;
    int rc = app_document_bytes(cx, doc, pdf, len, err);
    json_decref(doc);
    return rc;
}
