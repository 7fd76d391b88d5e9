/* SQLite side of store/normative.h: two body tables (sqlite_body_rows.c), the 登记编号 sequence
 * and the register's bigram index (migration 071). */
#include "store/normative.h"

#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"

#define BODY ", 'body', json(body))"
static const SqliteBodyTable DESC[] = {
    [NORMATIVE_DOC] = {"normative_docs", "规范性文件", {"issuer", "region", "status", "reg_no", "validity", NULL},
                       "json_object('id', id, 'issuer', issuer, 'region', region, 'status', status, 'reg_no', reg_no,"
                       " 'validity', validity" BODY,
                       "reg_no", true},
    [NORMATIVE_TASK] = {"normative_tasks", "审查任务", {"doc_id", "source", "status", NULL},
                        "json_object('id', id, 'doc_id', doc_id, 'source', source, 'status', status" BODY, NULL, false},
    [NORMATIVE_CATALOG] = {"normative_catalogs", "备案目录", {"quarter", NULL},
                           "json_object('id', id, 'quarter', quarter" BODY, "quarter", true},
};

int sqlite_store_normative_get(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err)
{
    return sqlite_body_get(st, &DESC[t], id, row, err);
}

int sqlite_store_normative_put(Store *st, NormativeTable t, json_t *row, ZfError *err)
{
    return sqlite_body_put(st, &DESC[t], row, err);
}

int sqlite_store_normative_next_seq(Store *st, int year, long *seq, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO normative_reg_numbers(year, next_seq) VALUES (?1, 2)"
                       " ON CONFLICT(year) DO UPDATE SET next_seq = next_seq + 1 RETURNING next_seq - 1",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int(q, 1, year);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *seq = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "normative_reg_numbers");
}

static int exec_id(Store *st, const char *sql, long long id, const char *a, const char *b, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    if (a) sqlite3_bind_text(q, 2, a, -1, SQLITE_STATIC);
    if (b) sqlite3_bind_text(q, 3, b, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "normative_search");
}

int sqlite_store_normative_index(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err)
{
    if (exec_id(st, "DELETE FROM normative_search WHERE rowid = ?1", id, NULL, NULL, err) != ZF_OK) return ZF_ERR;
    return exec_id(st, "INSERT INTO normative_search(rowid, bi, uni) VALUES (?1, ?2, ?3)", id, bigrams, unigrams, err);
}

/* ?1 status, ?2 issuer, ?3 match, ?4 published only, ?5 scope agency, ?6 scope region prefix, ?9 validity. */
#define LIST_WHERE                                                                                                  \
    " FROM normative_docs d WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR d.issuer = ?2)"                 \
    " AND (?3 IS NULL OR d.id IN (SELECT rowid FROM normative_search WHERE normative_search MATCH ?3))"            \
    " AND (?4 = 0 OR d.validity IN ('valid', 'amended'))"                                                          \
    " AND (?5 IS NULL OR d.issuer = ?5) AND (?6 IS NULL OR substr(d.region, 1, length(?6)) = ?6)"  \
    " AND (?9 IS NULL OR d.validity = ?9 OR (?9 = 'published' AND d.validity IS NOT NULL))"

static void bind_filter(sqlite3_stmt *q, const NormativeFilter *f)
{
    sqlite_bind_opt(q, 1, f->status);
    sqlite_bind_opt(q, 2, f->issuer);
    sqlite_bind_opt(q, 3, f->match);
    sqlite3_bind_int(q, 4, f->published_only ? 1 : 0);
    sqlite_bind_opt(q, 5, f->scope_agency);
    sqlite_bind_opt(q, 6, f->scope_region_prefix);
    sqlite_bind_opt(q, 9, f->validity);
}

int sqlite_store_normative_list(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    long long total = 0;
    json_t *items;
    if (f->scope_nothing) {
        *out = json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page, "size", size);
        return ZF_OK;
    }
    if (sqlite_prepare(st, "SELECT count(*)" LIST_WHERE, &q, err) != ZF_OK) return ZF_ERR;
    bind_filter(q, f);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) total = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW) return sqlite_fail(st, err, "normative_docs");
    char sql[1200];
    snprintf(sql, sizeof sql, "SELECT %s%s ORDER BY d.id DESC LIMIT ?7 OFFSET ?8", DESC[NORMATIVE_DOC].json,
             LIST_WHERE);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    bind_filter(q, f);
    sqlite3_bind_int(q, 7, size);
    sqlite3_bind_int64(q, 8, (long long)(page - 1) * size);
    if (sqlite_json_rows(st, q, "normative_docs", &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}

int sqlite_store_normative_foreach(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx,
                                   ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, DESC[t].table, fn, ctx, err);
}

int sqlite_store_normative_tasks_of(Store *st, long long doc_id, json_t **items, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM normative_tasks WHERE doc_id = ?1 ORDER BY id",
             DESC[NORMATIVE_TASK].json);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, doc_id);
    return sqlite_json_rows(st, q, "normative_tasks", items, err);
}

int sqlite_store_normative_users_in_role(Store *st, const char *role, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT json_object('username', u.username, 'region', coalesce(u.region, ''),"
                       " 'agency_region', coalesce(a.region, '')) FROM users u LEFT JOIN agencies a ON a.code = u.agency"
                       " WHERE u.role = ?1 AND u.disabled = 0 ORDER BY u.username",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, role, -1, SQLITE_STATIC);
    return sqlite_json_rows(st, q, "users", items, err);
}
