/* 交叉评查: which reviewers score which sampled file (docs/reviews.md). Pure and deterministic: the
 * same files and reviewers in the same order give the same assignment. */
#ifndef ZF_DOMAIN_REVIEW_ASSIGN_H
#define ZF_DOMAIN_REVIEW_ASSIGN_H

#include <stddef.h>

#include "util/error.h"

typedef struct {
    const char *case_no;
    const char *agency, *agency_name;
    const char *region; /* the agency's region (GB/T 2260) */
} ReviewFile;

typedef struct {
    const char *username, *display_name;
    const char *agency; /* NULL or "" = none (supervisors, experts) */
    const char *region; /* the reviewer's region (his own, else his agency's); NULL or "" = none */
} ReviewReviewer;

/* A county-level region: six digits not ending in "00" (a 市辖区 or 县). */
int review_region_is_county(const char *region);

/* May r score f? Never a file of his own agency, nor — for a county-level reviewer — of his county. */
int review_may_score(const ReviewReviewer *r, const ReviewFile *f);

/* For each file, k distinct reviewers who may score it: picks[f * k + i] are indexes into
 * reviewers. Each file, in order, takes the k eligible reviewers with the fewest files so far
 * (ties: the earlier reviewer), so the load is even and the result is the same every time.
 * ZF_ERR 422 cross_review_impossible naming the first file with fewer than k eligible reviewers
 * and why; nothing is assigned then. */
int review_assign(const ReviewFile *files, size_t n_files, const ReviewReviewer *reviewers, size_t n_reviewers,
                  int k, size_t *picks, ZfError *err);

#endif
