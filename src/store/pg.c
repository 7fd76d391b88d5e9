/* PostgreSQL backend of store.h: one libpq connection per Store, migrations of
 * src/store/migrations_pg applied at open, each in its own transaction under an advisory lock so
 * two processes starting together migrate once. Every statement is parameterized. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* the advisory lock keys of this backend (pg_advisory_xact_lock): one number per serialised thing */
#define PG_LOCK_MIGRATE 7021001

static int map_sqlstate(const char *state, const char *what, const char *msg, ZfError *err)
{
    if (!state) state = "";
    if (!strcmp(state, "55P03")) /* lock_timeout: as SQLite's busy timeout answers (sqlite.c) */
        return zf_fail(err, 503, "database_busy", NULL, "数据库正被其他进程占用，请稍后重试（%s）", what);
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strncmp(state, "08", 2) || !strcmp(state, "57P01"))
        return zf_fail(err, 503, "database_busy", NULL, "数据库正忙，请稍后重试（%s）", what);
    if (!strcmp(state, "23505")) return zf_fail(err, 409, "duplicate", NULL, "记录已存在（%s）", what);
    if (!strcmp(state, "23503")) return zf_fail(err, 409, "conflict", NULL, "关联的记录不存在或仍被引用（%s）", what);
    if (!strcmp(state, "23514") || !strcmp(state, "23502") || !strcmp(state, "22P02") || !strcmp(state, "22001"))
        return zf_fail(err, 400, "invalid", NULL, "数据不符合约束（%s）：%s", what, msg);
    return zf_fail(err, 500, "database_error", NULL, "数据库操作失败（%s）：%s", what, msg);
}

int pg_fail_conn(Store *st, const char *what, ZfError *err)
{
    const char *state = PQstatus(PG_CONN(st)) == CONNECTION_OK ? "" : "08000";
    return map_sqlstate(state, what, PQerrorMessage(PG_CONN(st)), err);
}

/* The error of a failed statement. After any error PostgreSQL refuses every further statement of
 * the transaction with 25P02 ("current transaction is aborted"), which names nothing: a caller
 * that went on after an error it tolerated (a lock timeout met while looking something up) would
 * report that instead of the cause. So the last real error is kept and answered in its place. */
static void report_error(Store *st, const PGresult *r, const char *what, ZfError *err)
{
    PgStore *pg = (PgStore *)st;
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strcmp(state, "25P02") && pg->cause_state[0]) {
        map_sqlstate(pg->cause_state, what, pg->cause_message, err);
        return;
    }
    snprintf(pg->cause_state, sizeof pg->cause_state, "%s", state ? state : "");
    snprintf(pg->cause_message, sizeof pg->cause_message, "%s", PQresultErrorMessage(r));
    map_sqlstate(state, what, PQresultErrorMessage(r), err);
}

static PGresult *query_typed(Store *st, const char *sql, int n, const Oid *types, const char *const *params,
                             const char *what, ZfError *err)
{
    PGresult *r = pg_exec_cached(st, sql, n, types, params);
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) return r;
    if (!r) {
        pg_fail_conn(st, what, err);
        return NULL;
    }
    report_error(st, r, what, err);
    PQclear(r);
    return NULL;
}

PGresult *pg_query(Store *st, const char *sql, int n, const char *const *params, const char *what, ZfError *err)
{
    return query_typed(st, sql, n, NULL, params, what, err);
}

#define TEXTOID 25
PGresult *pg_query_text(Store *st, const char *sql, int n, const char *const *params, const char *what, ZfError *err)
{
    Oid types[16];
    for (int i = 0; i < n && i < 16; i++) types[i] = TEXTOID;
    return query_typed(st, sql, n, types, params, what, err);
}

int pg_exec_text(Store *st, const char *sql, int n, const char *const *params, const char *what, long long *affected,
                 ZfError *err)
{
    PGresult *r = pg_query_text(st, sql, n, params, what, err);
    if (!r) return ZF_ERR;
    if (affected) *affected = atoll(PQcmdTuples(r));
    PQclear(r);
    return ZF_OK;
}

