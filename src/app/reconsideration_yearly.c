/* See reconsideration_yearly.h. The rows are read page by page through the list (its data scope). */
#include "app/reconsideration_yearly.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/recon_act_kinds.h"
#include "domain/recon_flow.h"

#define PAGE 500

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *const FIGURES[] = {"received", "accepted", "rejected", "concluded", "maintain", "dismiss", "revoke",
                                      "change", "confirm_illegal", "order_perform", "mediated", "decided", "corrected",
                                      NULL};

static json_t *empty_row(const char *kind, const char *name)
{
    json_t *r = json_pack("{s:s, s:s}", "kind", kind, "name", name);
    for (const char *const *f = FIGURES; *f; f++) json_object_set_new(r, *f, json_integer(0));
    return r;
}

static void bump(json_t *r, const char *figure)
{
    json_object_set_new(r, figure, json_integer(json_integer_value(json_object_get(r, figure)) + 1));
}

/* Whether the date (YYYY-MM-DD) is in the year; year 0 = any (the stats' own period filter). */
static bool in_year(const char *date, int year)
{
    char y[8];
    if (!date) return false;
    if (!year) return true;
    snprintf(y, sizeof y, "%04d", year);
    return strncmp(date, y, 4) == 0 && date[4] == '-';
}

static void tally(json_t *r, const json_t *row, int year)
{
    const json_t *body = json_object_get(row, "body");
    const char *outcome = str(row, "outcome");
    if (in_year(str(row, "received_on"), year)) bump(r, "received");
    if (in_year(str(row, "accepted_on"), year)) bump(r, "accepted");
    if (str(row, "reject_reason") && in_year(str(json_object_get(body, "rejection"), "on"), year)) bump(r, "rejected");
    if (outcome && recon_outcome_name(outcome) && in_year(str(row, "decided_on"), year)) {
        bump(r, outcome), bump(r, "decided"), bump(r, "concluded");
        if (recon_outcome_corrects(outcome)) bump(r, "corrected");
    }
    if (in_year(str(json_object_get(body, "mediation"), "on"), year)) bump(r, "mediated"), bump(r, "concluded");
}

static void rate(json_t *r)
{
    json_int_t decided = json_integer_value(json_object_get(r, "decided"));
    double pct = decided ? round(1000.0 * (double)json_integer_value(json_object_get(r, "corrected")) / (double)decided) / 10.0 : 0;
    json_object_set_new(r, "correction_rate", json_real(pct));
}

/* rows: one per kind in the table's order; the total last when with_total. */
static int count(const AppContext *cx, ReconFilter *f, int year, json_t **rows, json_t **total, ZfError *err)
{
    json_t *by = json_object(), *page_out, *row;
    size_t i;
    for (size_t k = 0; RECON_ACT_KINDS[k][0]; k++)
        json_object_set_new(by, RECON_ACT_KINDS[k][0], empty_row(RECON_ACT_KINDS[k][0], RECON_ACT_KINDS[k][1]));
    *total = empty_row("total", "合计");
    for (int page = 1;; page++) {
        ReconFilter pf = *f;
        if (app_recons_list(cx, &pf, page, PAGE, &page_out, err) != ZF_OK) return json_decref(by), json_decref(*total), ZF_ERR;
        json_t *items = json_object_get(page_out, "items");
        json_array_foreach(items, i, row) {
            const char *kind = recon_act_kind_of(str(json_object_get(json_object_get(row, "body"), "act"), "kind"));
            tally(json_object_get(by, kind), row, year);
            tally(*total, row, year);
        }
        size_t n = json_array_size(items);
        json_decref(page_out);
        if (n < PAGE) break;
    }
    *rows = json_array();
    for (size_t k = 0; RECON_ACT_KINDS[k][0]; k++) {
        json_t *r = json_object_get(by, RECON_ACT_KINDS[k][0]);
        rate(r);
        json_array_append(*rows, r);
    }
    rate(*total);
    json_decref(by);
    return ZF_OK;
}

int app_recons_by_kind(const AppContext *cx, ReconFilter *f, json_t **rows, ZfError *err)
{
    json_t *total;
    if (count(cx, f, 0, rows, &total, err) != ZF_OK) return ZF_ERR;
    json_decref(total);
    return ZF_OK;
}

int app_recons_yearly(const AppContext *cx, int year, json_t **out, ZfError *err)
{
    ReconFilter f = {0};
    json_t *rows, *total;
    if (count(cx, &f, year, &rows, &total, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:i, s:o, s:o}", "year", year, "items", rows, "totals", total);
    return ZF_OK;
}
