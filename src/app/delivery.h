/* 电子送达 and 纸质送达 of a case's documents (行政处罚法 第六十一条, docs/documents.md).
 * The officer records the party's 确认书 (consent to electronic delivery, the phone/e-mail given),
 * sends a delivery — a link with a 256-bit random token and a 6-digit one-time code, both stored
 * only hashed — and hands both to the party (app/delivery_gateway.h: by hand until a gateway is
 * configured). The party opens the link on the portal (no login), enters the code (a limited
 * number of tries, an expiry from the setting delivery_link_hours) and confirms receipt: in one
 * transaction the delivery is confirmed and the case's 送达 step is taken through the workflow (its
 * gates apply); the 送达回证 is issued right after (app_document_issue_case renders outside a
 * transaction), its outcome written on the delivery. Without consent: paper delivery,
 * the signed 送达回证 scanned as a case attachment. Every row is logged (app/logged_row.c). */
#ifndef ZF_APP_DELIVERY_H
#define ZF_APP_DELIVERY_H

#include <jansson.h>

#include "app/context.h"
#include "util/secret.h"

typedef struct {
    const char *phone, *email; /* at least one */
    const char *signed_on;     /* the 确认书's date, not after today */
    long long attachment_id;   /* the scanned 确认书 among the case's attachments; 0 = none */
} DeliveryConsentInput;

/* Records the 确认书 on the user's agency's online case: 201 row; 400 fields, 404 not the user's. */
int app_delivery_consent(const AppContext *cx, const char *case_no, const DeliveryConsentInput *in, json_t **out,
                         ZfError *err);

typedef struct {
    char token[TOKEN_HEX_LEN + 1]; /* the link's token: shown once, never stored */
    char code[7];                  /* the one-time code: shown once, never stored */
    json_t *row;                   /* the delivery as the list shows it (owned) */
} DeliverySent;

/* Sends the case's document of `kind` (domain/delivery.h kinds; "decision" needs the case at 送达):
 * 409 citing 行政处罚法 61 when no 确认书 is recorded. */
int app_delivery_send(const AppContext *cx, const char *case_no, const char *kind, DeliverySent *out, ZfError *err);

/* {consents, deliveries} of a case, names in Chinese, no digests. The caller checked the scope. */
int app_delivery_list(const AppContext *cx, const char *case_no, json_t **out, ZfError *err);

/* 纸质送达: the decision served on paper on `on` with the signed 送达回证 scanned as attachment_id;
 * the 送达 step taken through the workflow in the same transaction. */
int app_delivery_paper(const AppContext *cx, const char *case_no, const char *on, long long attachment_id, json_t **out,
                       ZfError *err);

/* ---- the portal (cx->user NULL; addr: the client's address, for the rate limit) ---------- */

/* What the link shows before the code: status, the agency, the document's name, the expiry and
 * the tries left; the first view marks the delivery opened. 404 unknown (counted per address),
 * 410 expired. */
int app_delivery_portal_view(const AppContext *cx, const char *token, const char *addr, long long now, json_t **out,
                             ZfError *err);
/* The document's content once the code is right; 422 wrong code (a try used), 409 locked, 410 expired. */
int app_delivery_portal_open(const AppContext *cx, const char *token, const char *code, const char *addr,
                             long long now, json_t **out, ZfError *err);
/* The party confirms receipt with the code: see the header comment. ip: the confirming address. */
int app_delivery_portal_confirm(const AppContext *cx, const char *token, const char *code, const char *addr,
                                long long now, json_t **out, ZfError *err);

/* The delivered document's PDF (the version recorded when sending), after the same code check as
 * open: *pdf malloc'd; 404 when no PDF was issued for it. */
int app_delivery_portal_pdf(const AppContext *cx, const char *token, const char *code, const char *addr, long long now,
                            unsigned char **pdf, size_t *len, ZfError *err);

#endif
