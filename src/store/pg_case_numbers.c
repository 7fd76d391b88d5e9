/* PostgreSQL side of store/case_numbers.h: a case found by any of its numbers (案号, 立案编号,
 * 决定书文号), and the 案件编号 counter — one row per agency and year, locked by the upsert until
 * the transaction ends, so numbers are gap-free across servers as the 文号 are. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/case_numbers.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

int pg_store_case_resolve(Store *st, const char *number, char case_no[static 129], ZfError *err)
{
    static const char *const sql[] = {
        "SELECT case_no FROM cases WHERE case_no = $1",
        "SELECT case_no FROM cases WHERE filing_no = $1 ORDER BY case_no COLLATE \"C\" LIMIT 1",
        "SELECT case_no FROM cases WHERE doc_no = $1 ORDER BY case_no COLLATE \"C\" LIMIT 1",
    };
    char trimmed[130];
    const char *s = number ? number : "";
    while (*s && isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (!len || len > 128) return zf_fail(err, 400, "invalid_param", "case_no", "案号过长或为空");
    snprintf(trimmed, sizeof trimmed, "%.*s", (int)len, s);
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        PGresult *r = pg_query(st, sql[i], PG_ARGS(trimmed), "cases", err);
        if (!r) return ZF_ERR;
        int found = PQntuples(r) > 0;
        if (found) pg_copy(r, 0, 0, case_no, 129);
        PQclear(r);
        if (found) return ZF_OK;
    }
    return zf_fail(err, 404, "not_found", "case_no", "案件不存在");
}

int pg_store_filing_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO filing_numbers AS n (agency, year, next_seq) VALUES ($1, $2, 2)"
                           " ON CONFLICT (agency, year) DO UPDATE SET next_seq = n.next_seq + 1 RETURNING next_seq - 1",
                           PG_ARGS(agency, pg_int(y, year)), "filing_numbers", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}
