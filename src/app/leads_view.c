/* See leads_view.h. */
#include "app/leads_view.h"

#include <string.h>

#include "app/orders.h"
#include "domain/leads.h"
#include "domain/orders.h"
#include "store/leads.h"
#include <stdio.h>

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* 张三 → 张*; 13812345678 → 138****5678 (个人信息保护法 第五十一条: the least a page needs). */
static json_t *masked(const json_t *reporter)
{
    const char *name = str(reporter, "name"), *phone = str(reporter, "phone");
    if (!json_is_object(reporter)) return json_null();
    char n[16] = "", p[16] = "";
    if (name && *name) {
        size_t first = ((unsigned char)name[0] >= 0xE0) ? 3 : 1; /* one character, CJK or not */
        snprintf(n, sizeof n, "%.*s*", (int)(strlen(name) < first ? strlen(name) : first), name);
    }
    if (phone && strlen(phone) >= 7) snprintf(p, sizeof p, "%.3s****%s", phone, phone + strlen(phone) - 4);
    return json_pack("{s:s, s:s}", "name", n, "phone", p);
}

static void copy(json_t *out, const json_t *from, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(from, *keys);
        json_object_set(out, *keys, v ? v : json_null());
    }
}

static void add_colour(json_t *v, const AppContext *cx, const json_t *row)
{
    zf_day due;
    const char *colour = "none";
    if (strcmp(str(row, "status"), "dispatched") == 0 && str(row, "due_on") && date_parse(str(row, "due_on"), &due))
        colour = order_colour_code(deadline_colour(cx->calendar, cx->today, due, app_order_warn_wd(cx->store)));
    json_object_set_new(v, "colour", json_string(colour));
    json_object_set_new(v, "overdue", json_boolean(strcmp(colour, "red") == 0));
}

json_t *lead_view(const AppContext *cx, const json_t *row, bool mask_reporter)
{
    static const char *const ROW[] = {"id", "source", "source_ref", "status", "received_at", "region", "agency",
                                      "agency_name", "case_no", "category", "dispatched_on", "due_on", "answered_on",
                                      "order_id", "duplicate_of", "created_by", "created_at", "updated_at", NULL};
    static const char *const BODY[] = {"content", "place", "triage", "answer", "verification", "reply", NULL};
    json_t *v = json_object(), *body = json_object_get(row, "body");
    LeadStatus s;
    const LeadSourceDef *src = lead_source(str(row, "source"));
    copy(v, row, ROW);
    copy(v, body, BODY);
    json_object_set_new(v, "source_name", json_string(src ? src->name : "其他"));
    json_object_set_new(v, "status_name",
                        json_string(lead_status_by_code(str(row, "status"), &s) == ZF_OK ? lead_status_name(s) : ""));
    json_t *reporter = json_object_get(body, "reporter");
    json_object_set_new(v, "reporter", mask_reporter ? masked(reporter) : json_incref(reporter ? reporter : json_null()));
    LeadRejectReason r;
    json_t *triage = json_object_get(v, "triage");
    if (json_is_object(triage) && lead_reject_by_code(str(triage, "result"), &r) == ZF_OK)
        json_object_set_new(triage, "result_name", json_string(lead_reject_name(r)));
    else if (json_is_object(triage)) json_object_set_new(triage, "result_name", json_string("予以受理"));
    add_colour(v, cx, row);
    return v;
}

int lead_view_full(const AppContext *cx, const json_t *row, json_t **out, ZfError *err)
{
    json_t *timeline, *t, *photos;
    size_t i;
    if (store_lead_timeline(cx->store, json_integer_value(json_object_get(row, "id")), &timeline, err) != ZF_OK)
        return ZF_ERR;
    json_array_foreach(timeline, i, t) {
        LeadAction a;
        const char *action = str(t, "action");
        json_object_set_new(t, "action_name", json_string(lead_action_by_code(action, &a) == ZF_OK ? lead_action_name(a)
                                                          : strcmp(action, "receive") == 0 ? "接收"
                                                          : strcmp(action, "photo") == 0   ? "上传照片"
                                                                                            : "其他"));
    }
    if (store_lead_photos(cx->store, json_integer_value(json_object_get(row, "id")), &photos, err) != ZF_OK)
        return json_decref(timeline), ZF_ERR;
    json_t *shown = json_array(), *p;
    json_array_foreach(photos, i, p)
        json_array_append_new(shown, json_pack("{s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(p, "id"), "name",
                                               json_object_get(p, "name"), "media_type", json_object_get(p, "media_type"),
                                               "size", json_object_get(p, "size"), "uploaded_at",
                                               json_object_get(p, "uploaded_at")));
    json_decref(photos);
    *out = lead_view(cx, row, false);
    json_object_set_new(*out, "timeline", timeline);
    json_object_set_new(*out, "photos", shown);
    return ZF_OK;
}

json_t *lead_public_view(const json_t *row)
{
    LeadStatus s;
    bool known = lead_status_by_code(str(row, "status"), &s) == ZF_OK;
    json_t *reply = json_object_get(json_object_get(row, "body"), "reply");
    json_t *v = json_pack("{s:s, s:s, s:s}", "status", str(row, "status"), "status_name",
                          known ? lead_status_name(s) : "", "received_at", str(row, "received_at"));
    if (str(row, "answered_on")) json_object_set_new(v, "answered_on", json_string(str(row, "answered_on")));
    if (known && s == LEAD_CLOSED && str(reply, "note") && *str(reply, "note"))
        json_object_set_new(v, "answer", json_string(str(reply, "note")));
    return v;
}
