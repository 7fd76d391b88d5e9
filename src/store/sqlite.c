/* SQLite backend of store.h: WAL, foreign keys, busy timeout, migrations at open.
 * Every statement is prepared with bound parameters; no SQL text is built from input. */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/migrations.h"
#include "store/sqlite_internal.h"


typedef struct {
    const char *table;
    const char *insert;
    const char *select_all;
} RecordTable;

/* A re-import of an unchanged record writes nothing (its updated_at stays, no ledger event):
 * the update only runs when the body differs, so sqlite3_changes() tells a change apart. */
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define TOUCH " updated_at = excluded.updated_at, body = excluded.body WHERE body IS NOT excluded.body"
#define SINCE " WHERE ?1 IS NULL OR updated_at >= ?1"

static const RecordTable record_tables[REC_TYPE_COUNT] = {
    [REC_AGENCY] = {"agencies",
                    "INSERT INTO agencies(code, name, region, level, kind, sector, parent, body, updated_at)"
                    " VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " NOW ") ON CONFLICT(code) DO UPDATE SET"
                    " name = excluded.name, region = excluded.region, level = excluded.level, kind = excluded.kind,"
                    " sector = excluded.sector, parent = excluded.parent," TOUCH,
                    "SELECT body FROM agencies" SINCE " ORDER BY code"},
    [REC_OFFICER] = {"officers",
                     "INSERT INTO officers(cert_no, name, agency, cert_valid_to, status, body, updated_at)"
                     " VALUES (?1, ?3, ?4, ?5, ?6, ?9, " NOW ") ON CONFLICT(cert_no) DO UPDATE SET"
                     " name = excluded.name, agency = excluded.agency, cert_valid_to = excluded.cert_valid_to,"
                     " status = excluded.status," TOUCH,
                     "SELECT body FROM officers" SINCE " ORDER BY cert_no"},
    [REC_POWER] = {"powers",
                   "INSERT INTO powers(code, name, kind, body, updated_at) VALUES (?1, ?3, ?4, ?9, " NOW ")"
                   " ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind," TOUCH,
                   "SELECT body FROM powers" SINCE " ORDER BY code"},
    [REC_BENCHMARK] = {"benchmarks",
                       "INSERT INTO benchmarks(power, body, updated_at) VALUES (?1, ?9, " NOW ")"
                       " ON CONFLICT(power) DO UPDATE SET" TOUCH,
                       "SELECT body FROM benchmarks" SINCE " ORDER BY power"},
    /* the columns 案件查询 reads (migration 029) and the 案件编号 (039), taken from the body in this one statement: the only
     * writer of a case row, so they never disagree with it but by a hand edit (verify names that) */
    [REC_CASE] = {"cases",
                  "INSERT INTO cases(case_no, agency, kind, region, procedure, filed_on, decided_on, closed_on,"
                  " fine_fen, party_name, doc_no, filing_no, body, updated_at)"
                  " VALUES (?1, ?3, ?4, (SELECT region FROM agencies WHERE code = ?3), json_extract(?9, '$.procedure'),"
                  " json_extract(?9, '$.filed_on'), json_extract(?9, '$.decided_on'), json_extract(?9, '$.closed_on'),"
                  " CAST(round(json_extract(?9, '$.decision.fine') * 100) AS INTEGER), json_extract(?9, '$.party.name'),"
                  " json_extract(?9, '$.decision.doc_no'), json_extract(?9, '$.filing_no'), ?9, " NOW ")"
                  " ON CONFLICT(case_no) DO UPDATE SET agency = excluded.agency, kind = excluded.kind,"
                  " region = excluded.region, procedure = excluded.procedure, filed_on = excluded.filed_on,"
                  " decided_on = excluded.decided_on, closed_on = excluded.closed_on, fine_fen = excluded.fine_fen,"
                  " party_name = excluded.party_name, doc_no = excluded.doc_no, filing_no = excluded.filing_no," TOUCH,
                  "SELECT body FROM cases" SINCE " ORDER BY case_no"},
    [REC_MONTHLY_REPORT] = {"monthly_reports",
                            "INSERT INTO monthly_reports(agency, month, body, updated_at) VALUES (?1, ?2, ?9, " NOW ")"
                            " ON CONFLICT(agency, month) DO UPDATE SET" TOUCH,
                            "SELECT body FROM monthly_reports" SINCE " ORDER BY agency, month"},
};

