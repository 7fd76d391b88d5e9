/* See sqlite_where.h. */
#include "store/sqlite_where.h"

#include <stdio.h>
#include <string.h>

void sql_where_init(SqlWhere *w)
{
    snprintf(w->sql, sizeof w->sql, "WHERE 1=1");
    w->n = 0;
}

/* Out of room: the query must match nothing rather than lose a clause (a lost scope clause would
 * widen it). "AND 0" always fits: the buffer keeps room for it. */
static void match_nothing(SqlWhere *w)
{
    size_t len = strlen(w->sql);
    if (len + 7 >= sizeof w->sql) len = sizeof w->sql - 7;
    snprintf(w->sql + len, sizeof w->sql - len, " AND 0");
}

void sql_where_fixed(SqlWhere *w, const char *clause)
{
    size_t len = strlen(w->sql), add = strlen(clause) + 5;
    if (len + add + 7 >= sizeof w->sql) return match_nothing(w);
    snprintf(w->sql + len, sizeof w->sql - len, " AND %s", clause);
}

void sql_where_text_n(SqlWhere *w, const char *clause, const char *value, int times)
{
    if (!value || !*value) return;
    if (w->n + times > SQL_WHERE_MAX_BINDS) return match_nothing(w);
    for (int i = 0; i < times; i++) w->text[w->n] = value, w->is_num[w->n] = false, w->n++;
    sql_where_fixed(w, clause);
}

void sql_where_text(SqlWhere *w, const char *clause, const char *value) { sql_where_text_n(w, clause, value, 1); }

void sql_where_num(SqlWhere *w, const char *clause, long long value)
{
    if (value < 0) return;
    if (w->n >= SQL_WHERE_MAX_BINDS) return match_nothing(w);
    w->num[w->n] = value, w->is_num[w->n] = true, w->n++;
    sql_where_fixed(w, clause);
}

void sql_where_prefix(SqlWhere *w, const char *column, const char *prefix)
{
    char clause[160];
    if (!prefix || !*prefix) return;
    snprintf(clause, sizeof clause, "substr(coalesce(%s, ''), 1, %zu) = ?", column, strlen(prefix));
    sql_where_text(w, clause, prefix);
}

void sql_where_bind(sqlite3_stmt *q, const SqlWhere *w, int first)
{
    for (int i = 0; i < w->n; i++) {
        if (w->is_num[i]) sqlite3_bind_int64(q, first + i, w->num[i]);
        else sqlite3_bind_text(q, first + i, w->text[i], -1, SQLITE_STATIC);
    }
}
