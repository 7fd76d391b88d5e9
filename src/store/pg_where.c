/* See pg_where.h. */
#include "store/pg_where.h"

#include <stdio.h>
#include <string.h>

#include "store/pg_internal.h"

void pg_where_init(PgWhere *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->sql, sizeof w->sql, "WHERE true");
}

/* Out of room: the query must match nothing rather than lose a clause (a lost scope clause would
 * widen it). " AND false" always fits: the buffer keeps room for it. */
static void match_nothing(PgWhere *w)
{
    size_t len = strlen(w->sql);
    if (len + 11 >= sizeof w->sql) len = sizeof w->sql - 11;
    snprintf(w->sql + len, sizeof w->sql - len, " AND false");
}

void pg_where_fixed(PgWhere *w, const char *clause)
{
    size_t len = strlen(w->sql);
    if (len + strlen(clause) + 5 + 11 >= sizeof w->sql) return match_nothing(w);
    snprintf(w->sql + len, sizeof w->sql - len, " AND %s", clause);
}

/* clause with each "?" as $n::type, n the next parameter (value stored by the caller) */
static void placeholders(PgWhere *w, const char *clause, const char *type)
{
    char out[1024];
    size_t o = 0;
    for (const char *c = clause; *c; c++) {
        if (o + 24 >= sizeof out) return match_nothing(w);
        if (*c == '?') o += (size_t)snprintf(out + o, sizeof out - o, "$%d::%s", w->n, type);
        else out[o++] = *c;
    }
    out[o] = '\0';
    pg_where_fixed(w, out);
}

void pg_where_text(PgWhere *w, const char *clause, const char *value)
{
    if (!value || !*value) return;
    if (w->n >= PG_WHERE_MAX_PARAMS) return match_nothing(w);
    w->params[w->n++] = value;
    placeholders(w, clause, "text");
}

void pg_where_num(PgWhere *w, const char *clause, long long value)
{
    if (value < 0) return;
    if (w->n >= PG_WHERE_MAX_PARAMS) return match_nothing(w);
    w->params[w->n] = pg_int(w->nums[w->n], value);
    w->n++;
    placeholders(w, clause, "bigint");
}

void pg_where_prefix(PgWhere *w, const char *column, const char *prefix)
{
    char clause[160];
    snprintf(clause, sizeof clause, "starts_with(coalesce(%s, ''), ?)", column);
    pg_where_text(w, clause, prefix);
}

long long pg_where_count(Store *st, const char *from, const PgWhere *w, const char *what, ZfError *err)
{
    char sql[4096];
    snprintf(sql, sizeof sql, "SELECT count(*) %s%s", from, w->sql);
    PGresult *r = pg_query(st, sql, w->n, w->params, what, err);
    if (!r) return -1;
    long long n = pg_ll(r, 0, 0);
    PQclear(r);
    return n;
}

int pg_where_page(Store *st, const char *select, PgWhere *w, const char *order, int page, int size, long long total,
                  PgRowFn row_fn, const char *what, json_t **out, ZfError *err)
{
    char sql[8192];
    int n = w->n;
    w->params[n] = pg_int(w->nums[n], size);
    w->params[n + 1] = pg_int(w->nums[n + 1], (long long)(page - 1) * size);
    snprintf(sql, sizeof sql, "%s%s %s LIMIT $%d::bigint OFFSET $%d::bigint", select, w->sql, order, n + 1, n + 2);
    PGresult *r = pg_query(st, sql, n + 2, w->params, what, err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(items, row_fn(r, i));
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

json_t *pg_where_json_row(const PGresult *r, int row) { return pg_json_cell(r, row, 0); }
