/* SQLite side of the law library: loading parsed laws, the bigram FTS5 index (law_search), the
 * outline of a law, one article with its neighbours, and ranked search with snippets.
 * Ranking: FTS5 bm25 (term frequency over article length, rarer terms weigh more), raised for
 * laws whose title shares the query's characters, ties in law and article order. */
#include "store/laws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

#define SNIPPET_CHARS 80
#define TITLE_BOOST 0.5

static int prepare(Store *st, const char *sql, sqlite3_stmt **q, ZfError *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, q, NULL) == SQLITE_OK) return ZF_OK;
    return sqlite_fail(st, err, "laws");
}

static int not_found(ZfError *err, const char *what) { return zf_fail(err, 404, "not_found", NULL, "%s", what); }

static void article_key(int number, int sub, char out[24])
{
    if (sub) snprintf(out, 24, "%d-%d", number, sub);
    else snprintf(out, 24, "%d", number);
}

/* ---- loading ---------------------------------------------------------------------------- */

int sqlite_store_law_hash(Store *st, const char *file, char hash[65], ZfError *err)
{
    sqlite3_stmt *q;
    hash[0] = '\0';
    if (prepare(st, "SELECT hash FROM laws WHERE file = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, file, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "laws");
}

static int step_done(Store *st, sqlite3_stmt *q, ZfError *err)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "laws");
}

/* The id of file's row, inserted or updated with the law's header. */
static int put_header(Store *st, const char *file, const char *hash, const Law *law, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (prepare(st,
                "INSERT INTO laws(file, hash, title, short_title, kind, promulgated, info, article_count, loaded_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
                " ON CONFLICT(file) DO UPDATE SET hash = excluded.hash, title = excluded.title,"
                " short_title = excluded.short_title, kind = excluded.kind, promulgated = excluded.promulgated,"
                " info = excluded.info, article_count = excluded.article_count, loaded_at = excluded.loaded_at"
                " RETURNING id",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, file, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, law->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, law->short_title, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, law->kind, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 6, law->promulgated[0] ? law->promulgated : NULL);
    sqlite3_bind_text(q, 7, law->info, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)law->n_articles);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(q, 0);
    rc = rc == SQLITE_ROW ? sqlite3_step(q) : rc;
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "laws");
}

