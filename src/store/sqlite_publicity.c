/* SQLite side of store/publicity.h. Parameterized statements only; callers hold the transaction. */
#include "store/publicity.h"
#include "store/sqlite_internal.h"

/* Runs sql with ?1…?4 bound to v and ?5 to the current UTC time; *changed = rows changed. */
static int run(Store *st, const char *sql, const char *const v[4], int *changed, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "case_publicity");
    for (int i = 0; i < 4; i++) sqlite3_bind_text(q, i + 1, v[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "case_publicity");
    *changed = sqlite3_changes(st->db);
    return ZF_OK;
}

int sqlite_store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                            const char *user, ZfError *err)
{
    const char *v[4] = {case_no, agency, published_on, user};
    int changed;
    if (run(st,
            "INSERT INTO case_publicity(case_no, agency, published_on, published_by, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(case_no) DO NOTHING",
            v, &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "already_published", "published_on", "处罚决定已经公示");
}

int sqlite_store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                             const char *reason, ZfError *err)
{
    const char *v[4] = {case_no, withdrawn_on, user, reason};
    int changed;
    if (run(st,
            "UPDATE case_publicity SET withdrawn_on = ?2, withdrawn_by = ?3, withdraw_reason = ?4,"
            " updated_at = ?5 WHERE case_no = ?1 AND withdrawn_on IS NULL",
            v, &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "not_published", "published_on", "处罚决定未公示或已撤回");
}

int sqlite_store_publicity_pending(Store *st, const char *agency, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql =
        "SELECT w.case_no, w.agency, w.case_type, w.stage, w.state, w.doc_no, c.body FROM case_workflow w"
        " JOIN cases c ON c.case_no = w.case_no"
        " WHERE w.agency = ?1 AND json_extract(c.body, '$.decision.outcome') = 'penalty'"
        " AND ((json_extract(c.body, '$.published_on') IS NULL AND json_extract(w.state, '$.revocation') IS NULL"
        "       AND json_extract(c.body, '$.procedure') = 'ordinary')"
        "   OR (json_extract(c.body, '$.published_on') IS NOT NULL AND json_extract(w.state, '$.revocation') IS NOT NULL"
        "       AND json_extract(w.state, '$.withdrawal') IS NULL))"
        " ORDER BY json_extract(c.body, '$.decided_on'), w.case_no LIMIT 500";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "case_publicity");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *state = json_loads((const char *)sqlite3_column_text(q, 4), 0, NULL);
        json_t *rec = json_loads((const char *)sqlite3_column_text(q, 6), 0, NULL);
        json_t *row = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "case_no", sqlite_json_text(q, 0), "agency",
                                sqlite_json_text(q, 1), "case_type", sqlite_json_text(q, 2), "stage",
                                sqlite_json_text(q, 3), "state", state ? state : json_object(), "doc_no",
                                sqlite_json_text(q, 5));
        json_array_append_new(a, json_pack("{s:o, s:o}", "row", row, "record", rec ? rec : json_null()));
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "case_publicity");
    }
    *items = a;
    return ZF_OK;
}