int sqlite_fail(Store *st, ZfError *err, const char *what)
{
    int code = sqlite3_extended_errcode(st->db);
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        return zf_fail(err, 503, "database_busy", NULL, "数据库正被其他进程占用，请稍后重试（%s）", what);
    return zf_fail(err, 500, "database_error", NULL, "数据库操作失败（%s）：%s", what,
                   sqlite3_errmsg(st->db));
}

static int exec(Store *st, const char *sql, ZfError *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) return sqlite_fail(st, err, sql);
    return ZF_OK;
}

int sqlite_store_schema_version(Store *st)
{
    sqlite3_stmt *q;
    int version = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT max(version) FROM schema_version", -1, &q, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(q) == SQLITE_ROW) version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return version;
}

static int apply_migration(Store *st, const Migration *m, ZfError *err)
{
    sqlite3_stmt *q;
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (exec(st, m->sql, err) != ZF_OK) goto fail;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO schema_version(version, name, applied_at)"
                           " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                           -1, &q, NULL) != SQLITE_OK)
        goto fail_db;
    sqlite3_bind_int(q, 1, m->version);
    sqlite3_bind_text(q, 2, m->name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail_db;
    return store_commit(st, err);
fail_db:
    sqlite_fail(st, err, m->name);
fail:
    store_rollback(st);
    return ZF_ERR;
}

static bool migration_applied(Store *st, int version)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM schema_version WHERE version = ?1", -1, &q, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int(q, 1, version);
    bool yes = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return yes;
}

/* Applies every compiled-in migration not yet recorded — by membership, not only above the
 * highest version, so a database never silently lacks a migration numbered below its newest. */
static int migrate(Store *st, ZfError *err)
{
    if (exec(st,
             "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
             " name TEXT NOT NULL, applied_at TEXT NOT NULL)",
             err) != ZF_OK)
        return ZF_ERR;
    int current = store_schema_version(st);
    int newest = zf_migration_count ? zf_migrations[zf_migration_count - 1].version : 0;
    if (current > newest)
        return zf_fail(err, 500, "schema_too_new", NULL,
                       "数据库结构版本 %d 高于本程序支持的 %d，请升级 zhifa", current, newest);
    for (int i = 0; i < zf_migration_count; i++)
        if (!migration_applied(st, zf_migrations[i].version) && apply_migration(st, &zf_migrations[i], err) != ZF_OK)
            return ZF_ERR;
    return ZF_OK;
}

static int configure(Store *st, StoreOpenMode mode, ZfError *err)
{
    sqlite3_busy_timeout(st->db, 5000);
    if (exec(st, "PRAGMA foreign_keys = ON", err) != ZF_OK) return ZF_ERR;
    /* 16 KiB pages for a new database (ignored by an existing one): bodies of 0.5–1 KiB fill
     * 4 KiB pages after a few rows, and a bulk import spent ~15% more CPU splitting them. Must
     * come before WAL mode, which fixes the page size. */
    if (exec(st, "PRAGMA page_size = 16384", err) != ZF_OK) return ZF_ERR;
    if (exec(st, "PRAGMA journal_mode = WAL", err) != ZF_OK) return ZF_ERR;
    /* 64 MiB of page cache: bulk imports and sweeps touch far more than the 2 MiB default; a lean
     * connection 4 MiB (SQLite's sorter spills to a temp file past the cache size too) */
    if (exec(st, mode == STORE_OPEN_LEAN ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -65536", err) != ZF_OK)
        return ZF_ERR;
    /* after a bulk import the WAL file shrinks back to 64 MiB when it next starts over */
    if (exec(st, "PRAGMA journal_size_limit = 67108864", err) != ZF_OK) return ZF_ERR;
    return exec(st, "PRAGMA synchronous = NORMAL", err);
}

static int prepare_puts(Store *st, ZfError *err)
{
    for (int t = 0; t < REC_TYPE_COUNT; t++)
        if (sqlite3_prepare_v3(st->db, record_tables[t].insert, -1, SQLITE_PREPARE_PERSISTENT,
                               &st->put[t], NULL) != SQLITE_OK)
            return sqlite_fail(st, err, record_tables[t].table);
    return ZF_OK;
}

/* The database holds argon2 hashes, live CSRF tokens and ID numbers: owner only. SQLite gives a
 * new -wal, -shm and -journal the database file's own mode whatever the umask (os_unix.c
 * findCreateFileMode), so a new database file is created 0600 before SQLite opens it; files of an
 * older install are tightened when they are ours. Never by opening a descriptor of a file that may
 * already exist: closing it would drop the POSIX locks every other connection of this process holds
 * on the file (fcntl(2)), so existing files are changed by path, symlinks left alone. */
static int make_private(const char *path, bool create, ZfError *err)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    if (create) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) close(fd); /* new: no connection can hold a lock on it yet */
        else if (errno != EEXIST)
            return zf_fail(err, 500, "db_open_failed", "db", "无法创建数据库文件 %s：%s", path, strerror(errno));
    }
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char p[4200];
        struct stat sb;
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        if (lstat(p, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || !(sb.st_mode & 077)) continue;
        if (chmod(p, 0600) != 0)
            return zf_fail(err, 500, "db_open_failed", "db", "无法把 %s 设为仅属主可读写：%s", p, strerror(errno));
    }
    return ZF_OK;
}

