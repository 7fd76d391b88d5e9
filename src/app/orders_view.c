/* An order row as people see it (docs/orders.md): names beside codes, the colour and days left by
 * the working-day calendar as of today, and — for one order — its findings with whether each is
 * resolved, its basis linked to the law library, its attachments and timeline. */
#include "app/orders_view.h"

#include <string.h>

#include "app/law_links.h"
#include "store/orders.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static zf_day day_of(const json_t *row, const char *k)
{
    zf_day d;
    return str(row, k) && date_parse(str(row, k), &d) ? d : ZF_DAY_NONE;
}

int order_state_of(const json_t *row, OrderState *s)
{
    const OrderKindDef *k = order_kind_by_code(str(row, "kind"));
    OrderStatus status;
    if (!k || order_status_by_code(str(row, "status"), &status) != ZF_OK) return ZF_ERR;
    *s = (OrderState){
        .kind = k->kind,
        .status = status,
        .issued_on = day_of(row, "issued_on"),
        .deadline_wd = (int)json_integer_value(json_object_get(row, "deadline_wd")),
        .due_on = day_of(row, "due_on"),
        .last_act_on = day_of(row, "last_act_on"),
        .escalation = (int)json_integer_value(json_object_get(row, "escalation")),
        .rounds = (int)json_integer_value(json_object_get(row, "rounds")),
    };
    return ZF_OK;
}

static json_t *date_or_null(zf_day d)
{
    char buf[ZF_DATE_LEN];
    if (d == ZF_DAY_NONE) return json_null();
    date_format(d, buf);
    return json_string(buf);
}

void order_state_to_row(const OrderState *s, json_t *row)
{
    json_object_set_new(row, "status", json_string(order_status_code(s->status)));
    json_object_set_new(row, "issued_on", date_or_null(s->issued_on));
    json_object_set_new(row, "deadline_wd", json_integer(s->deadline_wd));
    json_object_set_new(row, "due_on", date_or_null(s->due_on));
    json_object_set_new(row, "last_act_on", date_or_null(s->last_act_on));
    json_object_set_new(row, "escalation", json_integer(s->escalation));
    json_object_set_new(row, "rounds", json_integer(s->rounds));
}

static void copy(json_t *out, const json_t *from, const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(from, *keys);
        json_object_set(out, *keys, v ? v : json_null());
    }
}

/* Working days from today to the due date: 0 on the due date, negative once overdue. */
static int working_days_left(const Calendar *cal, zf_day today, zf_day due)
{
    int n = 0;
    for (zf_day d = today + 1; d <= due; d++) n += calendar_is_workday(cal, d);
    for (zf_day d = due + 1; d <= today; d++) n -= calendar_is_workday(cal, d);
    return n;
}

static void add_dates(json_t *v, const OrderState *s, const AppContext *cx, int warn_wd)
{
    OrderColour c = order_colour(s, cx->today, cx->calendar, warn_wd);
    json_object_set_new(v, "colour", json_string(order_colour_code(c)));
    json_object_set_new(v, "overdue", json_boolean(c == ORDER_COLOUR_RED));
    json_object_set_new(v, "days_left", c == ORDER_COLOUR_NONE ? json_null()
                                                               : json_integer(working_days_left(cx->calendar, cx->today, s->due_on)));
}

/* The issuing body: the 司法行政部门 of the region (行政执法监督条例 第六条) — 司法厅 of a province,
 * 司法局 below it. */
json_t *order_issuer(const AppContext *cx, const char *region)
{
    const char *name = cx->regions && region ? regions_name(cx->regions, region) : NULL;
    if (!name) return json_null();
    bool province = strlen(region) == 6 && strcmp(region + 2, "0000") == 0;
    return json_sprintf("%s%s", name, province ? "司法厅" : "司法局");
}

json_t *order_view(const AppContext *cx, const json_t *row, int warn_wd)
{
    static const char *const ROW_KEYS[] = {"id", "doc_no", "kind", "agency", "agency_name", "region", "status",
                                           "deadline_wd", "issued_on", "due_on", "escalation", "rounds",
                                           "case_nos", "finding_ids", "created_by", "created_at", "updated_at",
                                           NULL};
    static const char *const BODY_KEYS[] = {"problem", "basis", "measures", "response", "referral", "notified",
                                            "source", NULL};
    json_t *v = json_object();
    OrderState s;
    copy(v, row, ROW_KEYS);
    copy(v, json_object_get(row, "body"), BODY_KEYS);
    if (order_state_of(row, &s) != ZF_OK) return v;
    const OrderKindDef *k = order_kind(s.kind);
    json_object_set_new(v, "kind_name", json_string(k->title));
    json_object_set_new(v, "status_name", json_string(order_status_name(s.status)));
    json_object_set_new(v, "escalation_name", json_string(order_escalation_name(s.escalation)));
    if (cx->regions && str(row, "region"))
        json_object_set_new(v, "region_name", json_string(regions_name(cx->regions, str(row, "region")) ?: ""));
    json_object_set_new(v, "issuer", order_issuer(cx, str(row, "region")));
    add_dates(v, &s, cx, warn_wd);
    return v;
}

/* Timeline entries that are not acts of the lifecycle. */
static const char *order_timeline_name(const char *action)
{
    static const char *const NAMES[][2] = {{"draft", "起草"}, {"remind", "系统提醒"}, {"attach", "上传材料"}};
    for (size_t i = 0; action && i < sizeof NAMES / sizeof *NAMES; i++)
        if (strcmp(NAMES[i][0], action) == 0) return NAMES[i][1];
    return "其他";
}

static json_t *open_count(json_t *findings)
{
    size_t i, open = 0;
    json_t *f;
    json_array_foreach(findings, i, f) open += json_is_null(json_object_get(f, "resolved_at"));
    return json_integer((json_int_t)open);
}

int order_view_full(const AppContext *cx, const json_t *row, int warn_wd, json_t **out, ZfError *err)
{
    long long id = json_integer_value(json_object_get(row, "id"));
    json_t *findings = NULL, *attachments = NULL, *timeline = NULL;
    if (store_findings_by_ids(cx->store, json_object_get(row, "finding_ids"), &findings, err) != ZF_OK ||
        store_order_attachments(cx->store, id, &attachments, err) != ZF_OK ||
        store_order_timeline(cx->store, id, &timeline, err) != ZF_OK) {
        json_decref(findings), json_decref(attachments);
        return ZF_ERR;
    }
    json_t *v = order_view(cx, row, warn_wd), *t;
    size_t i;
    json_array_foreach(timeline, i, t) {
        OrderAction a;
        if (order_action_by_code(str(t, "action"), &a) == ZF_OK)
            json_object_set_new(t, "action_name", json_string(order_action_name(a)));
        else json_object_set_new(t, "action_name", json_string(order_timeline_name(str(t, "action"))));
    }
    json_object_set_new(v, "open_findings", open_count(findings));
    json_object_set_new(v, "findings", findings);
    json_object_set_new(v, "attachments", attachments);
    json_object_set_new(v, "timeline", timeline);
    json_object_set_new(v, "basis", app_law_links(cx->store, json_object_get(json_object_get(row, "body"), "basis")));
    for (const char *const *k = (const char *const[]){"responses", "returns", "escalations", NULL}; *k; k++) {
        json_t *list = json_object_get(json_object_get(row, "body"), *k);
        json_object_set_new(v, *k, list ? json_incref(list) : json_array());
    }
    *out = v;
    return ZF_OK;
}
