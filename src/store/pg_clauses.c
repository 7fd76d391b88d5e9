/* See pg_clauses.h. */
#include "store/pg_clauses.h"

#include <stdio.h>
#include <string.h>

void pg_clauses_init(PgClauses *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->sql, sizeof w->sql, "WHERE true");
}

/* Out of room: the query must match nothing rather than lose a clause (a lost scope clause would
 * widen it). */
static void match_nothing(PgClauses *w) { snprintf(w->sql, sizeof w->sql, "WHERE false"); }

void pg_clauses_fixed(PgClauses *w, const char *clause)
{
    size_t len = strlen(w->sql);
    if (len + strlen(clause) + 8 >= sizeof w->sql) return match_nothing(w);
    snprintf(w->sql + len, sizeof w->sql - len, " AND %s", clause);
}

static void with_params(PgClauses *w, const char *clause, const char *value, const char *cast)
{
    char out[1024];
    size_t o = 0;
    for (const char *c = clause; *c; c++) {
        if (o + 24 >= sizeof out || (*c == '?' && w->n >= PG_CLAUSES_MAX)) return match_nothing(w);
        if (*c != '?') {
            out[o++] = *c;
            continue;
        }
        w->params[w->n++] = value;
        o += (size_t)snprintf(out + o, sizeof out - o, "$%d::%s", w->n, cast);
    }
    out[o] = '\0';
    pg_clauses_fixed(w, out);
}

void pg_clauses_text(PgClauses *w, const char *clause, const char *value)
{
    if (value && *value) with_params(w, clause, value, "text");
}

void pg_clauses_num(PgClauses *w, const char *clause, long long value)
{
    if (value < 0 || w->n >= PG_CLAUSES_MAX) return value < 0 ? (void)0 : match_nothing(w);
    snprintf(w->nums[w->n], sizeof w->nums[w->n], "%lld", value);
    with_params(w, clause, w->nums[w->n], "bigint");
}

int pg_clauses_extra(PgClauses *w, long long value)
{
    snprintf(w->nums[w->n], sizeof w->nums[w->n], "%lld", value);
    w->params[w->n] = w->nums[w->n];
    return ++w->n;
}
