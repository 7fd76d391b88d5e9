/* The party confirms receipt of a delivery (delivery.h). Inside the portal's transaction: the
 * delivery confirmed with the time and address and, for a decision, the case's 送达 step through
 * the workflow, taken for the officer who sent it (the workflow's gates apply, on today's date).
 * After it commits: the 送达回证, rendered by the documents part outside any write lock, and its
 * outcome written on the delivery. The confirmation is the party's act and stands whatever
 * follows: a refused step or a receipt that cannot be issued is recorded on the delivery and the
 * timeline for the officer to finish, and nothing of the refused part is written. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/case_log.h"
#include "app/delivery_rows.h"
#include "app/documents.h"
#include "app/recon_delivery.h"
#include "domain/delivery.h"
#include "store/identity.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void set_body(json_t *row, const char *key, json_t *v) { json_object_set_new(json_object_get(row, "body"), key, v); }

/* The 送达 step as the sending officer (the act is his agency's; the party has no account). */
static int serve(const AppContext *cx, json_t *row, const char *confirmed_at, ZfError *err)
{
    AuthUser sender;
    char on[ZF_DATE_LEN], note[300], when[DELIVERY_CHINA_LEN];
    if (store_user_by_name(cx->store, delivery_body_str(row, "sent_by"), &sender, NULL, err) != ZF_OK) return ZF_ERR;
    AppContext as_sender = *cx;
    as_sender.user = &sender;
    date_format(cx->today, on);
    delivery_time_china(confirmed_at, when);
    snprintf(note, sizeof note, "电子送达：当事人于 %s 确认收到行政处罚决定书", when);
    return delivery_serve_step(&as_sender, str(row, "case_no"), on, note, err);
}

int delivery_confirm_in(const AppContext *cx, json_t *row, const char *addr, long long now, ZfError *err)
{
    char t[DELIVERY_TIME_LEN], note[900], when[DELIVERY_CHINA_LEN];
    time_t tt = (time_t)now;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(row, "status", json_string("confirmed"));
    set_body(row, "confirmed_at", json_string(t));
    set_body(row, "confirm_ip", json_string(addr));
    if (!json_object_get(json_object_get(row, "body"), "opened_at")) set_body(row, "opened_at", json_string(t));
    delivery_time_china(t, when);
    snprintf(note, sizeof note, "当事人于 %s 确认收到《%s》（网络地址 %s）", when, delivery_kind_text(row), addr);
    if (delivery_timeline_add(cx, row, "当事人", "delivery_confirmed", note, err) != ZF_OK) return ZF_ERR;
    long long recon_id;
    if (recon_delivery_of(row, &recon_id)) { /* served on the day received (民事诉讼法 第九十条) */
        char on[ZF_DATE_LEN];
        date_format(cx->today, on);
        set_body(row, "served_on", json_string(on));
    }
    if (delivery_kind_serves_decision(delivery_body_str(row, "kind"))) {
        ZfError serve_err;
        bool served = serve(cx, row, t, &serve_err) == ZF_OK;
        set_body(row, "served", json_boolean(served));
        if (!served) {
            set_body(row, "serve_error", json_string(serve_err.message));
            snprintf(note, sizeof note, "送达环节未能自动办理：%s，请执法人员处理", serve_err.message);
            if (app_timeline_add(cx->store, str(row, "case_no"), "系统", "delivery_confirmed", NULL, NULL, note, err) !=
                ZF_OK)
                return ZF_ERR;
        }
    }
    return delivery_put(cx->store, row, err);
}

/* The 送达回证 through the documents part (app/documents.h): the documents the case now calls for
 * are issued as after any step (served_on makes the 送达回证 due), then the latest 送达回证 is the
 * one; when none came of it, asking for it explicitly gives the reason. */
static int issue(const AppContext *cx, const char *case_no, DocumentInfo *doc, ZfError *err)
{
    json_t *row;
    int issued;
    app_documents_due(cx, case_no, &issued);
    if (app_document_latest(cx, case_no, "delivery_receipt", &row, err) != ZF_OK)
        return app_document_issue_case(cx, case_no, "delivery_receipt", NULL, doc, err);
    doc->id = json_integer_value(json_object_get(row, "id"));
    doc->version = (int)json_integer_value(json_object_get(row, "version"));
    snprintf(doc->kind, sizeof doc->kind, "delivery_receipt");
    snprintf(doc->digest, sizeof doc->digest, "%s", str(row, "sm3") ? str(row, "sm3") : "");
    snprintf(doc->doc_no, sizeof doc->doc_no, "%s", str(row, "doc_no") ? str(row, "doc_no") : "");
    json_decref(row);
    return ZF_OK;
}

/* The outcome on the delivery (and, when refused, on the timeline), in a short transaction. */
static int record_receipt(const AppContext *cx, long long id, bool issued, const DocumentInfo *doc,
                          const ZfError *doc_err, ZfError *err)
{
    json_t *row;
    char note[700];
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_delivery_get(cx->store, DELIVERY_ROW, id, &row, err);
    if (rc == ZF_OK) {
        if (issued)
            set_body(row, "receipt", json_pack("{s:I, s:i, s:s, s:s}", "document_id", (json_int_t)doc->id, "version",
                                               doc->version, "digest", doc->digest, "doc_no", doc->doc_no));
        else set_body(row, "receipt_error", json_string(doc_err->message));
        snprintf(note, sizeof note, "送达回证未生成：%s", issued ? "" : doc_err->message);
        rc = delivery_put(cx->store, row, err);
        if (rc == ZF_OK && !issued)
            rc = app_timeline_add(cx->store, str(row, "case_no"), "系统", "delivery_confirmed", NULL, NULL, note, err);
        json_decref(row);
    }
    if (rc == ZF_OK) return store_commit(cx->store, err);
    store_rollback(cx->store);
    return ZF_ERR;
}

int delivery_receipt_after(const AppContext *cx, long long id, const char *case_no, ZfError *err)
{
    DocumentInfo doc;
    ZfError doc_err;
    memset(&doc, 0, sizeof doc);
    bool issued = issue(cx, case_no, &doc, &doc_err) == ZF_OK;
    return record_receipt(cx, id, issued, &doc, &doc_err, err);
}
