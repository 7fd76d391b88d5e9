/* The time limits of one penalty case with days left and a colour, computed with the period
 * arithmetic of spec/rules.md §1 exactly as the supervision rules P08–P10 do. Pure: today is
 * passed in. */
#ifndef ZF_WORKFLOW_DEADLINES_H
#define ZF_WORKFLOW_DEADLINES_H

#include <stddef.h>

#include "domain/calendar.h"
#include "domain/rules/rules.h"
#include "domain/workflow/case_state.h"

typedef enum {
    DL_DECISION,        /* 作出决定 add_nd(filed, 90 + extension + suspended) — 处罚法 60 */
    DL_HEARING_REQUEST, /* 申请听证 add_wd(notified, 5) — 处罚法 64 */
    DL_SERVICE,         /* 送达 add_wd(decided, 7); simple: the decision day — 处罚法 61, 52 */
    DL_PUBLICITY,       /* 公示 add_wd(decided, N by sector) — 处罚法 48 */
    DL_PAYMENT,         /* 缴纳罚款 add_nd(served, 15) — 处罚法 67 */
    DL_WITHDRAWAL,      /* 撤回公示 add_wd(revoked, 3) once a published decision is revoked — 处罚法 48 ¶2 */
} DeadlineKind;

/* DL_GREY: a period of the party's (申请听证) that ran out: his right not exercised, no delay of
 * the agency's — shown, never red, and never the case's next deadline. */
typedef enum { DL_GREEN, DL_YELLOW, DL_RED, DL_GREY } DeadlineColour;

typedef struct {
    DeadlineKind kind;
    const char *name;    /* "作出处罚决定" */
    const char *article; /* "《中华人民共和国行政处罚法》第六十条" */
    zf_day due;
    zf_day done_on;      /* ZF_DAY_NONE while the act is pending */
    int days_left;       /* due − today; negative when overdue */
    DeadlineColour colour; /* pending: red after due, yellow ≤ 10 days left, else green;
                              done: red when done after due, else green */
} Deadline;

#define WF_MAX_DEADLINES 6

/* Fills up to n deadlines that apply to the case so far; returns how many apply. */
size_t workflow_deadlines(const CaseState *cs, zf_day today, const Calendar *cal,
                          const RuleConfig *cfg, Deadline out[], size_t n);
/* The pending deadline due first (a lapsed party period excluded), or NULL. */
const Deadline *workflow_next_deadline(const Deadline *list, size_t count);
const char *deadline_colour_code(DeadlineColour c); /* "red" | "yellow" | "green" | "grey" */

#endif
