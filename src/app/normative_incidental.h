/* 附带审查 (行政复议法 第十三条, 第五十六–五十八条): a reconsideration applicant asks the reconsideration
 * organ to review the normative document the contested act rests on. The reconsideration platform
 * (app/reconsideration*) hands the request to the 备案审查 platform (app/normative*), which opens a
 * review task on that document (issue 25) and answers what it did. Before the normative-documents
 * module existed this was a stub answering 501; the module replaces normative_incidental.c. */
#ifndef ZF_APP_NORMATIVE_INCIDENTAL_H
#define ZF_APP_NORMATIVE_INCIDENTAL_H

#include "app/context.h"

typedef struct {
    long long reconsideration_id; /* the reconsideration that carries the request */
    const char *recon_case_no;    /* its 复议案号, shown on the review task */
    const char *doc_no;           /* the normative document's 文号 as the applicant gives it; NULL = unknown */
    const char *title;            /* its title as the applicant gives it; NULL = unknown */
    const char *reason;           /* why the applicant thinks it unlawful, ≤ 2,000 characters */
    const char *received_on;      /* YYYY-MM-DD: the 审查 periods of 第五十六条 run from here */
} NormativeIncidentalRequest;

/* Opens (inside the caller's write transaction) a 附带审查 task on the named document: *task_id
 * is its id (for the reconsideration's timeline). 404 when no registered document matches,
 * 501 when the normative-documents module is not installed. */
int app_normative_incidental_open_in(const AppContext *cx, const NormativeIncidentalRequest *req, long long *task_id,
                                     ZfError *err);

#endif
