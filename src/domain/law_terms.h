/* Chinese full-text terms for the law library without a segmenter: article text is indexed as
 * overlapping character bigrams (plus unigrams for 1-character queries), so a query of any length
 * becomes an exact phrase of bigrams. Also the query parser and the highlighted snippet.
 * Pure: strings in, strings out. */
#ifndef ZF_LAW_TERMS_H
#define ZF_LAW_TERMS_H

#include <stddef.h>

#include "util/error.h"

#define LAW_QUERY_MAX_CHARS 20
#define LAW_QUERY_MAX_TERMS 10

typedef struct {
    unsigned cp[LAW_QUERY_MAX_CHARS]; /* folded code points (ASCII lower case, 全角 → 半角) */
    int n;
} LawTerm;

typedef struct {
    LawTerm terms[LAW_QUERY_MAX_TERMS]; /* all must match (AND) */
    int n_terms;
} LawQuery;

/* The two index columns of one text, each a malloc'd space-separated token string:
 * *bigrams: "行政 政处 处罚 ~ 罚款" (a "~" token — never a query token — marks each break at
 * punctuation or a line, so a phrase cannot match across it); *unigrams: "行 政 处 罚 罚 款".
 * 0 ok, -1 out of memory. */
int law_terms_index(const char *text, char **bigrams, char **unigrams);

/* Splits q at spaces and punctuation into terms. 400 errors with a Chinese message: empty,
 * more than LAW_QUERY_MAX_CHARS characters, or nothing searchable. */
int law_query_parse(const char *q, LawQuery *out, ZfError *err);

/* The FTS5 MATCH expression for the two columns named: `bi:"当场 场收 收缴" AND uni:"罚"`.
 * 0 ok, -1 when cap is too small. */
int law_query_match(const LawQuery *q, const char *bigram_col, const char *unigram_col, char *out, size_t cap);

/* Number of (non-overlapping) occurrences of every term in text, summed. */
int law_query_hits(const LawQuery *q, const char *text);

/* A window of about `width` characters around the first hit, every hit wrapped in 【】,
 * "…" where text was cut, line breaks shown as spaces. malloc'd; NULL when out of memory. */
char *law_snippet(const char *text, const LawQuery *q, int width);

/* How many of the query's characters occur in title, over the query's length (0 … 1): a law whose
 * name shares the query's words (罚 in 行政处罚法) is the more likely one to be looked for. */
double law_query_title_overlap(const LawQuery *q, const char *title);

#endif
