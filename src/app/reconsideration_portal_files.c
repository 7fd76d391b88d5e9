/* See reconsideration_portal_files.h. */
#include "app/reconsideration_portal_files.h"

#include <string.h>

#include "app/complaints.h"
#include "store/settings.h"

#define KIND_UPLOAD "recon_upload"

static const char *const PURPOSES[][2] = {
    {"id_copy", "申请人身份证明"}, {"act_copy", "被申请复议的行政行为文书"}, {"proof", "申请人提交的证据"},
    {"correction", "补正材料"}, {NULL, NULL}};

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static bool is(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

const char *recon_portal_purpose_name(const char *purpose)
{
    for (int i = 0; purpose && PURPOSES[i][0]; i++)
        if (strcmp(PURPOSES[i][0], purpose) == 0) return PURPOSES[i][1];
    return NULL;
}

size_t recon_portal_file_max_bytes(Store *st)
{
    return (size_t)store_setting_int(st, "recon_portal_file_max_mib", 10) << 20;
}

static int applicant_files(const json_t *row)
{
    int n = 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(json_object_get(row, "body"), "attachments"), i, a)
        if (recon_portal_purpose_name(str(a, "purpose"))) n++;
    return n;
}

/* The application's materials while it is reviewed; the correction's only after a 补正通知. */
static int check_row(const AppContext *cx, const json_t *row, const char *purpose, ZfError *err)
{
    const char *status = str(row, "status");
    if (!recon_portal_purpose_name(purpose))
        return zf_fail(err, 400, "invalid_param", "purpose", "请选择材料类别：身份证明、行政行为文书、证据或补正材料");
    if (is(purpose, "correction") ? !is(status, "correcting") : !is(status, "received") && !is(status, "correcting"))
        return zf_fail(err, 409, "invalid_transition", "purpose", "案件处于“%s”状态，不能上传%s",
                       recon_status_name(status), recon_portal_purpose_name(purpose));
    int most = store_setting_int(cx->store, "recon_portal_files_max", 20);
    if (applicant_files(row) >= most)
        return zf_fail(err, 422, "too_many_files", "purpose", "每件申请最多上传 %d 个材料", most);
    return ZF_OK;
}

int app_recon_public_file_check(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                                const char *purpose, const char *addr, long long now, long long *id, ZfError *err)
{
    json_t *row;
    if (app_portal_within_limit(cx, addr, KIND_UPLOAD, now, 1, "recon_portal_uploads_per_hour", 30,
                                "上传过于频繁，请一小时后再试", err) != ZF_OK ||
        recon_public_find(cx, case_no, id_no, phone, addr, now, id, err) != ZF_OK ||
        store_recon_get(cx->store, *id, &row, err) != ZF_OK)
        return ZF_ERR;
    int rc = check_row(cx, row, purpose, err);
    json_decref(row);
    return rc;
}

int app_recon_public_file_add(const AppContext *cx, long long id, const ReconFile *f, json_t **out, ZfError *err)
{
    json_t *row, *full = NULL;
    AppContext portal = *cx;
    portal.user = NULL;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_recon_get(cx->store, id, &row, err);
    if (rc == ZF_OK) {
        rc = check_row(cx, row, f->purpose, err);
        if (rc == ZF_OK) rc = recon_file_record(&portal, row, f, &full, err);
        json_decref(row);
    }
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return json_decref(full), ZF_ERR;
    *out = json_pack("{s:O, s:s, s:s, s:O, s:O, s:O}", "id", json_object_get(full, "id"), "purpose", f->purpose,
                     "purpose_name", recon_portal_purpose_name(f->purpose), "name", json_object_get(full, "name"),
                     "media_type", json_object_get(full, "media_type"), "size", json_object_get(full, "size"));
    json_decref(full);
    return ZF_OK;
}
