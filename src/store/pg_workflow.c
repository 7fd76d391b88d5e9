/* PostgreSQL side of store/workflow.h, as far as ported. A PostgreSQL database starts at the
 * schema of SQLite migration 060, so it never holds rows written before migration 018: nothing
 * to backfill into the ledger. */
#include "store/pg_internal.h"
#include "store/pg_ops.h"

bool pg_store_workflow_backfill_pending(Store *st, const char *table)
{
    (void)st;
    (void)table;
    return false;
}

int pg_store_workflow_backfill_done(Store *st, ZfError *err)
{
    (void)st;
    (void)err;
    return ZF_OK;
}
