/* SQLite side of store/elements.h. */
#include "store/elements.h"
#include "store/sqlite_internal.h"

int sqlite_store_officers_list(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql =
        "SELECT o.body, count(*) OVER (), a.name FROM officers o LEFT JOIN agencies a ON a.code = o.agency"
        " WHERE (?1 IS NULL OR o.agency = ?1) AND (?2 IS NULL OR substr(a.region, 1, length(?2)) = ?2)"
        " AND (?3 IS NULL OR o.agency = ?3) AND (?4 IS NULL OR o.status = ?4)"
        " AND (?5 IS NULL OR (o.status = 'active' AND o.cert_valid_to BETWEEN ?5 AND ?6))"
        " AND (?7 IS NULL OR instr(o.name || ' ' || o.cert_no, ?7) > 0)"
        " ORDER BY CASE WHEN ?5 IS NULL THEN '' ELSE o.cert_valid_to END, o.agency, o.cert_no"
        " LIMIT ?8 OFFSET ?9";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "officers");
    sqlite_bind_opt(q, 1, f->scope_agency);
    sqlite_bind_opt(q, 2, f->scope_region_prefix);
    sqlite_bind_opt(q, 3, f->agency);
    sqlite_bind_opt(q, 4, f->status);
    sqlite_bind_opt(q, 5, f->valid_to_from);
    sqlite_bind_opt(q, 6, f->valid_to_until);
    sqlite_bind_opt(q, 7, f->q);
    sqlite3_bind_int(q, 8, size);
    sqlite3_bind_int64(q, 9, (sqlite3_int64)(page - 1) * size);
    return sqlite_list_bodies(st, q, page, size, "officers", out, err);
}

int sqlite_store_powers_list(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql =
        "SELECT p.body, count(*) OVER () FROM powers p WHERE " POWER_SCOPE
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(p.body, '$.agencies') WHERE value = ?3))"
        " AND (?4 IS NULL OR p.kind = ?4) AND (?5 IS NULL OR instr(p.name || ' ' || p.code, ?5) > 0)"
        " ORDER BY p.code LIMIT ?6 OFFSET ?7";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "powers");
    sqlite_bind_opt(q, 1, f->scope_agency);
    sqlite_bind_opt(q, 2, f->scope_region_prefix);
    sqlite_bind_opt(q, 3, f->agency);
    sqlite_bind_opt(q, 4, f->kind);
    sqlite_bind_opt(q, 5, f->q);
    sqlite3_bind_int(q, 6, size);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)(page - 1) * size);
    return sqlite_list_bodies(st, q, page, size, "powers", out, err);
}

bool sqlite_store_power_in_scope(Store *st, const char *power_body, const char *scope_agency, const char *scope_region_prefix)
{
    sqlite3_stmt *q;
    bool in = false;
    const char *sql = "SELECT " POWER_SCOPE " FROM (SELECT ?3 AS body) p";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return false;
    sqlite_bind_opt(q, 1, scope_agency);
    sqlite_bind_opt(q, 2, scope_region_prefix);
    sqlite_bind_opt(q, 3, power_body);
    if (sqlite3_step(q) == SQLITE_ROW) in = sqlite3_column_int(q, 0) != 0;
    sqlite3_finalize(q);
    return in;
}

int sqlite_store_element_names(Store *st, const char *agency, const char *power, json_t **agency_name,
                               json_t **power_name, ZfError *err)
{
    sqlite3_stmt *q;
    *agency_name = *power_name = NULL;
    if (sqlite_prepare(st, "SELECT (SELECT name FROM agencies WHERE code = ?1), (SELECT name FROM powers WHERE code = ?2)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, agency);
    sqlite_bind_opt(q, 2, power);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *agency_name = sqlite_json_text(q, 0), *power_name = sqlite_json_text(q, 1);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "names");
}

int sqlite_store_law_find_article(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql = "SELECT l.id FROM laws l JOIN law_articles a ON a.law_id = l.id"
                      " WHERE (l.title = ?1 OR l.short_title = ?1) AND a.number = ?2 AND a.sub = ?3"
                      " ORDER BY l.promulgated DESC, l.id LIMIT 1";
    *law_id = 0;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "laws");
    sqlite3_bind_text(q, 1, law, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, number);
    sqlite3_bind_int(q, 3, sub);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *law_id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "laws");
}
