/* See reconsideration_log.h. */
#include "app/reconsideration_log.h"

#include "app/logged_row.h"
#include "ledger/ledger.h"

static const char *const JOINED[] = {"respondent_name", "respondent_region", NULL};
static const LoggedTable RECONS = {store_recon_put, store_recon_get, LEDGER_RECON_PUT, LEDGER_RECON_SUBJECT_PREFIX,
                                   JOINED};

int app_recon_put(Store *st, json_t *row, ZfError *err) { return app_logged_put(st, &RECONS, row, err); }

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

static int insert(Store *st, const void *row, long long *id, ZfError *err)
{
    return store_recon_timeline_add(st, row, id, err);
}

int app_recon_timeline_add(Store *st, const ReconTimelineRow *in, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    ReconTimelineRow r = *in;
    r.time = now;
    r.note = r.note ? r.note : "";
    json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "reconsideration_id", (json_int_t)r.recon_id, "on",
                             r.on, "user", r.user, "action", r.action, "from_status", nullable(r.from_status),
                             "to_status", nullable(r.to_status), "note", r.note);
    return app_logged_timeline(st, LEDGER_RECON_TIMELINE, LEDGER_RECON_SUBJECT_PREFIX, r.recon_id, insert, &r, now,
                               data, err);
}
