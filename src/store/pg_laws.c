/* PostgreSQL side of the law library (store/laws.h): loading, the outline of a law, one article
 * with its neighbours, and search. FTS5 has no twin here: law_bigrams holds each article's
 * 1–2-character grams (the same terms the SQLite index holds, domain/law_terms.h), so a query of
 * one or two characters is an index lookup; law_articles.text has a pg_trgm index for longer
 * substring reads. Ranking: the query's hits over the square root of the article's length,
 * raised for laws whose title shares the query's characters — close to, not the same as, bm25. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/law_terms.h"
#include "store/laws.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define SNIPPET_CHARS 80
#define TITLE_BOOST 0.5
#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static void article_key(int number, int sub, char out[24])
{
    if (sub) snprintf(out, 24, "%d-%d", number, sub);
    else snprintf(out, 24, "%d", number);
}

/* ---- loading ---- */

int pg_store_law_hash(Store *st, const char *file, char hash[65], ZfError *err)
{
    hash[0] = '\0';
    PGresult *r = pg_query(st, "SELECT hash FROM laws WHERE file = $1", PG_ARGS(file), "laws", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) pg_copy(r, 0, 0, hash, 65);
    PQclear(r);
    return ZF_OK;
}

int pg_store_law_put(Store *st, const char *file, const char *hash, const Law *law, ZfError *err)
{
    char n[24], id[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO laws(file, hash, title, short_title, kind, promulgated, info, article_count,"
                           " loaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " PG_NOW ")"
                           " ON CONFLICT (file) DO UPDATE SET hash = excluded.hash, title = excluded.title,"
                           " short_title = excluded.short_title, kind = excluded.kind, promulgated = excluded.promulgated,"
                           " info = excluded.info, article_count = excluded.article_count, loaded_at = excluded.loaded_at"
                           " RETURNING id",
                           PG_ARGS(file, hash, law->title, law->short_title, law->kind,
                                   law->promulgated[0] ? law->promulgated : NULL, law->info,
                                   pg_int(n, (long long)law->n_articles)),
                           "laws", err);
    if (!r) return ZF_ERR;
    pg_copy(r, 0, 0, id, sizeof id);
    PQclear(r);
    if (pg_exec(st, "DELETE FROM law_articles WHERE law_id = $1", PG_ARGS(id), "law_articles", NULL, err) != ZF_OK)
        return ZF_ERR;
    /* every article in one statement: one round trip per law, not per article */
    json_t *rows = json_array();
    for (size_t i = 0; i < law->n_articles; i++) {
        const LawArticle *a = &law->articles[i];
        json_array_append_new(rows, json_pack("{s:I, s:i, s:i, s:s, s:s?, s:s?, s:s?, s:s}", "seq", (json_int_t)i + 1,
                                              "number", a->number, "sub", a->sub, "label", a->label, "part", a->part,
                                              "chapter", a->chapter, "section", a->section, "text", a->text));
    }
    char *text = json_dumps(rows, JSON_COMPACT);
    json_decref(rows);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = pg_exec(st,
                     "INSERT INTO law_articles(law_id, seq, number, sub, label, part, chapter, section, text)"
                     " SELECT $1::bigint, x.seq, x.number, x.sub, x.label, x.part, x.chapter, x.section, x.text"
                     " FROM json_to_recordset($2::json) AS x(seq bigint, number bigint, sub bigint, label text,"
                     " part text, chapter text, section text, text text)",
                     PG_ARGS(id, text), "law_articles", NULL, err);
    free(text);
    return rc;
}

int pg_store_laws_prune(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err)
{
    *removed = 0;
    PGresult *r = pg_query(st, "SELECT id, file FROM laws", PG_NOARGS, "laws", err);
    if (!r) return ZF_ERR;
    int rc = ZF_OK;
    for (int row = 0; row < PQntuples(r) && rc == ZF_OK; row++) {
        size_t i = 0;
        while (i < n && strcmp(keep[i], pg_text(r, row, 1)) != 0) i++;
        if (i < n) continue;
        rc = pg_exec(st, "DELETE FROM laws WHERE id = $1", PG_ARGS(pg_text(r, row, 0)), "laws", NULL, err);
        if (rc == ZF_OK) (*removed)++;
    }
    PQclear(r);
    return rc;
}

/* The grams of every article, rebuilt: the "~" break tokens are not grams (never queried).
 * TRUNCATE, not DELETE: the insert then fills fresh indexes instead of ones full of the dead
 * rows (a third of the time). It locks the table until the load commits, so a search waits the
 * few seconds of a law library load instead of reading the old grams. */
int pg_store_laws_reindex(Store *st, ZfError *err)
{
    if (pg_exec(st, "TRUNCATE law_bigrams", PG_NOARGS, "law_bigrams", NULL, err) != ZF_OK) return ZF_ERR;
    PGresult *r = pg_query(st, "SELECT id, text FROM law_articles", PG_NOARGS, "law_articles", err);
    if (!r) return ZF_ERR;
    /* the grams of every article computed here (domain/law_terms.c, as for SQLite), written in one statement */
    json_t *rows = json_array();
    int rc = ZF_OK;
    for (int i = 0; i < PQntuples(r) && rc == ZF_OK; i++) {
        char *bi, *uni;
        if (law_terms_index(pg_text(r, i, 1), &bi, &uni) != 0) {
            rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
            break;
        }
        json_array_append_new(rows, json_pack("{s:I, s:[s, s]}", "id", (json_int_t)pg_ll(r, i, 0), "g", bi, uni));
        free(bi);
        free(uni);
    }
    PQclear(r);
    char *text = rc == ZF_OK ? json_dumps(rows, JSON_COMPACT) : NULL;
    json_decref(rows);
    if (rc != ZF_OK) return ZF_ERR;
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    rc = pg_exec(st,
                 "INSERT INTO law_bigrams(gram, article_id) SELECT DISTINCT t.gram, x.id"
                 " FROM json_to_recordset($1::json) AS x(id bigint, g json),"
                 " json_array_elements_text(x.g) AS part(terms), unnest(string_to_array(part.terms, ' ')) AS t(gram)"
                 " WHERE t.gram NOT IN ('', '~')",
                 PG_ARGS(text), "law_bigrams", NULL, err);
    free(text);
    return rc;
}

/* ---- reading ---- */

#define LAW_COLUMNS "id, title, short_title, kind, promulgated, article_count, info"

static json_t *law_summary(const PGresult *r, int i)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:I}", "id", (json_int_t)pg_ll(r, i, 0), "title", pg_json_text(r, i, 1),
                     "short_title", pg_json_text(r, i, 2), "kind", pg_json_text(r, i, 3), "promulgated",
                     pg_json_text(r, i, 4), "articles", (json_int_t)pg_ll(r, i, 5));
}

