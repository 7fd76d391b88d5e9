/* `zhifa rollup rebuild` (store/stats.h): every rollup table emptied and recomputed from its base
 * table through the same delta views the triggers of migration 050 insert into, so a rebuilt row
 * is made by the very upsert that keeps it. */
#include "store/stats.h"

#include "store/sqlite_internal.h"

static const char REBUILD[] =
    "DELETE FROM rollup_cases; DELETE FROM rollup_findings; DELETE FROM rollup_orders;"
    " DELETE FROM rollup_reviews; DELETE FROM rollup_reports; DELETE FROM rollup_findings_open;"
    "INSERT INTO rollup_case_delta"
    " SELECT 1, agency, kind, substr(filed_on, 1, 7), substr(decided_on, 1, 7), substr(closed_on, 1, 7), procedure,"
    "  kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(fine_fen, 0),"
    "  coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),"
    "  json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,"
    "  procedure IS 'ordinary' AND filed_on IS NOT NULL AND decided_on IS NOT NULL"
    "   AND julianday(decided_on) - julianday(filed_on)"
    "       <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),"
    "  substr(coalesce(json_extract(j, '$[6]'), decided_on), 1, 7), json_extract(j, '$[7]')"
    " FROM (SELECT *, CASE WHEN json_valid(body) THEN json_extract(body, '$.decision.outcome', '$.decision.confiscated',"
    "  '$.hearing_held_on', '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',"
    "  '$.revocation.by') ELSE '[]' END AS j FROM cases);"
    "INSERT INTO rollup_finding_delta"
    " SELECT 1, agency, rule, severity, substr(first_seen, 1, 7), resolved_at IS NULL FROM findings;"
    "INSERT INTO rollup_order_delta"
    " SELECT 1, agency, substr(issued_on, 1, 7), first_answered_on IS NOT NULL,"
    "  first_answered_on IS NOT NULL AND first_answered_on <= coalesce(first_due_on, first_answered_on), late <> 0"
    " FROM orders;"
    "INSERT INTO rollup_review_delta"
    " SELECT 1, i.agency, substr(json_extract(p.body, '$.published_on'), 1, 7), coalesce(json_extract(i.body, '$.total_cp'), 0)"
    " FROM review_items i JOIN review_plans p ON p.id = i.plan_id WHERE i.status = 'done';"
    "INSERT INTO rollup_report_delta"
    " SELECT 1, agency, month, json_extract(body, '$.submitted_on') FROM monthly_reports;";

int sqlite_store_rollup_rebuild(Store *st, ZfError *err)
{
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (sqlite3_exec(st->db, REBUILD, NULL, NULL, NULL) != SQLITE_OK) {
        sqlite_fail(st, err, "rollup rebuild");
        store_rollback(st);
        return ZF_ERR;
    }
    return store_commit(st, err);
}
