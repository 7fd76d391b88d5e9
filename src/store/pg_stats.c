/* PostgreSQL side of store/stats.h: the dashboards' reads over the rollups, and `zhifa rollup
 * rebuild`. Rollup rows are keyed by agency; scope is the agency's stored region (agencies a), as
 * for cases. $1 scope agency, $2 region prefix, $3 from, $4 to, $5 today (all text). The same rows
 * and order as sqlite_stats.c; SQLite's booleans are numbers in its JSON, so they are here too. */
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/stats.h"

#define IN_SCOPE " ($1 IS NULL OR a.code = $1) AND ($2 IS NULL OR starts_with(a.region, $2))"
#define RUNNING "('issued', 'received', 'returned')"
#define C " COLLATE \"C\""

static const char *const SQL[] = {
    [STATS_TOTALS] =
        "SELECT json_build_object('cases', c.filed, 'decided', c.decided, 'closed', c.closed, 'fines_fen', c.fines,"
        " 'findings_open', f.open, 'orders_overdue', o.n, 'agencies', g.n) FROM"
        " (SELECT coalesce(sum(r.filed), 0) filed, coalesce(sum(r.decided), 0) decided, coalesce(sum(r.closed), 0) closed,"
        "   coalesce(sum(r.fines_fen), 0) fines FROM agencies a JOIN rollup_cases r ON r.agency = a.code"
        "   WHERE r.month BETWEEN $3 AND $4 AND" IN_SCOPE ") c,"
        " (SELECT coalesce(sum(r.open), 0) open FROM agencies a JOIN rollup_findings_open r ON r.agency = a.code"
        "   WHERE" IN_SCOPE ") f,"
        " (SELECT count(*) n FROM orders o JOIN agencies a ON a.code = o.agency"
        "   WHERE o.status IN " RUNNING " AND o.due_on < $5 AND" IN_SCOPE ") o,"
        " (SELECT count(*) n FROM agencies a WHERE" IN_SCOPE ") g",
    [STATS_TREND] =
        "SELECT json_build_object('month', r.month, 'filed', sum(r.filed), 'decided', sum(r.decided),"
        " 'closed', sum(r.closed), 'fines_fen', sum(r.fines_fen)) FROM agencies a JOIN rollup_cases r ON r.agency = a.code"
        " WHERE r.month BETWEEN $3 AND $4 AND" IN_SCOPE " GROUP BY r.month ORDER BY r.month" C,
    [STATS_BY_AGENCY] =
        "SELECT json_build_object('agency', a.code, 'name', a.name, 'region', a.region, 'sector', a.sector,"
        " 'filed', coalesce(c.filed, 0), 'decided', coalesce(c.decided, 0), 'closed', coalesce(c.closed, 0),"
        " 'fines_fen', coalesce(c.fines, 0), 'ordinary_decided', coalesce(c.ordinary_decided, 0),"
        " 'decided_in_limit', coalesce(c.in_limit, 0), 'findings_open', coalesce(f.open, 0),"
        " 'findings_new', coalesce(n.new, 0), 'p10_new', coalesce(n.p10, 0), 'orders_overdue', coalesce(o.n, 0),"
        " 'orders_issued', coalesce(d.issued, 0), 'orders_on_time', coalesce(d.on_time, 0),"
        " 'review_files', coalesce(v.files, 0), 'review_score_cp', coalesce(v.score_cp, 0))"
        " FROM agencies a"
        " LEFT JOIN (SELECT agency, sum(filed) filed, sum(decided) decided, sum(closed) closed, sum(fines_fen) fines,"
        "   sum(ordinary_decided) ordinary_decided, sum(decided_in_limit) in_limit FROM rollup_cases"
        "   WHERE month BETWEEN $3 AND $4 GROUP BY agency) c ON c.agency = a.code"
        " LEFT JOIN (SELECT agency, sum(open) open FROM rollup_findings_open GROUP BY agency) f ON f.agency = a.code"
        " LEFT JOIN (SELECT agency, sum(new) new, sum(CASE WHEN rule = 'P10' AND severity = 'violation' THEN new ELSE 0 END) p10"
        "   FROM rollup_findings WHERE month BETWEEN $3 AND $4 GROUP BY agency) n ON n.agency = a.code"
        " LEFT JOIN (SELECT agency, count(*) n FROM orders WHERE status IN " RUNNING " AND due_on < $5"
        "   GROUP BY agency) o ON o.agency = a.code"
        " LEFT JOIN (SELECT agency, sum(issued) issued, sum(answered_on_time) on_time FROM rollup_orders"
        "   WHERE month BETWEEN $3 AND $4 GROUP BY agency) d ON d.agency = a.code"
        " LEFT JOIN (SELECT agency, sum(files) files, sum(score_cp) score_cp FROM rollup_reviews"
        "   WHERE month BETWEEN $3 AND $4 GROUP BY agency) v ON v.agency = a.code"
        " WHERE" IN_SCOPE " ORDER BY a.region" C ", a.code" C,
    /* one pass over the 13 months' rollup rows, summed per agency into the month, the month before,
     * and their 12-month 评查 windows by conditional sums (as sqlite_stats.c) */
#define PREV_MONTH "to_char(($4 || '-01')::date - interval '1 month', 'YYYY-MM')"
#define BOTH_MONTHS(col) "sum(CASE WHEN month = $4 THEN " #col " END) " #col ", sum(CASE WHEN month = " PREV_MONTH " THEN " #col " END) p" #col
#define RANK_PAIR(key, col) " '" key "', coalesce(m." col ", 0), 'prev_" key "', coalesce(m.p" col ", 0)"
    [STATS_RANKING_MONTHS] =
        "SELECT json_build_object('agency', a.code, 'name', a.name, 'region', a.region,"
        RANK_PAIR("filed", "filed") "," RANK_PAIR("findings_new", "fnew") "," RANK_PAIR("ordinary_decided", "od") ","
        RANK_PAIR("decided_in_limit", "il") "," RANK_PAIR("p10_new", "p10") "," RANK_PAIR("orders_issued", "oi") ","
        RANK_PAIR("orders_on_time", "ot") "," RANK_PAIR("review_files", "rf") "," RANK_PAIR("review_score_cp", "rs") ")"
        " FROM agencies a LEFT JOIN"
        " (SELECT agency, " BOTH_MONTHS(filed) ", " BOTH_MONTHS(fnew) ", " BOTH_MONTHS(od) ", " BOTH_MONTHS(il) ","
        "   " BOTH_MONTHS(p10) ", " BOTH_MONTHS(oi) ", " BOTH_MONTHS(ot) ","
        "   sum(CASE WHEN month > $3 THEN rf END) rf, sum(CASE WHEN month < $4 THEN rf END) prf,"
        "   sum(CASE WHEN month > $3 THEN rs END) rs, sum(CASE WHEN month < $4 THEN rs END) prs FROM"
        "  (SELECT agency, month, filed, 0 fnew, ordinary_decided od, decided_in_limit il, 0 p10, 0 oi, 0 ot, 0 rf, 0 rs"
        "    FROM rollup_cases WHERE month BETWEEN $3 AND $4"
        "   UNION ALL SELECT agency, month, 0, new, 0, 0, CASE WHEN rule = 'P10' AND severity = 'violation' THEN new ELSE 0 END,"
        "    0, 0, 0, 0 FROM rollup_findings WHERE month BETWEEN $3 AND $4"
        "   UNION ALL SELECT agency, month, 0, 0, 0, 0, 0, issued, answered_on_time, 0, 0 FROM rollup_orders"
        "    WHERE month BETWEEN $3 AND $4"
        "   UNION ALL SELECT agency, month, 0, 0, 0, 0, 0, 0, 0, files, score_cp FROM rollup_reviews"
        "    WHERE month BETWEEN $3 AND $4) u"
        "  GROUP BY agency) m ON m.agency = a.code WHERE" IN_SCOPE " ORDER BY a.region" C ", a.code" C,
    [STATS_BY_RULE] =
        "SELECT json_build_object('rule', rule, 'severity', severity, 'open', sum(open), 'new', sum(new)) FROM"
        " (SELECT r.rule, r.severity, r.open, 0 new FROM agencies a JOIN rollup_findings_open r ON r.agency = a.code"
        "   WHERE" IN_SCOPE
        "  UNION ALL SELECT r.rule, r.severity, 0, r.new FROM agencies a JOIN rollup_findings r ON r.agency = a.code"
        "   WHERE r.month BETWEEN $3 AND $4 AND" IN_SCOPE ") x"
        " GROUP BY rule, severity ORDER BY sum(open) DESC, rule" C ", severity" C,
    /* the date of the last decision is looked up only for an agency with none in the window, in the
     * month the rollup names: a few of the agency's cases, not all of them */
    [STATS_PENALTY_HOLDERS] =
        "SELECT json_build_object('agency', code, 'name', name, 'region', region, 'powers', n, 'penalties', pen,"
        " 'last_decided_on', CASE WHEN pen > 0 OR lm IS NULL THEN NULL ELSE"
        "   (SELECT max(c.decided_on) FROM cases c WHERE c.agency = x.code AND c.kind = 'penalty'"
        "    AND c.decided_on >= lm || '-01' AND c.decided_on < to_char((lm || '-01')::date + interval '1 month', 'YYYY-MM-DD')"
        "    AND c.body::jsonb #>> '{decision,outcome}' = 'penalty') END) FROM"
        " (SELECT a.code, a.name, a.region, h.n,"
        "   (SELECT coalesce(sum(r.penalties), 0) FROM rollup_cases r WHERE r.agency = a.code AND r.kind = 'penalty'"
        "    AND r.month BETWEEN $3 AND $4) pen,"
        "   (SELECT max(r.month) FROM rollup_cases r WHERE r.agency = a.code AND r.kind = 'penalty'"
        "    AND r.penalties > 0 AND r.month <= $4) lm"
        "  FROM (SELECT j.value agency, count(DISTINCT p.code) n"
        "        FROM powers p, jsonb_array_elements_text(p.body::jsonb -> 'agencies') j(value)"
        "        WHERE p.kind = 'penalty' GROUP BY j.value) h JOIN agencies a ON a.code = h.agency"
        "  WHERE" IN_SCOPE ") x ORDER BY region" C ", code" C,
    [STATS_REPORTING] =
        "SELECT json_build_object('agency', a.code, 'name', a.name, 'region', a.region, 'on_time', coalesce(r.on_time, 0),"
        " 'late', coalesce(r.late, 0), 'submitted_at', m.body::jsonb ->> 'submitted_on',"
        " 'reported', (m.agency IS NOT NULL)::int)"
        " FROM agencies a LEFT JOIN rollup_reports r ON r.agency = a.code AND r.month = $3"
        " LEFT JOIN monthly_reports m ON m.agency = a.code AND m.month = $3"
        " WHERE" IN_SCOPE " ORDER BY a.region" C ", a.code" C,
    [STATS_ORDERS_OVERDUE] =
        "SELECT json_build_object('id', o.id, 'kind', o.kind, 'doc_no', o.doc_no, 'agency', o.agency, 'agency_name', a.name,"
        " 'due_on', o.due_on) FROM orders o JOIN agencies a ON a.code = o.agency"
        " WHERE o.status IN " RUNNING " AND o.due_on < $5 AND" IN_SCOPE " ORDER BY o.due_on" C ", o.id LIMIT 20",
    [STATS_CERT_EXPIRY] =
        "SELECT json_build_object('cert_no', o.cert_no, 'name', o.name, 'agency', o.agency, 'agency_name', a.name,"
        " 'cert_valid_to', o.cert_valid_to) FROM officers o JOIN agencies a ON a.code = o.agency"
        " WHERE o.status = 'active' AND o.cert_valid_to BETWEEN $5 AND to_char($5::date + 30, 'YYYY-MM-DD') AND" IN_SCOPE
        " ORDER BY o.cert_valid_to" C ", o.cert_no" C " LIMIT 50",
};