int pg_store_laws_list(Store *st, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    /* 法律, then 行政法规, then 规章; newest version first within each */
    PGresult *r = pg_query(st,
                           "SELECT " LAW_COLUMNS ", (SELECT count(*) FROM laws) FROM laws"
                           " ORDER BY CASE kind WHEN '法律' THEN 0 WHEN '行政法规' THEN 1 ELSE 2 END,"
                           " promulgated DESC NULLS LAST, id LIMIT $1 OFFSET $2",
                           PG_ARGS(pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)), "laws", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(items, law_summary(r, i));
    long long total = PQntuples(r) ? pg_ll(r, 0, 7) : 0;
    PQclear(r);
    if (!total && page > 1) {
        r = pg_query(st, "SELECT count(*) FROM laws", PG_NOARGS, "laws", err);
        if (r) total = pg_ll(r, 0, 0), PQclear(r);
    }
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

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
    char v[24];
    PGresult *r = pg_query(st, "SELECT " LAW_COLUMNS " FROM laws WHERE id = $1", PG_ARGS(pg_int(v, id)), "laws", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) {
        *out = law_summary(r, 0);
        json_object_set_new(*out, "info", info_lines(pg_text(r, 0, 6)));
    }
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "法律法规不存在");
}

static json_t *article_json(int number, int sub, const char *label, const char *text)
{
    char key[24];
    article_key(number, sub, key);
    return json_pack("{s:i, s:i, s:s, s:s, s:s}", "number", number, "sub", sub, "key", key, "label", label, "text",
                     text);
}

