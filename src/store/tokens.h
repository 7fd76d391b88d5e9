/* API tokens (migration 032): a system calls zhifa with a bearer token scoped to a region. Only the
 * SHA-256 of a token is stored; the token itself is shown once, when it is made. */
#ifndef ZF_STORE_TOKENS_H
#define ZF_STORE_TOKENS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

typedef struct {
    long long id;
    char name[65];
    char region[7];
    bool revoked;
} ApiToken;

/* A new token row; 409 token_name_taken when the name is in use (revoked ones too). */
int store_token_create(Store *st, const char *name, const char *region, const char *token_hash,
                       const char *created_by, long long *id, ZfError *err);
/* The token whose hash this is (revoked ones too: the caller refuses them); 404 when none. */
int store_token_by_hash(Store *st, const char *token_hash, ApiToken *out, ZfError *err);
/* The token of that name, or of that id when name is NULL; 404 when none. */
int store_token_find(Store *st, const char *name, long long id, ApiToken *out, ZfError *err);
/* Marks a use (last_used_at = now, UTC). */
int store_token_touch(Store *st, long long id, ZfError *err);
/* Revokes it (once: revoked_at keeps the first time); 404 when none. */
int store_token_revoke(Store *st, long long id, ZfError *err);
/* Every token, newest first: [{id,name,region,created_by,created_at,last_used_at,revoked_at}] — never a hash. */
int store_tokens_list(Store *st, json_t **items, ZfError *err);

#endif