int pg_store_stats(Store *st, StatsKind kind, const StatsFilter *f, json_t **out, ZfError *err)
{
    if ((unsigned)kind >= sizeof SQL / sizeof *SQL || !SQL[kind])
        return zf_fail(err, 500, "database_error", NULL, "未知的统计项");
    json_t *rows;
    /* every parameter text: a query that leaves one unused could not type it */
    PGresult *r = pg_query_text(st, SQL[kind], PG_ARGS(f->scope_agency, f->region_prefix, f->from, f->to, f->today),
                                "stats", err);
    if (!r) return ZF_ERR;
    rows = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(rows, pg_json_cell(r, i, 0));
    PQclear(r);
    if (kind != STATS_TOTALS) {
        *out = rows;
        return ZF_OK;
    }
    json_t *one = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (!one) return zf_fail(err, 500, "database_error", NULL, "数据库操作失败（stats）");
    *out = one;
    return ZF_OK;
}

/* Every rollup emptied and recomputed from its base table through the very functions the triggers
 * call (001: cases, findings; 030: monthly reports; 031: orders, reviews), so a rebuilt row is made
 * by the upsert that keeps it. */
static const char *const REBUILD[] = {
    "DELETE FROM rollup_cases",
    "DELETE FROM rollup_findings",
    "DELETE FROM rollup_findings_open",
    "DELETE FROM rollup_orders",
    "DELETE FROM rollup_reviews",
    "DELETE FROM rollup_reports",
    "SELECT zf_rollup_case(1, c) FROM cases c",
    "SELECT zf_rollup_finding(1, agency, rule, severity, substr(first_seen, 1, 7), resolved_at IS NULL)"
    " FROM findings",
    "SELECT zf_rollup_order(1, o) FROM orders o",
    "SELECT zf_rollup_review(1, i.agency, p.body, i.body)"
    " FROM review_items i JOIN review_plans p ON p.id = i.plan_id WHERE i.status = 'done'",
    "SELECT zf_rollup_report(1, agency, month, body::jsonb ->> 'submitted_on') FROM monthly_reports",
};

int pg_store_rollup_rebuild(Store *st, ZfError *err)
{
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    for (size_t i = 0; i < sizeof REBUILD / sizeof *REBUILD; i++)
        if (pg_exec(st, REBUILD[i], PG_NOARGS, "rollup rebuild", NULL, err) != ZF_OK) {
            store_rollback(st);
            return ZF_ERR;
        }
    return store_commit(st, err);
}
