/* See recon_delivery.h. */
#include "app/recon_delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/delivery_rows.h"
#include "app/logged_row.h"
#include "app/orders_view.h"
#include "app/recon_documents.h"
#include "app/reconsideration_log.h"
#include "domain/delivery.h"
#include "store/reconsiderations.h"
#include "store/settings.h"
#include "util/secret.h"

#define PREFIX "reconsideration:"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

bool recon_delivery_of(const json_t *row, long long *id)
{
    const char *c = str(row, "case_no");
    if (!c || strncmp(c, PREFIX, strlen(PREFIX)) != 0) return false;
    *id = atoll(c + strlen(PREFIX));
    return *id > 0;
}

static bool delivered(const json_t *rows, long long document_id)
{
    json_t *d;
    size_t i;
    json_array_foreach((json_t *)rows, i, d)
        if (json_integer_value(json_object_get(json_object_get(d, "body"), "document_id")) == document_id) return true;
    return false;
}

/* One delivery of doc: the row (token and code hashed) and {kind_name, url, code} for the officer. */
static int deliver(const AppContext *cx, const json_t *recon, const json_t *doc, const char *subject, json_t *sent,
                   ZfError *err)
{
    char token[TOKEN_HEX_LEN + 1], hex[TOKEN_HEX_LEN + 1], code[DELIVERY_CODE_DIGITS + 1], material[200];
    char token_hash[65], code_hash[65], now[32], expires[DELIVERY_TIME_LEN], url[200];
    if (random_token(token) != 0 || random_token(hex) != 0) return zf_fail(err, 500, "internal_error", NULL, "无法生成送达链接");
    delivery_code_from_hex(hex, code);
    sha256_hex(token, token_hash);
    delivery_code_material(token, code, material, sizeof material);
    sha256_hex(material, code_hash);
    app_utc_now(now);
    int hours = store_setting_int(cx->store, "delivery_link_hours", 168);
    if (!delivery_expiry(now, hours, expires)) return zf_fail(err, 500, "internal_error", NULL, "无法计算送达链接有效期");
    const char *by = cx->user ? cx->user->username : "system";
    json_t *body = json_pack("{s:s, s:s, s:O, s:O, s:O, s:s, s:s, s:i, s:s, s:s, s:s}", "kind", str(doc, "kind"),
                             "kind_name", str(doc, "kind_name") ? str(doc, "kind_name") : "行政复议文书", "version",
                             json_object_get(doc, "version"), "document_id", json_object_get(doc, "id"), "doc_sm3",
                             json_object_get(doc, "sm3"), "code_hash", code_hash, "expires_at", expires, "attempts", 0,
                             "sent_by", by, "sent_at", now, "doc_no", str(doc, "doc_no") ? str(doc, "doc_no") : "");
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "case_no", subject, "agency", str(recon, "respondent"),
                            "channel", "electronic", "status", "sent", "token_hash", token_hash, "body", body);
    json_t *issuer = order_issuer(cx, str(recon, "region") ? str(recon, "region") : "");
    json_object_set_new(body, "agency_name", json_is_string(issuer) ? issuer : json_string("行政复议机构"));
    if (!json_is_string(issuer)) json_decref(issuer);
    const char *party = str(json_object_get(json_object_get(recon, "body"), "applicant"), "name");
    json_object_set_new(body, "party_name", json_string(party ? party : ""));
    int rc = delivery_put(cx->store, row, err);
    json_decref(row);
    snprintf(url, sizeof url, "/portal/delivery/%s", token);
    if (rc == ZF_OK)
        json_array_append_new(sent, json_pack("{s:s, s:s, s:s}", "kind_name", str(doc, "kind_name") ? str(doc, "kind_name") : "",
                                              "url", url, "code", code));
    return rc;
}

static int deliver_all(const AppContext *cx, long long id, const json_t *recon, json_t *sent, ZfError *err)
{
    json_t *docs, *rows, *d;
    size_t i;
    char subject[48], note[400];
    snprintf(subject, sizeof subject, PREFIX "%lld", id);
    if (app_recon_documents_public(cx, id, &docs, err) != ZF_OK) return ZF_ERR;
    if (store_delivery_list(cx->store, DELIVERY_ROW, subject, &rows, err) != ZF_OK) return json_decref(docs), ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(docs, i, d) {
        if (rc != ZF_OK || delivered(rows, json_integer_value(json_object_get(d, "id")))) continue;
        rc = deliver(cx, recon, d, subject, sent, err);
        snprintf(note, sizeof note, "《%s》电子送达链接已生成（申请人同意电子送达），由经办人交申请人",
                 str(d, "kind_name") ? str(d, "kind_name") : "");
        if (rc == ZF_OK) rc = recon_delivery_timeline(cx, id, "delivery_sent", note, err);
    }
    json_decref(docs);
    json_decref(rows);
    return rc;
}

int app_recon_deliveries_due(const AppContext *cx, long long id, json_t **sent, ZfError *err)
{
    json_t *recon;
    *sent = json_array();
    if (store_recon_get(cx->store, id, &recon, err) != ZF_OK) return ZF_ERR;
    if (!json_is_true(json_object_get(json_object_get(recon, "body"), "service_consent"))) return json_decref(recon), ZF_OK;
    int rc = store_begin(cx->store, err);
    if (rc == ZF_OK) rc = deliver_all(cx, id, recon, *sent, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    json_decref(recon);
    if (rc != ZF_OK) json_array_clear(*sent);
    return rc;
}

int recon_delivery_timeline(const AppContext *cx, long long id, const char *action, const char *note, ZfError *err)
{
    char on[ZF_DATE_LEN];
    date_format(cx->today, on);
    ReconTimelineRow t = {id, NULL, on, cx->user ? cx->user->username : "申请人", action, NULL, NULL, note};
    return app_recon_timeline_add(cx->store, &t, err);
}

const char *recon_decision_served_on(const AppContext *cx, long long id, char *out)
{
    json_t *rows, *d;
    size_t i;
    char subject[48];
    ZfError err;
    snprintf(subject, sizeof subject, PREFIX "%lld", id);
    if (store_delivery_list(cx->store, DELIVERY_ROW, subject, &rows, &err) != ZF_OK) return NULL;
    const char *found = NULL;
    json_array_foreach(rows, i, d) {
        const char *kind = delivery_body_str(d, "kind"), *on = delivery_body_str(d, "served_on");
        if (kind && strcmp(kind, "recon_decision") == 0 && on) found = on;
    }
    if (found) snprintf(out, ZF_DATE_LEN, "%s", found);
    json_decref(rows);
    return found ? out : NULL;
}
