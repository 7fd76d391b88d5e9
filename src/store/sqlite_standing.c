/* SQLite side of store/standing.h: one indexed lookup by primary key per record. */
#include "store/standing.h"

#include "store/sqlite_internal.h"

/* ?1 = scope agency, ?2 = scope region prefix, ?3 = key, ?4 = the new body. Columns: in scope,
 * online case whose stored record differs from ?4. The owner's region comes from the agencies
 * table; an owner no agency row names is in no region's scope (as for reads). */
#define OWNER_IN_SCOPE(owner) \
    "(?1 IS NULL OR " owner " = ?1) AND (?2 IS NULL OR substr(coalesce(a.region, ''), 1, length(?2)) = ?2)"
#define NO_LIMIT "(?1 IS NULL AND ?2 IS NULL)"

static const char *const standing_sql[REC_TYPE_COUNT] = {
    [REC_AGENCY] = "SELECT " OWNER_IN_SCOPE("a.code") ", 0 FROM agencies a WHERE a.code = ?3",
    [REC_OFFICER] = "SELECT " OWNER_IN_SCOPE("o.agency") ", 0"
                    " FROM officers o LEFT JOIN agencies a ON a.code = o.agency WHERE o.cert_no = ?3",
    [REC_POWER] = "SELECT " NO_LIMIT " OR " POWER_SCOPE ", 0 FROM powers p WHERE p.code = ?3",
    [REC_BENCHMARK] = "SELECT " NO_LIMIT " OR " POWER_SCOPE ", 0 FROM powers p WHERE p.code = ?3",
    [REC_CASE] = "SELECT " OWNER_IN_SCOPE("c.agency") ","
                 " EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no) AND c.body IS NOT ?4"
                 " FROM cases c LEFT JOIN agencies a ON a.code = c.agency WHERE c.case_no = ?3",
};

int sqlite_store_record_standing(Store *st, const StoredRecord *rec, const char *scope_agency,
                          const char *scope_region_prefix, StoredStanding *out, ZfError *err)
{
    const char *sql = (unsigned)rec->keys.type < REC_TYPE_COUNT ? standing_sql[rec->keys.type] : NULL;
    *out = STORED_NONE;
    if (!sql) return ZF_OK; /* a monthly report: keyed by the agency the line names */
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite_bind_opt(q, 1, scope_agency);
    sqlite_bind_opt(q, 2, scope_region_prefix);
    sqlite3_bind_text(q, 3, rec->keys.key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, rec->body, (int)rec->body_len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out = !sqlite3_column_int(q, 0) ? STORED_OUT_OF_SCOPE : sqlite3_column_int(q, 1) ? STORED_ONLINE_CASE : STORED_IN_SCOPE;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "standing");
}