int pg_exec(Store *st, const char *sql, int n, const char *const *params, const char *what, long long *affected,
            ZfError *err)
{
    PGresult *r = pg_query(st, sql, n, params, what, err);
    if (!r) return ZF_ERR;
    if (affected) *affected = atoll(PQcmdTuples(r));
    PQclear(r);
    return ZF_OK;
}

const char *pg_int(char buf[24], long long v)
{
    snprintf(buf, 24, "%lld", v);
    return buf;
}

const char *pg_text(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

void pg_copy(const PGresult *r, int row, int col, char *out, size_t cap)
{
    snprintf(out, cap, "%s", pg_text(r, row, col));
}

long long pg_ll(const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col)) return 0;
    const char *v = PQgetvalue(r, row, col);
    if (!strcmp(v, "t")) return 1; /* a boolean column */
    return atoll(v);
}

json_t *pg_json_text(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? json_null() : json_string(PQgetvalue(r, row, col));
}

json_t *pg_json_int_or_null(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? json_null() : json_integer(pg_ll(r, row, col));
}

json_t *pg_json_cell(const PGresult *r, int row, int col)
{
    json_t *v = PQgetisnull(r, row, col) ? NULL : json_loads(PQgetvalue(r, row, col), JSON_DECODE_ANY, NULL);
    return v ? v : json_object();
}

int pg_json_rows(Store *st, const char *sql, int n, const char *const *params, const char *what, json_t **items,
                 ZfError *err)
{
    PGresult *r = pg_query(st, sql, n, params, what, err);
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, pg_json_cell(r, i, 0));
    PQclear(r);
    *items = out;
    return ZF_OK;
}

json_t *pg_page(json_t *items, long long total, int page, int size)
{
    return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
}

bool pg_in_transaction(Store *st)
{
    return PQtransactionStatus(PG_CONN(st)) != PQTRANS_IDLE;
}

bool pg_in_write_transaction(Store *st) { return pg_in_transaction(st) && !((PgStore *)st)->reading; }

/* ---- transactions ---- */

static int run(Store *st, const char *sql, ZfError *err)
{
    return pg_exec(st, sql, PG_NOARGS, sql, NULL, err);
}

/* READ COMMITTED with row locks where a writer must serialise (文号, the ledger's advisory lock):
 * SQLite's BEGIN IMMEDIATE serialises every writer, PostgreSQL only those that touch the same rows. */
int pg_store_begin(Store *st, ZfError *err) { return run(st, "BEGIN", err); }
int pg_store_commit(Store *st, ZfError *err)
{
    ((PgStore *)st)->outer[0] = '\0';
    ((PgStore *)st)->reading = false;
    return run(st, "COMMIT", err);
}
void pg_store_rollback(Store *st)
{
    ((PgStore *)st)->outer[0] = '\0';
    ((PgStore *)st)->reading = false;
    PGresult *r = PQexec(PG_CONN(st), "ROLLBACK");
    PQclear(r);
}
int pg_store_begin_read(Store *st, ZfError *err)
{
    if (run(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err) != ZF_OK) return ZF_ERR;
    ((PgStore *)st)->reading = true;
    return ZF_OK;
}

static int savepoint_sql(const char *verb, const char *name, char *out, size_t cap)
{
    if (!name || !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) || strlen(name) > 40) return ZF_ERR;
    snprintf(out, cap, "%s %s", verb, name);
    return ZF_OK;
}

/* SQLite opens a transaction for a savepoint outside one; PostgreSQL refuses it. The same here:
 * such a savepoint opens the transaction, and its release commits, its rollback rolls back. */