int sqlite_store_law_put(Store *st, const char *file, const char *hash, const Law *law, ZfError *err)
{
    long long id = 0;
    sqlite3_stmt *del, *ins;
    if (put_header(st, file, hash, law, &id, err) != ZF_OK) return ZF_ERR;
    if (prepare(st, "DELETE FROM law_articles WHERE law_id = ?1", &del, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(del, 1, id);
    int rc = step_done(st, del, err);
    sqlite3_finalize(del);
    if (rc != ZF_OK) return ZF_ERR;
    if (prepare(st,
                "INSERT INTO law_articles(law_id, seq, number, sub, label, part, chapter, section, text)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                &ins, err) != ZF_OK)
        return ZF_ERR;
    for (size_t i = 0; i < law->n_articles && rc == ZF_OK; i++) {
        const LawArticle *a = &law->articles[i];
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_int(ins, 3, a->number);
        sqlite3_bind_int(ins, 4, a->sub);
        sqlite3_bind_text(ins, 5, a->label, -1, SQLITE_STATIC);
        sqlite_bind_opt(ins, 6, a->part);
        sqlite_bind_opt(ins, 7, a->chapter);
        sqlite_bind_opt(ins, 8, a->section);
        sqlite3_bind_text(ins, 9, a->text, -1, SQLITE_STATIC);
        rc = step_done(st, ins, err);
    }
    sqlite3_finalize(ins);
    return rc;
}

int sqlite_store_laws_prune(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err)
{
    sqlite3_stmt *q, *del;
    int rc = ZF_OK;
    *removed = 0;
    if (prepare(st, "SELECT id, file FROM laws", &q, err) != ZF_OK) return ZF_ERR;
    if (prepare(st, "DELETE FROM laws WHERE id = ?1", &del, err) != ZF_OK) return sqlite3_finalize(q), ZF_ERR;
    while (rc == ZF_OK && sqlite3_step(q) == SQLITE_ROW) {
        const char *file = (const char *)sqlite3_column_text(q, 1);
        size_t i = 0;
        while (i < n && strcmp(keep[i], file) != 0) i++;
        if (i < n) continue;
        sqlite3_bind_int64(del, 1, sqlite3_column_int64(q, 0));
        if ((rc = step_done(st, del, err)) == ZF_OK) (*removed)++;
    }
    sqlite3_finalize(q);
    sqlite3_finalize(del);
    return rc;
}

int sqlite_store_laws_reindex(Store *st, ZfError *err)
{
    sqlite3_stmt *q, *ins;
    int rc = ZF_OK;
    if (sqlite3_exec(st->db, "INSERT INTO law_search(law_search) VALUES ('delete-all')", NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "law_search");
    if (prepare(st, "SELECT id, text FROM law_articles", &q, err) != ZF_OK) return ZF_ERR;
    if (prepare(st, "INSERT INTO law_search(rowid, bi, uni) VALUES (?1, ?2, ?3)", &ins, err) != ZF_OK)
        return sqlite3_finalize(q), ZF_ERR;
    while (rc == ZF_OK && sqlite3_step(q) == SQLITE_ROW) {
        char *bi, *uni;
        if (law_terms_index((const char *)sqlite3_column_text(q, 1), &bi, &uni) != 0) {
            rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
            break;
        }
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(q, 0));
        sqlite3_bind_text(ins, 2, bi, -1, free);
        sqlite3_bind_text(ins, 3, uni, -1, free);
        rc = step_done(st, ins, err);
        sqlite3_clear_bindings(ins);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    return rc;
}

/* ---- reading ---------------------------------------------------------------------------- */

#define LAW_COLUMNS "id, title, short_title, kind, promulgated, article_count, info"

static json_t *law_summary(sqlite3_stmt *q)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:I}", "id", (json_int_t)sqlite3_column_int64(q, 0), "title",
                     sqlite_json_text(q, 1), "short_title", sqlite_json_text(q, 2), "kind", sqlite_json_text(q, 3),
                     "promulgated", sqlite_json_text(q, 4), "articles", (json_int_t)sqlite3_column_int64(q, 5));
}

int sqlite_store_laws_list(Store *st, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    json_t *items = json_array();
    long long total = 0;
    /* 法律, then 行政法规, then 规章; newest version first within each */
    if (prepare(st,
                "SELECT " LAW_COLUMNS ", count(*) OVER () FROM laws"
                " ORDER BY CASE kind WHEN '法律' THEN 0 WHEN '行政法规' THEN 1 ELSE 2 END, promulgated DESC, id"
                " LIMIT ?1 OFFSET ?2",
                &q, err) != ZF_OK)
        return json_decref(items), ZF_ERR;
    sqlite3_bind_int(q, 1, size);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)(page - 1) * size);
    while (sqlite3_step(q) == SQLITE_ROW) {
        json_array_append_new(items, law_summary(q));
        total = sqlite3_column_int64(q, 7);
    }
    sqlite3_finalize(q);
    if (!total && page > 1) { /* past the end: the count still answers */
        if (prepare(st, "SELECT count(*) FROM laws", &q, err) != ZF_OK) return json_decref(items), ZF_ERR;
        if (sqlite3_step(q) == SQLITE_ROW) total = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}

/* Info lines as a JSON array. */
static json_t *info_lines(const char *info)
{
    json_t *lines = json_array();
    while (info && *info) {
        const char *end = strchr(info, '\n');
        size_t n = end ? (size_t)(end - info) : strlen(info);
        if (n) json_array_append_new(lines, json_stringn(info, n));
        info = end ? end + 1 : NULL;
    }
    return lines;
}

static int law_header(Store *st, long long id, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (prepare(st, "SELECT " LAW_COLUMNS " FROM laws WHERE id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *out = law_summary(q);
        json_object_set_new(*out, "info", info_lines((const char *)sqlite3_column_text(q, 6)));
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    return rc == SQLITE_DONE ? not_found(err, "法律法规不存在") : sqlite_fail(st, err, "laws");
}

static json_t *article_json(int number, int sub, const char *label, const char *text)
{
    char key[24];
    article_key(number, sub, key);
    return json_pack("{s:i, s:i, s:s, s:s, s:s}", "number", number, "sub", sub, "key", key, "label", label, "text",
                     text);
}

static const char *const DIV_KINDS[3] = {"part", "chapter", "section"};

/* Builds 编 → 章 → 节 nodes from the articles' division columns, in article order. */
typedef struct {
    json_t *top_nodes, *top_articles;
    json_t *node[3];
    const char *title[3]; /* borrowed from node[i]'s "title" */
} Outline;

static void outline_add(Outline *o, const char *div[3], json_t *article)
{
    bool fresh = false;
    for (int d = 0; d < 3; d++) {
        if (!div[d]) {
            o->node[d] = NULL;
            continue;
        }
        if (!fresh && o->node[d] && strcmp(o->title[d], div[d]) == 0) continue;
        json_t *node = json_pack("{s:s, s:s, s:[], s:[]}", "kind", DIV_KINDS[d], "title", div[d], "children",
                                 "articles");
        json_t *parent = NULL;
        for (int p = d - 1; p >= 0 && !parent; p--)
            if (o->node[p]) parent = json_object_get(o->node[p], "children");
        json_array_append_new(parent ? parent : o->top_nodes, node);
        o->node[d] = node;
        o->title[d] = json_string_value(json_object_get(node, "title"));
        fresh = true;
        for (int k = d + 1; k < 3; k++) o->node[k] = NULL;
    }
    json_t *home = o->top_articles;
    for (int d = 2; d >= 0; d--)
        if (o->node[d]) {
            home = json_object_get(o->node[d], "articles");
            break;
        }
    json_array_append_new(home, article);
}

int sqlite_store_law_get(Store *st, long long id, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    json_t *law;
    if (law_header(st, id, &law, err) != ZF_OK) return ZF_ERR;
    if (prepare(st,
                "SELECT number, sub, label, text, part, chapter, section FROM law_articles"
                " WHERE law_id = ?1 ORDER BY seq",
                &q, err) != ZF_OK)
        return json_decref(law), ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    Outline o = {.top_nodes = json_array(), .top_articles = json_array()};
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *div[3];
        for (int d = 0; d < 3; d++) div[d] = (const char *)sqlite3_column_text(q, 4 + d);
        outline_add(&o, div,
                    article_json(sqlite3_column_int(q, 0), sqlite3_column_int(q, 1),
                                 (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3)));
    }
    sqlite3_finalize(q);
    json_object_set_new(law, "chapters", o.top_nodes);
    json_object_set_new(law, "articles_outside_chapters", o.top_articles);
    *out = law;
    return ZF_OK;
}

/* {key, label} of the article at seq in the law, or JSON null. */
static json_t *neighbour(Store *st, long long law_id, long long seq)
{
    sqlite3_stmt *q;
    json_t *v = json_null();
    if (sqlite3_prepare_v2(st->db, "SELECT number, sub, label FROM law_articles WHERE law_id = ?1 AND seq = ?2", -1,
                           &q, NULL) != SQLITE_OK)
        return v;
    sqlite3_bind_int64(q, 1, law_id);
    sqlite3_bind_int64(q, 2, seq);
    if (sqlite3_step(q) == SQLITE_ROW) {
        char key[24];
        article_key(sqlite3_column_int(q, 0), sqlite3_column_int(q, 1), key);
        json_decref(v);
        v = json_pack("{s:s, s:i, s:i, s:o}", "key", key, "number", sqlite3_column_int(q, 0), "sub",
                      sqlite3_column_int(q, 1), "label", sqlite_json_text(q, 2));
    }
    sqlite3_finalize(q);
    return v;
}

int sqlite_store_law_article(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    json_t *law;
    if (law_header(st, law_id, &law, err) != ZF_OK) return ZF_ERR;
    json_object_del(law, "info");
    if (prepare(st,
                "SELECT seq, label, text, part, chapter, section FROM law_articles"
                " WHERE law_id = ?1 AND number = ?2 AND sub = ?3",
                &q, err) != ZF_OK)
        return json_decref(law), ZF_ERR;
    sqlite3_bind_int64(q, 1, law_id);
    sqlite3_bind_int(q, 2, number);
    sqlite3_bind_int(q, 3, sub);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        json_decref(law);
        return not_found(err, "该法律法规中没有这一条");
    }
    long long seq = sqlite3_column_int64(q, 0);
    json_t *article = article_json(number, sub, (const char *)sqlite3_column_text(q, 1),
                                   (const char *)sqlite3_column_text(q, 2));
    json_object_set_new(article, "part", sqlite_json_text(q, 3));
    json_object_set_new(article, "chapter", sqlite_json_text(q, 4));
    json_object_set_new(article, "section", sqlite_json_text(q, 5));
    sqlite3_finalize(q);
    *out = json_pack("{s:o, s:o, s:o, s:o}", "law", law, "article", article, "prev", neighbour(st, law_id, seq - 1),
                     "next", neighbour(st, law_id, seq + 1));
    return ZF_OK;
}

/* ---- search ----------------------------------------------------------------------------- */

typedef struct {
    long long id, law_id, seq;
    double score; /* higher is better */
} Hit;

typedef struct {
    long long id;
    double boost;
} LawBoost;

static int hit_order(const void *a, const void *b)
{
    const Hit *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->law_id != y->law_id) return x->law_id < y->law_id ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* 1 + TITLE_BOOST × (share of the query's characters found in the law's title), per law. */
static int title_boosts(Store *st, const LawQuery *query, LawBoost **out, size_t *n, ZfError *err)
{
    sqlite3_stmt *q;
    size_t cap = 16;
    *n = 0;
    if (!(*out = malloc(cap * sizeof **out))) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (prepare(st, "SELECT id, title FROM laws", &q, err) != ZF_OK) return free(*out), ZF_ERR;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*n == cap) {
            LawBoost *grown = realloc(*out, (cap *= 2) * sizeof **out);
            if (!grown) break;
            *out = grown;
        }
        (*out)[*n].id = sqlite3_column_int64(q, 0);
        (*out)[(*n)++].boost = 1 + TITLE_BOOST * law_query_title_overlap(query, (const char *)sqlite3_column_text(q, 1));
    }
    sqlite3_finalize(q);
    return ZF_OK;
}

