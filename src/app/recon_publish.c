/* See recon_publish.h. What is published is what the 决定书 says of the case, each text masked
 * with the names the record knows as persons' (the applicant when a person, the representative,
 * third parties) and their addresses; ID and mobile numbers wherever they stand. */
#include "app/recon_publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/recon_delivery.h"
#include "app/reconsideration.h"
#include "app/logged_row.h"
#include "app/reconsideration_log.h"
#include "domain/text_mask.h"
#include "domain/workflow/masking.h"
#include "util/text.h"

#define LIST_CAP 500
#define NOTE_MAX_BYTES 1500
#define MAX_NAMES 16

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *const WITHHOLD_REASONS[][2] = {
    {"state_secret", "涉及国家秘密"}, {"trade_secret", "涉及商业秘密"}, {"privacy", "涉及个人隐私"}, {NULL, NULL}};

const char *recon_withhold_reason_name(const char *code)
{
    for (size_t i = 0; code && WITHHOLD_REASONS[i][0]; i++)
        if (strcmp(WITHHOLD_REASONS[i][0], code) == 0) return WITHHOLD_REASONS[i][1];
    return NULL;
}

/* The persons the record names, and their addresses. */
typedef struct {
    const char *names[MAX_NAMES], *secrets[MAX_NAMES];
    size_t n_names, n_secrets;
} Known;

static void know_party(Known *k, const json_t *p, bool person_by_default)
{
    const char *kind = str(p, "kind");
    bool person = kind ? strcmp(kind, "org") != 0 : person_by_default;
    if (!json_is_object(p)) return;
    if (person && str(p, "name") && k->n_names < MAX_NAMES) k->names[k->n_names++] = str(p, "name");
    if (str(p, "address") && k->n_secrets < MAX_NAMES) k->secrets[k->n_secrets++] = str(p, "address");
}

static void known_of(const json_t *body, Known *k)
{
    json_t *t;
    size_t i;
    memset(k, 0, sizeof *k);
    know_party(k, json_object_get(body, "applicant"), true);
    know_party(k, json_object_get(body, "representative"), true);
    json_array_foreach(json_object_get(body, "third_parties"), i, t) know_party(k, t, true);
}

static json_t *masked(const Known *k, const char *text)
{
    char *m = mask_text(text ? text : "", k->names, k->n_names, k->secrets, k->n_secrets);
    json_t *out = json_string(m ? m : "");
    free(m);
    return out;
}

static bool published(const json_t *row)
{
    const json_t *body = json_object_get(row, "body");
    return str(row, "outcome") && json_is_object(json_object_get(body, "decision")) &&
           !json_is_true(json_object_get(json_object_get(body, "publication"), "withheld"));
}

/* The public face of a decided reconsideration (views from recon_view). */
static json_t *public_decision(const AppContext *cx, const json_t *v)
{
    const json_t *body = json_object_get(v, "body"), *act = json_object_get(body, "act");
    const json_t *decision = json_object_get(body, "decision"), *applicant = json_object_get(body, "applicant");
    Known k;
    known_of(body, &k);
    char act_text[600];
    snprintf(act_text, sizeof act_text, "%s%s%s%s", str(act, "title") ? str(act, "title") : "行政行为",
             str(act, "doc_no") ? "（" : "", str(act, "doc_no") ? str(act, "doc_no") : "", str(act, "doc_no") ? "）" : "");
    json_t *out = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(v, "id"), "case_no",
                            json_object_get(v, "case_no"), "respondent_name", json_object_get(v, "respondent_name"),
                            "decided_on", json_object_get(v, "decided_on"), "outcome", json_object_get(v, "outcome"),
                            "outcome_name", json_object_get(v, "outcome_name"), "procedure_name",
                            json_object_get(v, "procedure_name"));
    /* published from the recorded service when the decision was served electronically */
    char served[ZF_DATE_LEN];
    const char *on = recon_decision_served_on(cx, json_integer_value(json_object_get(v, "id")), served);
    json_object_set_new(out, "served_on", on ? json_string(on) : json_null());
    json_object_set(out, "published_from", on ? json_object_get(out, "served_on") : json_object_get(v, "decided_on"));
    json_object_set_new(out, "applicant", masked(&k, str(applicant, "name")));
    json_object_set_new(out, "act", masked(&k, act_text));
    json_object_set_new(out, "request", masked(&k, str(body, "request")));
    json_object_set_new(out, "facts", masked(&k, str(body, "facts")));
    json_object_set_new(out, "answer", masked(&k, str(json_object_get(body, "answer"), "note")));
    json_object_set_new(out, "reason", masked(&k, str(decision, "note")));
    return out;
}

/* decided_on, newest first */
static int newest_first(const void *a, const void *b)
{
    const char *x = str(*(json_t *const *)a, "decided_on"), *y = str(*(json_t *const *)b, "decided_on");
    int c = strcmp(y ? y : "", x ? x : "");
    if (c) return c;
    return (int)(json_integer_value(json_object_get(*(json_t *const *)b, "id")) -
                 json_integer_value(json_object_get(*(json_t *const *)a, "id")));
}

