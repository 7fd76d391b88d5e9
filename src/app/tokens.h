/* API tokens (docs/hotline.md): made by the system administrator (console or `zhifa token`), shown
 * once, kept as their SHA-256 only, scoped to a region, revocable. Each write is an audit line. */
#ifndef ZF_APP_TOKENS_H
#define ZF_APP_TOKENS_H

#include <jansson.h>

#include "app/context.h"
#include "util/secret.h"

#define TOKEN_NAME_MAX 64

/* A new token for region (6 digits, known to cx->regions when it has them) named name
 * (2–64 of [A-Za-z0-9_.-]); token receives the only copy of the secret. *row as the list shows it. */
int app_token_create(const AppContext *cx, const char *name, const char *region, char token[TOKEN_HEX_LEN + 1],
                     json_t **row, ZfError *err);
/* {"items":[{id,name,region,region_name,created_by,created_at,last_used_at,revoked_at}]} */
int app_tokens_list(const AppContext *cx, json_t **out, ZfError *err);
/* Revokes the token named name (or with that id when name is NULL); 404 when none. */
int app_token_revoke(const AppContext *cx, const char *name, long long id, json_t **row, ZfError *err);

#endif