static double boost_of(const LawBoost *b, size_t n, long long law_id)
{
    for (size_t i = 0; i < n; i++)
        if (b[i].id == law_id) return b[i].boost;
    return 1;
}

/* Every matching article with its score. */
static int collect_hits(Store *st, const LawQuery *query, long long law_id, Hit **hits, size_t *n, ZfError *err)
{
    char match[2048];
    sqlite3_stmt *q;
    LawBoost *boosts;
    size_t n_boosts, cap = 256;
    *n = 0;
    if (law_query_match(query, "bi", "uni", match, sizeof match) != 0)
        return zf_fail(err, 400, "invalid_param", "q", "检索词过长");
    if (title_boosts(st, query, &boosts, &n_boosts, err) != ZF_OK) return ZF_ERR;
    if (prepare(st,
                "SELECT s.rowid, bm25(law_search), a.law_id, a.seq FROM law_search s"
                " JOIN law_articles a ON a.id = s.rowid WHERE law_search MATCH ?1 AND (?2 = 0 OR a.law_id = ?2)",
                &q, err) != ZF_OK)
        return free(boosts), ZF_ERR;
    sqlite3_bind_text(q, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, law_id);
    *hits = malloc(cap * sizeof **hits);
    int rc;
    while (*hits && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            Hit *grown = realloc(*hits, (cap *= 2) * sizeof **hits);
            if (!grown) break;
            *hits = grown;
        }
        Hit *h = &(*hits)[(*n)++];
        h->id = sqlite3_column_int64(q, 0);
        h->law_id = sqlite3_column_int64(q, 2);
        h->seq = sqlite3_column_int64(q, 3);
        /* bm25() is negative, more negative = better */
        h->score = -sqlite3_column_double(q, 1) * boost_of(boosts, n_boosts, h->law_id);
    }
    sqlite3_finalize(q);
    free(boosts);
    if (!*hits) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return free(*hits), sqlite_fail(st, err, "law_search");
    return ZF_OK;
}

