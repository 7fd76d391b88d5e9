/* See delivery_rows.h. */
#include "app/delivery_rows.h"

#include <string.h>

#include "app/case_log.h"
#include "app/logged_row.h"
#include "app/recon_delivery.h"
#include "app/workflow_step.h"
#include "domain/delivery.h"
#include "ledger/ledger.h"

static int consent_put(Store *st, json_t *row, ZfError *err) { return store_delivery_put(st, DELIVERY_CONSENT, row, err); }
static int consent_get(Store *st, long long id, json_t **row, ZfError *err)
{
    return store_delivery_get(st, DELIVERY_CONSENT, id, row, err);
}
static int row_put(Store *st, json_t *row, ZfError *err) { return store_delivery_put(st, DELIVERY_ROW, row, err); }
static int row_get(Store *st, long long id, json_t **row, ZfError *err)
{
    return store_delivery_get(st, DELIVERY_ROW, id, row, err);
}

static const LoggedTable CONSENTS = {consent_put, consent_get, LEDGER_DELIVERY_CONSENT_PUT, "delivery_consent:", NULL};
static const LoggedTable DELIVERIES = {row_put, row_get, LEDGER_DELIVERY_PUT, "delivery:", NULL};

int delivery_consent_put(Store *st, json_t *row, ZfError *err) { return app_logged_put(st, &CONSENTS, row, err); }
int delivery_put(Store *st, json_t *row, ZfError *err) { return app_logged_put(st, &DELIVERIES, row, err); }

const char *delivery_body_str(const json_t *row, const char *key)
{
    return json_string_value(json_object_get(json_object_get(row, "body"), key));
}

static json_t *flatten(const json_t *row, const char *const *hidden)
{
    json_t *out = json_deep_copy(json_object_get(row, "body")), *v;
    const char *k;
    if (!json_is_object(out)) json_decref(out), out = json_object();
    json_object_foreach((json_t *)row, k, v) if (strcmp(k, "body") != 0) json_object_set(out, k, v);
    for (; *hidden; hidden++) json_object_del(out, *hidden);
    return out;
}

json_t *delivery_view(const json_t *row)
{
    static const char *const HIDDEN[] = {"token_hash", "code_hash", NULL};
    json_t *out = flatten(row, HIDDEN);
    const char *status = json_string_value(json_object_get(row, "status"));
    const char *kind = delivery_body_str(row, "kind");
    const char *name = delivery_status_name(status);
    json_object_set_new(out, "status_name", name ? json_string(name) : json_null());
    name = delivery_kind_name(kind);
    json_object_set_new(out, "kind_name", name ? json_string(name) : json_null());
    const char *channel = json_string_value(json_object_get(row, "channel"));
    json_object_set_new(out, "channel_name",
                        json_string(channel && strcmp(channel, "paper") == 0 ? "纸质送达" : "电子送达"));
    return out;
}

json_t *delivery_consent_view(const json_t *row)
{
    static const char *const HIDDEN[] = {NULL};
    return flatten(row, HIDDEN);
}

int delivery_serve_step(const AppContext *cx, const char *case_no, const char *on, const char *note, ZfError *err)
{
    WorkflowStepDone done;
    json_t *fields = json_pack("{s:s}", "on", on);
    WorkflowStepInput in = {.action = "serve", .note = note, .fields = fields};
    if (store_savepoint(cx->store, "delivery_serve", err) != ZF_OK) return json_decref(fields), ZF_ERR;
    int rc = app_workflow_step_in(cx, case_no, &in, &done, err);
    json_decref(fields);
    if (rc == ZF_OK) {
        workflow_step_done_free(&done);
        return store_release(cx->store, "delivery_serve", err);
    }
    store_rollback_to(cx->store, "delivery_serve");
    return ZF_ERR;
}

const char *delivery_kind_text(const json_t *row)
{
    const char *n = delivery_kind_name(delivery_body_str(row, "kind"));
    return n ? n : (delivery_body_str(row, "kind_name") ? delivery_body_str(row, "kind_name") : "文书");
}

int delivery_timeline_add(const AppContext *cx, const json_t *row, const char *user, const char *action,
                          const char *note, ZfError *err)
{
    long long recon_id;
    if (recon_delivery_of(row, &recon_id)) return recon_delivery_timeline(cx, recon_id, action, note, err);
    return app_timeline_add(cx->store, json_string_value(json_object_get(row, "case_no")), user, action, NULL, NULL,
                            note, err);
}
