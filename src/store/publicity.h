/* 公示 bookkeeping of decisions handled online: when each was published and when and why it was
 * withdrawn. The published_on date itself also lives in the case record (exchange-v1), written
 * through the import path; the withdrawal has no exchange-v1 field and lives only here. */
#ifndef ZF_STORE_PUBLICITY_H
#define ZF_STORE_PUBLICITY_H

#include <jansson.h>

#include "store/store.h"

/* Records the publication (dates YYYY-MM-DD); 409 when the case was published before. */
int store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                            const char *user, ZfError *err);
/* Records the withdrawal with its reason; 409 when not published or already withdrawn. */
int store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                             const char *reason, ZfError *err);
/* The agency's online penalty decisions with publicity work left: ordinary-procedure decisions not
 * yet published nor revoked, and published ones revoked but not withdrawn; oldest decision first:
 * [{"row": workflow row, "record": case record}]. */
int store_publicity_pending(Store *st, const char *agency, json_t **items, ZfError *err);

#endif
