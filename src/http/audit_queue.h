/* Group commit of the audit log (docs/scale.md): concurrent requests' audit rows are written
 * together, in one transaction, by whichever of them finds no write under way (the leader); the
 * others wait until the transaction holding their row has committed. A request replies only after
 * its row is committed, as before: what changes is that one commit carries many rows. */
#ifndef ZF_AUDIT_QUEUE_H
#define ZF_AUDIT_QUEUE_H

#include "store/identity.h"

/* As store_audit_append (ZF_OK when the row is committed). Inside a transaction of st's own the
 * row is written there, in that transaction, as before. */
int audit_queue_append(Store *st, const AuditEntry *e);

#endif
