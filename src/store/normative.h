/* 规范性文件备案审查 (store side, docs/normative-docs.md): the documents and their review tasks as
 * rows of a few columns beside a JSON body, the gap-free 登记编号 sequence, the public register's
 * bigram index and the reviewers a message goes to. Every query parameterized. */
#ifndef ZF_STORE_NORMATIVE_H
#define ZF_STORE_NORMATIVE_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

typedef enum { NORMATIVE_DOC, NORMATIVE_TASK, NORMATIVE_CATALOG } NormativeTable;

/* A row: {id, columns…, body}. Documents' columns: issuer, region, status, reg_no, validity;
 * tasks': doc_id, source, status; the quarterly catalogues': quarter. 404 when absent. */
int store_normative_get(Store *st, NormativeTable t, long long id, json_t **row, ZfError *err);
/* Inserts (no "id": sets it) or updates by id; a reg_no taken twice is a 409. */
int store_normative_put(Store *st, NormativeTable t, json_t *row, ZfError *err);

/* Takes the next 登记编号 sequence of year and advances it. Inside the registering BEGIN IMMEDIATE
 * transaction: a rollback gives it back, so the numbers have no gap. */
int store_normative_next_seq(Store *st, int year, long *seq, ZfError *err);

/* The document's bigram and unigram columns for the public register's search (replaces its entry). */
int store_normative_index(Store *st, long long id, const char *bigrams, const char *unigrams, ZfError *err);

typedef struct {
    const char *status;   /* NULL = any */
    const char *issuer;   /* NULL = any */
    const char *match;    /* an FTS5 MATCH expression over normative_search (bi, uni); NULL = none */
    bool published_only;  /* validity valid or amended (the public register) */
    const char *validity; /* "valid" | "amended" | "repealed" | "published" (any of them); NULL = any */
    /* data scope of the asking user (NULL = no limit) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} NormativeFilter;

/* {"items":[row…],"total","page","size"}, newest first. */
int store_normative_list(Store *st, const NormativeFilter *f, int page, int size, json_t **out, ZfError *err);
/* Every row of t in id order to fn (non-zero stops): cleanups, statistics, zhifa verify. */
int store_normative_foreach(Store *st, NormativeTable t, int (*fn)(const json_t *row, void *ctx), void *ctx,
                            ZfError *err);
/* The tasks on one document, by id. */
int store_normative_tasks_of(Store *st, long long doc_id, json_t **items, ZfError *err);
/* The active users holding role: [{"username","region","agency_region"}] (the caller applies scope). */
int store_normative_users_in_role(Store *st, const char *role, json_t **items, ZfError *err);

#endif
