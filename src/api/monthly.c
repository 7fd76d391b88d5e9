/* /api/v1/reports/monthly: mode 1 按月报送. An agency submits its counts for a month; its
 * supervisors see who has reported and who is overdue. The deadline is data: the
 * report_due_day setting (Nth day of the month after the reported month, 10 by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "api/params.h"
#include "http/auth.h"
#include "app/sweep.h"
#include "store/intake.h"
#include "util/date.h"

#define REPORT_DUE_DAY_DEFAULT 10

/* "YYYY-MM" with a real month; fills year and month. */
static bool month_parse(const char *s, int *year, int *month)
{
    if (!s || strlen(s) != 7 || s[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9')) return false;
    *year = atoi(s), *month = atoi(s + 5);
    return *year >= 1900 && *month >= 1 && *month <= 12;
}

/* The last day on which the report for year-month is on time. */
static zf_day report_due_on(Store *st, int year, int month)
{
    int due_day = store_setting_int(st, "report_due_day", REPORT_DUE_DAY_DEFAULT);
    if (++month > 12) month = 1, year++;
    int last = date_days_in_month(year, month);
    return date_from_ymd(year, month, due_day < last ? due_day : last);
}

static void previous_month(zf_day today, char out[16])
{
    int y, m, d;
    date_to_ymd(today, &y, &m, &d);
    if (--m < 1) m = 12, y--;
    snprintf(out, 16, "%04d-%02d", y, m);
}

int api_reports_monthly_list(HttpRequest *req)
{
    const char *month, *as_of_text, *agency, *region;
    char month_buf[16];
    int year, mon;
    zf_day as_of = req->today;
    json_t *out;
    ZfError err;
    if (param_text(req, "month", 7, &month) != ZF_OK || param_text(req, "as_of", 10, &as_of_text) != ZF_OK) return 0;
    if (!month) previous_month(as_of, month_buf), month = month_buf;
    if (!month_parse(month, &year, &mon))
        return http_reply_error(req, 400, "invalid_param", "month", "月份格式应为 YYYY-MM，如 2026-04");
    /* A supervisor may ask "who was overdue on day X"; an agency sees only today. */
    if (as_of_text && req->scope.kind != SCOPE_REGION)
        return http_reply_error(req, 400, "invalid_param", "as_of", "仅监督人员可指定统计日期");
    if (as_of_text && !date_parse(as_of_text, &as_of))
        return http_reply_error(req, 400, "invalid_param", "as_of", "统计日期格式应为 YYYY-MM-DD，且为真实日期");
    if (!api_scope_filter(req, &agency, &region)) return http_reply_error(req, 403, "forbidden", NULL, "没有数据范围");
    if (store_monthly_status(req->store, agency, region, month, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    zf_day due = report_due_on(req->store, year, mon);
    long long submitted = 0, overdue = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(out, "items"), i, row) {
        bool has = !json_is_null(json_object_get(row, "report"));
        bool late = !has && as_of > due;
        submitted += has, overdue += late;
        json_object_set_new(row, "submitted", json_boolean(has));
        json_object_set_new(row, "overdue", json_boolean(late));
    }
    char due_text[ZF_DATE_LEN], as_of_buf[ZF_DATE_LEN];
    date_format(due, due_text);
    date_format(as_of, as_of_buf);
    json_object_set_new(out, "month", json_string(month));
    json_object_set_new(out, "due_on", json_string(due_text));
    json_object_set_new(out, "as_of", json_string(as_of_buf));
    json_object_set_new(out, "submitted", json_integer(submitted));
    json_object_set_new(out, "overdue", json_integer(overdue));
    return http_reply_json(req, 200, out);
}

int api_reports_monthly_put(HttpRequest *req)
{
    const char *agency = http_param(req, "agency"), *month = http_param(req, "month");
    int year, mon;
    RecordKeys keys;
    ZfError err;
    if (!month_parse(month, &year, &mon))
        return http_reply_error(req, 400, "invalid_param", "month", "月份格式应为 YYYY-MM，如 2026-04");
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *rec = json_pack("{s:s, s:s?, s:s, s:O?}", "type", "monthly_report", "agency", agency, "month", month,
                            "counts", json_object_get(body, "counts"));
    json_decref(body);
    int rc;
    if (!rec) return http_reply_error(req, 400, "invalid_param", "agency", "执法主体代码无效");
    zf_day today = req->today;
    char today_text[ZF_DATE_LEN];
    date_format(today, today_text);
    if (exchange_validate(rec, &keys, &err) != ZF_OK) {
        rc = http_reply_error(req, 400, err.code[0] ? err.code : "invalid_record", err.field, err.message);
    } else if (!intake_agency_in_scope(req, agency)) {
        rc = http_reply_error(req, 403, "forbidden", "agency", "只能报送本账号数据范围内执法主体的数据");
    } else if (date_from_ymd(year, mon, 1) > today) {
        rc = http_reply_error(req, 400, "invalid_param", "month", "不能报送尚未开始的月份");
    } else {
        /* submitted_on is kept with the record (unknown fields are kept): late is visible later */
        json_object_set_new(rec, "submitted_on", json_string(today_text));
        char *text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        StoredRecord sr = {keys, text, text ? strlen(text) : 0};
        exchange_validate(rec, &sr.keys, &err); /* keys borrow from rec: refresh after the edit */
        if (!text) rc = http_reply_error(req, 500, "internal_error", NULL, "无法保存报送数据");
        else if (store_begin(req->store, &err) != ZF_OK) rc = http_reply_zferror(req, &err);
        else if (store_put_record(req->store, &sr, NULL, &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK) {
            store_rollback(req->store);
            rc = http_reply_zferror(req, &err);
        } else {
            zf_day due = report_due_on(req->store, year, mon);
            char due_text[ZF_DATE_LEN];
            date_format(due, due_text);
            auth_audit(req, "monthly_report", agency, "ok", month);
            rc = http_reply_json(req, 200, json_pack("{s:O, s:s, s:b}", "report", rec, "due_on", due_text,
                                                     "late", today > due));
        }
        free(text);
    }
    json_decref(rec);
    return rc;
}
