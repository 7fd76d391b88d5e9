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
    /* the kinds of issue 20 (kind_deadlines.c) */
    DL_CORRECTION,      /* 责令改正 the deadline the order set — 处罚法 28 */
    DL_RESULT_PUBLICITY,/* 检查结果公示 add_wd(result, 20) — 企业信息公示暂行条例 6, 7 */
    DL_URGENT_APPROVAL, /* 紧急实施后补办批准 started + 1 day — 强制法 19 */
    DL_SEAL_LIMIT,      /* 查封扣押期限 add_nd(started, 30 + extension) — 强制法 25 (C01) */
    DL_DEMAND_DUE,      /* 催告履行期 demand_due_on — 强制法 35, 37 (the party's period) */
    DL_LI_CORRECTION,   /* 补正告知 add_wd(received, 5) — 许可法 32 (L02) */
    DL_LI_DECISION,     /* 许可决定 add_wd(accepted, 20 + extension) — 许可法 42 (L01) */
    DL_LI_SERVICE,      /* 颁发送达 add_wd(decided, 10) — 许可法 44 (L03) */
    DL_LI_PUBLICITY,    /* 许可公示 add_wd(decided, 7) — 许可法 40; 双公示 */
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
/* The deadlines of an inspection, coercion, enforcement or licence case (kind_deadlines.c). */
size_t workflow_kind_deadlines(const CaseState *cs, zf_day today, const Calendar *cal, long long warn,
                               Deadline out[], size_t n);
/* Appends one deadline (colour from due, done and today); *count grows even when out is full. */
void deadline_put(Deadline out[], size_t n, size_t *count, DeadlineKind kind, const char *name,
                  const char *article, zf_day due, zf_day done, zf_day today, long long warn);
/* The pending deadline due first (a lapsed party period excluded), or NULL. */
const Deadline *workflow_next_deadline(const Deadline *list, size_t count);
const char *deadline_colour_code(DeadlineColour c); /* "red" | "yellow" | "green" | "grey" */

#endif
