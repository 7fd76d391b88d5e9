/* Shared by app/normative*.c (not a public header): the row ↔ view, scope, the chain, the
 * logged write and the timeline. */
#ifndef ZF_APP_NORMATIVE_COMMON_H
#define ZF_APP_NORMATIVE_COMMON_H

#include <jansson.h>

#include "app/context.h"
#include "domain/normative.h"

#define NORM_TEXT_MAX (512 * 1024)
#define NORM_OPINION_MAX 2000

const char *norm_str(const json_t *o, const char *key);
/* The row's body (borrowed; created when absent). */
json_t *norm_body(json_t *row);
/* May cx->user see the document row (by its issuer and region)? Jobs see everything. */
bool norm_visible(const AppContext *cx, const json_t *row);
/* The row (a store row with its body) when visible; 404 otherwise. */
int norm_load(const AppContext *cx, long long id, json_t **row, ZfError *err);
/* Writes the row with its ledger event (normative_doc.put) in a savepoint. */
int norm_put(const AppContext *cx, json_t *row, ZfError *err);
/* The acting person as people read it: his display name ("系统" for a job). */
const char *norm_user_name(const AppContext *cx);
/* Appends a timeline entry {time, on, user, action, note} to the row's body. */
void norm_timeline(const AppContext *cx, json_t *row, const char *action, const char *on, const char *note);
/* The chain of the setting (the built-in one when it is unreadable). */
void norm_chain_load(const AppContext *cx, NormChain *c);
/* The document as the API shows it: columns and body flattened, names beside codes, the colour. */
json_t *norm_view(const AppContext *cx, const json_t *row);
/* Messages every active user of role whose scope covers the row. */
int norm_message_role(const AppContext *cx, const json_t *row, const char *role, const char *title, ZfError *err);
void norm_audit(const AppContext *cx, const char *action, long long id, const char *detail);
/* A date field: NULL → today; else a real date not after today (400 otherwise). */
int norm_act_day(const AppContext *cx, const char *on, zf_day *day, ZfError *err);
/* Indexes the row's title, 文号 and text (once, at filing: they never change) for search. */
int norm_index(const AppContext *cx, const json_t *row, ZfError *err);

/* The citations of 与上位法抵触 [{law_id, article, sub?}] checked against the law library: *out
 * [{law_id, article, sub, law_title, label}] (NULL when in is absent); 422 a malformed or unknown one. */
int norm_citations_resolve(const AppContext *cx, const json_t *in, json_t **out, ZfError *err);
/* "《行政处罚法》第十条、…" for a notice (cut at a citation's end when it does not fit). */
void norm_citations_text(const json_t *citations, char *out, size_t cap);

#endif
