/* /api/v1/findings: the supervisor's alerts (stored findings), per-agency summary, and a sweep
 * on demand. Filters are validated here and bound as parameters in the store. */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "domain/rules/rules.h"
#include "app/sweep.h"
#include "store/findings.h"

static const char *const statuses[] = {"open", "resolved", "new", "all", NULL};
static const char *const severities[] = {"violation", "warning", NULL};
static const char *const subject_types[] = {"case", "officer", "agency", "power", NULL};
#define LOWER "abcdefghijklmnopqrstuvwxyz_"
#define DIGITS "0123456789"
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static int parse_filter(HttpRequest *req, FindingFilter *f, char prefix[7])
{
    long age;
    memset(f, 0, sizeof *f);
    if (param_enum(req, "status", statuses, &f->status) || param_enum(req, "severity", severities, &f->severity) ||
        param_code(req, "rule", "ACEILP" DIGITS, 3, 3, &f->rule) ||
        param_code(req, "agency", CODE_CHARS, 1, 18, &f->agency) ||
        param_region(req, "region", prefix, &f->region_prefix) || param_code(req, "sector", LOWER, 1, 31, &f->sector) ||
        param_text(req, "q", 100, &f->q) || param_int(req, "min_age_days", 0, 36500, 0, &age) ||
        param_enum(req, "subject_type", subject_types, &f->subject_type) ||
        param_text(req, "subject", 128, &f->subject))
        return ZF_ERR;
    if (f->rule && rules_index(f->rule) < 0)
        return http_reply_error(req, 400, "invalid_param", "rule", "参数 rule 不是已知的规则编号"), ZF_ERR;
    f->min_age_days = (int)age;
    f->scope_nothing = !api_scope_filter(req, &f->scope_agency, &f->scope_region_prefix);
    return ZF_OK;
}

int api_findings_list(HttpRequest *req)
{
    FindingFilter f;
    char prefix[7];
    int page, size;
    json_t *out;
    ZfError err;
    if (parse_filter(req, &f, prefix) != ZF_OK || param_page(req, &page, &size) != ZF_OK) return 0;
    if (store_findings_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_findings_summary(HttpRequest *req)
{
    FindingFilter f;
    char prefix[7];
    json_t *out;
    ZfError err;
    if (parse_filter(req, &f, prefix) != ZF_OK) return 0;
    if (store_findings_summary(req->store, &f, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_findings_sweep(HttpRequest *req)
{
    zf_day as_of = req->today;
    SweepResult r;
    ZfError err;
    if (req->body_len) {
        json_t *body = http_body_json(req);
        if (!body) return 0;
        json_t *v = json_object_get(body, "as_of");
        int ok = !v || (json_is_string(v) && date_parse(json_string_value(v), &as_of));
        json_decref(body);
        if (!ok) return http_reply_error(req, 400, "invalid_field", "as_of", "as_of 应为真实存在的日期 YYYY-MM-DD");
    }
    if (sweep_run(req->store, req->calendar, as_of, &r, &err) != ZF_OK) return http_reply_zferror(req, &err);
    char day[ZF_DATE_LEN];
    date_format(r.as_of, day);
    return http_reply_json(req, 200, json_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I}", "as_of", day,
                                               "config_version", r.config_version, "subjects", (json_int_t)r.subjects,
                                               "findings", (json_int_t)r.findings, "new", (json_int_t)r.new_count,
                                               "resolved", (json_int_t)r.resolved, "ms", (json_int_t)(r.micros / 1000)));
}
