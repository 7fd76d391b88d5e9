/* 电子送达 (行政处罚法 第六十一条, docs/documents.md), the pure part: the consent's address, the
 * one-time code's form and digest, the link's expiry, what an attempt at the code does to the
 * delivery, and the names people read. Pure: no I/O, no clock, no randomness — callers pass the
 * random hex, the digest function's result and the time. */
#ifndef ZF_DOMAIN_DELIVERY_H
#define ZF_DOMAIN_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define DELIVERY_CODE_DIGITS 6
#define DELIVERY_CODE_HEX 10   /* the random hex digits a code is made from (40 bits) */
#define DELIVERY_EMAIL_MAX 254
#define DELIVERY_TIME_LEN 21   /* YYYY-MM-DDTHH:MM:SSZ */

/* The 确认书's address: a mobile or landline phone and/or an e-mail address; at least one.
 * 400 with the field otherwise. */
int delivery_address_check(const char *phone, const char *email, ZfError *err);

/* Six decimal digits from 10 hex digits (40 random bits; the modulo bias is below 1e-6). */
void delivery_code_from_hex(const char *hex, char out[DELIVERY_CODE_DIGITS + 1]);
/* Exactly six ASCII digits. */
bool delivery_code_well_formed(const char *code);
/* What is hashed for the stored code: the link token and the code together, so the stored digest
 * cannot be reversed by trying the million codes without the token (which is kept only hashed). */
void delivery_code_material(const char *token, const char *code, char *out, size_t cap);

/* The expiry of a link sent at sent_at (UTC, YYYY-MM-DDTHH:MM:SSZ) good for `hours`; false when
 * sent_at is not such a time. */
bool delivery_expiry(const char *sent_at, int hours, char out[DELIVERY_TIME_LEN]);

/* A stored UTC time as people in China read it: "YYYY-MM-DD HH:MM" in Beijing time (UTC+8, as
 * the server's today is). The input copied when it is not a stored time. */
#define DELIVERY_CHINA_LEN 17
void delivery_time_china(const char *utc, char out[DELIVERY_CHINA_LEN]);

typedef enum {
    DV_OK,        /* the link may be used */
    DV_EXPIRED,   /* now is at or past expires_at */
    DV_LOCKED,    /* too many wrong codes */
    DV_CONFIRMED, /* already confirmed: may be viewed, not confirmed again */
} DeliveryUse;

/* Whether a link in `status` (deliveries.status) expiring at expires_at may be used at now (both
 * UTC, same form). A confirmed delivery stays viewable after its expiry. */
DeliveryUse delivery_use(const char *status, const char *expires_at, const char *now);

/* The attempt count after a wrong code, and whether the link is now locked (at max_attempts). */
bool delivery_wrong_code(int *attempts, int max_attempts);

/* Names people read. NULL for an unknown code. */
const char *delivery_status_name(const char *status);
/* The documents that may be sent by 电子送达 and their names (docs/documents.md kinds); NULL for others. */
const char *delivery_kind_name(const char *kind);
/* Whether confirming a delivery of kind is the case's 送达 (the decision's service, workflow WA_SERVE). */
bool delivery_kind_serves_decision(const char *kind);

#endif
