/* What lets several `zhifa serve` processes share one database (docs/scale.md): job leases, the
 * generation number that keeps cached sessions honest, and audit rows written in groups. */
#ifndef ZF_STORE_WEB_TIER_H
#define ZF_STORE_WEB_TIER_H

#include <stdbool.h>
#include <stddef.h>

#include "store/identity.h"
#include "store/store.h"

/* Takes or renews the lease of a background job for holder until now + ttl seconds (one statement,
 * so two processes cannot both win): *held is true when holder holds it afterwards — it held it
 * already, or the lease was free or had expired. */
int store_job_lease(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                    ZfError *err);
/* Gives the lease up at once (on shutdown), if holder still holds it. */
int store_job_release(Store *st, const char *job, const char *holder, ZfError *err);

/* The number every change that could end or narrow a login moves (migration 080). */
int store_auth_generation(Store *st, long long *gen, ZfError *err);

/* True when st is inside a transaction of its own (a write there must not go to another one). */
bool store_in_transaction(Store *st);
/* Appends n audit rows in one transaction (all or none), for the group commit (http/audit_queue.c). */
int store_audit_append_many(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err);

#endif