int app_recon_decisions_public(const AppContext *cx, int page, int size, json_t **out, ZfError *err)
{
    static const char *const STATUSES[] = {"decided", "closed", NULL};
    AppContext portal = *cx;
    portal.user = NULL;
    json_t *all = json_array(), *list, *row;
    size_t i;
    for (const char *const *s = STATUSES; *s; s++) {
        ReconFilter f = {.status = *s};
        if (store_recons_list(cx->store, &f, 1, LIST_CAP, &list, err) != ZF_OK) return json_decref(all), ZF_ERR;
        json_array_foreach(json_object_get(list, "items"), i, row)
            if (published(row)) json_array_append_new(all, recon_view(&portal, row));
        json_decref(list);
    }
    size_t n = json_array_size(all);
    json_t **v = calloc(n ? n : 1, sizeof *v);
    if (!v) return json_decref(all), zf_fail(err, 500, "internal", NULL, "内存不足");
    for (i = 0; i < n; i++) v[i] = json_array_get(all, i);
    qsort(v, n, sizeof *v, newest_first);
    json_t *items = json_array();
    for (i = (size_t)(page - 1) * (size_t)size; i < n && i < (size_t)page * (size_t)size; i++)
        json_array_append_new(items, public_decision(cx, v[i]));
    free(v);
    json_decref(all);
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)n, "page", page, "size", size);
    return ZF_OK;
}

int app_recon_decision_public(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row;
    AppContext portal = *cx;
    portal.user = NULL;
    if (store_recon_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    if (!published(row)) {
        json_decref(row);
        return zf_fail(err, 404, "not_found", NULL, "该行政复议决定未公开");
    }
    json_t *v = recon_view(&portal, row);
    *out = public_decision(cx, v);
    json_decref(v);
    json_decref(row);
    return ZF_OK;
}

/* ---- the head's withholding ---- */

static int check_input(const json_t *in, bool *withhold, const char **reason, const char **note, ZfError *err)
{
    if (!json_is_object(in) || !json_is_boolean(json_object_get(in, "withhold")))
        return zf_fail(err, 400, "invalid_field", "withhold", "请选择公开或者不予公开");
    *withhold = json_is_true(json_object_get(in, "withhold"));
    *reason = str(in, "reason");
    *note = str(in, "note") ? str(in, "note") : "";
    if (*withhold && !recon_withhold_reason_name(*reason))
        return zf_fail(err, 422, "missing_field", "reason", "不予公开须说明理由：涉及国家秘密、商业秘密或者个人隐私");
    if (strlen(*note) > NOTE_MAX_BYTES || !text_utf8_valid(*note, strlen(*note)))
        return zf_fail(err, 400, "too_long", "note", "说明不能超过 500 字");
    return ZF_OK;
}

static int set_in(const AppContext *cx, json_t *row, bool withhold, const char *reason, const char *note, ZfError *err)
{
    char now[32], day[ZF_DATE_LEN], text[800];
    json_t *body = json_object_get(row, "body");
    const char *by = cx->user ? cx->user->username : "system";
    app_utc_now(now);
    date_format(cx->today, day);
    json_t *p = json_pack("{s:b, s:s, s:s, s:s}", "withheld", withhold, "by", by, "on", day, "note", note);
    if (withhold) json_object_set_new(p, "reason", json_string(reason));
    json_object_set_new(body, "publication", p);
    json_object_set_new(row, "updated_at", json_string(now));
    if (app_recon_put(cx->store, row, err) != ZF_OK) return ZF_ERR;
    const char *why = withhold ? recon_withhold_reason_name(reason) : NULL;
    snprintf(text, sizeof text, "%s%s%s", why ? why : "决定书向社会公开",
             *note ? "；" : "", note);
    ReconTimelineRow t = {json_integer_value(json_object_get(row, "id")), NULL, day, by,
                          withhold ? "withhold" : "publish", str(row, "status"), str(row, "status"), text};
    return app_recon_timeline_add(cx->store, &t, err);
}

int app_recon_publication_set(const AppContext *cx, long long id, const json_t *in, json_t **record, ZfError *err)
{
    bool withhold = false;
    const char *reason = NULL, *note = "";
    json_t *row = NULL;
    if (check_input(in, &withhold, &reason, &note, err) != ZF_OK) return ZF_ERR;
    if (cx->user && (cx->scope.kind != SCOPE_REGION || !store_role_has_perm(cx->store, cx->user->role, "reconsideration.approve")))
        return zf_fail(err, 403, "side_not_allowed", NULL, "决定书是否公开由行政复议机构负责人决定");
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_recon_get(cx->store, id, &row, err);
    if (rc == ZF_OK && !recon_visible(cx, row)) rc = zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
    if (rc == ZF_OK && !json_is_object(json_object_get(json_object_get(row, "body"), "decision")))
        rc = zf_fail(err, 409, "not_decided", NULL, "作出行政复议决定后才能决定是否公开");
    if (rc == ZF_OK) rc = set_in(cx, row, withhold, reason, note, err);
    json_decref(row);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return ZF_ERR;
    return app_recon_get(cx, id, record, err);
}
