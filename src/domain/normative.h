/* 规范性文件备案审查 (docs/normative-docs.md), the pure half: the review chain read from its
 * setting, who may act at a step, the outcomes and states by name, the 登记编号 from its pattern
 * and a deadline's colour. No I/O, no clock. */
#ifndef ZF_DOMAIN_NORMATIVE_H
#define ZF_DOMAIN_NORMATIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"
#include "util/error.h"

#define NORM_CHAIN_MAX 8
#define NORM_STEP_ROLES_MAX 6

typedef struct {
    char code[24];  /* "initial" */
    char name[64];  /* "承办人初审" */
    char roles[NORM_STEP_ROLES_MAX][24];
    int n_roles;
} NormStep;

typedef struct {
    NormStep steps[NORM_CHAIN_MAX];
    int n;
} NormChain;

/* The setting normative_review_chain: [{"step","name","roles":[…]}, …], 1–8 steps, codes unique.
 * 400 with a Chinese message when malformed. */
int norm_chain_parse(const char *json, NormChain *out, ZfError *err);
/* The built-in chain: 承办人初审、处长复审、分管副主任复核、主任终审. */
void norm_chain_defaults(NormChain *out);
/* Index of the step with code, -1 when the chain has none. */
int norm_chain_index(const NormChain *c, const char *code);
bool norm_step_allows(const NormStep *s, const char *role);

/* The outcomes of a review (审查结论) and the states, code → Chinese name; NULL when unknown. */
const char *norm_outcome_name(const char *code);
const char *norm_status_name(const char *code);
const char *norm_validity_name(const char *code);
/* The cleanup answers (继续有效/修改/废止/宣布失效). */
const char *norm_cleanup_answer_name(const char *code);

/* The checklist of what is not a normative document, for 不予登记: code, name, legal basis. */
typedef struct {
    const char *code, *name, *basis;
} NormDeclineItem;
/* The i-th item, NULL past the end. */
const NormDeclineItem *norm_decline_item_at(size_t i);
/* The item with code, NULL when unknown. */
const NormDeclineItem *norm_decline_item(const char *code);

/* The 登记编号: pattern with {region_short}, {year}, {seq} (e.g. "{region_short}规备〔{year}〕{seq}号").
 * ZF_ERR when the pattern lacks {year} or {seq} or out is too small. */
int norm_reg_no_format(const char *pattern, const char *region_short, int year, long seq, char *out, size_t cap,
                       ZfError *err);

/* A quarter "2026Q3": its first and last day; -1 when malformed. */
int norm_quarter_parse(const char *q, zf_day *first, zf_day *last);
/* The quarter of d, or the one back quarters before it ("2026Q3"). */
void norm_quarter_of(zf_day d, int back, char out[8]);
/* 1, 2 or 3: d's month within its quarter (the setting normative_catalog_month). */
int norm_month_of_quarter(zf_day d);

/* A review deadline's colour on today: "red" past due, "yellow" within warn_days, else "green". */
const char *norm_due_colour(zf_day today, zf_day due, int warn_days);

#endif
