/* The periods of 《行政复议法》(2023) as dates: the application period, the 5-day review, the copy
 * to the respondent, its answer and the decision (docs/reconsideration.md). Periods of 3/5/7/10
 * days are working days (第八十八条第二款: add_wd), longer ones natural days rolled forward to a
 * working day (第八十八条第一款 → 民事诉讼法 期间: add_nd). Pure: the days come from settings. */
#ifndef ZF_RECON_PERIODS_H
#define ZF_RECON_PERIODS_H

#include <stdbool.h>

#include "domain/calendar.h"
#include "util/date.h"

/* The lengths, each with its article (defaults: recon_periods_default). */
typedef struct {
    int apply_nd;          /* 第二十条: 60 natural days from knowing of the act */
    int review_wd;         /* 第三十条、第三十一条: 5 working days from receipt (or the correction) */
    int copy_wd, copy_wd_simple;     /* 第四十八条 7 / 第五十四条 3 working days from acceptance */
    int answer_wd, answer_wd_simple; /* 第四十八条 10 / 第五十四条 5 working days from receiving the copy */
    int decision_nd, decision_nd_simple; /* 第六十二条 60 / 30 natural days from acceptance */
    int extension_max;     /* 第六十二条: at most 30 days in all */
    int opinion_nd;        /* 第七十六条: 60 days for the correction report after an 意见书 */
} ReconPeriods;

void recon_periods_default(ReconPeriods *p);

/* What has happened so far; ZF_DAY_NONE = not (yet). */
typedef struct {
    bool simple;
    zf_day known_on, received_on, corrected_on, accepted_on, copy_sent_on;
    int extension_days, suspended_days;
    bool reviewing;  /* the 5-day review runs (received, not yet accepted or refused) */
} ReconDates;

typedef struct {
    zf_day apply_due, review_due, copy_due, answer_due, decision_due; /* ZF_DAY_NONE = no such period */
} ReconDeadlines;

void recon_deadlines(const Calendar *cal, const ReconPeriods *p, const ReconDates *d, ReconDeadlines *out);

/* Whether an application received on `received_on` is outside 第二十条's period. */
bool recon_application_late(const Calendar *cal, const ReconPeriods *p, zf_day known_on, zf_day received_on);

/* 第六十二条: may `more` days be added to `so_far` days of extension? */
bool recon_extension_allowed(const ReconPeriods *p, int so_far, int more);

/* The 意见书's correction report due date (第七十六条). */
zf_day recon_opinion_due(const Calendar *cal, const ReconPeriods *p, zf_day received_on);

#endif
