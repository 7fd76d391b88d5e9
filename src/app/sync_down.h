/* Downward sync, inside app: what the kinds of published items share (app/sync_down.c applies
 * each item by its kind; the rule configuration's apply lives in app/sync_down_rules.c). */
#ifndef ZF_APP_SYNC_DOWN_H
#define ZF_APP_SYNC_DOWN_H

#include <stddef.h>

#include "store/store.h"

/* SHA-256 of data as 64 hex digits: the version of a published item. */
void sync_down_sha256_hex(const char *data, size_t len, char out[65]);
/* Applies a published rule configuration inside the caller's transaction (its body
 * {"overrides":[…],"from":NAME}); *change "changed" or "unchanged". A 4xx error = a bad item. */
int sync_down_apply_rule_config(Store *st, const char *body, const char **change, ZfError *err);
/* Applies a published code table (key "regions": code<TAB>name lines over regions.tsv) inside the
 * caller's transaction; *change "changed" or "unchanged". A 4xx error = a bad item. */
int sync_down_apply_code_table(Store *st, const char *key, const char *body, const char **change, ZfError *err);

#endif
