/* The rule catalogue of spec/rules.md in ID order, and the sweep that applies it to every
 * subject once. Pure: records, calendar, configuration and as-of come from the caller. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rules/rules_internal.h"

static const RuleDef *const CATALOGUE[] = {
    &RULE_P01, &RULE_P02, &RULE_P03, &RULE_P04, &RULE_P05, &RULE_P06, &RULE_P07,
    &RULE_P08, &RULE_P09, &RULE_P10, &RULE_P11, &RULE_P12, &RULE_P13, &RULE_P14,
    &RULE_P15, &RULE_P16, &RULE_P17, &RULE_P18, &RULE_P19, &RULE_P20, &RULE_P21,
    &RULE_P22, &RULE_P23, &RULE_C01, &RULE_C02, &RULE_C03, &RULE_C04, &RULE_L01,
    &RULE_L02, &RULE_L03, &RULE_I02, &RULE_E01, &RULE_E02, &RULE_E03, &RULE_A01,
    &RULE_A02,
};
_Static_assert(sizeof CATALOGUE / sizeof *CATALOGUE == RULES_COUNT, "RULES_COUNT out of date");

const char RULES_V1_LIST[] = "P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P12,P13,P14,P15,P16,P17,P18,"
                             "C01,C03,L01,L02,I02,E01,E02,E03";

size_t rules_count(void) { return RULES_COUNT; }
const char *rules_id(size_t i) { return i < RULES_COUNT ? CATALOGUE[i]->id : NULL; }
const char *rules_law(size_t i) { return i < RULES_COUNT ? CATALOGUE[i]->law : NULL; }

int rules_index(const char *id)
{
    for (size_t i = 0; id && i < RULES_COUNT; i++)
        if (strcmp(CATALOGUE[i]->id, id) == 0) return (int)i;
    return -1;
}

/* Parses "P01,P08" (spaces allowed around IDs) into sel; NULL or "" selects all. */
static int parse_selection(const char *only, bool sel[RULES_COUNT], ZfError *err)
{
    bool all = !only || !*only;
    for (size_t i = 0; i < RULES_COUNT; i++) sel[i] = all;
    if (all) return ZF_OK;
    const char *p = only;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        const char *start = p;
        while (*p && *p != ',' && *p != ' ') p++;
        if (p == start) break;
        char id[16];
        size_t n = (size_t)(p - start);
        int idx = -1;
        if (n < sizeof id) {
            memcpy(id, start, n);
            id[n] = '\0';
            idx = rules_index(id);
        }
        if (idx < 0)
            return zf_fail(err, 400, "unknown_rule", "rules", "未知的规则编号：%.*s", (int)n,
                           start);
        sel[idx] = true;
    }
    return ZF_OK;
}

int rules_validate_selection(const char *only_rules, ZfError *err)
{
    bool sel[RULES_COUNT];
    return parse_selection(only_rules, sel, err);
}

void verdict(Verdict *v, VerdictKind kind, zf_day due_on, const char *fmt, ...)
{
    v->kind = kind;
    v->due_on = due_on;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof v->msg, fmt, ap);
    va_end(ap);
}

const char *fmt_day(zf_day d, char buf[ZF_DATE_LEN])
{
    if (d == ZF_DAY_NONE) return "（无）";
    date_format(d, buf);
    return buf;
}

const char *fmt_yuan(int64_t fen, char buf[32])
{
    if (fen == MONEY_NONE) return "（无）";
    int64_t yuan = fen / 100, cents = fen % 100;
    if (cents < 0) cents = -cents;
    if (cents) snprintf(buf, 32, "%lld.%02lld", (long long)yuan, (long long)cents);
    else snprintf(buf, 32, "%lld", (long long)yuan);
    return buf;
}

const char *fmt_yuan2(int64_t fen, char buf[40])
{
    if (fen == MONEY_NONE) return "（无）";
    uint64_t abs = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(abs / 100)), o = 0;
    if (fen < 0) buf[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = digits[i];
    }
    snprintf(buf + o, (size_t)(40 - o), ".%02u", (unsigned)(abs % 100));
    return buf;
}

/* ---- Finding list ------------------------------------------------------------------------- */

void finding_list_init(FindingList *l) { memset(l, 0, sizeof *l); }

