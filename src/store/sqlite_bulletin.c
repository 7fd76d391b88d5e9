/* store/bulletin.h on SQLite: correlated counts per agency over the indexed columns of cases
 * (029_case_columns), findings, orders, monthly reports and review items. */
#include "store/bulletin.h"
#include "store/sqlite_internal.h"

#define AGENCY_WHERE " (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR substr(a.region, 1, length(?2)) = ?2)"

static const char AGENCIES_SQL[] =
    "SELECT a.code, a.name, a.region,"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.filed_on BETWEEN ?3 AND ?4),"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.decided_on BETWEEN ?3 AND ?4),"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.closed_on BETWEEN ?3 AND ?4),"
    " (SELECT coalesce(sum(c.fine_fen), 0) FROM cases c WHERE c.agency = a.code AND c.decided_on BETWEEN ?3 AND ?4),"
    " (SELECT count(*) FROM findings f WHERE f.agency = a.code AND f.severity = 'violation' AND f.resolved_at IS NULL),"
    " (SELECT count(*) FROM findings f WHERE f.agency = a.code AND f.severity = 'warning' AND f.resolved_at IS NULL),"
    " (SELECT count(*) FROM orders o WHERE o.agency = a.code AND o.issued_on BETWEEN ?3 AND ?4),"
    " (SELECT count(*) FROM orders o WHERE o.agency = a.code AND o.status IN ('issued', 'received', 'returned')"
    "    AND o.due_on < ?6),"
    " (SELECT substr(coalesce(m.updated_at, ''), 1, 10) FROM monthly_reports m WHERE m.agency = a.code AND m.month = ?5),"
    " (SELECT count(*) FROM review_items r WHERE r.agency = a.code AND r.status = 'done'),"
    " (SELECT coalesce(sum(json_extract(r.body, '$.total_cp')), 0) FROM review_items r"
    "    WHERE r.agency = a.code AND r.status = 'done')"
    " FROM agencies a WHERE" AGENCY_WHERE " ORDER BY a.region, a.code";

static void bind_query(sqlite3_stmt *s, const BulletinQuery *q)
{
    sqlite_bind_opt(s, 1, q->scope_agency);
    sqlite_bind_opt(s, 2, q->region_prefix);
    sqlite_bind_opt(s, 3, q->from);
    sqlite_bind_opt(s, 4, q->to);
    sqlite_bind_opt(s, 5, q->month);
    sqlite_bind_opt(s, 6, q->today);
}

static json_t *agency_row(sqlite3_stmt *s)
{
    static const char *const counts[] = {"filed",         "decided",        "closed",   "fines_fen", "violations", "warnings",
                                         "orders_issued", "orders_overdue", NULL};
    json_t *row = json_pack("{s:o, s:o, s:o}", "agency", sqlite_json_text(s, 0), "name", sqlite_json_text(s, 1), "region",
                            sqlite_json_text(s, 2));
    for (int i = 0; counts[i]; i++) json_object_set_new(row, counts[i], json_integer(sqlite3_column_int64(s, 3 + i)));
    const char *at = (const char *)sqlite3_column_text(s, 11);
    json_object_set_new(row, "report_at", at && *at ? json_string(at) : json_null());
    json_object_set_new(row, "reviewed", json_integer(sqlite3_column_int64(s, 12)));
    json_object_set_new(row, "review_cp", json_integer(sqlite3_column_int64(s, 13)));
    return row;
}

static int collect(Store *st, sqlite3_stmt *s, json_t *(*row)(sqlite3_stmt *), json_t **items, ZfError *err)
{
    json_t *out = json_array();
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) json_array_append_new(out, row(s));
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        json_decref(out);
        return sqlite_fail(st, err, "bulletin");
    }
    *items = out;
    return ZF_OK;
}

int sqlite_store_bulletin_agencies(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, AGENCIES_SQL, -1, &s, NULL) != SQLITE_OK) return sqlite_fail(st, err, "bulletin");
    bind_query(s, q);
    return collect(st, s, agency_row, items, err);
}

static const char PROBLEMS_SQL[] =
    "SELECT f.rule, f.severity, f.subject, a.name, f.law, f.message, substr(f.first_seen, 1, 10)"
    " FROM findings f JOIN agencies a ON a.code = f.agency"
    " WHERE f.resolved_at IS NULL AND" AGENCY_WHERE
    " ORDER BY f.severity = 'violation' DESC, f.first_seen, f.id LIMIT ?7";

static json_t *problem_row(sqlite3_stmt *s)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "rule", sqlite_json_text(s, 0), "severity", sqlite_json_text(s, 1),
                     "subject", sqlite_json_text(s, 2), "agency_name", sqlite_json_text(s, 3), "law", sqlite_json_text(s, 4),
                     "message", sqlite_json_text(s, 5), "first_seen", sqlite_json_text(s, 6));
}

int sqlite_store_bulletin_problems(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, PROBLEMS_SQL, -1, &s, NULL) != SQLITE_OK) return sqlite_fail(st, err, "bulletin");
    bind_query(s, q);
    sqlite3_bind_int(s, 7, limit);
    return collect(st, s, problem_row, items, err);
}

/* Two texts rather than "(?1 IS NULL OR c.agency = ?1)": with that term the planner leaves the
 * covering indexes (no agency in cases_by_filed) and reads each case's row. */
#define TREND_SQL(SCOPE)                                                                                   \
    "SELECT m, sum(f), sum(d), sum(fines) FROM ("                                                          \
    " SELECT substr(c.filed_on, 1, 7) AS m, 1 AS f, 0 AS d, 0 AS fines FROM cases c"                     \
    "  WHERE c.filed_on BETWEEN ?3 AND ?4 AND " SCOPE                                                     \
    " UNION ALL SELECT substr(c.decided_on, 1, 7), 0, 1, coalesce(c.fine_fen, 0) FROM cases c"           \
    "  WHERE c.decided_on BETWEEN ?3 AND ?4 AND " SCOPE ") GROUP BY m ORDER BY m"
static const char TREND_OF_AGENCY[] = TREND_SQL("c.agency = ?1 AND (?2 IS NULL OR substr(c.region, 1, length(?2)) = ?2)");
static const char TREND_OF_REGION[] = TREND_SQL("(?1 IS NULL) AND (?2 IS NULL OR substr(c.region, 1, length(?2)) = ?2)");

static json_t *trend_row(sqlite3_stmt *s)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "month", sqlite_json_text(s, 0), "filed", (json_int_t)sqlite3_column_int64(s, 1),
                     "decided", (json_int_t)sqlite3_column_int64(s, 2), "fines_fen", (json_int_t)sqlite3_column_int64(s, 3));
}

int sqlite_store_bulletin_trend(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, q->scope_agency ? TREND_OF_AGENCY : TREND_OF_REGION, -1, &s, NULL) != SQLITE_OK) return sqlite_fail(st, err, "bulletin");
    bind_query(s, q);
    return collect(st, s, trend_row, items, err);
}