int pg_store_savepoint(Store *st, const char *name, ZfError *err)
{
    char sql[128];
    PgStore *p = (PgStore *)st;
    if (savepoint_sql("SAVEPOINT", name, sql, sizeof sql) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "无效的保存点名称");
    if (!pg_in_transaction(st)) {
        if (pg_store_begin(st, err) != ZF_OK) return ZF_ERR;
        snprintf(p->outer, sizeof p->outer, "%s", name);
        return ZF_OK;
    }
    return run(st, sql, err);
}

int pg_store_release(Store *st, const char *name, ZfError *err)
{
    char sql[128];
    PgStore *p = (PgStore *)st;
    if (savepoint_sql("RELEASE SAVEPOINT", name, sql, sizeof sql) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "无效的保存点名称");
    if (p->outer[0] && !strcmp(p->outer, name)) {
        p->outer[0] = '\0';
        return pg_store_commit(st, err);
    }
    return run(st, sql, err);
}

void pg_store_rollback_to(Store *st, const char *name)
{
    char sql[128];
    PgStore *p = (PgStore *)st;
    ZfError ignored = {0};
    if (savepoint_sql("ROLLBACK TO SAVEPOINT", name, sql, sizeof sql) != ZF_OK) return;
    if (p->outer[0] && !strcmp(p->outer, name)) {
        p->outer[0] = '\0';
        pg_store_rollback(st);
        return;
    }
    if (run(st, sql, &ignored) == ZF_OK && savepoint_sql("RELEASE SAVEPOINT", name, sql, sizeof sql) == ZF_OK)
        run(st, sql, &ignored);
}

/* ---- open, migrate, close ---- */

int pg_store_schema_version(Store *st)
{
    PGresult *r = PQexec(PG_CONN(st), "SELECT max(version) FROM schema_version");
    int v = r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? (int)pg_ll(r, 0, 0) : 0;
    PQclear(r);
    return v;
}

int pg_store_ping(Store *st, ZfError *err) { return run(st, "SELECT 1 FROM schema_version LIMIT 1", err); }

