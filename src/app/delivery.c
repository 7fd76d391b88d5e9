/* The officer's side of 电子送达 and 纸质送达 (delivery.h): the 确认书, sending, the list, paper. */
#include "app/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/delivery_gateway.h"
#include "app/delivery_rows.h"
#include "app/documents.h"
#include "app/logged_row.h"
#include "app/workflow_state.h"
#include "domain/delivery.h"
#include "store/attachments.h"
#include "store/settings.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* A date the act happened on: given (YYYY-MM-DD, not after today) or today. */
static int act_date(const AppContext *cx, const char *given, const char *field, char out[ZF_DATE_LEN], ZfError *err)
{
    zf_day d = cx->today;
    if (given && *given && !date_parse(given, &d))
        return zf_fail(err, 400, "invalid_date", field, "日期格式应为 YYYY-MM-DD");
    if (d > cx->today) return zf_fail(err, 400, "invalid_date", field, "日期不能晚于今天");
    date_format(d, out);
    return ZF_OK;
}

static int check_attachment(const AppContext *cx, const char *case_no, long long id, ZfError *err)
{
    json_t *a = NULL;
    if (id <= 0) return zf_fail(err, 400, "missing_field", "attachment_id", "请先上传签收的送达回证扫描件");
    int rc = store_attachment_get(cx->store, case_no, id, &a, err);
    json_decref(a);
    return rc == ZF_OK || err->status != 404 ? rc : zf_fail(err, 400, "invalid_field", "attachment_id", "本案没有该附件");
}

/* Runs fn inside one BEGIN IMMEDIATE transaction. */
static int in_transaction(const AppContext *cx, int (*fn)(const AppContext *, void *, ZfError *), void *arg, ZfError *err)
{
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = fn(cx, arg, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc;
}

/* ---- 确认书 ------------------------------------------------------------------------------ */

typedef struct {
    const char *case_no;
    const DeliveryConsentInput *in;
    json_t *out;
} ConsentJob;

static int consent_in(const AppContext *cx, void *arg, ZfError *err)
{
    ConsentJob *j = arg;
    json_t *wf;
    char signed_on[ZF_DATE_LEN], now[32], note[600];
    if (wf_case_row(cx->store, cx->user, j->case_no, &wf, err) != ZF_OK) return ZF_ERR;
    const char *phone = j->in->phone, *email = j->in->email;
    int rc = delivery_address_check(phone, email, err);
    if (rc == ZF_OK) rc = act_date(cx, j->in->signed_on, "signed_on", signed_on, err);
    if (rc == ZF_OK && j->in->attachment_id) rc = check_attachment(cx, j->case_no, j->in->attachment_id, err);
    if (rc != ZF_OK) return json_decref(wf), ZF_ERR;
    app_utc_now(now);
    json_t *body = json_pack("{s:s, s:s, s:s, s:s}", "signed_on", signed_on, "recorded_by", cx->user->username,
                             "recorded_by_name", cx->user->display_name, "recorded_at", now);
    if (phone && *phone) json_object_set_new(body, "phone", json_string(phone));
    if (email && *email) json_object_set_new(body, "email", json_string(email));
    if (j->in->attachment_id) json_object_set_new(body, "attachment_id", json_integer(j->in->attachment_id));
    j->out = json_pack("{s:s, s:s, s:o}", "case_no", j->case_no, "agency", str(wf, "agency"), "body", body);
    snprintf(note, sizeof note, "确认书签署于 %s；送达地址：%s%s%s", signed_on, phone && *phone ? phone : "",
             phone && *phone && email && *email ? "，" : "", email && *email ? email : "");
    rc = delivery_consent_put(cx->store, j->out, err);
    if (rc == ZF_OK)
        rc = app_timeline_add(cx->store, j->case_no, cx->user->username, "delivery_consent", str(wf, "stage"),
                              str(wf, "stage"), note, err);
    json_decref(wf);
    return rc;
}

int app_delivery_consent(const AppContext *cx, const char *case_no, const DeliveryConsentInput *in, json_t **out,
                         ZfError *err)
{
    ConsentJob j = {case_no, in, NULL};
    int rc = in_transaction(cx, consent_in, &j, err);
    *out = rc == ZF_OK ? delivery_consent_view(j.out) : NULL;
    json_decref(j.out);
    return rc;
}

/* ---- sending ----------------------------------------------------------------------------- */

/* The case's latest 确认书, or 409 citing the law: without it only paper delivery is lawful. */
static int latest_consent(const AppContext *cx, const char *case_no, json_t **consent, ZfError *err)
{
    json_t *items;
    if (store_delivery_list(cx->store, DELIVERY_CONSENT, case_no, &items, err) != ZF_OK) return ZF_ERR;
    size_t n = json_array_size(items);
    *consent = n ? json_incref(json_array_get(items, n - 1)) : NULL;
    json_decref(items);
    if (*consent) return ZF_OK;
    return zf_fail(err, 409, "no_consent", NULL,
                   "当事人未签订电子送达确认书，不能电子送达，请采用纸质送达（《中华人民共和国行政处罚法》第六十一条："
                   "当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式送达）");
}

/* What may be sent now: a decision only once decided (the case at 送达) and not served already. */
static int check_sendable(const AppContext *cx, const json_t *wf, const char *kind, ZfError *err)
{
    json_t *items;
    if (delivery_kind_serves_decision(kind) && strcmp(str(wf, "stage"), "service") != 0)
        return zf_fail(err, 409, "invalid_state", "kind", "案件不在“送达”环节，不能送达行政处罚决定书");
    if (store_delivery_list(cx->store, DELIVERY_ROW, str(wf, "case_no"), &items, err) != ZF_OK) return ZF_ERR;
    size_t i;
    json_t *d;
    int rc = ZF_OK;
    json_array_foreach(items, i, d) {
        const char *status = str(d, "status"), *k = delivery_body_str(d, "kind");
        if (k && strcmp(k, kind) == 0 &&
            (strcmp(status, "confirmed") == 0 || strcmp(status, "served_on_paper") == 0))
            rc = zf_fail(err, 409, "already_served", "kind", "《%s》已送达，无需再次送达", delivery_kind_name(kind));
    }
    json_decref(items);
    return rc;
}

/* A fresh token and code; the row keeps only their digests. */
static int new_secrets(DeliverySent *out, char token_hash[65], char code_hash[65])
{
    char hex[TOKEN_HEX_LEN + 1], material[200];
    if (random_token(out->token) != 0 || random_token(hex) != 0) return ZF_ERR;
    delivery_code_from_hex(hex, out->code);
    sha256_hex(out->token, token_hash);
    delivery_code_material(out->token, out->code, material, sizeof material);
    sha256_hex(material, code_hash);
    return ZF_OK;
}

typedef struct {
    const char *case_no, *kind;
    DeliverySent *sent;
    json_t *row;
} SendJob;

/* Which issued version of the document is delivered (the documents part's latest of the kind);
 * none issued yet: version stays null and the party reads the record's particulars only. */
static void note_document(const AppContext *cx, const char *case_no, const char *kind, json_t *body)
{
    json_t *doc;
    ZfError e;
    if (app_document_latest(cx, case_no, kind, &doc, &e) != ZF_OK) return;
    json_object_set(body, "version", json_object_get(doc, "version"));
    json_object_set(body, "document_id", json_object_get(doc, "id"));
    json_object_set(body, "doc_sm3", json_object_get(doc, "sm3"));
    json_decref(doc);
}

static json_t *new_delivery(const AppContext *cx, const json_t *wf, const json_t *consent, const SendJob *j,
                            const char *token_hash, const char *code_hash, const char *now)
{
    char expires[DELIVERY_TIME_LEN], basis[300];
    int hours = store_setting_int(cx->store, "delivery_link_hours", 168);
    if (!delivery_expiry(now, hours, expires)) return NULL;
    snprintf(basis, sizeof basis, "有效期 %d 小时（系统参数“电子送达：送达链接和验证码的有效期”，《行政处罚法》第六十一条）", hours);
    json_t *body = json_pack("{s:s, s:n, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:I}", "kind", j->kind, "version",
                             "code_hash", code_hash, "expires_at", expires, "expiry_basis", basis, "attempts", 0,
                             "sent_by", cx->user->username, "sent_by_name", cx->user->display_name, "sent_at", now,
                             "consent_id", json_integer_value(json_object_get(consent, "id")));
    note_document(cx, j->case_no, j->kind, body);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "case_no", j->case_no, "agency", str(wf, "agency"), "channel",
                     "electronic", "status", "sent", "token_hash", token_hash, "body", body);
}