int sqlite_store_open(const char *path, StoreOpenMode mode, Store **out, ZfError *err)
{
    struct stat sb;
    if (!path || !*path) return zf_fail(err, 400, "db_missing", "db", "未指定数据库文件（--db）");
    if (mode != STORE_OPEN_CREATE && stat(path, &sb) != 0)
        return zf_fail(err, 404, "db_not_found", "db",
                       "数据库文件不存在：%s（请先运行 zhifa --db %s init）", path, path);
    if (make_private(path, mode == STORE_OPEN_CREATE, err) != ZF_OK) return ZF_ERR;
    Store *st = calloc(1, sizeof *st);
    if (st) st->ops = &sqlite_store_ops;
    if (!st) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (mode == STORE_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        zf_fail(err, 500, "db_open_failed", "db", "无法打开数据库文件 %s：%s", path,
                st->db ? sqlite3_errmsg(st->db) : "内存不足");
        store_close(st);
        return ZF_ERR;
    }
    if (configure(st, mode, err) != ZF_OK || migrate(st, err) != ZF_OK || prepare_puts(st, err) != ZF_OK) {
        store_close(st);
        return ZF_ERR;
    }
    sqlite_stmt_cache_open(st);
    *out = st;
    return ZF_OK;
}

void sqlite_store_close(Store *st)
{
    if (!st) return;
    for (int t = 0; t < REC_TYPE_COUNT; t++) sqlite3_finalize(st->put[t]);
    sqlite3_finalize(st->auth_gen);
    sqlite_stmt_cache_close(st);
    sqlite3_close_v2(st->db);
    free(st);
}

int sqlite_store_ping(Store *st, ZfError *err)
{
    return exec(st, "SELECT 1 FROM schema_version LIMIT 1", err);
}

int sqlite_store_begin_read(Store *st, ZfError *err) { return exec(st, "BEGIN", err); }

/* A savepoint name is the caller's constant, never input: refuse anything but [a-z_]. */
static int savepoint_sql(const char *verb, const char *name, const char *more, char *out, size_t cap)
{
    if (!name || !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name) || strlen(name) > 40) return ZF_ERR;
    snprintf(out, cap, "%s %s%s%s", verb, name, more ? more : "", more ? name : "");
    return ZF_OK;
}

int sqlite_store_savepoint(Store *st, const char *name, ZfError *err)
{
    char sql[128];
    if (savepoint_sql("SAVEPOINT", name, NULL, sql, sizeof sql) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "无效的保存点名称");
    return exec(st, sql, err);
}

int sqlite_store_release(Store *st, const char *name, ZfError *err)
{
    char sql[128];
    if (savepoint_sql("RELEASE", name, NULL, sql, sizeof sql) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "无效的保存点名称");
    return exec(st, sql, err);
}

void sqlite_store_rollback_to(Store *st, const char *name)
{
    char sql[160];
    if (savepoint_sql("ROLLBACK TO", name, "; RELEASE ", sql, sizeof sql) == ZF_OK) sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

int sqlite_store_begin(Store *st, ZfError *err) { return exec(st, "BEGIN IMMEDIATE", err); }
int sqlite_store_commit(Store *st, ZfError *err) { return exec(st, "COMMIT", err); }
void sqlite_store_rollback(Store *st) { sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL); }

