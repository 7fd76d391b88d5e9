/* /api/v1/filings: 重大行政执法决定备案 — the list in the caller's scope, one filing, and the
 * supervisor's review (parse → app/filings.c → reply). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/filings.h"
#include "store/filings.h"

static const char *const statuses[] = {"pending", "reviewed", NULL};
static const char *const flags[] = {"0", "1", NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int api_filings_list(HttpRequest *req)
{
    FilingFilter f = {0};
    const char *late;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_enum(req, "status", statuses, &f.status) || param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency) ||
        param_enum(req, "late", flags, &late) || param_text(req, "q", 100, &f.q) || param_page(req, &page, &size))
        return 0;
    f.late_only = late && strcmp(late, "1") == 0;
    f.scope_nothing = !api_scope_filter(req, &f.scope_agency, &f.scope_region_prefix);
    if (store_filings_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_filing_get(HttpRequest *req)
{
    long long id;
    json_t *filing;
    ZfError err;
    if (param_path_id(req, "id", "备案记录不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_filing_get(&cx, id, &filing, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, filing);
}

/* A string field or absent; anything else is refused with the field named. */
static bool text_field(HttpRequest *req, const json_t *body, const char *name, const char **out)
{
    const json_t *v = json_object_get(body, name);
    *out = json_string_value(v);
    if (!v || json_is_null(v) || json_is_string(v)) return true;
    http_reply_error(req, 400, "invalid_field", name, "应为文字");
    return false;
}

/* The body's fields into in (strings point into body); false after replying 400. */
static bool parse_review(HttpRequest *req, const json_t *body, FilingReviewInput *in)
{
    const json_t *wd = json_object_get(body, "deadline_wd"), *basis = json_object_get(body, "basis");
    if (!text_field(req, body, "result", &in->result) || !text_field(req, body, "note", &in->note) ||
        !text_field(req, body, "problem", &in->problem) || !text_field(req, body, "measures", &in->measures))
        return false;
    if (wd && !json_is_null(wd) && !json_is_integer(wd)) {
        http_reply_error(req, 400, "invalid_field", "deadline_wd", "整改期限应为工作日数（整数）");
        return false;
    }
    if (basis && !json_is_null(basis) && !json_is_array(basis)) {
        http_reply_error(req, 400, "invalid_field", "basis", "依据应为法律条款的列表");
        return false;
    }
    json_int_t days = json_is_integer(wd) ? json_integer_value(wd) : 0;
    in->deadline_wd = days >= 0 && days <= 1000 ? (int)days : -1; /* out of range: refused by the service */
    in->basis = json_is_array(basis) ? basis : NULL;
    return true;
}

int api_filing_review(HttpRequest *req)
{
    long long id;
    FilingReviewInput in = {0};
    json_t *filing;
    ZfError err;
    if (param_path_id(req, "id", "备案记录不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!parse_review(req, body, &in)) {
        json_decref(body);
        return 0;
    }
    AppContext cx = api_context(req);
    int rc = app_filing_review(&cx, id, &in, &filing, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, filing);
}
