/* A case found by any of its numbers, and the 案件编号 sequence (store/case_numbers.h). Each
 * lookup is one index: the key, cases_by_filing_no, cases_by_doc_no (migration 039). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"

/* One exact lookup; ZF_OK with *found set. */
static int lookup(Store *st, const char *sql, const char *number, size_t len, char *case_no, bool *found,
                  ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "cases");
    sqlite3_bind_text(q, 1, number, (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *found = rc == SQLITE_ROW;
    if (*found) snprintf(case_no, 129, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "cases");
}

int sqlite_store_case_resolve(Store *st, const char *number, char case_no[static 129], ZfError *err)
{
    static const char *const sql[] = {
        "SELECT case_no FROM cases WHERE case_no = ?1",
        "SELECT case_no FROM cases WHERE filing_no = ?1 ORDER BY case_no LIMIT 1",
        "SELECT case_no FROM cases WHERE doc_no = ?1 ORDER BY case_no LIMIT 1",
    };
    const char *s = number ? number : "";
    while (*s && isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (!len || len > 128) return zf_fail(err, 400, "invalid_param", "case_no", "案号过长或为空");
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        bool found = false;
        if (lookup(st, sql[i], s, len, case_no, &found, err) != ZF_OK) return ZF_ERR;
        if (found) return ZF_OK;
    }
    return zf_fail(err, 404, "not_found", "case_no", "案件不存在");
}

int sqlite_store_filing_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO filing_numbers(agency, year, next_seq) VALUES (?1, ?2, 2)"
                           " ON CONFLICT(agency, year) DO UPDATE SET next_seq = next_seq + 1"
                           " RETURNING next_seq - 1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "filing_numbers");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, year);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *seq = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "filing_numbers");
}
