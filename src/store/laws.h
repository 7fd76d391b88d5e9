/* The law library (store side): laws and their articles as loaded from data/laws, the bigram
 * search index, and the JSON the /laws API returns. Every query is parameterized. */
#ifndef ZF_STORE_LAWS_H
#define ZF_STORE_LAWS_H

#include <jansson.h>

#include "domain/law_terms.h"
#include "domain/laws.h"
#include "store/store.h"

/* The stored content hash of a law file: *hash = "" when the file was never loaded. */
int store_law_hash(Store *st, const char *file, char hash[65], ZfError *err);
/* Inserts or replaces the law of `file` (its id stays the same on reload) and all its articles.
 * Call store_laws_reindex afterwards, in the same transaction. */
int store_law_put(Store *st, const char *file, const char *hash, const Law *law, ZfError *err);
/* Deletes the laws whose file is not among keep[0..n); *removed = how many. */
int store_laws_prune(Store *st, const char *const *keep, size_t n, int *removed, ZfError *err);
/* Rebuilds the search index from every stored article. */
int store_laws_reindex(Store *st, ZfError *err);

/* {"items":[{id, title, short_title, kind, promulgated, articles}], "total", "page", "size"} */
int store_laws_list(Store *st, int page, int size, json_t **out, ZfError *err);
/* {id, title, …, info: [lines], chapters: [{kind, title, chapters, articles}], articles: [...]}:
 * chapters nest 编 → 章 → 节; "articles" beside them holds articles outside any chapter. 404 when absent. */
int store_law_get(Store *st, long long id, json_t **out, ZfError *err);
/* {law: {id, title, short_title}, article: {number, sub, key, label, part, chapter, section, text},
 *  prev: {key, label} | null, next: …}. 404 when the law or the article is absent. */
int store_law_article(Store *st, long long law_id, int number, int sub, json_t **out, ZfError *err);

/* Ranked article hits: {"items":[{law_id, law_title, law_short_title, number, sub, key, label,
 * chapter, section, snippet, hits, score}], "total", "page", "size"}. law_id 0 = every law. */
int store_laws_search(Store *st, const LawQuery *q, long long law_id, int page, int size, json_t **out,
                      ZfError *err);

#endif
