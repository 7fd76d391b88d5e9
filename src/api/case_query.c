/* GET /api/v1/cases: 案件查询 — every case in the caller's data scope (an officer his agency, a
 * supervisor or leader his region and below), filtered, sorted and paged. Thin: parameters are
 * validated here, the query is store/cases.h. */
#include <string.h>

#include "api/case_query.h"
#include "api/case_page_json.h"

#include "api/api.h"
#include "api/params.h"
#include "domain/exchange.h"
#include "store/case_numbers.h"
#include "store/cases.h"

static const char *const statuses[] = {"open", "decided", "closed", NULL};
static const char *const severities[] = {"violation", "warning", NULL};
static const char *const yes_no[] = {"1", "0", NULL};
static const char *const sorts[] = {"filed_on", "decided_on", "case_no", "fine", NULL};
static const char *const orders[] = {"asc", "desc", NULL};

/* A code of one of exchange-v1's tables (case_kinds, procedures), or a 400 naming the parameter. */
static int param_dict(HttpRequest *req, const char *name, const char *table, const char **out)
{
    if (param_code(req, name, "abcdefghijklmnopqrstuvwxyz_", 1, 31, out) != ZF_OK) return ZF_ERR;
    if (*out && !exchange_dict_name(table, *out))
        return http_reply_error(req, 400, "invalid_param", name, "参数取值不在代码表中"), ZF_ERR;
    return ZF_OK;
}

/* Whole yuan; -1 when absent. */
static int param_fen(HttpRequest *req, const char *name, long long *fen)
{
    long yuan;
    if (param_int(req, name, 0, 10000000000L, -1, &yuan) != ZF_OK) return ZF_ERR;
    *fen = yuan < 0 ? -1 : (long long)yuan * 100;
    return ZF_OK;
}

int case_query_parse(HttpRequest *req, CaseFilter *f, char prefix[7])
{
    const char *order;
    memset(f, 0, sizeof *f);
    if (param_code(req, "agency", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 18, &f->agency) ||
        param_region(req, "region", prefix, &f->region_prefix) ||
        param_code(req, "sector", "abcdefghijklmnopqrstuvwxyz_", 1, 31, &f->sector) ||
        param_dict(req, "kind", "case_kinds", &f->kind) || param_dict(req, "procedure", "procedures", &f->procedure) ||
        param_enum(req, "status", statuses, &f->status) || param_date(req, "filed_from", &f->filed_from) ||
        param_date(req, "filed_to", &f->filed_to) || param_date(req, "decided_from", &f->decided_from) ||
        param_date(req, "decided_to", &f->decided_to) || param_fen(req, "fine_min", &f->fine_min_fen) ||
        param_fen(req, "fine_max", &f->fine_max_fen) || param_enum(req, "has_findings", yes_no, &f->has_findings) ||
        param_enum(req, "severity", severities, &f->severity) || param_text(req, "q", 100, &f->q) ||
        param_enum(req, "sort", sorts, &f->sort) || param_enum(req, "order", orders, &order))
        return ZF_ERR;
    f->ascending = order && strcmp(order, "asc") == 0;
    f->scope_nothing = !api_scope_filter(req, &f->scope_agency, &f->scope_region_prefix);
    return ZF_OK;
}

/* q that is one of a case's numbers (docs/case-record.md) answers that case, found through the
 * number indexes, when it is in scope and passes the other filters; otherwise the contains-search. */
static int list_by_number(HttpRequest *req, CaseFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char case_no[129];
    if (!f->q || store_case_resolve(req->store, f->q, case_no, err) != ZF_OK) return ZF_ERR;
    CaseFilter exact = *f;
    exact.q = NULL, exact.case_no = case_no;
    if (store_cases_list(req->store, &exact, page, size, out, err) != ZF_OK) return ZF_ERR;
    if (json_integer_value(json_object_get(*out, "total")) > 0) return ZF_OK;
    json_decref(*out);
    *out = NULL;
    return ZF_ERR;
}

int api_cases_list(HttpRequest *req)
{
    CaseFilter f;
    char prefix[7];
    int page, size;
    json_t *out;
    ZfError err;
    if (case_query_parse(req, &f, prefix) != ZF_OK || param_page(req, &page, &size) != ZF_OK) return 0;
    if (list_by_number(req, &f, page, size, &out, &err) == ZF_OK) return http_reply_json(req, 200, out);
    char *text;
    if (case_page_json(req->store, &f, page, size, &text, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json_text(req, 200, text);
}