void finding_list_free(FindingList *l)
{
    for (size_t i = 0; i < l->count; i++) free(l->items[i].message);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static const char *const SUBJECT_TYPE[] = {
    [SUBJ_CASE] = "case", [SUBJ_OFFICER] = "officer", [SUBJ_AGENCY] = "agency",
    [SUBJ_POWER] = "power"};

static int emit(FindingList *out, const RuleDef *rule, const Verdict *v, SubjectType st,
                const char *subject, const char *agency, int config_version)
{
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        Finding *grown = realloc(out->items, cap * sizeof *grown);
        if (!grown) return ZF_ERR;
        out->items = grown;
        out->cap = cap;
    }
    char *msg = strdup(v->msg);
    if (!msg) return ZF_ERR;
    out->items[out->count++] = (Finding){
        .rule = rule->id,
        .severity = v->kind == V_WARNING ? "warning" : "violation",
        .subject_type = SUBJECT_TYPE[st],
        .subject = subject,
        .agency = agency ? agency : "",
        .law = rule->law,
        .due_on = v->due_on,
        .message = msg,
        .config_version = config_version,
    };
    return ZF_OK;
}

static int cmp_finding(const void *a, const void *b)
{
    const Finding *x = a, *y = b;
    int c = strcmp(x->subject_type, y->subject_type);
    if (!c) c = strcmp(x->subject, y->subject);
    if (!c) c = strcmp(x->rule, y->rule);
    if (!c) c = strcmp(x->severity, y->severity);
    return c;
}

/* ---- The sweep ---------------------------------------------------------------------------- */

typedef struct {
    const RuleDef *rules[RULES_COUNT];
    size_t index[RULES_COUNT]; /* catalogue index, for undecidable counts */
    size_t n;
} RuleSet;

/* Outcome of one rule on one subject: a finding, an undecidable count, or nothing. */
static int record(FindingList *out, UndecidableCounts *und, const RuleDef *rule, size_t index,
                  const Verdict *v, SubjectType st, const char *subject, const char *agency,
                  int config_version)
{
    if (v->kind == V_UNDECIDABLE) {
        if (und) und->count[index]++;
        return ZF_OK;
    }
    if (v->kind == V_NONE) return ZF_OK;
    return emit(out, rule, v, st, subject, agency, config_version);
}

static void collect(RuleSet *set, const bool sel[RULES_COUNT], SubjectType st)
{
    set->n = 0;
    for (size_t i = 0; i < RULES_COUNT; i++)
        if (sel[i] && CATALOGUE[i]->subject == st) {
            set->rules[set->n] = CATALOGUE[i];
            set->index[set->n++] = i;
        }
}

/* Parameters resolved once per agency (sector/region overrides), plus one row of defaults at
 * the end for references to agencies without a record. */
static long long *resolve_params(const RuleData *d, const RuleConfig *cfg)
{
    size_t n = d->agencies.count;
    long long *p = malloc((n + 1) * RULE_PARAM_COUNT * sizeof *p);
    if (!p) return NULL;
    for (size_t a = 0; a <= n; a++) {
        const AgencyRec *rec = a < n && d->agency[a].known ? &d->agency[a] : NULL;
        for (int k = 0; k < RULE_PARAM_COUNT; k++)
            p[a * RULE_PARAM_COUNT + (size_t)k] =
                rule_config_get(cfg, (RuleParam)k, rec ? rec->sector : NULL,
                                rec ? rec->region : NULL);
    }
    return p;
}

static int sweep_cases(const RuleData *d, RuleCtx *ctx, const bool sel[RULES_COUNT],
                       const long long *params, FindingList *out, UndecidableCounts *und)
{
    RuleSet set;
    collect(&set, sel, SUBJ_CASE);
    if (!set.n) return ZF_OK;
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (!c->case_no) continue; /* a slot left by a failed add */
        ctx->p = params + (size_t)c->agency * RULE_PARAM_COUNT;
        unsigned kind = 1u << c->kind;
        const char *agency = agency_code(d, c->agency);
        for (size_t r = 0; r < set.n; r++) {
            if (!(set.rules[r]->kinds & kind)) continue;
            Verdict v = {V_NONE, ZF_DAY_NONE, ""};
            set.rules[r]->on_case(ctx, c, &v);
            if (record(out, und, set.rules[r], set.index[r], &v, SUBJ_CASE, c->case_no, agency,
                       ctx->config_version))
                return ZF_ERR;
        }
    }
    return ZF_OK;
}

