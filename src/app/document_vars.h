/* The values a document template fills in (docs/documents.md "Templates"): the case record as
 * stored, plus what a document says that the record does not hold as such — names for codes,
 * dates in the GB/T 9704 form (2026年5月20日), the fine in figures and 大写, the basis articles with
 * their text quoted from the law library, the deadlines the law gives the party (computed with the
 * calendar), the 复议机关 and court. */
#ifndef ZF_APP_DOCUMENT_VARS_H
#define ZF_APP_DOCUMENT_VARS_H

#include <jansson.h>

#include "app/context.h"

/* A new object: rec's fields, and beside them `doc` = {agency_name, region_name, number, party_kind,
 * evidence: [{n, name, kind_name, proves}], violation_basis / penalty_basis / decision_basis:
 * [{law, article, text}], fine_figures, fine_capitals, measures, discretion, payment_days,
 * late_fee_text, hearing_due, hearing_until, defense_until, review_organ, court, <field>_cn for
 * every date field, today_cn}. */
json_t *doc_vars_case(const AppContext *cx, const json_t *rec);

/* The documents of the other case kinds (inspection, coercion, enforcement, licence) add to doc:
 * state (the workflow row's state), <field>_cn for its dates, measure_name, seal_days, demand_wd,
 * license_decision_wd, license_extension_wd (the periods' settings), principal_ / late_fee_figures
 * and _capitals, and the flags released, ordered, granted, denied. Nothing for a penalty case. */
void doc_vars_kinds(const AppContext *cx, const json_t *rec, json_t *doc);

/* The template's "quote" ([{law, article}]) as doc.quote in vars, with the articles' text from the
 * law library; an empty list when it quotes nothing. */
void doc_vars_quote(Store *st, const json_t *tpl, json_t *vars);

/* The articles cited ([{law, article}] as stored) with their text from the law library:
 * [{law (in 《》), article, text ("" when the library lacks it)}]. */
json_t *doc_vars_quoted_basis(Store *st, const json_t *basis);

/* A date YYYY-MM-DD as 2026年5月20日 (a new string; "" when not a date). */
json_t *doc_vars_date_cn(const char *iso);

#endif
