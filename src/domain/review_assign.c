/* 交叉评查 assignment: greedy by load over the eligible reviewers of each file. With no capacity
 * per reviewer, a file with k eligible reviewers can always be served, so the greedy choice never
 * refuses a plan that has a solution; a file with fewer is refused by name, never assigned to a
 * reviewer the rule forbids. Pure. */
#include "domain/review_assign.h"

#include <stdlib.h>
#include <string.h>

static int empty(const char *s) { return !s || !*s; }

int review_region_is_county(const char *region)
{
    if (empty(region) || strlen(region) != 6) return 0;
    for (int i = 0; i < 6; i++)
        if (region[i] < '0' || region[i] > '9') return 0;
    return strcmp(region + 4, "00") != 0;
}

int review_may_score(const ReviewReviewer *r, const ReviewFile *f)
{
    if (!empty(r->agency) && !empty(f->agency) && strcmp(r->agency, f->agency) == 0) return 0;
    if (review_region_is_county(r->region) && !empty(f->region) && strcmp(r->region, f->region) == 0) return 0;
    return 1;
}

/* Why file f has too few reviewers, in words. */
static int refuse(const ReviewFile *f, const ReviewReviewer *reviewers, size_t n, size_t eligible, int k, ZfError *err)
{
    size_t same_agency = 0, same_county = 0;
    for (size_t i = 0; i < n; i++) {
        const ReviewReviewer *r = &reviewers[i];
        if (!empty(r->agency) && !empty(f->agency) && strcmp(r->agency, f->agency) == 0) same_agency++;
        else if (!review_may_score(r, f)) same_county++;
    }
    return zf_fail(err, 422, "cross_review_impossible", "reviewers",
                   "案卷 %s（%s）无法交叉评查：需要 %d 名评查人员，可评查该案卷的只有 %zu 名（共 %zu 名评查人员，"
                   "其中 %zu 名属于该执法主体，%zu 名为同一县（区）的评查人员）。请增加其他单位或地区的评查人员",
                   f->case_no, empty(f->agency_name) ? f->agency : f->agency_name, k, eligible, n, same_agency,
                   same_county);
}

int review_assign(const ReviewFile *files, size_t n_files, const ReviewReviewer *reviewers, size_t n_reviewers,
                  int k, size_t *picks, ZfError *err)
{
    if (k < 1) return zf_fail(err, 422, "invalid_value", "reviewers", "每份案卷的评查人员人数应至少为 1");
    size_t *load = calloc(n_reviewers ? n_reviewers : 1, sizeof *load);
    unsigned char *taken = calloc(n_reviewers ? n_reviewers : 1, 1);
    if (!load || !taken) {
        free(load), free(taken);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    int rc = ZF_OK;
    for (size_t f = 0; f < n_files && rc == ZF_OK; f++) {
        size_t eligible = 0;
        for (size_t r = 0; r < n_reviewers; r++) eligible += (size_t)review_may_score(&reviewers[r], &files[f]);
        if (eligible < (size_t)k) {
            rc = refuse(&files[f], reviewers, n_reviewers, eligible, k, err);
            break;
        }
        memset(taken, 0, n_reviewers);
        for (int i = 0; i < k; i++) {
            size_t best = n_reviewers;
            for (size_t r = 0; r < n_reviewers; r++) {
                if (taken[r] || !review_may_score(&reviewers[r], &files[f])) continue;
                if (best == n_reviewers || load[r] < load[best]) best = r;
            }
            taken[best] = 1;
            load[best]++;
            picks[f * (size_t)k + (size_t)i] = best;
        }
    }
    free(load);
    free(taken);
    return rc;
}