/* Hands link and code on (delivery_gateway.h) and records how. */
static int hand_over(const AppContext *cx, const json_t *consent, SendJob *j, char *how, size_t cap, ZfError *err)
{
    char url[200];
    bool by_gateway;
    const json_t *cb = json_object_get(consent, "body");
    snprintf(url, sizeof url, "/portal/delivery/%s", j->sent->token);
    DeliveryMessage m = {str(cb, "phone"), str(cb, "email"), url, j->sent->code, cx->user->agency_name,
                         delivery_kind_name(j->kind)};
    if (app_delivery_gateway_send(cx, &m, &by_gateway, how, cap, err) != ZF_OK) return ZF_ERR;
    json_t *body = json_object_get(j->row, "body");
    json_object_set_new(body, "handed_over", json_string(how));
    json_object_set_new(body, "by_gateway", json_boolean(by_gateway));
    return ZF_OK;
}

static int send_in(const AppContext *cx, void *arg, ZfError *err)
{
    SendJob *j = arg;
    json_t *wf = NULL, *consent = NULL;
    char token_hash[65], code_hash[65], now[32], how[300], note[900];
    int rc = wf_case_row(cx->store, cx->user, j->case_no, &wf, err);
    if (rc == ZF_OK) rc = latest_consent(cx, j->case_no, &consent, err);
    if (rc == ZF_OK) rc = check_sendable(cx, wf, j->kind, err);
    if (rc == ZF_OK && new_secrets(j->sent, token_hash, code_hash) != ZF_OK)
        rc = zf_fail(err, 500, "internal_error", NULL, "无法生成送达链接");
    if (rc == ZF_OK) {
        app_utc_now(now);
        j->row = new_delivery(cx, wf, consent, j, token_hash, code_hash, now);
        if (!j->row) rc = zf_fail(err, 500, "internal_error", NULL, "无法计算送达链接有效期");
    }
    if (rc == ZF_OK) rc = hand_over(cx, consent, j, how, sizeof how, err);
    if (rc == ZF_OK) rc = delivery_put(cx->store, j->row, err);
    if (rc == ZF_OK) {
        char until[DELIVERY_CHINA_LEN];
        delivery_time_china(delivery_body_str(j->row, "expires_at"), until);
        snprintf(note, sizeof note, "《%s》电子送达链接已生成，有效期至 %s；%s", delivery_kind_name(j->kind), until, how);
        rc = app_timeline_add(cx->store, j->case_no, cx->user->username, "delivery_sent", str(wf, "stage"),
                              str(wf, "stage"), note, err);
    }
    json_decref(wf);
    json_decref(consent);
    return rc;
}

