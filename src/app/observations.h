/* 特邀监督员 and 派驻律师 (issue 15, docs/observers.md): an observation is a lead filed by an
 * observer within his scope; he follows his own leads (status and the reply at the close, nothing
 * internal) and lists the cases in his scope with their public fields only. */
#ifndef ZF_APP_OBSERVATIONS_H
#define ZF_APP_OBSERVATIONS_H

#include <jansson.h>

#include "app/context.h"

typedef struct {
    const char *content; /* what he observed, ≤ 2,000 characters */
    const char *agency;  /* the agency concerned (in his scope) */
    const char *case_no; /* a case of that agency; NULL = none */
    const char *place;   /* NULL = none */
} ObservationInput;

/* A lead of source social_supervisor or lawyer (by cx->user's role), the reporter the observer.
 * 404 for an agency or case outside his scope, as for one that does not exist; 422 a case of
 * another agency. *out as GET /observations shows it. */
int app_observation_create(const AppContext *cx, const ObservationInput *in, json_t **out, ZfError *err);

/* Lead `id` is an observation cx->user filed (he may add its photos, app/lead_photos.h); else 404. */
int app_observation_photo_lead(const AppContext *cx, long long id, ZfError *err);

/* His own observations, newest first: {"items":[{id, source, source_name, status, status_name,
 * received_at, content, place, agency, agency_name, case_no, answered_on, reply:{note,on}|null}], …}. */
int app_observations_list(const AppContext *cx, int page, int size, json_t **out, ZfError *err);

/* The cases in his scope, number or 文号 containing q: {case_no, agency, agency_name, kind,
 * procedure, status, filed_on, decided_on, closed_on, party_name (masked)} and nothing else. */
int app_observer_cases(const AppContext *cx, const char *q, int page, int size, json_t **out, ZfError *err);

#endif
