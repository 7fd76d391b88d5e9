/* Files of a supervision order (see orders.h): the supervisor's evidence and the agency's answer.
 * The file is already stored under its digest; here the row, its ledger event and the timeline
 * entry are written together, after the order's scope, side and status are checked. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/logged_row.h"
#include "app/orders.h"
#include "app/orders_log.h"
#include "app/orders_view.h"
#include "app/logged_row.h"
#include "store/orders.h"


/* Who may add which file when: the answer's files while the answer is due, evidence until accepted. */
static int check_may_attach(const AppContext *cx, const json_t *row, const char *purpose, ZfError *err)
{
    OrderState s;
    bool response = strcmp(purpose, "response") == 0;
    if (order_state_of(row, &s) != ZF_OK) return zf_fail(err, 500, "internal", NULL, "监督文书状态无法识别");
    if (!(app_order_sides(cx, row) & (response ? ORDER_SIDE_AGENCY : ORDER_SIDE_SUPERVISOR)))
        return zf_fail(err, 403, "side_not_allowed", "purpose", response ? "只有被监督的执法机关可以上传整改材料"
                                                                           : "只有行政执法监督机构可以上传监督证据");
    if (response && s.status != ORDER_RECEIVED && s.status != ORDER_RETURNED)
        return zf_fail(err, 409, "invalid_transition", "purpose", "监督文书处于“%s”状态，不能上传整改材料",
                       order_status_name(s.status));
    if (!response && s.status == ORDER_ACCEPTED)
        return zf_fail(err, 409, "invalid_transition", "purpose", "监督文书已办结，不能再上传材料");
    return ZF_OK;
}

static int record(const AppContext *cx, long long id, const OrderFile *f, json_t **out, ZfError *err)
{
    char subject[32], now[32], today[ZF_DATE_LEN], note[400];
    app_utc_now(now);
    date_format(cx->today, today);
    snprintf(subject, sizeof subject, "order:%lld", id);
    const char *by = cx->user ? cx->user->username : "system";
    json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}", "order_id", (json_int_t)id, "purpose", f->purpose,
                           "name", f->name, "media_type", f->media_type, "size", (json_int_t)f->size, "sm3", f->sm3,
                           "uploaded_by", by);
    long long aid, seq;
    int rc = app_logged_file(cx->store, subject, ev, &seq, err);
    OrderAttachmentRow row = {id, f->purpose, f->name, f->media_type, f->sm3, by, now, f->size, seq};
    if (rc == ZF_OK) rc = store_order_attachment_add(cx->store, &row, &aid, err);
    snprintf(note, sizeof note, "%s：%s", strcmp(f->purpose, "response") == 0 ? "整改材料" : "监督证据", f->name);
    OrderTimelineRow tl = {id, NULL, today, by, "attach", NULL, NULL, note};
    if (rc == ZF_OK) rc = app_order_timeline_add(cx->store, &tl, err);
    if (rc == ZF_OK) *out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)aid, "order_id",
                                      (json_int_t)id, "purpose", f->purpose, "name", f->name, "media_type",
                                      f->media_type, "size", (json_int_t)f->size, "sm3", f->sm3, "uploaded_by", by,
                                      "uploaded_at", now);
    return rc;
}

static int check_purpose(const char *purpose, ZfError *err)
{
    if (purpose && (strcmp(purpose, "evidence") == 0 || strcmp(purpose, "response") == 0)) return ZF_OK;
    return zf_fail(err, 400, "invalid_param", "purpose", "请指明材料用途：evidence（监督证据）或 response（整改材料）");
}

int app_order_attach_check(const AppContext *cx, long long id, const char *purpose, ZfError *err)
{
    json_t *row;
    if (check_purpose(purpose, err) != ZF_OK || app_order_load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = check_may_attach(cx, row, purpose, err);
    json_decref(row);
    return rc;
}

int app_order_attach(const AppContext *cx, long long id, const OrderFile *f, json_t **out, ZfError *err)
{
    json_t *row;
    if (check_purpose(f->purpose, err) != ZF_OK || store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = app_order_load_visible(cx, id, &row, err);
    if (rc == ZF_OK) {
        rc = check_may_attach(cx, row, f->purpose, err);
        if (rc == ZF_OK) rc = record(cx, id, f, out, err);
        json_decref(row);
    }
    if (rc == ZF_OK) return store_commit(cx->store, err);
    store_rollback(cx->store);
    return ZF_ERR;
}

int app_order_attachment(const AppContext *cx, long long id, long long aid, json_t **out, ZfError *err)
{
    json_t *row, *items, *a;
    size_t i;
    if (app_order_load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_decref(row);
    if (store_order_attachments(cx->store, id, &items, err) != ZF_OK) return ZF_ERR;
    *out = NULL;
    json_array_foreach(items, i, a)
        if (json_integer_value(json_object_get(a, "id")) == aid) *out = json_incref(a);
    json_decref(items);
    return *out ? ZF_OK : zf_fail(err, 404, "not_found", "id", "附件不存在");
}
