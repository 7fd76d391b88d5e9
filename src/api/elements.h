/* Shared by the element handlers (agencies, officers, powers, benchmarks): reading one record,
 * checking it against the request's data scope, and the one write path — the body as an
 * exchange-v1 record, validated by exchange_validate exactly as `zhifa import` validates it. */
#ifndef ZF_API_ELEMENTS_H
#define ZF_API_ELEMENTS_H

#include <stdbool.h>

#include "http/request.h"

/* The stored record of type/key, or NULL when absent (or unreadable). */
json_t *element_load(HttpRequest *req, RecordType type, const char *key);
/* May the request's user see (and, with elements.write, edit) this agency's records? */
bool element_agency_visible(HttpRequest *req, const char *agency);
/* The agency's name, or NULL (a new reference). */
json_t *element_agency_name(HttpRequest *req, const char *agency);
/* Is the power record (JSON) held by an agency the user may see? */
bool element_power_visible(HttpRequest *req, json_t *power);

/* The {key_name} path parameter, ≤ 128 bytes; replies 404 itself and returns NULL otherwise. */
const char *element_key_param(HttpRequest *req, const char *key_name, const char *what);
/* The body as a record of `type` keyed by `key` (the path): type added when absent, key added
 * when absent and refused when different. Replies 400 itself and returns NULL on bad input. */
json_t *element_body(HttpRequest *req, RecordType type, const char *key_name, const char *key);
/* exchange_validate: ZF_OK, or a 400 with the field already replied and rec released. */
int element_check(HttpRequest *req, json_t *rec);
/* Is the new version of the record (as the body would leave it) in the user's scope? */
typedef bool (*ElementInScope)(HttpRequest *req, json_t *rec);
/* The PUT of a record built by element_body, checked in the order that tells an outsider nothing:
 * the body first (400), then where it would put the record (404 naming out_field), and only then
 * what is stored under the key — held outside the scope: 409, audited. Stores and replies as
 * element_save. Consumes rec. */
int element_put(HttpRequest *req, json_t *rec, ElementInScope in_scope, const char *out_field, const char *out_msg);
/* Validates (400 with field on refusal), stores, marks findings dirty, replies 200 with the
 * record (201 when it is new). Consumes rec. */
int element_save(HttpRequest *req, json_t *rec, bool created);

#endif
