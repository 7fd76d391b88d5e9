/* 群众投诉 on the portal (docs/leads.md "The public's complaints"), the pure part: what a complaint
 * may say, the proof-of-work check and the tracking code's form. Pure: no I/O, no clock, no
 * randomness — callers pass the random hex and the digest. */
#ifndef ZF_DOMAIN_COMPLAINT_H
#define ZF_DOMAIN_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define COMPLAINT_CONTENT_MAX 2000 /* characters */
#define COMPLAINT_PLACE_MAX 200
#define COMPLAINT_NAME_MAX 50
#define COMPLAINT_POW_BITS_MAX 20
#define COMPLAINT_NONCE_MAX 64
/* 16 Crockford base32 digits (80 bits) in four groups of four: "7K3M-Q9XD-2HTW-A4RB". */
#define TRACKING_CODE_DIGITS 16
#define TRACKING_CODE_LEN 19
#define TRACKING_CODE_HEX 20 /* the random hex digits one is made from */

typedef struct {
    const char *content, *agency, *place, *name, *phone; /* NULL = not given */
} ComplaintFields;

/* 400 with the field: content missing or over 2,000 characters, place over 200, name over 50,
 * a phone that is neither a mobile number (1[3-9] and 9 digits) nor a landline (0 + area code,
 * optional '-', 7–8 digits), an agency that is not an 18-character code. */
int complaint_check(const ComplaintFields *f, ZfError *err);

/* The nonce a browser may send: 1–64 characters of [0-9A-Za-z]. */
bool complaint_nonce_valid(const char *nonce);
/* How many leading zero bits the digest written in hex has (hex digits only; stops at the first non-zero). */
int complaint_hex_zero_bits(const char *hex);

/* The code made of 20 hex digits (80 bits) as Crockford base32, grouped; out holds TRACKING_CODE_LEN + 1. */
void tracking_code_from_hex(const char *hex, char out[TRACKING_CODE_LEN + 1]);
/* A code as a person typed it (any case, spaces or dashes anywhere, O for 0, I and L for 1) in its
 * canonical form; false when it cannot be one. */
bool tracking_code_normalize(const char *in, char out[TRACKING_CODE_LEN + 1]);

#endif
