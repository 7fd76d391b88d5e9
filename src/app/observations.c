/* Observations of invited supervisors and lawyers (observations.h). Scope is checked here against
 * what is stored (the agency's region, the case's agency), then app_lead_create checks it again
 * inside its transaction; the views are whitelists, so nothing internal to the lead leaks. */
#include "app/observations.h"

#include <stdlib.h>
#include <string.h>

#include "app/leads.h"
#include "domain/authz.h"
#include "domain/leads.h"
#include "domain/workflow/masking.h"
#include "store/cases.h"
#include "store/findings.h"
#include "store/leads.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int not_found(ZfError *err, const char *field, const char *what)
{
    return zf_fail(err, 404, "not_found", field, "%s不存在", what);
}

/* The agency exists and is in the observer's scope, else 404 (no existence leak). */
static int check_agency(const AppContext *cx, const char *agency, ZfError *err)
{
    char region[7] = "";
    if (!agency || !*agency) return zf_fail(err, 400, "missing_field", "agency", "请选择涉及的执法主体");
    if (strlen(agency) > 18) return not_found(err, "agency", "执法主体");
    store_agency_region(cx->store, agency, region);
    return region[0] && scope_allows(&cx->scope, agency, region) ? ZF_OK : not_found(err, "agency", "执法主体");
}

/* The case is stored, in scope by its stored agency, and of the agency the observation names. */
static int check_case(const AppContext *cx, const char *case_no, const char *agency, ZfError *err)
{
    char *body, region[7] = "";
    if (strlen(case_no) > 128 || store_record_get(cx->store, REC_CASE, case_no, &body, err) != ZF_OK)
        return err->status >= 500 ? ZF_ERR : not_found(err, "case_no", "案件");
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    const char *owner = str(rec, "agency");
    store_agency_region(cx->store, owner, region);
    int rc = !owner || !scope_allows(&cx->scope, owner, region) ? not_found(err, "case_no", "案件")
             : strcmp(owner, agency) != 0 ? zf_fail(err, 422, "case_of_other_agency", "case_no", "该案件不是所选执法主体办理的")
                                          : ZF_OK;
    json_decref(rec);
    return rc;
}

static json_t *observation_view(const json_t *lead)
{
    static const char *const keys[] = {"id", "source", "source_name", "status", "status_name", "received_at",
                                       "content", "place", "agency", "agency_name", "case_no", "answered_on"};
    json_t *v = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *x = json_object_get(lead, keys[i]);
        json_object_set(v, keys[i], x ? x : json_null());
    }
    /* the reply he is told at the close; the triage, answer and verification stay internal */
    json_t *reply = json_object_get(lead, "reply");
    const char *status = str(lead, "status");
    bool closed = status && strcmp(status, "closed") == 0 && json_is_object(reply);
    json_object_set_new(v, "reply", closed ? json_pack("{s:O, s:O}", "note", json_object_get(reply, "note"), "on",
                                                        json_object_get(reply, "on"))
                                           : json_null());
    return v;
}

int app_observation_create(const AppContext *cx, const ObservationInput *in, json_t **out, ZfError *err)
{
    json_t *lead;
    if (!cx->user || !role_is_observer(cx->user->role))
        return zf_fail(err, 403, "forbidden", NULL, "只有特邀监督员和派驻律师可以提交监督意见");
    if (check_agency(cx, in->agency, err) != ZF_OK) return ZF_ERR;
    if (in->case_no && *in->case_no && check_case(cx, in->case_no, in->agency, err) != ZF_OK) return ZF_ERR;
    const char *name = cx->user->display_name[0] ? cx->user->display_name : cx->user->username;
    LeadInput li = {cx->user->role, NULL, NULL, in->content, NULL, NULL, in->agency,
                    in->case_no && *in->case_no ? in->case_no : NULL, in->place && *in->place ? in->place : NULL,
                    name, NULL, false};
    if (app_lead_create(cx, &li, &lead, err) != ZF_OK) return ZF_ERR;
    *out = observation_view(lead);
    json_decref(lead);
    return ZF_OK;
}

int app_observation_photo_lead(const AppContext *cx, long long id, ZfError *err)
{
    json_t *row;
    if (!cx->user || !role_is_observer(cx->user->role)) return not_found(err, NULL, "监督意见");
    if (store_lead_get(cx->store, id, &row, err) != ZF_OK) return err->status >= 500 ? ZF_ERR : not_found(err, NULL, "监督意见");
    const char *by = str(row, "created_by"), *source = str(row, "source");
    bool own = by && source && strcmp(by, cx->user->username) == 0 && strcmp(source, cx->user->role) == 0;
    json_decref(row);
    return own ? ZF_OK : not_found(err, NULL, "监督意见");
}

int app_observations_list(const AppContext *cx, int page, int size, json_t **out, ZfError *err)
{
    AppContext system = *cx;
    LeadFilter f = {0};
    json_t *items, *lead;
    size_t i;
    if (!cx->user) return zf_fail(err, 403, "forbidden", NULL, "请先登录");
    f.created_by = cx->user->username;
    system.user = NULL; /* his own leads, wherever they are now: the filter is the scope */
    if (app_leads_list(&system, &f, page, size, out, err) != ZF_OK) return ZF_ERR;
    items = json_object_get(*out, "items");
    json_array_foreach(items, i, lead) json_array_set_new(items, i, observation_view(lead));
    return ZF_OK;
}

static json_t *public_case(const json_t *row)
{
    static const char *const keys[] = {"case_no", "agency", "agency_name", "kind", "procedure", "status",
                                       "filed_on", "decided_on", "closed_on"};
    char masked[256] = "**";
    json_t *v = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *x = json_object_get(row, keys[i]);
        json_object_set(v, keys[i], x ? x : json_null());
    }
    /* the list does not say whether the party is a person: every name is masked as one (张**) */
    const char *party = str(row, "party_name");
    if (party && *party && mask_person_name(party, masked, sizeof masked) != ZF_OK) strcpy(masked, "**");
    json_object_set_new(v, "party_name", party && *party ? json_string(masked) : json_null());
    return v;
}

int app_observer_cases(const AppContext *cx, const char *q, int page, int size, json_t **out, ZfError *err)
{
    CaseFilter f;
    json_t *items, *row;
    size_t i;
    memset(&f, 0, sizeof f);
    f.fine_min_fen = f.fine_max_fen = -1; /* no bound */
    f.q_number = q; /* not party names: a name typed would tell whether that person has a case */
    switch (cx->scope.kind) {
    case SCOPE_AGENCY: f.scope_agency = cx->scope.agency, f.scope_nothing = !cx->scope.agency[0]; break;
    case SCOPE_REGION: f.scope_region_prefix = cx->scope.region_prefix[0] ? cx->scope.region_prefix : NULL; break;
    case SCOPE_NONE: f.scope_nothing = true; break;
    }
    if (!cx->user) f.scope_nothing = true;
    if (store_cases_list(cx->store, &f, page, size, out, err) != ZF_OK) return ZF_ERR;
    items = json_object_get(*out, "items");
    json_array_foreach(items, i, row) json_array_set_new(items, i, public_case(row));
    return ZF_OK;
}
