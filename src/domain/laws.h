/* Statutes as data: the markdown law files of data/laws parsed into law → 编/章/节 → articles,
 * and Chinese article numerals (第一百零五条 = 105) both ways.
 * Pure: no I/O, no SQL — callers pass the file's text and name. */
#ifndef ZF_LAWS_H
#define ZF_LAWS_H

#include <stddef.h>

#include "util/error.h"

#define LAW_LABEL_MAX 64

typedef struct {
    int number;                   /* 第一百二十四条 → 124 */
    int sub;                      /* 第十条之一 → 1; 0 for a plain article */
    char label[LAW_LABEL_MAX];    /* "第一百二十四条", "第十条之一" */
    const char *part;             /* 编, 章, 节 the article sits in (owned by the Law); NULL when none */
    const char *chapter;
    const char *section;
    char *text;                   /* its paragraphs joined by "\n", without the 第N条 prefix */
} LawArticle;

typedef struct {
    char *title;       /* "中华人民共和国行政处罚法"; several "# " lines join with "·" */
    char *short_title; /* title without "中华人民共和国" */
    const char *kind;  /* "法律", "行政法规" or "规章", from the title */
    char *info;        /* promulgation/amendment lines, "\n"-separated */
    char promulgated[11]; /* YYYY-MM-DD from the file name "(…)" or the info block; "" unknown */
    LawArticle *articles;
    size_t n_articles;
    char **headings;   /* every 编/章/节 heading, normalized ("第二节 监护"); articles point here */
    size_t n_headings;
} Law;

/* Parses one law file. file_name (may be NULL) supplies the version date "(YYYY-MM-DD)".
 * Errors (no title, no article, a repeated article number) name the line concerned. */
int law_parse(const char *text, size_t len, const char *file_name, Law *out, ZfError *err);
void law_free(Law *law);

/* Chinese numerals 一 … 九千九百九十九 (with 零/〇, 十 for 一十 at the start) → integer.
 * [s, s+len) must be exactly one numeral; 0 ok, -1 when malformed. */
int law_numeral_parse(const char *s, size_t len, int *out);
/* 1 … 9999 → "一百零五"; 0 ok, -1 when out of range or cap too small. */
int law_numeral_format(int n, char *out, size_t cap);
/* (105, 0) → "第一百零五条"; (10, 1) → "第十条之一". 0 ok, -1 on a bad number. */
int law_article_label(int number, int sub, char *out, size_t cap);
/* Parses "第N条" or "第N条之M" exactly; 0 ok, -1 otherwise. */
int law_article_label_parse(const char *s, size_t len, int *number, int *sub);

#endif