static const char *const DIV_KINDS[3] = {"part", "chapter", "section"};

/* 编 → 章 → 节 nodes from the articles' division columns, in article order (as sqlite_laws.c). */
typedef struct {
    json_t *top_nodes, *top_articles;
    json_t *node[3];
    const char *title[3];
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

int pg_store_law_get(Store *st, long long id, json_t **out, ZfError *err)
{
    char v[24];
    json_t *law;
    if (law_header(st, id, &law, err) != ZF_OK) return ZF_ERR;
    PGresult *r = pg_query(st,
                           "SELECT number, sub, label, text, part, chapter, section FROM law_articles"
                           " WHERE law_id = $1 ORDER BY seq",
                           PG_ARGS(pg_int(v, id)), "law_articles", err);
    if (!r) return json_decref(law), ZF_ERR;
    Outline o = {.top_nodes = json_array(), .top_articles = json_array()};
    for (int i = 0; i < PQntuples(r); i++) {
        const char *div[3];
        for (int d = 0; d < 3; d++) div[d] = PQgetisnull(r, i, 4 + d) ? NULL : PQgetvalue(r, i, 4 + d);
        outline_add(&o, div, article_json((int)pg_ll(r, i, 0), (int)pg_ll(r, i, 1), pg_text(r, i, 2), pg_text(r, i, 3)));
    }
    PQclear(r);
    json_object_set_new(law, "chapters", o.top_nodes);
    json_object_set_new(law, "articles_outside_chapters", o.top_articles);
    *out = law;
    return ZF_OK;
}

static json_t *neighbour(Store *st, long long law_id, long long seq)
{
    char a[24], b[24], key[24];
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT number, sub, label FROM law_articles WHERE law_id = $1 AND seq = $2",
                           PG_ARGS(pg_int(a, law_id), pg_int(b, seq)), "law_articles", &ignored);
    json_t *v = json_null();
    if (r && PQntuples(r)) {
        int number = (int)pg_ll(r, 0, 0), sub = (int)pg_ll(r, 0, 1);
        article_key(number, sub, key);
        v = json_pack("{s:s, s:i, s:i, s:o}", "key", key, "number", number, "sub", sub, "label", pg_json_text(r, 0, 2));
    }
    PQclear(r);
    return v;
}

int pg_store_law_article(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err)
{
    char a[24], b[24], c[24];
    json_t *law;
    if (law_header(st, law_id, &law, err) != ZF_OK) return ZF_ERR;
    json_object_del(law, "info");
    PGresult *r = pg_query(st,
                           "SELECT seq, label, text, part, chapter, section FROM law_articles"
                           " WHERE law_id = $1 AND number = $2 AND sub = $3",
                           PG_ARGS(pg_int(a, law_id), pg_int(b, number), pg_int(c, sub)), "law_articles", err);
    if (!r) return json_decref(law), ZF_ERR;
    if (!PQntuples(r)) {
        PQclear(r);
        json_decref(law);
        return zf_fail(err, 404, "not_found", NULL, "该法律法规中没有这一条");
    }
    long long seq = pg_ll(r, 0, 0);
    json_t *article = article_json(number, sub, pg_text(r, 0, 1), pg_text(r, 0, 2));
    json_object_set_new(article, "part", pg_json_text(r, 0, 3));
    json_object_set_new(article, "chapter", pg_json_text(r, 0, 4));
    json_object_set_new(article, "section", pg_json_text(r, 0, 5));
    PQclear(r);
    *out = json_pack("{s:o, s:o, s:o, s:o}", "law", law, "article", article, "prev", neighbour(st, law_id, seq - 1),
                     "next", neighbour(st, law_id, seq + 1));
    return ZF_OK;
}

