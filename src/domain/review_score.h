/* 案卷评查 scoring (docs/reviews.md): a score sheet's total from its deductions, 一票否决, the grade
 * band, and a file's final score from its reviewers'. Pure: the standard and the bands are passed in.
 *
 * Points: a standard's points and every deduction are whole or half points (0.5 steps); totals are
 * kept exactly in hundredths of a point ("cp", 100 cp = 1 point) because the mean of two reviewers'
 * totals may end in .25 or .75. Nothing is rounded before a grade is given: a file grades into the
 * first band (from the highest) whose `min` its exact total reaches, so 89.5 and 89.75 are 良好 when
 * 优秀 starts at 90. A mean over three or more reviewers is rounded half up to the hundredth. */
#ifndef ZF_DOMAIN_REVIEW_SCORE_H
#define ZF_DOMAIN_REVIEW_SCORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define REVIEW_BANDS_MAX 8

typedef struct {
    char grade[16];
    char name[32];
    int min_cp;
} ReviewBand;

typedef struct {
    ReviewBand band[REVIEW_BANDS_MAX];
    size_t n;
} ReviewBands;

/* The setting review_grade_bands: a JSON array of {grade, name, min}, min strictly decreasing and
 * the last one 0, grades lowercase ASCII. ZF_ERR 400 invalid_value (field "value") otherwise. */
int review_bands_parse(const char *text, ReviewBands *out, ZfError *err);
/* The band of a total: the first whose min the total reaches; a veto is the last band whatever
 * the total. */
const ReviewBand *review_grade(const ReviewBands *b, int total_cp, bool veto);

/* The sub-item a code names — a sub-item's code or one of its deductions' — or NULL. *deduction
 * the deduction when the code is one (else NULL). */
const json_t *review_find_subitem(const json_t *standard, const char *code, const json_t **deduction);

typedef struct {
    int total_cp;      /* standard total − Σ min(sub-item's deductions, sub-item's points) */
    int deducted_cp;
    bool veto;         /* a deduction on a 一票否决 sub-item */
    const char *veto_item; /* that sub-item's code (points into the standard) */
} ReviewScore;

/* Checks a sheet's deductions [{item, points, reason}] against the standard — item known, points
 * > 0 in 0.5 steps, a reason (at most 500 characters), the sum on a sub-item at most its points —
 * and totals it. ZF_ERR 422 (field "deductions") naming the item otherwise. */
int review_score_sheet(const json_t *standard, const json_t *deductions, ReviewScore *out, ZfError *err);

/* Points (a JSON number) in cp when they are a positive multiple of 0.5 up to 1000; -1 otherwise. */
int review_points_cp(const json_t *points);

typedef struct {
    int final_cp;      /* the mean of the totals */
    int gap_cp;        /* highest − lowest */
    bool veto;         /* any reviewer's */
    bool needs_arbitration; /* gap above the setting (strictly) */
} ReviewFinal;

/* A file's result from its n reviewers' totals and vetoes; gap_points = review_arbitration_gap. */
void review_final(const int *totals_cp, const bool *vetoes, size_t n, int gap_points, ReviewFinal *out);

#endif
