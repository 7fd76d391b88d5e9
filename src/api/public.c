/* /api/v1/public/decisions: the anonymous portal's list of published penalty decisions
 * (行政处罚法 第四十八条). Only listed fields leave the server, and a person's name and ID
 * number are masked (张**, 3701**********1234); organisations are public. */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "domain/workflow/case_state.h"
#include "domain/workflow/masking.h"
#include "store/public.h"

static void copy_field(json_t *to, json_t *from, const char *name)
{
    json_t *v = json_object_get(from, name);
    if (v) json_object_set(to, name, v);
}

static json_t *public_party(json_t *party)
{
    char name[256], id[64];
    const char *kind = json_string_value(json_object_get(party, "kind"));
    const char *n = json_string_value(json_object_get(party, "name"));
    const char *i = json_string_value(json_object_get(party, "id_no"));
    /* Only a declared organisation without a resident ID number is shown as is: a party of no
     * stated kind, or an "org" carrying a citizen ID (个体工商户), is masked as a person. */
    bool person = !kind || strcmp(kind, "org") != 0 || mask_looks_like_citizen_id(i);
    json_t *out = json_pack("{s:s}", "kind", person ? "person" : "org");
    if (n) json_object_set_new(out, "name", json_string(!person ? n : mask_person_name(n, name, sizeof name) == ZF_OK ? name : "**"));
    if (i) json_object_set_new(out, "id_no", json_string(!person ? i : mask_citizen_id(i, id, sizeof id) == ZF_OK ? id : "**"));
    return out;
}

/* The portal is anonymous and gets no dictionaries: each decision names its measures itself. */
static json_t *measure_names(const json_t *codes)
{
    json_t *names = json_array(), *m;
    size_t i;
    json_array_foreach(codes, i, m) {
        const char *name = case_measure_name(json_string_value(m));
        json_array_append_new(names, json_string(name ? name : json_is_string(m) ? json_string_value(m) : ""));
    }
    return names;
}

static json_t *public_decision(json_t *rec)
{
    static const char *const fields[] = {"case_no", "agency", "agency_name", "power", "decided_on", "published_on"};
    static const char *const decision_fields[] = {"outcome", "doc_no", "measures", "fine", "confiscated", "basis"};
    json_t *out = json_object(), *decision = json_object(), *d = json_object_get(rec, "decision");
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) copy_field(out, rec, fields[k]);
    for (size_t k = 0; k < sizeof decision_fields / sizeof *decision_fields; k++) copy_field(decision, d, decision_fields[k]);
    json_object_set_new(decision, "measure_names", measure_names(json_object_get(decision, "measures")));
    json_object_set_new(out, "decision", decision);
    json_t *party = json_object_get(rec, "party");
    if (json_is_object(party)) json_object_set_new(out, "party", public_party(party));
    return out;
}

int api_public_decisions(HttpRequest *req)
{
    const char *agency, *q;
    int page, size;
    json_t *list, *items = json_array();
    ZfError err;
    if (param_code(req, "agency", "0123456789ABCDEFGHJKLMNPQRTUWXY", 18, 18, &agency) != ZF_OK ||
        param_text(req, "q", 64, &q) != ZF_OK || param_page(req, &page, &size) != ZF_OK)
        return json_decref(items), 0;
    if (store_public_decisions(req->store, agency, q, page, size, &list, &err) != ZF_OK) {
        json_decref(items);
        return http_reply_zferror(req, &err);
    }
    size_t i;
    json_t *rec;
    json_array_foreach(json_object_get(list, "items"), i, rec) json_array_append_new(items, public_decision(rec));
    json_object_set_new(list, "items", items);
    return http_reply_json(req, 200, list);
}
