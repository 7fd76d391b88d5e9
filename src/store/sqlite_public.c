/* SQLite side of store/public.h. */
#include "store/public.h"
#include "store/sqlite_internal.h"

int sqlite_store_public_decisions(Store *st, const char *agency, const char *q, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *stmt;
    const char *sql =
        "SELECT c.body, count(*) OVER (), a.name FROM cases c LEFT JOIN agencies a ON a.code = c.agency"
        " WHERE c.kind = 'penalty' AND json_extract(c.body, '$.published_on') IS NOT NULL"
        " AND json_extract(c.body, '$.decision.outcome') = 'penalty'"
        " AND NOT EXISTS (SELECT 1 FROM case_publicity p WHERE p.case_no = c.case_no AND p.withdrawn_on IS NOT NULL)"
        " AND (?1 IS NULL OR c.agency = ?1) AND (?2 IS NULL OR instr(c.case_no || ' ' || coalesce(json_extract(c.body, '$.decision.doc_no'), '') || ' '"
        " || coalesce(a.name, ''), ?2) > 0)"
        " ORDER BY json_extract(c.body, '$.published_on') DESC, c.case_no LIMIT ?3 OFFSET ?4";
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) return sqlite_fail(st, err, "cases");
    sqlite_bind_opt(stmt, 1, agency);
    sqlite_bind_opt(stmt, 2, q);
    sqlite3_bind_int(stmt, 3, size);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)(page - 1) * size);
    return sqlite_list_bodies(st, stmt, page, size, "cases", out, err);
}