int pg_store_law_find_article(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err)
{
    char a[24], b[24];
    *law_id = 0;
    PGresult *r = pg_query(st,
                           "SELECT l.id FROM laws l JOIN law_articles a ON a.law_id = l.id"
                           " WHERE (l.title = $1 OR l.short_title = $1) AND a.number = $2 AND a.sub = $3"
                           " ORDER BY l.promulgated DESC NULLS LAST, l.id LIMIT 1",
                           PG_ARGS(law, pg_int(a, number), pg_int(b, sub)), "laws", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) *law_id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

/* ---- search ------------------------------------------------------------------------------ */

/* Candidates come from law_bigrams: an article holding every gram of every term (a term's
 * bigrams, or the character of a 1-character term). Each is then read for the terms as phrases
 * (domain/law_terms.c), so a term never matches its grams scattered. The score is Okapi BM25 as
 * FTS5 computes it for phrases (k1 1.2, b 0.75, IDF over the whole library, length in characters)
 * times the title boost SQLite applies: the same order as SQLite where the lengths agree. */

#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct {
    long long id, law_id, seq;
    int len;
    int tf[LAW_QUERY_MAX_TERMS];
    double score;
} PgHit;

static size_t utf8_put(unsigned cp, char *out)
{
    if (cp < 0x80) return out[0] = (char)cp, 1;
    if (cp < 0x800) return out[0] = (char)(0xC0 | cp >> 6), out[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000)
        return out[0] = (char)(0xE0 | cp >> 12), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
               out[2] = (char)(0x80 | (cp & 0x3F)), 3;
    return out[0] = (char)(0xF0 | cp >> 18), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
           out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F)), 4;
}

/* The grams every candidate must hold, as a JSON array of strings. */
static char *query_grams(const LawQuery *q)
{
    json_t *a = json_array();
    for (int t = 0; t < q->n_terms; t++) {
        const LawTerm *term = &q->terms[t];
        for (int i = 0; i < (term->n == 1 ? 1 : term->n - 1); i++) {
            char g[9];
            size_t n = utf8_put(term->cp[i], g);
            if (term->n > 1) n += utf8_put(term->cp[i + 1], g + n);
            g[n] = '\0';
            json_array_append_new(a, json_string(g));
        }
    }
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return text;
}

static int hit_order(const void *a, const void *b)
{
    const PgHit *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->law_id != y->law_id) return x->law_id < y->law_id ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Reads the candidates: each term's occurrences, and the library's figures for IDF. */
static int read_candidates(Store *st, const LawQuery *query, PgHit **hits, size_t *n, double *docs, double *avg_len,
                           int df[LAW_QUERY_MAX_TERMS], ZfError *err)
{
    char *grams = query_grams(query);
    if (!grams) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    PGresult *r = pg_query(st,
                           "SELECT a.id, a.law_id, a.seq, char_length(a.text), a.text,"
                           " (SELECT count(*) FROM law_articles), (SELECT avg(char_length(text)) FROM law_articles)"
                           " FROM law_articles a WHERE a.id IN (SELECT b.article_id FROM law_bigrams b"
                           "  WHERE b.gram IN (SELECT jsonb_array_elements_text($1::jsonb)) GROUP BY b.article_id"
                           "  HAVING count(*) = (SELECT count(DISTINCT g) FROM jsonb_array_elements_text($1::jsonb) g))",
                           PG_ARGS(grams), "law_search", err);
    free(grams);
    if (!r) return ZF_ERR;
    *n = 0;
    memset(df, 0, sizeof(int) * LAW_QUERY_MAX_TERMS);
    *hits = calloc((size_t)PQntuples(r) + 1, sizeof **hits);
    if (!*hits) return PQclear(r), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    *docs = PQntuples(r) ? atof(pg_text(r, 0, 5)) : 0;
    *avg_len = PQntuples(r) ? atof(pg_text(r, 0, 6)) : 1;
    for (int i = 0; i < PQntuples(r); i++) {
        PgHit h = {.id = pg_ll(r, i, 0), .law_id = pg_ll(r, i, 1), .seq = pg_ll(r, i, 2), .len = (int)pg_ll(r, i, 3)};
        int all = 1;
        for (int t = 0; t < query->n_terms && all; t++) {
            LawQuery one = {.n_terms = 1};
            one.terms[0] = query->terms[t];
            all = (h.tf[t] = law_query_hits(&one, pg_text(r, i, 4))) > 0;
        }
        if (!all) continue;
        for (int t = 0; t < query->n_terms; t++) df[t]++;
        (*hits)[(*n)++] = h;
    }
    PQclear(r);
    return ZF_OK;
}

