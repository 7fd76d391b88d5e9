/* 文号 allocation (see workflow_doc_no.h). The pattern and the sequence come from the store; the
 * formatting is the pure doc_number.c. */
#include "app/workflow_doc_no.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/workflow_state.h"
#include "domain/workflow/doc_number.h"
#include "store/findings.h"
#include "store/workflow.h"

#define DEFAULT_DOC_PATTERN "{abbr}处罚〔{year}〕{seq}号"
#define DOC_NO_MAX_SKIPS 10000

int wf_doc_no_allocate(Store *st, const char *agency, zf_day on, char *out, size_t size, ZfError *err)
{
    char pattern[160], abbr[64], *body;
    long seq;
    int year, m, d;
    store_setting_text(st, "doc_number_pattern", DEFAULT_DOC_PATTERN, pattern, sizeof pattern);
    abbr[0] = '\0';
    if (store_record_get(st, REC_AGENCY, agency, &body, err) == ZF_OK) {
        json_t *a = json_loads(body, 0, NULL);
        free(body);
        wf_agency_abbr(json_string_value(json_object_get(a, "name")), abbr, sizeof abbr);
        json_decref(a);
    }
    if (!abbr[0]) snprintf(abbr, sizeof abbr, "%s", "执法");
    date_to_ymd(on, &year, &m, &d);
    /* A number a decision entered after the fact or imported already carries is used, not a gap:
     * skip it (bounded: a year never holds this many paper decisions of one agency). */
    for (int tries = 0; tries < DOC_NO_MAX_SKIPS; tries++) {
        int used;
        if (store_workflow_next_seq(st, agency, year, &seq, err) != ZF_OK ||
            doc_number_format(pattern, abbr, year, seq, out, size, err) != ZF_OK ||
            store_doc_no_used(st, agency, out, &used, err) != ZF_OK)
            return ZF_ERR;
        if (!used) return ZF_OK;
    }
    return zf_fail(err, 409, "doc_no_exhausted", NULL, "连续 %d 个文号已被已录入的决定占用，请检查文号格式设置", DOC_NO_MAX_SKIPS);
}
