/* Supervision leads (线索中心, docs/leads.md), the use cases: a lead received from any channel,
 * acted on (triage, dispatch, answer, verify, close, turn into an order), read and listed. Each
 * write is one transaction: the row, a timeline row and their ledger events, and an audit line. */
#ifndef ZF_APP_LEADS_H
#define ZF_APP_LEADS_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

/* What a channel knows of a new lead. */
typedef struct {
    const char *source;      /* a code of domain/leads.c (hotline_12345, complaint, …) */
    const char *source_ref;  /* the source's own number (12345 work order, tracking code); NULL = none */
    const char *received_at; /* YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD; NULL = now */
    const char *content;     /* what is reported, ≤ 2,000 characters */
    const char *category;    /* the source's category, free text ≤ 50 characters; NULL = none */
    const char *region;      /* the region concerned (6 digits); NULL = the agency's */
    const char *agency;      /* the agency concerned; NULL = not known yet */
    const char *case_no;     /* the case concerned; NULL = none */
    const char *place;       /* where it happened, ≤ 200 characters; NULL = none */
    const char *reporter_name, *reporter_phone; /* NULL = anonymous */
    bool dispatched;         /* arrives dispatched to `agency` (12345 双派单); the period runs from received_at */
} LeadInput;

/* A new lead inside the write transaction the caller holds. *created = false and *id the lead
 * already stored when (source, source_ref) is known: a duplicate, not a new lead. 400/404/422 with
 * the field when the input is refused. cx->user may be NULL (a channel: hotline, portal). */
int app_lead_create_in(const AppContext *cx, const LeadInput *in, long long *id, bool *created, ZfError *err);
/* The same in its own transaction; *lead as GET /leads/{id} shows it. */
int app_lead_create(const AppContext *cx, const LeadInput *in, json_t **lead, ZfError *err);

typedef struct {
    const char *action;       /* accept | reject | dispatch | answer | verify | close | to_order | link_case */
    const char *note;         /* the answer (answer), the reasons (reject), the verification (verify) … */
    const char *reason;       /* reject: not_ours | duplicate | no_basis */
    const char *agency;       /* dispatch: the agency (default the lead's); reject not_ours: where it belongs */
    long long duplicate_of;   /* reject duplicate: the lead it repeats */
    int deadline_wd;          /* dispatch: the period (0 = the source's setting) */
    const char *on;           /* the act's date; NULL = today (the agency's answer is always today) */
    /* to_order: the order's kind (default supervise), measures and basis ([{"law","article"}]);
     * note is its problem (default the lead's content), deadline_wd its period */
    const char *order_kind, *measures;
    const json_t *basis;
    const char *case_no;      /* link_case: a stored case of the lead's agency */
} LeadActInput;

/* One act on lead `id` by cx->user. ZF_OK with *lead; 404 out of scope, 403 the other side's act,
 * 409 the status, 422 a refused date or missing reason. to_order drafts an order (orders.h). */
int app_lead_act(const AppContext *cx, long long id, const LeadActInput *in, json_t **lead, ZfError *err);

/* The lead with its timeline and the reporter unmasked (the read is the caller's to audit). */
int app_lead_get(const AppContext *cx, long long id, json_t **lead, ZfError *err);

typedef struct LeadFilter LeadFilter;
/* The leads cx->user may see, reporters masked: {"items","total","page","size"}. */
int app_leads_list(const AppContext *cx, LeadFilter *f, int page, int size, json_t **out, ZfError *err);

/* The portal's view of a complaint by its tracking code: {status, status_name, received_at,
 * answered_on?, answer?} and nothing internal; 404 when unknown. */
int app_lead_public_status(const AppContext *cx, const char *tracking_code, json_t **out, ZfError *err);

#endif
