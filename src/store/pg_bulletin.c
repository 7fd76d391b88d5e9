/* PostgreSQL side of store/bulletin.h: correlated counts per agency over the columns of cases kept
 * beside the body, findings, orders, monthly reports and review items. $1 scope agency, $2 region
 * prefix, $3 from, $4 to, $5 month, $6 today, $7 limit (all text). Rows and order as on SQLite. */
#include "store/bulletin.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define AGENCY_WHERE " ($1 IS NULL OR a.code = $1) AND ($2 IS NULL OR starts_with(a.region, $2))"

static const char AGENCIES_SQL[] =
    "SELECT a.code, a.name, a.region,"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.filed_on BETWEEN $3 AND $4),"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.decided_on BETWEEN $3 AND $4),"
    " (SELECT count(*) FROM cases c WHERE c.agency = a.code AND c.closed_on BETWEEN $3 AND $4),"
    " (SELECT coalesce(sum(c.fine_fen), 0) FROM cases c WHERE c.agency = a.code AND c.decided_on BETWEEN $3 AND $4),"
    " (SELECT count(*) FROM findings f WHERE f.agency = a.code AND f.severity = 'violation' AND f.resolved_at IS NULL),"
    " (SELECT count(*) FROM findings f WHERE f.agency = a.code AND f.severity = 'warning' AND f.resolved_at IS NULL),"
    " (SELECT count(*) FROM orders o WHERE o.agency = a.code AND o.issued_on BETWEEN $3 AND $4),"
    " (SELECT count(*) FROM orders o WHERE o.agency = a.code AND o.status IN ('issued', 'received', 'returned')"
    "    AND o.due_on < $6),"
    " (SELECT substr(coalesce(m.updated_at, ''), 1, 10) FROM monthly_reports m WHERE m.agency = a.code AND m.month = $5),"
    " (SELECT count(*) FROM review_items r WHERE r.agency = a.code AND r.status = 'done'),"
    " (SELECT trunc(coalesce(sum((r.body::jsonb ->> 'total_cp')::numeric), 0)) FROM review_items r"
    "    WHERE r.agency = a.code AND r.status = 'done')"
    " FROM agencies a WHERE" AGENCY_WHERE " ORDER BY a.region COLLATE \"C\", a.code COLLATE \"C\"";

static PGresult *run(Store *st, const char *sql, const BulletinQuery *q, int limit, ZfError *err)
{
    char lim[24];
    return pg_query_text(st, sql,
                         PG_ARGS(q->scope_agency, q->region_prefix, q->from, q->to, q->month, q->today,
                                 pg_int(lim, limit)),
                         "bulletin", err);
}

static json_t *agency_row(const PGresult *r, int i)
{
    static const char *const counts[] = {"filed",         "decided",        "closed",   "fines_fen", "violations", "warnings",
                                         "orders_issued", "orders_overdue", NULL};
    json_t *row = json_pack("{s:o, s:o, s:o}", "agency", pg_json_text(r, i, 0), "name", pg_json_text(r, i, 1), "region",
                            pg_json_text(r, i, 2));
    for (int c = 0; counts[c]; c++) json_object_set_new(row, counts[c], json_integer(pg_ll(r, i, 3 + c)));
    const char *at = pg_text(r, i, 11);
    json_object_set_new(row, "report_at", *at ? json_string(at) : json_null());
    json_object_set_new(row, "reviewed", json_integer(pg_ll(r, i, 12)));
    json_object_set_new(row, "review_cp", json_integer(pg_ll(r, i, 13)));
    return row;
}

static int collect(PGresult *r, json_t *(*row)(const PGresult *, int), json_t **items)
{
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, row(r, i));
    PQclear(r);
    *items = out;
    return ZF_OK;
}

int pg_store_bulletin_agencies(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    return collect(run(st, AGENCIES_SQL, q, 0, err), agency_row, items);
}

static const char PROBLEMS_SQL[] =
    "SELECT f.rule, f.severity, f.subject, a.name, f.law, f.message, substr(f.first_seen, 1, 10)"
    " FROM findings f JOIN agencies a ON a.code = f.agency"
    " WHERE f.resolved_at IS NULL AND" AGENCY_WHERE
    " ORDER BY f.severity = 'violation' DESC, f.first_seen COLLATE \"C\", f.id LIMIT $7::bigint";

static json_t *problem_row(const PGresult *r, int i)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "rule", pg_json_text(r, i, 0), "severity",
                     pg_json_text(r, i, 1), "subject", pg_json_text(r, i, 2), "agency_name", pg_json_text(r, i, 3),
                     "law", pg_json_text(r, i, 4), "message", pg_json_text(r, i, 5), "first_seen",
                     pg_json_text(r, i, 6));
}

int pg_store_bulletin_problems(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err)
{
    return collect(run(st, PROBLEMS_SQL, q, limit, err), problem_row, items);
}

/* Two texts rather than "($1 IS NULL OR c.agency = $1)", as on SQLite: the planner keeps the
 * indexes of the filing and decision dates. */
#define TREND_SQL(SCOPE)                                                                                   \
    "SELECT m, sum(f), sum(d), sum(fines) FROM ("                                                          \
    " SELECT substr(c.filed_on, 1, 7) AS m, 1 AS f, 0 AS d, 0::bigint AS fines FROM cases c"              \
    "  WHERE c.filed_on BETWEEN $3 AND $4 AND " SCOPE                                                     \
    " UNION ALL SELECT substr(c.decided_on, 1, 7), 0, 1, coalesce(c.fine_fen, 0) FROM cases c"           \
    "  WHERE c.decided_on BETWEEN $3 AND $4 AND " SCOPE ") x GROUP BY m ORDER BY m COLLATE \"C\""
static const char TREND_OF_AGENCY[] = TREND_SQL("c.agency = $1 AND ($2 IS NULL OR starts_with(c.region, $2))");
static const char TREND_OF_REGION[] = TREND_SQL("($1 IS NULL) AND ($2 IS NULL OR starts_with(c.region, $2))");

static json_t *trend_row(const PGresult *r, int i)
{
    return json_pack("{s:o, s:I, s:I, s:I}", "month", pg_json_text(r, i, 0), "filed", (json_int_t)pg_ll(r, i, 1),
                     "decided", (json_int_t)pg_ll(r, i, 2), "fines_fen", (json_int_t)pg_ll(r, i, 3));
}

int pg_store_bulletin_trend(Store *st, const BulletinQuery *q, json_t **items, ZfError *err)
{
    return collect(run(st, q->scope_agency ? TREND_OF_AGENCY : TREND_OF_REGION, q, 0, err), trend_row, items);
}