static int sweep_others(const RuleData *d, RuleCtx *ctx, const bool sel[RULES_COUNT],
                        const long long *params, FindingList *out, UndecidableCounts *und)
{
    const long long *defaults = params + d->agencies.count * RULE_PARAM_COUNT;
    RuleSet set;
    collect(&set, sel, SUBJ_OFFICER);
    for (uint32_t id = 0; set.n && id < d->officers.count; id++) {
        const OfficerRec *o = &d->officer[id];
        if (!o->known) continue;
        ctx->p = o->agency == REF_NONE ? defaults : params + (size_t)o->agency * RULE_PARAM_COUNT;
        for (size_t r = 0; r < set.n; r++) {
            Verdict v = {V_NONE, ZF_DAY_NONE, ""};
            set.rules[r]->on_officer(ctx, id, o, &v);
            if (record(out, und, set.rules[r], set.index[r], &v, SUBJ_OFFICER,
                       d->officers.strs[id], agency_code(d, o->agency), ctx->config_version))
                return ZF_ERR;
        }
    }
    collect(&set, sel, SUBJ_AGENCY);
    for (uint32_t id = 0; set.n && id < d->agencies.count; id++) {
        const AgencyRec *a = &d->agency[id];
        if (!a->known) continue;
        ctx->p = params + (size_t)id * RULE_PARAM_COUNT;
        for (size_t r = 0; r < set.n; r++) {
            Verdict v = {V_NONE, ZF_DAY_NONE, ""};
            set.rules[r]->on_agency(ctx, id, a, &v);
            if (record(out, und, set.rules[r], set.index[r], &v, SUBJ_AGENCY,
                       d->agencies.strs[id], d->agencies.strs[id], ctx->config_version))
                return ZF_ERR;
        }
    }
    collect(&set, sel, SUBJ_POWER);
    for (uint32_t id = 0; set.n && id < d->powers.count; id++) {
        const PowerRec *p = &d->power[id];
        if (!p->known) continue;
        ctx->p = defaults;
        /* A power names no single agency; the finding carries the first one holding it. */
        const char *agency = p->agencies_n ? agency_code(d, d->refs[p->agencies_off]) : "";
        for (size_t r = 0; r < set.n; r++) {
            Verdict v = {V_NONE, ZF_DAY_NONE, ""};
            set.rules[r]->on_power(ctx, id, p, &v);
            if (record(out, und, set.rules[r], set.index[r], &v, SUBJ_POWER, d->powers.strs[id],
                       agency, ctx->config_version))
                return ZF_ERR;
        }
    }
    return ZF_OK;
}

int rules_check(const RuleData *d, const Calendar *cal, const RuleConfig *cfg, zf_day as_of,
                const char *only_rules, FindingList *out, UndecidableCounts *und)
{
    bool sel[RULES_COUNT];
    if (!d || !d->finished || !cal || !cfg || !out || as_of == ZF_DAY_NONE) return ZF_ERR;
    if (parse_selection(only_rules, sel, NULL) != ZF_OK) return ZF_ERR;
    if (und) memset(und, 0, sizeof *und);
    long long *params = resolve_params(d, cfg);
    if (!params) return ZF_ERR;
    uint8_t *joint = NULL;
    int rc = ZF_OK;
    if (sel[rules_index("I02")]) {
        joint = calloc(d->case_count ? d->case_count : 1, 1);
        rc = joint ? inspection_joint_flags(d, params, joint) : ZF_ERR;
    }
    GroupFacts group = {0};
    bool by_case = sel[rules_index("P22")] || sel[rules_index("P23")];
    bool by_agency = sel[rules_index("A01")] || sel[rules_index("A02")];
    if (rc == ZF_OK && (by_case || by_agency))
        rc = group_facts_build(d, params, as_of, by_case, by_agency, &group);
    size_t first = out->count;
    RuleCtx ctx = {.data = d, .cal = cal, .as_of = as_of, .p = NULL, .joint_flags = joint,
                   .group = &group, .config_version = cfg->version};
    if (rc == ZF_OK) rc = sweep_cases(d, &ctx, sel, params, out, und);
    if (rc == ZF_OK) rc = sweep_others(d, &ctx, sel, params, out, und);
    free(joint);
    group_facts_free(&group);
    free(params);
    if (rc == ZF_OK && out->count > first)
        qsort(out->items + first, out->count - first, sizeof *out->items, cmp_finding);
    return rc;
}
