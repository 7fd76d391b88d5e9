/* See demo_filings.h. Each line is filed through app_filing_case_in, in its own transaction. */
#include "app/demo_filings.h"

#include <stdlib.h>
#include <string.h>

#include "app/filings.h"
#include "store/findings.h"

static int file_line(Store *st, const Calendar *cal, const char *case_no, zf_day on, ZfError *err)
{
    char *body;
    if (store_record_get(st, REC_CASE, case_no, &body, err) != ZF_OK) return ZF_ERR;
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    AppContext cx = {.store = st, .calendar = cal, .today = on};
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = app_filing_case_in(&cx, rec, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(rec);
    return rc;
}

int demo_filings_load(Store *st, const Calendar *cal, FILE *in, long *loaded, ZfError *err)
{
    char line[2048];
    *loaded = 0;
    for (long n = 1; fgets(line, sizeof line, in); n++) {
        json_t *o = json_loads(line, 0, NULL);
        const char *case_no = json_string_value(json_object_get(o, "case_no"));
        const char *on_text = json_string_value(json_object_get(o, "filed_on"));
        zf_day on;
        int rc = case_no && on_text && date_parse(on_text, &on)
                     ? file_line(st, cal, case_no, on, err)
                     : zf_fail(err, 400, "invalid_line", NULL, "第 %ld 行应为 {\"case_no\",\"filed_on\"}", n);
        json_decref(o);
        if (rc != ZF_OK) return ZF_ERR;
        (*loaded)++;
    }
    return ZF_OK;
}