/* 1 + TITLE_BOOST × the share of the query's characters in the law's title. */
static double boost_of(const PGresult *laws, const LawQuery *query, long long law_id)
{
    for (int i = 0; i < PQntuples(laws); i++)
        if (pg_ll(laws, i, 0) == law_id) return 1 + TITLE_BOOST * law_query_title_overlap(query, pg_text(laws, i, 1));
    return 1;
}

static double bm25(const PgHit *h, const LawQuery *query, const int *df, double docs, double avg_len)
{
    double s = 0;
    for (int t = 0; t < query->n_terms; t++) {
        double idf = log((docs - df[t] + 0.5) / (df[t] + 0.5));
        if (idf <= 0) idf = 1e-6;
        double tf = h->tf[t];
        s += idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * h->len / (avg_len > 0 ? avg_len : 1)));
    }
    return s;
}

static json_t *search_item(const PGresult *r, const LawQuery *query, const PgHit *h)
{
    const char *text = pg_text(r, 0, 5);
    char key[24], *snippet = law_snippet(text, query, SNIPPET_CHARS);
    int number = (int)pg_ll(r, 0, 0), sub = (int)pg_ll(r, 0, 1);
    article_key(number, sub, key);
    json_t *item = json_pack("{s:I, s:o, s:o, s:i, s:i, s:s, s:o, s:o, s:o, s:s, s:i, s:f}", "law_id",
                             (json_int_t)h->law_id, "law_title", pg_json_text(r, 0, 6), "law_short_title",
                             pg_json_text(r, 0, 7), "number", number, "sub", sub, "key", key, "label",
                             pg_json_text(r, 0, 2), "chapter", pg_json_text(r, 0, 3), "section", pg_json_text(r, 0, 4),
                             "snippet", snippet ? snippet : "", "hits", law_query_hits(query, text), "score",
                             (double)(long long)(h->score * 1e6) / 1e6);
    free(snippet);
    return item;
}

int pg_store_laws_search(Store *st, const LawQuery *query, long long law_id, int page, int size, json_t **out,
                         ZfError *err)
{
    PgHit *hits;
    size_t n, kept = 0;
    double docs, avg_len;
    int df[LAW_QUERY_MAX_TERMS];
    if (read_candidates(st, query, &hits, &n, &docs, &avg_len, df, err) != ZF_OK) return ZF_ERR;
    PGresult *laws = pg_query(st, "SELECT id, title FROM laws", PG_NOARGS, "laws", err);
    if (!laws) return free(hits), ZF_ERR;
    for (size_t i = 0; i < n; i++) /* IDF counts the whole library; the list only the law asked for */
        if (!law_id || hits[i].law_id == law_id) {
            hits[kept] = hits[i];
            hits[kept].score = bm25(&hits[i], query, df, docs, avg_len) * boost_of(laws, query, hits[i].law_id);
            kept++;
        }
    PQclear(laws);
    qsort(hits, kept, sizeof *hits, hit_order);
    json_t *items = json_array();
    size_t from = (size_t)(page - 1) * (size_t)size, to = from + (size_t)size < kept ? from + (size_t)size : kept;
    for (size_t i = from; i < to; i++) {
        char id[24];
        PGresult *r = pg_query(st,
                               "SELECT a.number, a.sub, a.label, a.chapter, a.section, a.text, l.title, l.short_title"
                               " FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE a.id = $1::bigint",
                               PG_ARGS(pg_int(id, hits[i].id)), "law_articles", err);
        if (!r) return free(hits), json_decref(items), ZF_ERR;
        if (PQntuples(r)) json_array_append_new(items, search_item(r, query, &hits[i]));
        PQclear(r);
    }
    free(hits);
    *out = pg_page(items, (long long)kept, page, size);
    return ZF_OK;
}
