/* 行政复议意见书 and the respondent's correction report (第七十六条: 被申请人或者其他下级行政机关应当
 * 自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送行政复议机构). The steps
 * `opinion` (the organ), `opinion_report` (the respondent, text + files of purpose `report`),
 * `opinion_accept` / `opinion_return` (the organ) are rows of domain/recon_flow.c's table; this
 * file says when each is open and what it records in body.opinion:
 * {on, by, note, received_on, report_due_on, report_status pending|submitted|accepted|returned,
 *  reports:[{on, by, note}], reviews:[{on, by, note, result}], lead_id?}. */
#ifndef ZF_APP_RECONSIDERATION_OPINION_H
#define ZF_APP_RECONSIDERATION_OPINION_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

/* Whether `action` is one of the 意见书's steps. */
bool recon_opinion_step_is(const char *action);
/* Whether the step may be taken now, by what body.opinion holds (true for every other step). */
bool recon_opinion_step_open(const json_t *row, const char *action);
/* The step on the row (in the caller's transaction); appends its summary to note. 422 where the
 * law or the form refuses. */
int recon_opinion_step(const AppContext *cx, const char *action, const json_t *in, const char *on, json_t *row,
                       char *note, size_t note_size, ZfError *err);
/* What the record shows of it: body.opinion with report_status_name, colour (red|yellow|green|none
 * — none once the report is submitted or accepted) and days_left as of cx->today; NULL without one. */
json_t *recon_opinion_view(const AppContext *cx, const json_t *row);

#endif
