/* SQLite side of store/sync.h's order links (docs/sync.md "Orders across levels"). */
#include <stdlib.h>

#include "store/sqlite_internal.h"
#include "store/sync.h"

int sqlite_store_sync_order_link_put(Store *st, const json_t *link, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "INSERT OR REPLACE INTO sync_order_links(local_id, upper_id, sent_received, sent_round)"
                           " VALUES (?1, ?2, ?3, ?4)", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, json_integer_value(json_object_get(link, "local_id")));
    sqlite3_bind_int64(q, 2, json_integer_value(json_object_get(link, "upper_id")));
    sqlite3_bind_int64(q, 3, json_integer_value(json_object_get(link, "sent_received")));
    sqlite3_bind_int64(q, 4, json_integer_value(json_object_get(link, "sent_round")));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "sync_order_links");
}

int sqlite_store_sync_order_links(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object('local_id', local_id, 'upper_id', upper_id, 'sent_received', sent_received,"
                           " 'sent_round', sent_round) FROM sync_order_links ORDER BY local_id", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "sync_order_links", items, err);
}
