/* Files of a reconsideration: the respondent's evidence with its answer (第四十八条: 证据、依据和其他
 * 有关材料) and the organ's own materials. The file is already in the ledger's file store under its
 * SM3; here its attachment.add event, its entry in the row's body (the row is logged again, so the
 * list is tamper-evident with it) and a timeline line are written in one transaction. */
#include <stdio.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/reconsideration.h"
#include "app/reconsideration_log.h"
#include "app/reconsideration_opinion.h"
#include "app/reconsideration_portal_files.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static bool is(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* evidence: the respondent, from the copy until the decision; material: the organ, until closed. */
static int check_may_attach(const AppContext *cx, const json_t *row, const char *purpose, ZfError *err)
{
    const char *status = str(row, "status");
    bool evidence = is(purpose, "evidence");
    if (is(purpose, "report")) /* 第七十六条: the correction report's files, while it may be sent */
        return recon_may_take(cx, row, recon_action("opinion_report")) && recon_opinion_step_open(row, "opinion_report")
                   ? ZF_OK
                   : zf_fail(err, 409, "invalid_transition", "purpose", "当前不能报送纠正情况材料");
    if (!evidence && !is(purpose, "material"))
        return zf_fail(err, 400, "invalid_param", "purpose", "请指明材料用途：evidence（被申请人证据）或 material（复议机构材料）");
    const ReconActionDef *side = recon_action(evidence ? "answer" : "accept");
    if (!recon_may_take(cx, row, side))
        return zf_fail(err, 403, "side_not_allowed", "purpose",
                       evidence ? "只有被申请人可以提交答复证据" : "只有行政复议机构可以上传案件材料");
    if (evidence && !is(status, "copy_sent") && !is(status, "answered") && !is(status, "suspended"))
        return zf_fail(err, 409, "invalid_transition", "purpose", "案件处于“%s”状态，不能提交答复证据",
                       recon_status_name(status));
    if (!evidence && is(status, "closed"))
        return zf_fail(err, 409, "invalid_transition", "purpose", "案件已结案，不能再上传材料");
    return ZF_OK;
}

int app_recon_attach_check(const AppContext *cx, long long id, const char *purpose, ZfError *err)
{
    json_t *row;
    if (store_recon_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = recon_visible(cx, row) ? check_may_attach(cx, row, purpose, err)
                                    : zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
    json_decref(row);
    return rc;
}

static const char *purpose_name(const char *purpose)
{
    if (recon_portal_purpose_name(purpose)) return recon_portal_purpose_name(purpose);
    if (is(purpose, "evidence")) return "被申请人证据";
    if (is(purpose, "report")) return "纠正情况报告材料";
    return "案件材料";
}

int recon_file_record(const AppContext *cx, json_t *row, const ReconFile *f, json_t **out, ZfError *err)
{
    char subject[48], now[32], today[ZF_DATE_LEN], note[400];
    long long id = json_integer_value(json_object_get(row, "id")), seq;
    const char *by = cx->user ? cx->user->username : "portal"; /* no user: the applicant on the portal */
    app_utc_now(now);
    date_format(cx->today, today);
    snprintf(subject, sizeof subject, "reconsideration:%lld", id);
    json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}", "reconsideration_id", (json_int_t)id, "purpose",
                           f->purpose, "name", f->name, "media_type", f->media_type, "size", (json_int_t)f->size,
                           "sm3", f->sm3, "uploaded_by", by);
    if (app_logged_file(cx->store, subject, ev, &seq, err) != ZF_OK) return ZF_ERR;
    json_t *body = json_object_get(row, "body");
    if (!json_is_array(json_object_get(body, "attachments"))) json_object_set_new(body, "attachments", json_array());
    *out = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)seq, "purpose", f->purpose, "name",
                     f->name, "media_type", f->media_type, "size", (json_int_t)f->size, "sm3", f->sm3, "uploaded_by",
                     by, "uploaded_at", now);
    json_array_append(json_object_get(body, "attachments"), *out);
    json_object_set_new(row, "updated_at", json_string(now));
    snprintf(note, sizeof note, "%s：%s", purpose_name(f->purpose), f->name);
    ReconTimelineRow t = {id, NULL, today, by, "attach", NULL, NULL, note};
    int rc = app_recon_put(cx->store, row, err);
    if (rc == ZF_OK) rc = app_recon_timeline_add(cx->store, &t, err);
    if (rc != ZF_OK) json_decref(*out), *out = NULL;
    return rc;
}

int app_recon_attach(const AppContext *cx, long long id, const ReconFile *f, json_t **out, ZfError *err)
{
    json_t *row;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_recon_get(cx->store, id, &row, err);
    if (rc == ZF_OK) {
        rc = recon_visible(cx, row) ? check_may_attach(cx, row, f->purpose, err)
                                    : zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
        if (rc == ZF_OK) rc = recon_file_record(cx, row, f, out, err);
        json_decref(row);
    }
    if (rc == ZF_OK) return store_commit(cx->store, err);
    store_rollback(cx->store);
    return ZF_ERR;
}

int app_recon_attachment(const AppContext *cx, long long id, long long aid, json_t **out, ZfError *err)
{
    json_t *row, *a;
    size_t i;
    if (store_recon_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    *out = NULL;
    if (recon_visible(cx, row))
        json_array_foreach(json_object_get(json_object_get(row, "body"), "attachments"), i, a)
            if (json_integer_value(json_object_get(a, "id")) == aid) *out = json_incref(a);
    json_decref(row);
    return *out ? ZF_OK : zf_fail(err, 404, "not_found", "aid", "附件不存在");
}
