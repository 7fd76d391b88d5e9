/* The party confirms receipt of a delivery (delivery.h), inside the portal's transaction: the
 * delivery confirmed with the time and address; for a decision, the case's 送达 step through the
 * workflow, taken for the officer who sent it (the workflow's gates apply, on today's date); the
 * 送达回证 issued (app_document_issue). The confirmation is the party's act and stands whatever
 * follows: a refused step or a receipt that cannot be issued is recorded on the delivery and the
 * timeline, for the officer to finish, and nothing of it is written. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/case_log.h"
#include "app/delivery_rows.h"
#include "app/documents.h"
#include "domain/delivery.h"
#include "store/identity.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void set_body(json_t *row, const char *key, json_t *v) { json_object_set_new(json_object_get(row, "body"), key, v); }

/* The 送达 step as the sending officer (the act is his agency's; the party has no account). */
static int serve(const AppContext *cx, json_t *row, const char *confirmed_at, ZfError *err)
{
    AuthUser sender;
    char on[ZF_DATE_LEN], note[300];
    if (store_user_by_name(cx->store, delivery_body_str(row, "sent_by"), &sender, NULL, err) != ZF_OK) return ZF_ERR;
    AppContext as_sender = *cx;
    as_sender.user = &sender;
    date_format(cx->today, on);
    char when[DELIVERY_CHINA_LEN];
    delivery_time_china(confirmed_at, when);
    snprintf(note, sizeof note, "电子送达：当事人于 %s 确认收到行政处罚决定书", when);
    return delivery_serve_step(&as_sender, str(row, "case_no"), on, note, err);
}

/* The 送达回证 through the documents part's seam, under a savepoint: its failure is recorded. The
 * contract (docs/documents.md) names the case by an integer case_id, but a case's key is its
 * case_no (cases has no integer id): the documents part settles the mapping; 0 until it does. */
static int issue_receipt(const AppContext *cx, DocumentInfo *info, ZfError *err)
{
    memset(info, 0, sizeof *info);
    if (store_savepoint(cx->store, "delivery_receipt", err) != ZF_OK) return ZF_ERR;
    if (app_document_issue(cx, 0, "delivery_receipt", NULL, info, err) == ZF_OK)
        return store_release(cx->store, "delivery_receipt", err);
    store_rollback_to(cx->store, "delivery_receipt");
    return ZF_ERR;
}

/* What followed the confirmation, on the row and in the timeline's note. */
static void record_outcome(json_t *row, bool served, const ZfError *serve_err, bool issued, const DocumentInfo *doc,
                           const ZfError *doc_err, char *note, size_t cap)
{
    size_t n = strlen(note);
    if (delivery_kind_serves_decision(delivery_body_str(row, "kind"))) {
        set_body(row, "served", json_boolean(served));
        if (!served) set_body(row, "serve_error", json_string(serve_err->message));
        n += (size_t)snprintf(note + n, cap - n, served ? "；送达环节已办理" : "；送达环节未能自动办理：%s，请执法人员处理",
                              served ? "" : serve_err->message);
    }
    if (n >= cap) return;
    if (issued) {
        set_body(row, "receipt", json_pack("{s:I, s:i, s:s, s:s}", "document_id", (json_int_t)doc->id, "version",
                                           doc->version, "digest", doc->digest, "doc_no", doc->doc_no));
        snprintf(note + n, cap - n, "；送达回证已生成（%s）", doc->doc_no);
    } else {
        set_body(row, "receipt_error", json_string(doc_err->message));
        snprintf(note + n, cap - n, "；送达回证未生成：%s", doc_err->message);
    }
}

int delivery_confirm_in(const AppContext *cx, json_t *row, const char *addr, long long now, ZfError *err)
{
    char t[DELIVERY_TIME_LEN], note[900];
    time_t tt = (time_t)now;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(row, "status", json_string("confirmed"));
    set_body(row, "confirmed_at", json_string(t));
    set_body(row, "confirm_ip", json_string(addr));
    if (!json_object_get(json_object_get(row, "body"), "opened_at")) set_body(row, "opened_at", json_string(t));
    char when[DELIVERY_CHINA_LEN];
    delivery_time_china(t, when);
    snprintf(note, sizeof note, "当事人于 %s 确认收到《%s》（网络地址 %s）", when,
             delivery_kind_name(delivery_body_str(row, "kind")), addr);
    if (delivery_put(cx->store, row, err) != ZF_OK ||
        app_timeline_add(cx->store, str(row, "case_no"), "当事人", "delivery_confirmed", NULL, NULL, note, err) != ZF_OK)
        return ZF_ERR;
    ZfError serve_err = {0}, doc_err = {0};
    DocumentInfo doc;
    bool serves = delivery_kind_serves_decision(delivery_body_str(row, "kind"));
    bool served = serves && serve(cx, row, t, &serve_err) == ZF_OK;
    bool issued = issue_receipt(cx, &doc, &doc_err) == ZF_OK;
    note[0] = '\0';
    snprintf(note, sizeof note, "确认收到后");
    record_outcome(row, served, &serve_err, issued, &doc, &doc_err, note, sizeof note);
    if (delivery_put(cx->store, row, err) != ZF_OK) return ZF_ERR;
    if (serves && served && issued) return ZF_OK;
    return app_timeline_add(cx->store, str(row, "case_no"), "系统", "delivery_confirmed", NULL, NULL, note, err);
}