int app_delivery_send(const AppContext *cx, const char *case_no, const char *kind, DeliverySent *out, ZfError *err)
{
    memset(out, 0, sizeof *out);
    if (!kind || !*kind) kind = "decision";
    if (!delivery_kind_name(kind)) return zf_fail(err, 400, "invalid_field", "kind", "该文书不能电子送达");
    SendJob j = {case_no, kind, out, NULL};
    int rc = in_transaction(cx, send_in, &j, err);
    if (rc == ZF_OK) out->row = delivery_view(j.row);
    else memset(out, 0, sizeof *out);
    json_decref(j.row);
    return rc;
}

/* ---- the list ---------------------------------------------------------------------------- */

int app_delivery_list(const AppContext *cx, const char *case_no, json_t **out, ZfError *err)
{
    json_t *consents, *rows, *c = json_array(), *d = json_array(), *r;
    size_t i;
    if (store_delivery_list(cx->store, DELIVERY_CONSENT, case_no, &consents, err) != ZF_OK)
        return json_decref(c), json_decref(d), ZF_ERR;
    if (store_delivery_list(cx->store, DELIVERY_ROW, case_no, &rows, err) != ZF_OK)
        return json_decref(consents), json_decref(c), json_decref(d), ZF_ERR;
    json_array_foreach(consents, i, r) json_array_append_new(c, delivery_consent_view(r));
    json_array_foreach(rows, i, r) json_array_append_new(d, delivery_view(r));
    json_decref(consents);
    json_decref(rows);
    *out = json_pack("{s:o, s:o}", "consents", c, "deliveries", d);
    return ZF_OK;
}

/* ---- 纸质送达 ----------------------------------------------------------------------------- */

typedef struct {
    const char *case_no, *on;
    long long attachment_id;
    json_t *row;
} PaperJob;

static int paper_in(const AppContext *cx, void *arg, ZfError *err)
{
    PaperJob *j = arg;
    json_t *wf;
    char on[ZF_DATE_LEN], now[32], note[300];
    if (wf_case_row(cx->store, cx->user, j->case_no, &wf, err) != ZF_OK) return ZF_ERR;
    int rc = act_date(cx, j->on, "on", on, err);
    if (rc == ZF_OK) rc = check_attachment(cx, j->case_no, j->attachment_id, err);
    if (rc == ZF_OK) rc = check_sendable(cx, wf, "decision", err);
    if (rc != ZF_OK) return json_decref(wf), ZF_ERR;
    app_utc_now(now);
    j->row = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:I, s:s, s:s, s:s}}", "case_no", j->case_no, "agency",
                       str(wf, "agency"), "channel", "paper", "status", "served_on_paper", "body", "kind", "decision",
                       "served_on", on, "attachment_id", (json_int_t)j->attachment_id, "recorded_by",
                       cx->user->username, "recorded_by_name", cx->user->display_name, "recorded_at", now);
    snprintf(note, sizeof note, "《行政处罚决定书》于 %s 纸质送达，签收的送达回证已扫描上传", on);
    rc = delivery_put(cx->store, j->row, err);
    if (rc == ZF_OK)
        rc = app_timeline_add(cx->store, j->case_no, cx->user->username, "delivery_paper", str(wf, "stage"),
                              str(wf, "stage"), note, err);
    if (rc == ZF_OK) rc = delivery_serve_step(cx, j->case_no, on, "纸质送达（送达回证已签收）", err);
    json_decref(wf);
    return rc;
}

int app_delivery_paper(const AppContext *cx, const char *case_no, const char *on, long long attachment_id, json_t **out,
                       ZfError *err)
{
    PaperJob j = {case_no, on, attachment_id, NULL};
    int rc = in_transaction(cx, paper_in, &j, err);
    int issued; /* as after any step: the documents the case now calls for (docs/documents.md) */
    if (rc == ZF_OK) app_documents_due(cx, case_no, &issued);
    *out = rc == ZF_OK ? delivery_view(j.row) : NULL;
    json_decref(j.row);
    return rc;
}
