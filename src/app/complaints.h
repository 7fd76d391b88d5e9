/* 群众投诉 from the anonymous portal (docs/leads.md "The public's complaints"): a proof-of-work
 * challenge, the complaint filed as a lead of source `complaint` under an unguessable tracking
 * code, and the complainant's view of it by that code. Rate limited per client address (counters
 * in the store: every worker and a restart see the same counts). The caller gives the address and
 * the time (unix seconds); cx->user is NULL. */
#ifndef ZF_APP_COMPLAINTS_H
#define ZF_APP_COMPLAINTS_H

#include <jansson.h>

#include "app/context.h"
#include "domain/complaint.h"

/* {"id","prefix","bits"}: SHA-256(prefix + nonce) must start with `bits` zero bits (setting
 * portal_pow_bits); single use, good for portal_challenge_minutes. 429 past
 * portal_challenges_per_hour for addr. */
int app_portal_challenge(const AppContext *cx, const char *addr, long long now, json_t **out, ZfError *err);

/* The same two guards for the portal's other forms (行政复议申请 of issue 24, 民意调查 of app/assessment_survey.c): takes the challenge
 * (422 challenge_failed unless live and solved by nonce); counts one more of kind for addr (add 1)
 * or only reads (add 0), 429 with message past the setting's limit per hour. */
int app_portal_challenge_check(const AppContext *cx, const char *id, const char *nonce, long long now, ZfError *err);
int app_portal_within_limit(const AppContext *cx, const char *addr, const char *kind, long long now, int add,
                            const char *setting, int dflt, const char *message, ZfError *err);

typedef struct {
    ComplaintFields fields;
    const char *challenge_id, *nonce;
} ComplaintInput;

/* The portal complaints' abuse limits for another public submission (a review suggestion on a
 * normative document): counted under portal_complaints_per_hour for addr (429), then the proof of
 * work (422 challenge_failed). */
int app_portal_admit(const AppContext *cx, const char *challenge_id, const char *nonce, const char *addr, long long now,
                     ZfError *err);

/* Files the complaint: 400 (fields, domain/complaint.h), 429 past portal_complaints_per_hour for
 * addr, 422 `challenge_failed` for an unknown, used, expired or unsolved challenge (taken either
 * way), then the lead (app_lead_create), region = the agency's or portal_default_region. */
int app_complaint_file(const AppContext *cx, const ComplaintInput *in, const char *addr, long long now,
                       char code[TRACKING_CODE_LEN + 1], ZfError *err);

/* The complaint's status by its tracking code: exactly {status, status_name, received_at,
 * answered_on?, answer?}; 404 for a code that names none (counted: 429 past
 * portal_track_misses_per_hour for addr, before the code is looked up). */
int app_complaint_track(const AppContext *cx, const char *code, const char *addr, long long now, json_t **out,
                        ZfError *err);

/* The lead a complainant adds a photo to (app/lead_photos.h), by its tracking code: 429 past
 * portal_photos_per_hour for addr (each attempt counts) or past portal_track_misses_per_hour; 404
 * for a code that names none, counted as a tracking miss. */
int app_complaint_photo_lead(const AppContext *cx, const char *code, const char *addr, long long now, long long *id,
                             ZfError *err);

#endif
