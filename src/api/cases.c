/* /api/v1/cases/{case_no}: one case record, its agency and power named, with its supervision findings. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "domain/workflow/masking.h"
#include "http/auth.h"
#include "store/elements.h"
#include "store/findings.h"

/* The read-only leader oversees without handling cases: he needs no one's full ID number. */
static bool sees_personal_data(const HttpRequest *req)
{
    return req->auth && strcmp(req->auth->role, "leader") != 0;
}

/* Party ID numbers are personal data: the read-only leader sees them masked; every unmasked
 * read is audited. */
static void protect_personal_data(HttpRequest *req, json_t *record, const char *case_no)
{
    json_t *party = json_object_get(record, "party");
    if (!json_object_get(party, "id_no")) return;
    char masked[64];
    const char *id = json_string_value(json_object_get(party, "id_no"));
    if (!sees_personal_data(req) && id && mask_citizen_id(id, masked, sizeof masked) == ZF_OK)
        json_object_set_new(party, "id_no", json_string(masked));
    else auth_audit(req, "read_personal", case_no, "ok", "party.id_no");
}

/* The agency and the power by name, for the page; beside the record, never in it: the form
 * that edits a case sends back the fields it does not know. Read from the name columns, not the
 * two whole records (a fifth of a case read, docs/scale.md). */
static int add_names(HttpRequest *req, const json_t *record, json_t *out, ZfError *err)
{
    json_t *agency, *power;
    if (store_element_names(req->store, json_string_value(json_object_get(record, "agency")),
                            json_string_value(json_object_get(record, "power")), &agency, &power, err) != ZF_OK)
        return ZF_ERR;
    json_object_set_new(out, "agency_name", agency);
    json_object_set_new(out, "power_name", power);
    return ZF_OK;
}

int api_case_get(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    ZfError err;
    json_t *record, *findings;
    if (api_case_visible(req, case_no, &record, &err) != ZF_OK) return http_reply_zferror(req, &err);
    protect_personal_data(req, record, case_no);
    FindingFilter f = {.status = "all", .subject_type = "case", .subject = case_no};
    if (store_findings_list(req->store, &f, 1, 200, &findings, &err) != ZF_OK) {
        json_decref(record);
        return http_reply_zferror(req, &err);
    }
    json_t *items = json_incref(json_object_get(findings, "items"));
    json_decref(findings);
    json_t *out = json_pack("{s:o, s:o}", "case", record, "findings", items);
    if (add_names(req, json_object_get(out, "case"), out, &err) != ZF_OK) {
        json_decref(out);
        return http_reply_zferror(req, &err);
    }
    return http_reply_json(req, 200, out);
}