static int apply_migration(Store *st, const Migration *m, ZfError *err)
{
    char lock[24], ver[24];
    if (pg_store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (pg_exec(st, "SELECT pg_advisory_xact_lock($1)", PG_ARGS(pg_int(lock, PG_LOCK_MIGRATE)), "migrate", NULL, err) !=
        ZF_OK)
        goto fail;
    /* another process may have applied it while this one waited for the lock */
    PGresult *r = pg_query(st, "SELECT 1 FROM schema_version WHERE version = $1", PG_ARGS(pg_int(ver, m->version)),
                           m->name, err);
    if (!r) goto fail;
    bool done = PQntuples(r) > 0;
    PQclear(r);
    if (done) return pg_store_commit(st, err);
    r = PQexec(PG_CONN(st), m->sql); /* several statements: the simple protocol, no parameters */
    if (!r || (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)) {
        map_sqlstate(r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : "08000", m->name,
                     r ? PQresultErrorMessage(r) : PQerrorMessage(PG_CONN(st)), err);
        PQclear(r);
        goto fail;
    }
    PQclear(r);
    if (pg_exec(st,
                "INSERT INTO schema_version(version, name, applied_at)"
                " VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                PG_ARGS(ver, m->name), m->name, NULL, err) != ZF_OK)
        goto fail;
    return pg_store_commit(st, err);
fail:
    pg_store_rollback(st);
    return ZF_ERR;
}

/* Whether migration version is recorded: one read per check and no lock, so that every
 * connection a server opens does not queue on the migration lock for nothing; a missing one is
 * checked again under the lock (apply_migration). The numbers are not contiguous (030, 031 came
 * before 004), so the newest alone does not say all are there. */
static bool applied(Store *st, int version)
{
    char ver[24];
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT 1 FROM schema_version WHERE version = $1", PG_ARGS(pg_int(ver, version)),
                           "schema_version", &ignored);
    bool yes = r && PQntuples(r) > 0;
    PQclear(r);
    return yes;
}

static int migrate(Store *st, ZfError *err)
{
    if (run(st,
            "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)",
            err) != ZF_OK) {
        /* two processes creating it at once: the loser's error is a unique violation on the catalog */
        if (err->status != 409) return ZF_ERR;
    }
    int current = pg_store_schema_version(st);
    int newest = zf_pg_migration_count ? zf_pg_migrations[zf_pg_migration_count - 1].version : 0;
    if (current > newest)
        return zf_fail(err, 500, "schema_too_new", NULL,
                       "数据库结构版本 %d 高于本程序支持的 %d，请升级 zhifa", current, newest);
    for (int i = 0; i < zf_pg_migration_count; i++)
        if (!applied(st, zf_pg_migrations[i].version) && apply_migration(st, &zf_pg_migrations[i], err) != ZF_OK)
            return ZF_ERR;
    return ZF_OK;
}

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void free_store(PgStore *st)
{
    PQfinish(st->conn);
    pg_prepared_free(st);
    free(st->files_path);
    free(st);
}

/* Whether zhifa's schema is in the database: what SQLite's "the file exists" is here, since the
 * database itself is the operator's (createdb) and only `init` may lay the schema into it. */
static int require_schema(Store *st, const char *files_path, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT 1 FROM pg_tables WHERE tablename = 'schema_version'"
                               " AND schemaname = current_schema()", PG_NOARGS, "schema_version", err);
    if (!r) return ZF_ERR;
    bool present = PQntuples(r) > 0;
    PQclear(r);
    if (present) return ZF_OK;
    return zf_fail(err, 404, "db_not_found", "db",
                   "PostgreSQL 数据库中还没有 zhifa 的数据表（请先运行 zhifa --pg … --db %s init）", files_path);
}

int pg_store_open(const char *url, const char *files_path, StoreOpenMode mode, Store **out, ZfError *err)
{
    /* the database is created by the operator (createdb); its schema by init (STORE_OPEN_CREATE) */
    PgStore *st = calloc(1, sizeof *st);
    if (st) st->files_path = strdup(files_path ? files_path : "zhifa.db");
    if (!st || !st->files_path) return free(st), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    st->ops = &pg_store_ops;
    st->conn = PQconnectdb(url);
    if (PQstatus(st->conn) != CONNECTION_OK) {
        zf_fail(err, 503, "db_open_failed", "db", "无法连接 PostgreSQL：%s", PQerrorMessage(st->conn));
        free_store(st);
        return ZF_ERR;
    }
    PQsetNoticeProcessor(st->conn, quiet_notice, NULL);
    Store *s = (Store *)st;
    ZfError ignored = {0};
    run(s, "SET client_min_messages = warning", &ignored);
    /* After migrating (a second process starting at the same moment waits out the migration's
     * lock however long it takes), a lock held longer than SQLite's busy timeout (5 s, sqlite.c)
     * is an answer, not a wait without end: 55P03, the 503 SQLite gives. */
    if (run(s, "SET TIME ZONE 'UTC'", err) != ZF_OK ||
        (mode != STORE_OPEN_CREATE && require_schema(s, st->files_path, err) != ZF_OK) || migrate(s, err) != ZF_OK ||
        run(s, "SET lock_timeout = '5s'", err) != ZF_OK) {
        free_store(st);
        return ZF_ERR;
    }
    *out = s;
    return ZF_OK;
}

void pg_store_close(Store *st)
{
    if (st) free_store((PgStore *)st);
}

/* The file store and the keys live beside the --db path on PostgreSQL too (<db>.files, <db>.keys):
 * the path names a place on this machine's disk, the database holds the rows. */
const char *pg_store_db_path(Store *st)
{
    return ((PgStore *)st)->files_path;
}

/* The SQLite import's WAL checkpointer has no PostgreSQL counterpart: the server checkpoints. */
StoreCheckpointer *pg_store_checkpointer_start(Store *st)
{
    (void)st;
    return NULL;
}

void pg_store_checkpointer_stop(StoreCheckpointer *c) { (void)c; }
