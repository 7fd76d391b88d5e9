/* Shared by the SQLite store files only: the connection and the error mapping. */
#ifndef ZF_SQLITE_INTERNAL_H
#define ZF_SQLITE_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>

#include "store/store.h"

struct Store {
    sqlite3 *db;
    sqlite3_stmt *put[REC_TYPE_COUNT];
};

/* Maps the connection's last error to ZfError (503 when busy/locked); returns ZF_ERR. */
int sqlite_fail(Store *st, ZfError *err, const char *what);
/* Binds text, or NULL when v is NULL. */
void sqlite_bind_opt(sqlite3_stmt *q, int idx, const char *v);
/* Column text copied into out (cap bytes), "" when NULL. */
void sqlite_col_copy(sqlite3_stmt *q, int col, char *out, size_t cap);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC), the stored form of every timestamp. */
void sqlite_utc_now(char out[32]);
/* Logs in the ledger the timeline and workflow rows written before migration 018 (at open). */
/* Prepares sql on the store's connection; ZF_ERR through sqlite_fail (naming the statement). */
int sqlite_prepare(Store *st, const char *sql, sqlite3_stmt **q, ZfError *err);
/* Column text as a JSON string, or JSON null. */
json_t *sqlite_json_text(sqlite3_stmt *q, int col);

/* A power (`p`, its body) is within a scope (?1 = agency, ?2 = region prefix, NULL = no limit)
 * when one of its holding agencies is. */
#define POWER_SCOPE                                                                                     \
    "EXISTS (SELECT 1 FROM json_each(p.body, '$.agencies') j JOIN agencies a ON a.code = j.value"    \
    " WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR substr(a.region, 1, length(?2)) = ?2))"

/* Runs a prepared list query whose columns are (body, total[, agency_name]) into
 * {"items","total","page","size"}; finalizes q. */
int sqlite_list_bodies(Store *st, sqlite3_stmt *q, int page, int size, const char *what, json_t **out, ZfError *err);

#endif
