/* See workflow_holdings.h: checked against the stored power and officer records. */
#include "app/workflow_holdings.h"

#include <string.h>

#include "app/workflow_state.h"
#include "store/attachments.h"

static bool power_held_by(Store *st, const char *power, const char *agency)
{
    json_t *p = wf_stored_record(st, REC_POWER, power), *a;
    size_t i;
    bool held = false;
    json_array_foreach(json_object_get(p, "agencies"), i, a) held = held || (json_is_string(a) && strcmp(json_string_value(a), agency) == 0);
    json_decref(p);
    return held;
}

static bool officer_of(Store *st, const char *cert_no, const char *agency)
{
    json_t *o = wf_stored_record(st, REC_OFFICER, cert_no);
    const char *of = json_string_value(json_object_get(o, "agency"));
    bool ours = of && strcmp(of, agency) == 0;
    json_decref(o);
    return ours;
}

/* 证据目录: an online case's evidence names its own attachments (their integer ids), as stored. */
static int evidence_attached(Store *st, const json_t *rec, ZfError *err)
{
    const char *case_no = json_string_value(json_object_get(rec, "case_no"));
    const json_t *item;
    size_t i;
    json_array_foreach(json_object_get(rec, "evidence"), i, item) {
        const json_t *id = json_object_get(item, "attachment");
        json_t *row = NULL;
        if (!id || json_is_null(id)) continue;
        if (!json_is_integer(id) || !case_no ||
            store_attachment_get(st, case_no, (long long)json_integer_value(id), &row, err) != ZF_OK)
            return zf_fail(err, 400, "evidence_attachment", "evidence",
                           "证据目录第 %zu 项选择的附件不是本案的附件，请从本案已上传的附件中选择", i + 1);
        json_decref(row);
    }
    return ZF_OK;
}

int wf_holdings_check(Store *st, const json_t *rec, ZfError *err)
{
    const char *agency = json_string_value(json_object_get(rec, "agency"));
    const char *power = json_string_value(json_object_get(rec, "power"));
    if (!agency) return zf_fail(err, 400, "missing_field", "agency", "案件缺少执法主体");
    if (power && !power_held_by(st, power, agency))
        return zf_fail(err, 400, "power_not_held", "power", "职权事项“%s”不在本机关的权责清单中", power);
    json_t *o;
    size_t i;
    json_array_foreach(json_object_get(rec, "officers"), i, o) {
        const char *cert = json_string_value(o);
        if (!cert || !officer_of(st, cert, agency))
            return zf_fail(err, 400, "officer_not_ours", "officers", "执法证号 %s 不是本机关登记的执法人员",
                           cert ? cert : "（空）");
    }
    return evidence_attached(st, rec, err);
}

int wf_case_validate(Store *st, const json_t *rec, ZfError *err)
{
    json_t *copy = json_deep_copy(rec);
    RecordKeys keys;
    int rc = copy ? exchange_validate(copy, &keys, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    json_decref(copy);
    if (rc == ZF_OK) rc = wf_holdings_check(st, rec, err);
    if (rc != ZF_OK && err->status != 400) err->status = 400;
    return rc;
}
