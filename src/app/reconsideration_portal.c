/* 行政复议 on the portal (no login): an applicant applies, identified by ID number and phone, under
 * the abuse limits of the portal's complaints (a solved proof-of-work challenge, a count per
 * address and hour); and follows the case by its 复议案号 with the same ID number and phone. Only
 * what the applicant may see is returned. */
#include <stdio.h>
#include <string.h>

#include "app/complaints.h"
#include "app/reconsideration.h"
#include "app/reconsideration_portal_files.h"

#define KIND_APPLY "reconsideration"
#define KIND_TRACK_MISS "track_miss"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int app_recon_apply_public(const AppContext *cx, const json_t *in, const char *addr, long long now, json_t **out,
                           ZfError *err)
{
    const json_t *applicant = json_object_get(in, "applicant"), *ch = json_object_get(in, "challenge");
    char today[ZF_DATE_LEN];
    if (!json_is_object(in) || !json_is_object(applicant))
        return zf_fail(err, 400, "missing_field", "applicant", "请填写申请人");
    const char *phone = str(applicant, "phone");
    if (!phone || strlen(phone) < 7 || strlen(phone) > 20 || strspn(phone, "0123456789-+ ") != strlen(phone))
        return zf_fail(err, 400, "invalid_field", "applicant.phone", "请填写正确的联系电话，用于查询办理进度");
    if (app_portal_within_limit(cx, addr, KIND_APPLY, now, 1, "portal_complaints_per_hour", 5,
                                "提交过于频繁，请一小时后再试", err) != ZF_OK ||
        app_portal_challenge_check(cx, str(ch, "id"), str(ch, "nonce"), now, err) != ZF_OK)
        return ZF_ERR;
    /* the applicant's own words; the date and the channel are the server's */
    json_t *app = json_deep_copy(in);
    json_object_del(app, "challenge");
    date_format(cx->today, today);
    json_object_set_new(app, "received_on", json_string(today));
    json_object_set_new(app, "channel", json_string("portal"));
    if (!str(app, "procedure")) json_object_set_new(app, "procedure", json_string("ordinary"));
    AppContext portal = *cx;
    portal.user = NULL;
    json_t *record;
    int rc = app_recon_create(&portal, app, &record, err);
    json_decref(app);
    if (rc != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:O, s:O, s:O}", "case_no", json_object_get(record, "case_no"), "received_on",
                     json_object_get(record, "received_on"), "review_due_on",
                     json_object_get(json_object_get(record, "deadlines"), "review_due_on"));
    json_decref(record);
    return ZF_OK;
}

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* What the applicant sees: the status, the periods, the steps by name and date, the decision. */
static json_t *public_view(const json_t *r)
{
    json_t *steps = json_array(), *t;
    size_t i;
    json_array_foreach(json_object_get(r, "timeline"), i, t)
        json_array_append_new(steps, json_pack("{s:O, s:O}", "on", json_object_get(t, "on"), "name",
                                               json_object_get(t, "action_name")));
    const json_t *body = json_object_get(r, "body"), *decision = json_object_get(body, "decision");
    json_t *out = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:o}", "case_no", json_object_get(r, "case_no"), "status",
                            json_object_get(r, "status"), "status_name", json_object_get(r, "status_name"),
                            "respondent_name", json_object_get(r, "respondent_name"), "received_on",
                            json_object_get(r, "received_on"), "deadlines", json_object_get(r, "deadlines"), "steps",
                            steps);
    if (json_is_object(json_object_get(body, "correction")))
        json_object_set(out, "correction_items", json_object_get(json_object_get(body, "correction"), "items"));
    if (json_is_object(decision))
        json_object_set_new(out, "decision", json_pack("{s:O, s:O, s:O}", "on", json_object_get(decision, "on"),
                                                       "outcome_name", json_object_get(r, "outcome_name"), "reason",
                                                       json_object_get(decision, "note")));
    if (str(r, "reject_reason_name")) json_object_set(out, "reject_reason_name", json_object_get(r, "reject_reason_name"));
    return out;
}

/* The reconsideration of 复议案号 case_no whose applicant has this ID number and phone; a miss
 * counts toward portal_track_misses_per_hour for addr (404). */
int recon_public_find(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                      const char *addr, long long now, long long *id, ZfError *err)
{
    if (app_portal_within_limit(cx, addr, KIND_TRACK_MISS, now, 0, "portal_track_misses_per_hour", 20,
                                "查询失败次数过多，请一小时后再试", err) != ZF_OK)
        return ZF_ERR;
    AppContext portal = *cx;
    portal.user = NULL;
    ReconFilter f = {.q = case_no};
    json_t *list = NULL, *row, *found = NULL;
    size_t i;
    if (case_no && strlen(case_no) <= 128 && app_recons_list(&portal, &f, 1, 5, &list, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(json_object_get(list, "items"), i, row) {
        const json_t *a = json_object_get(json_object_get(row, "body"), "applicant");
        if (same(str(row, "case_no"), case_no) && same(str(a, "id_no"), id_no) && same(str(a, "phone"), phone))
            found = row;
    }
    *id = found ? json_integer_value(json_object_get(found, "id")) : 0;
    json_decref(list);
    if (*id) return ZF_OK;
    app_portal_within_limit(cx, addr, KIND_TRACK_MISS, now, 1, "portal_track_misses_per_hour", 20, "", err);
    return zf_fail(err, 404, "not_found", "case_no", "未查到该行政复议案件，请核对案号、身份证件号码和联系电话");
}

int app_recon_track_public(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                           const char *addr, long long now, json_t **out, ZfError *err)
{
    long long id;
    if (recon_public_find(cx, case_no, id_no, phone, addr, now, &id, err) != ZF_OK) return ZF_ERR;
    AppContext portal = *cx;
    portal.user = NULL;
    json_t *record;
    if (app_recon_get(&portal, id, &record, err) != ZF_OK) return ZF_ERR;
    *out = public_view(record);
    json_decref(record);
    return ZF_OK;
}
