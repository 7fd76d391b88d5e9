/* Supervision leads as people see them (docs/leads.md): names beside codes, the period's colour as of
 * today, the reporter masked in lists and shown on the lead's own page, and the portal's view, which
 * holds nothing internal. */
#ifndef ZF_APP_LEADS_VIEW_H
#define ZF_APP_LEADS_VIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

json_t *lead_view(const AppContext *cx, const json_t *row, bool mask_reporter);
/* The lead's own page: unmasked, with its timeline. */
int lead_view_full(const AppContext *cx, const json_t *row, json_t **out, ZfError *err);
/* What a complainant may know: status, its name, when received and answered, the reply at the close. */
json_t *lead_public_view(const json_t *row);

/* The sources' periods (settings lead_<source>_wd), shared with the dictionaries. */
int app_lead_period_wd(Store *st, const char *source);
/* A timeline entry of lead `id` by user, today, that changes no status (a photo added), with its
 * lead.timeline event, inside the caller's transaction. */
int app_lead_log_note(const AppContext *cx, const char *user, long long id, const char *action, const char *note,
                      ZfError *err);
/* May cx->user see the stored row? Region users by its region; agency users once it is dispatched to them. */
bool app_lead_visible(const AppContext *cx, const json_t *row);

#endif
