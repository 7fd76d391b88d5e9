/* PostgreSQL side of store/normative.h: two body tables (pg_body_rows.c), the gap-free 登记编号
 * sequence and the public register's search. FTS5 has no twin here: normative_search keeps the
 * same bigram and unigram token strings per document, and the query's FTS5 expression (domain's
 * law_query_match: `bi:"当场 场收" AND uni:"罚"`) becomes phrases that must each occur there. */
#include "store/normative.h"

#include <stdio.h>
#include <string.h>

#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define BODY ", 'body', body::json)"
static const PgBodyTable DESC[] = {
    [NORMATIVE_DOC] = {"normative_docs", "规范性文件", {"issuer", "region", "status", "reg_no", "validity", NULL},
                       "json_build_object('id', id, 'issuer', issuer, 'region', region, 'status', status,"
                       " 'reg_no', reg_no, 'validity', validity" BODY,
                       "reg_no", true},
    [NORMATIVE_TASK] = {"normative_tasks", "审查任务", {"doc_id", "source", "status", NULL},
                        "json_build_object('id', id, 'doc_id', doc_id, 'source', source, 'status', status" BODY, NULL,
                        false},
    [NORMATIVE_CATALOG] = {"normative_catalogs", "备案目录", {"quarter", NULL},
                           "json_build_object('id', id, 'quarter', quarter" BODY, "quarter", true},
};

int pg_store_normative_get(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err)
{
    return pg_body_get(st, &DESC[t], id, row, err);
}

int pg_store_normative_put(Store *st, NormativeTable t, json_t *row, ZfError *err)
{
    return pg_body_put(st, &DESC[t], row, err);
}

/* The year's row stays locked until the registering transaction ends: concurrent registrations
 * wait for it, and a rollback gives the number back (no gap). */
int pg_store_normative_next_seq(Store *st, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO normative_reg_numbers(year, next_seq) VALUES ($1::bigint, 2)"
                           " ON CONFLICT (year) DO UPDATE SET next_seq = normative_reg_numbers.next_seq + 1"
                           " RETURNING next_seq - 1",
                           PG_ARGS(pg_int(y, year)), "normative_reg_numbers", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_normative_index(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err)
{
    char idt[24];
    return pg_exec(st,
                   "INSERT INTO normative_search(doc_id, bi, uni) VALUES ($1::bigint, $2::text, $3::text)"
                   " ON CONFLICT (doc_id) DO UPDATE SET bi = excluded.bi, uni = excluded.uni",
                   PG_ARGS(pg_int(idt, id), bigrams ? bigrams : "", unigrams ? unigrams : ""), "normative_search", NULL,
                   err);
}

/* The phrases of an FTS5 expression over columns bi and uni, each column's phrases one per line
 * in bi/uni. -1 when the expression is not of that form (or too long). */
static int match_phrases(const char *m, char *bi, char *uni, size_t cap)
{
    size_t nb = 0, nu = 0;
    bi[0] = uni[0] = '\0';
    while (*m) {
        const char *q = strchr(m, '"');
        if (!q) break;
        bool is_bi = q - m >= 3 && strncmp(q - 3, "bi:", 3) == 0;
        bool is_uni = q - m >= 4 && strncmp(q - 4, "uni:", 4) == 0;
        const char *end = strchr(q + 1, '"');
        if (!end || !(is_bi || is_uni)) return -1;
        char *out = is_bi ? bi : uni;
        size_t *n = is_bi ? &nb : &nu, len = (size_t)(end - q - 1);
        if (*n + len + 2 > cap) return -1;
        if (*n) out[(*n)++] = '\n';
        memcpy(out + *n, q + 1, len);
        *n += len;
        out[*n] = '\0';
        m = end + 1;
    }
    return 0;
}

/* $1 status, $2 issuer, $3 bigram phrases, $4 unigram phrases (one a line), $5 published only,
 * $6 scope agency, $7 scope region prefix, $8 validity ('published': any of them). */
#define PHRASES_IN(col, param)                                                                                     \
    "NOT EXISTS (SELECT 1 FROM unnest(string_to_array(" param ", E'\\n')) p"                                      \
    " WHERE strpos(' ' || s." col " || ' ', ' ' || p || ' ') = 0)"
#define LIST_WHERE                                                                                                  \
    " FROM normative_docs d WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.issuer = $2)"     \
    " AND (($3::text IS NULL AND $4::text IS NULL) OR d.id IN (SELECT s.doc_id FROM normative_search s WHERE"      \
    " ($3::text IS NULL OR " PHRASES_IN("bi", "$3::text") ") AND ($4::text IS NULL OR "                           \
    PHRASES_IN("uni", "$4::text") ")))"                                                                            \
    " AND ($5::int = 0 OR d.validity IN ('valid', 'amended'))"                                                    \
    " AND ($6::text IS NULL OR d.issuer = $6) AND ($7::text IS NULL OR left(d.region, length($7)) = $7)"     \
    " AND ($8::text IS NULL OR d.validity = $8 OR ($8 = 'published' AND d.validity IS NOT NULL))"

int pg_store_normative_list(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err)
{
    if (f->scope_nothing) {
        *out = pg_page(json_array(), 0, page, size);
        return ZF_OK;
    }
    char bi[1024], uni[1024], lim[24], off[24], sql[2048];
    if (f->match && match_phrases(f->match, bi, uni, sizeof bi) != 0)
        return zf_fail(err, 400, "invalid_param", "q", "检索词无法识别");
    const char *params[10] = {f->status, f->issuer, f->match && *bi ? bi : NULL, f->match && *uni ? uni : NULL,
                              f->published_only ? "1" : "0", f->scope_agency, f->scope_region_prefix, f->validity,
                              pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)};
    PGresult *r = pg_query(st, "SELECT count(*)" LIST_WHERE, 8, params, "normative_docs", err);
    if (!r) return ZF_ERR;
    long long total = pg_ll(r, 0, 0);
    PQclear(r);
    snprintf(sql, sizeof sql, "SELECT %s%s ORDER BY d.id DESC LIMIT $9::bigint OFFSET $10::bigint",
             DESC[NORMATIVE_DOC].json, LIST_WHERE);
    json_t *items;
    if (pg_json_rows(st, sql, 10, params, "normative_docs", &items, err) != ZF_OK) return ZF_ERR;
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_normative_foreach(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx,
                               ZfError *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    return pg_body_walk(st, sql, PG_NOARGS, DESC[t].table, fn, ctx, err);
}

int pg_store_normative_tasks_of(Store *st, long long doc_id, json_t **items, ZfError *err)
{
    char sql[512], idt[24];
    snprintf(sql, sizeof sql, "SELECT %s FROM normative_tasks WHERE doc_id = $1::bigint ORDER BY id",
             DESC[NORMATIVE_TASK].json);
    return pg_json_rows(st, sql, PG_ARGS(pg_int(idt, doc_id)), "normative_tasks", items, err);
}

int pg_store_normative_users_in_role(Store *st, const char *role, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('username', u.username, 'region', coalesce(u.region, ''),"
                        " 'agency_region', coalesce(a.region, '')) FROM users u LEFT JOIN agencies a ON a.code = u.agency"
                        " WHERE u.role = $1 AND u.disabled = 0 ORDER BY u.username COLLATE \"C\"",
                        PG_ARGS(role), "users", items, err);
}