static json_t *hit_json(sqlite3_stmt *q, const LawQuery *query, const Hit *h)
{
    const char *text = (const char *)sqlite3_column_text(q, 5);
    char key[24], *snippet = law_snippet(text, query, SNIPPET_CHARS);
    int number = sqlite3_column_int(q, 0), sub = sqlite3_column_int(q, 1);
    article_key(number, sub, key);
    json_t *item = json_pack("{s:I, s:o, s:o, s:i, s:i, s:s, s:o, s:o, s:o, s:s, s:i, s:f}", "law_id",
                             (json_int_t)h->law_id, "law_title", sqlite_json_text(q, 6), "law_short_title",
                             sqlite_json_text(q, 7), "number", number, "sub", sub, "key", key, "label",
                             sqlite_json_text(q, 2), "chapter", sqlite_json_text(q, 3), "section",
                             sqlite_json_text(q, 4), "snippet", snippet ? snippet : "", "hits",
                             law_query_hits(query, text), "score", (double)(long long)(h->score * 1e6) / 1e6);
    free(snippet);
    return item;
}

int sqlite_store_laws_search(Store *st, const LawQuery *query, long long law_id, int page, int size, json_t **out,
                      ZfError *err)
{
    Hit *hits;
    size_t n;
    sqlite3_stmt *q;
    if (collect_hits(st, query, law_id, &hits, &n, err) != ZF_OK) return ZF_ERR;
    qsort(hits, n, sizeof *hits, hit_order);
    json_t *items = json_array();
    size_t from = (size_t)(page - 1) * (size_t)size, to = from + (size_t)size < n ? from + (size_t)size : n;
    if (from < n) {
        if (prepare(st,
                    "SELECT a.number, a.sub, a.label, a.chapter, a.section, a.text, l.title, l.short_title"
                    " FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?1",
                    &q, err) != ZF_OK) {
            free(hits);
            json_decref(items);
            return ZF_ERR;
        }
        for (size_t i = from; i < to; i++) {
            sqlite3_bind_int64(q, 1, hits[i].id);
            if (sqlite3_step(q) == SQLITE_ROW) json_array_append_new(items, hit_json(q, query, &hits[i]));
            sqlite3_reset(q);
        }
        sqlite3_finalize(q);
    }
    free(hits);
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)n, "page", page, "size", size);
    return ZF_OK;
}
