/* 规范性文件备案审查 (issue 25, docs/normative-docs.md), the use cases: the issuer files a document,
 * the 司法局 registers it under one gap-free number, reviews it through the chain of the setting
 * normative_review_chain within normative_review_days, concludes, publishes it in the public
 * register, and cleans the valid ones up every normative_cleanup_years. Each use case is one
 * transaction writing the document (its steps and timeline inside), its normative_doc.put ledger
 * event (app/logged_row.c) and an audit line together. */
#ifndef ZF_APP_NORMATIVE_H
#define ZF_APP_NORMATIVE_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"
#include "ledger/ledger.h"

typedef struct {
    const char *title, *issuer, *doc_no, *signed_on, *published_on, *effective_on, *text;
    const char *drafting_note;    /* 起草说明 */
    const char *legality_opinion; /* the issuer's own 合法性审核意见 */
    const char *short_effect_reason; /* why it takes effect in under 30 days, when it does */
    const char *valid_until;      /* 有效期 (YYYY-MM-DD), NULL = none stated */
    long long revision_of;        /* the document this revises (after 建议修改), 0 = none */
} NormativeFiling;

/* Files the document for cx->user's own agency (issuer): 201-shaped *doc {id, status:"submitted",
 * filing_due_on, …}. Late (filed after published_on + normative_filing_days) → an alert to the
 * reviewers of the first step. 400 bad fields, 404 issuer unknown or not the user's. */
int app_normative_file(const AppContext *cx, const NormativeFiling *in, json_t **doc, ZfError *err);

typedef struct {
    const char *action;  /* register | hold | decline | review | return | conclude | publish | repeal */
    const char *step;    /* review: the step acted at; return: the step sent back to */
    const char *opinion; /* ≤ 2,000 characters */
    const char *outcome; /* no_objection | amend | correct | revoke (a step's proposal, the conclusion) */
    const char *on;      /* the act's date, NULL = today */
    const json_t *points; /* review: the checklist points found, ["ultra_vires", …] */
    const json_t *citations; /* review, conclude: 与上位法抵触's articles [{law_id, article, sub?}] */
    const json_t *items;  /* decline: the ticked items of the checklist (domain/normative.h), ≥ 1 */
} NormativeAct;

/* One act by cx->user: ZF_OK with *doc as GET shows it; 400 bad input, 403 a step not the user's,
 * 404 out of scope, 409 the act or the step out of order. */
int app_normative_act(const AppContext *cx, long long id, const NormativeAct *in, json_t **doc, ZfError *err);
/* The document with its steps, timeline, tasks and deadline colour; 404 when out of scope. */
int app_normative_get(const AppContext *cx, long long id, json_t **doc, ZfError *err);

typedef struct {
    const char *status, *q;
    bool mine; /* only the documents waiting at a step cx->user may act at */
} NormativeQuery;

/* The documents in cx->user's scope, newest first, each with its deadline colour. */
int app_normative_list(const AppContext *cx, const NormativeQuery *f, int page, int size, json_t **out, ZfError *err);
/* The public register: published documents still valid (有效/已修改) — or, with validity, those
 * "valid" | "amended" | "repealed" | "all" of them — with full text, matching q the way the law
 * library searches (1–2-character terms included). */
int app_normative_public(const AppContext *cx, const char *q, const char *validity, int page, int size, json_t **out,
                         ZfError *err);

/* ---- 附带审查 and suggestions (app/normative_tasks.c) ---- */
typedef struct {
    const char *content, *name, *phone;
    const char *challenge_id, *nonce;
} NormativeSuggestion;
/* A citizen's review suggestion on a published document from the portal, under the portal
 * complaints' limits (portal_complaints_per_hour, the proof of work). *task_id the new task. */
int app_normative_suggest(const AppContext *cx, long long doc_id, const NormativeSuggestion *in, const char *addr,
                          long long now, long long *task_id, ZfError *err);
/* Answers a review task (附带审查 or suggestion) on a document: status answered, with the answer. */
int app_normative_task_answer(const AppContext *cx, long long task_id, const char *answer, json_t **task, ZfError *err);

/* ---- cleanup and statistics (app/normative_cleanup.c) ---- */
/* Every document due for the cleanup on as_of: published, still valid, registered (or last
 * cleaned) at least normative_cleanup_years before; each {id, reg_no, title, issuer, flags:[…]}
 * with "unanswered" and "expired" (past its stated validity). Ordered by issuer, then id. */
int app_normative_cleanup_due(const AppContext *cx, zf_day as_of, json_t **items, ZfError *err);
/* The issuer's answer: keep (继续有效) | amend (修改) | repeal (废止) | void (宣布失效), with reasons. */
int app_normative_cleanup_answer(const AppContext *cx, long long id, const char *answer, const char *reason,
                                 json_t **doc, ZfError *err);
/* The cleanup's conclusions as the portal publishes them: every published document answered in a
 * cleanup {id, reg_no, title, doc_no, issuer_name, answer, answer_name, reason, on, validity}, newest first. */
int app_normative_cleanup_results(const AppContext *cx, json_t **items, ZfError *err);
/* Filing rate, on-time rate, 规范率 and review days by issuer and year, in cx->user's scope:
 * {"items":[{issuer, issuer_name, year, filed, on_time, registered, reviewed, unlawful, review_days_avg,
 * on_time_rate, lawful_rate}]}. */
int app_normative_stats(const AppContext *cx, json_t **out, ZfError *err);

#endif
