/* See document_vars.h (doc_vars_kinds): what the documents of the inspection, coercion, enforcement
 * and licence cases say beyond the record — the facts the workflow keeps in its state (the notice,
 * the result and the correction's deadline, the 清单, the extension, the disposition, the
 * obligation and its amounts), the measure by name, and the periods the law and its settings give. */
#include "app/document_vars.h"

#include <stdio.h>
#include <string.h>

#include "app/workflow_kinds.h"
#include "domain/money_words.h"
#include "domain/workflow/workflow.h"
#include "store/workflow.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The workflow row's state of the case ({} when it has none). */
static json_t *state_of(Store *st, const char *case_no)
{
    json_t *row = NULL, *parsed = NULL;
    ZfError err;
    if (case_no && store_workflow_get(st, case_no, &row, &err) == ZF_OK) {
        json_t *state = json_object_get(row, "state");
        parsed = json_is_string(state) ? json_loads(json_string_value(state), 0, NULL) : json_incref(state);
    }
    json_decref(row);
    return json_is_object(parsed) ? parsed : (json_decref(parsed), json_object());
}

/* Amounts kept in yuan as figures and in 大写: <key>_figures, <key>_capitals. */
static void amount(json_t *doc, const char *key, const json_t *yuan)
{
    char fig[48], caps[200], k[64];
    if (!json_is_number(yuan)) return;
    long long fen = money_fen_of_yuan(json_number_value(yuan));
    money_figures(fen, fig, sizeof fig);
    money_capitals(fen, caps, sizeof caps);
    snprintf(k, sizeof k, "%s_figures", key);
    json_object_set_new(doc, k, json_string(fig));
    snprintf(k, sizeof k, "%s_capitals", key);
    json_object_set_new(doc, k, json_string(caps));
}

static void measure_name(const json_t *rec, json_t *doc)
{
    const char *code, *name, *m = str(rec, "measure");
    for (size_t i = 0; m && coercion_measure_at(i, &code, &name); i++)
        if (strcmp(code, m) == 0) json_object_set_new(doc, "measure_name", json_string(name));
}

void doc_vars_kinds(const AppContext *cx, const json_t *rec, json_t *doc)
{
    const char *kind = str(rec, "kind");
    if (!kind || strcmp(kind, "penalty") == 0) return;
    json_t *state = state_of(cx->store, str(rec, "case_no"));
    const char *k;
    json_t *v;
    /* the state's dates as 2026年5月20日 beside the record's (the record's win) */
    json_object_foreach(state, k, v) {
        char key[96];
        size_t n = strlen(k);
        if (n < 3 || strcmp(k + n - 3, "_on") != 0 || !json_is_string(v)) continue;
        snprintf(key, sizeof key, "%s_cn", k);
        if (!json_object_get(doc, key)) json_object_set_new(doc, key, doc_vars_date_cn(json_string_value(v)));
    }
    WfKindLimits lim;
    wf_kind_limits(cx->store, &lim);
    json_object_set_new(doc, "seal_days", json_integer(lim.seal_days));
    json_object_set_new(doc, "demand_wd", json_integer(lim.demand_wd));
    json_object_set_new(doc, "license_decision_wd", json_integer(lim.license_decision_wd));
    json_object_set_new(doc, "license_extension_wd", json_integer(lim.license_extension_wd));
    measure_name(rec, doc);
    amount(doc, "principal", json_object_get(state, "principal"));
    amount(doc, "late_fee", json_object_get(state, "late_fee"));
    const char *disposition = str(state, "disposition");
    json_object_set_new(doc, "released", json_boolean(disposition && strcmp(disposition, "release") == 0));
    const char *result = str(state, "result");
    json_object_set_new(doc, "ordered", json_boolean(result && strcmp(result, "correct") == 0));
    const char *outcome = str(json_object_get(rec, "decision"), "outcome");
    json_object_set_new(doc, "granted", json_boolean(outcome && strcmp(outcome, "granted") == 0));
    json_object_set_new(doc, "denied", json_boolean(outcome && strcmp(outcome, "denied") == 0));
    json_object_set_new(doc, "state", state);
}
