/* /api/v1/officers: 执法人员 and their certificates within the user's data scope — the list
 * (with the 即将到期 view), one officer, and create/edit through the exchange-v1 validator. */
#include <string.h>

#include "api/api.h"
#include "api/elements.h"
#include "api/params.h"
#include "app/sweep.h"
#include "store/elements.h"

static const char *const officer_statuses[] = {"active", "suspended", "revoked", NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int api_officers_list(HttpRequest *req)
{
    OfficerFilter f = {0};
    long within;
    int page, size;
    char from[ZF_DATE_LEN], until[ZF_DATE_LEN];
    json_t *out;
    ZfError err;
    if (param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency) != ZF_OK ||
        param_enum(req, "status", officer_statuses, &f.status) != ZF_OK || param_text(req, "q", 64, &f.q) != ZF_OK ||
        param_int(req, "expiring_within_days", 0, 3660, -1, &within) != ZF_OK || param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (!api_scope_filter(req, &f.scope_agency, &f.scope_region_prefix))
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page, "size", size));
    if (within >= 0) { /* still valid today (China time) and ending within N days */
        zf_day today = req->today;
        date_format(today, from);
        date_format(today + (zf_day)within, until);
        f.valid_to_from = from, f.valid_to_until = until;
    }
    if (store_officers_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* The officer if the user may see him, else NULL (and a 404 already sent). */
static json_t *visible_officer(HttpRequest *req, const char *cert_no, bool reply)
{
    json_t *rec = element_load(req, REC_OFFICER, cert_no);
    if (rec && !element_agency_visible(req, json_string_value(json_object_get(rec, "agency")))) {
        json_decref(rec);
        rec = NULL;
        if (reply) http_reply_error(req, 404, "not_found", NULL, "执法人员不存在");
    } else if (!rec && reply) {
        http_reply_error(req, 404, "not_found", NULL, "执法人员不存在");
    }
    return rec;
}

int api_officer_get(HttpRequest *req)
{
    const char *cert_no = element_key_param(req, "cert_no", "执法人员");
    if (!cert_no) return 0;
    json_t *rec = visible_officer(req, cert_no, true);
    if (!rec) return 0;
    json_object_set_new(rec, "agency_name", element_agency_name(req, json_string_value(json_object_get(rec, "agency"))));
    return http_reply_json(req, 200, rec);
}

static bool officer_agency_visible(HttpRequest *req, json_t *rec)
{
    return element_agency_visible(req, json_string_value(json_object_get(rec, "agency")));
}

int api_officer_put(HttpRequest *req)
{
    const char *cert_no = element_key_param(req, "cert_no", "执法人员");
    if (!cert_no) return 0;
    json_t *rec = element_body(req, REC_OFFICER, "cert_no", cert_no);
    if (!rec) return 0;
    return element_put(req, rec, officer_agency_visible, "agency", "所属执法主体不存在或不在本人数据范围内");
}