void sqlite_bind_opt(sqlite3_stmt *q, int idx, const char *v)
{
    if (v) sqlite3_bind_text(q, idx, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, idx);
}

void sqlite_col_copy(sqlite3_stmt *q, int col, char *out, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(q, col);
    snprintf(out, cap, "%s", v ? v : "");
}

int sqlite_prepare(Store *st, const char *sql, sqlite3_stmt **q, ZfError *err)
{
    return sqlite3_prepare_v2(st->db, sql, -1, q, NULL) == SQLITE_OK ? ZF_OK : sqlite_fail(st, err, sql);
}

void sqlite_utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

json_t *sqlite_json_text(sqlite3_stmt *q, int col)
{
    const char *v = (const char *)sqlite3_column_text(q, col);
    return v ? json_string(v) : json_null();
}

json_t *sqlite_json_row(sqlite3_stmt *q)
{
    const char *text = (const char *)sqlite3_column_text(q, 0);
    json_t *row = text ? json_loads(text, 0, NULL) : NULL;
    return row ? row : json_object();
}

int sqlite_json_foreach(Store *st, sqlite3_stmt *q, const char *what, int (*fn)(const json_t *row, void *ctx),
                        void *ctx, ZfError *err)
{
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = sqlite_json_row(q);
        stop = fn(row, ctx);
        json_decref(row);
    }
    sqlite3_finalize(q);
    return stop || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, what);
}

int sqlite_json_rows(Store *st, sqlite3_stmt *q, const char *what, json_t **items, ZfError *err)
{
    json_t *out = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) json_array_append_new(out, sqlite_json_row(q));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return json_decref(out), sqlite_fail(st, err, what);
    *items = out;
    return ZF_OK;
}

int sqlite_store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err)
{
    sqlite3_stmt *q = st->put[rec->keys.type];
    sqlite_bind_opt(q, 1, rec->keys.key);
    sqlite_bind_opt(q, 2, rec->keys.key2);
    for (int i = 0; i < 6; i++) sqlite_bind_opt(q, 3 + i, rec->keys.cols[i]);
    sqlite3_bind_text(q, 9, rec->body, (int)rec->body_len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (changed) *changed = rc == SQLITE_DONE && sqlite3_changes(st->db) > 0;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, record_tables[rec->keys.type].table);
}

/* SQLite gains nothing from fewer statements (one process, prepared statements): one at a time. */
int sqlite_store_put_records(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err)
{
    for (size_t i = 0; i < n; i++)
        if (sqlite_store_put_record(st, &recs[i], changed ? &changed[i] : NULL, err) != ZF_OK) return ZF_ERR;
    return ZF_OK;
}

int sqlite_store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err)
{
    return store_foreach_record_since(st, type, NULL, fn, ctx, err);
}

int sqlite_store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, record_tables[type].select_all, -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, record_tables[type].table);
    sqlite_bind_opt(q, 1, since);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *body = (const char *)sqlite3_column_text(q, 0);
        if (fn(body, (size_t)sqlite3_column_bytes(q, 0), ctx) != 0) break;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(st, err, record_tables[type].table) : ZF_OK;
}

long long sqlite_store_count_records(Store *st, RecordType type)
{
    static const char *const counts[REC_TYPE_COUNT] = {
        "SELECT count(*) FROM agencies", "SELECT count(*) FROM officers",
        "SELECT count(*) FROM powers",   "SELECT count(*) FROM benchmarks",
        "SELECT count(*) FROM cases",    "SELECT count(*) FROM monthly_reports"};
    sqlite3_stmt *q;
    long long n = -1;
    if (sqlite3_prepare_v2(st->db, counts[type], -1, &q, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* Runs a prepared list query whose columns are (body, total[, agency_name]). Finalizes q. */
int sqlite_list_bodies(Store *st, sqlite3_stmt *q, int page, int size, const char *what, json_t **out, ZfError *err)
{
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *rec = json_loads((const char *)sqlite3_column_text(q, 0), 0, NULL);
        total = sqlite3_column_int64(q, 1);
        if (!rec) continue;
        if (sqlite3_column_count(q) > 2) json_object_set_new(rec, "agency_name", sqlite_json_text(q, 2));
        json_array_append_new(items, rec);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, what);
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}
