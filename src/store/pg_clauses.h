/* The WHERE clause of a filtered PostgreSQL list query, built from fixed SQL fragments with every
 * value a parameter (the PostgreSQL twin of sqlite_where.h). Each "?" of a fragment becomes the
 * next $n::text; a filter whose value is absent adds nothing; a clause that would not fit makes
 * the whole query match nothing, never a wider one. */
#ifndef ZF_STORE_PG_CLAUSES_H
#define ZF_STORE_PG_CLAUSES_H

#define PG_CLAUSES_MAX 24

typedef struct {
    char sql[3072]; /* "WHERE true AND …" */
    const char *params[PG_CLAUSES_MAX + 2]; /* two spare for LIMIT/OFFSET */
    char nums[PG_CLAUSES_MAX + 2][24];
    int n;
} PgClauses;

void pg_clauses_init(PgClauses *w);
/* A clause without values. */
void pg_clauses_fixed(PgClauses *w, const char *clause);
/* A clause whose every "?" is value; nothing when value is NULL or "". */
void pg_clauses_text(PgClauses *w, const char *clause, const char *value);
/* A clause with one "?" read as bigint; nothing when value < 0. */
void pg_clauses_num(PgClauses *w, const char *clause, long long value);
/* Appends a bigint parameter (LIMIT, OFFSET …) and returns its number n (for "$n"). */
int pg_clauses_extra(PgClauses *w, long long value);

#endif
