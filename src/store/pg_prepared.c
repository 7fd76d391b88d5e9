/* Statements prepared once per connection, by their text. PostgreSQL plans an unnamed statement
 * every time it runs; on the cases table (partitioned by year of filing: 40-odd partitions) the
 * plan of a one-row lookup by 文书号 costs ~3 ms, many times what the lookup itself costs. A named
 * statement is planned for its first executions and then reuses a generic plan (plan_cache_mode
 * auto), so every further request pays one round trip and no planning.
 *
 * The cache is bounded: list filters build their SQL from parts, and a text seen after the cache
 * is full simply runs unnamed, as before. Session-level prepared statements survive ROLLBACK and
 * need nothing at transaction boundaries; they die with the connection. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"

#define PREPARED_MAX 384

struct PgPrepared {
    uint64_t hash;
    int nparams;
    bool text_typed; /* every parameter declared text (pg_query_text) */
    char *sql;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int find(const PgStore *pg, uint64_t hash, const char *sql, int n, bool text_typed)
{
    for (int i = 0; i < pg->nprepared; i++) {
        const struct PgPrepared *p = &pg->prepared[i];
        if (p->hash == hash && p->nparams == n && p->text_typed == text_typed && !strcmp(p->sql, sql)) return i;
    }
    return -1;
}

static void statement_name(int i, char name[16]) { snprintf(name, 16, "zf%d", i); }

/* Prepares sql under the next free name: its index; -1 when the cache is full (run it unnamed);
 * -2 when PostgreSQL refused it, *failed then holding the refusal — a prepare meets the same
 * errors the run would (syntax, types, a lock it waited for past lock_timeout) and in a
 * transaction it aborts it, so the refusal is the answer. */
static int prepare(PgStore *pg, uint64_t hash, const char *sql, int n, const Oid *types, PGresult **failed)
{
    if (pg->nprepared >= PREPARED_MAX) return -1;
    if (!pg->prepared && !(pg->prepared = calloc(PREPARED_MAX, sizeof *pg->prepared))) return -1;
    char *copy = strdup(sql);
    if (!copy) return -1;
    char name[16];
    statement_name(pg->nprepared, name);
    PGresult *r = PQprepare(pg->conn, name, sql, n, types);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        free(copy);
        *failed = r;
        return -2;
    }
    PQclear(r);
    pg->prepared[pg->nprepared] = (struct PgPrepared){hash, n, types != NULL, copy};
    return pg->nprepared++;
}

PGresult *pg_exec_cached(Store *st, const char *sql, int n, const Oid *types, const char *const *params)
{
    PgStore *pg = (PgStore *)st;
    uint64_t hash = fnv1a(sql);
    int i = find(pg, hash, sql, n, types != NULL);
    PGresult *failed = NULL;
    /* in a failed transaction (PQTRANS_INERROR) every statement is refused: run it unnamed for that */
    if (i < 0 && PQtransactionStatus(pg->conn) != PQTRANS_INERROR) i = prepare(pg, hash, sql, n, types, &failed);
    if (i == -2) return failed;
    if (i < 0) return PQexecParams(pg->conn, sql, n, types, params, NULL, NULL, 0);
    char name[16];
    statement_name(i, name);
    return PQexecPrepared(pg->conn, name, n, params, NULL, NULL, 0);
}

void pg_prepared_free(PgStore *pg)
{
    for (int i = 0; i < pg->nprepared; i++) free(pg->prepared[i].sql);
    free(pg->prepared);
    pg->prepared = NULL;
    pg->nprepared = 0;
}
