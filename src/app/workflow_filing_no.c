/* 案件编号 allocation (see workflow_filing_no.h): the same pure formatting as the 文号
 * (doc_number.c), its own sequence, and uniqueness against every number a case carries. */
#include "app/workflow_filing_no.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/workflow_state.h"
#include "domain/workflow/doc_number.h"
#include "store/case_numbers.h"
#include "store/findings.h"
#include "store/settings.h"

#define FILING_NO_MAX_SKIPS 10000

static void agency_abbr(Store *st, const char *agency, char *abbr, size_t size)
{
    char *body;
    ZfError ignored;
    abbr[0] = '\0';
    if (store_record_get(st, REC_AGENCY, agency, &body, &ignored) == ZF_OK) {
        json_t *a = json_loads(body, 0, NULL);
        free(body);
        wf_agency_abbr(json_string_value(json_object_get(a, "name")), abbr, size);
        json_decref(a);
    }
    if (!abbr[0]) snprintf(abbr, size, "%s", "执法");
}

int wf_filing_no_allocate(Store *st, const char *agency, zf_day filed_on, char *out, size_t size, ZfError *err)
{
    char pattern[160], abbr[64], taken[129];
    int year, m, d;
    store_setting_text(st, "case_number_pattern", DEFAULT_CASE_NUMBER_PATTERN, pattern, sizeof pattern);
    agency_abbr(st, agency, abbr, sizeof abbr);
    date_to_ymd(filed_on, &year, &m, &d);
    /* a number an imported case already carries (as its key, 案件编号 or 文号) is skipped: one number,
     * one case (bounded: no agency files this many cases a year on paper) */
    for (int tries = 0; tries < FILING_NO_MAX_SKIPS; tries++) {
        long seq;
        if (store_filing_next_seq(st, agency, year, &seq, err) != ZF_OK ||
            doc_number_format(pattern, abbr, year, seq, out, size, err) != ZF_OK)
            return ZF_ERR;
        if (store_case_resolve(st, out, taken, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
    }
    return zf_fail(err, 409, "filing_no_exhausted", NULL, "连续 %d 个案件编号已被已录入的案件占用，请检查案件编号格式设置",
                   FILING_NO_MAX_SKIPS);
}
