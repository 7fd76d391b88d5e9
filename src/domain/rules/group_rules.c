/* Rules that look across cases (rules.md §7): P22 (one act fined twice) and P23 (以罚代管) over
 * a party's penalty decisions, A01 (顶格处罚) and A02 (违规异地执法) over an agency's. Their facts
 * are computed once per sweep — two sorts of the decided penalty cases and one linear pass —
 * and the rules below only read them. Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rules/rules_internal.h"

typedef struct {
    uint32_t party, power, agency;
    zf_day day, ended;
    uint32_t index;
} DecisionKey;

#define CMP_FIELD(f)                                                                               \
    if (x->f != y->f) return x->f < y->f ? -1 : 1

/* P22 order: one act (party, power, violation end), then by decided_on. */
static int cmp_same_act(const void *a, const void *b)
{
    const DecisionKey *x = a, *y = b;
    CMP_FIELD(party);
    CMP_FIELD(power);
    CMP_FIELD(ended);
    CMP_FIELD(day);
    return (x->index > y->index) - (x->index < y->index);
}

/* P23 order: one party before one agency for one power, by decided_on. */
static int cmp_same_power(const void *a, const void *b)
{
    const DecisionKey *x = a, *y = b;
    CMP_FIELD(party);
    CMP_FIELD(agency);
    CMP_FIELD(power);
    CMP_FIELD(day);
    return (x->index > y->index) - (x->index < y->index);
}

static bool decided_penalty(const CaseRec *c)
{
    return c->case_no && c->kind == CK_PENALTY && penalty_decided(c) && has(c->d[D_DECIDED]);
}

size_t rule_data_group_cases(const RuleData *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->case_count; i++) n += decided_penalty(&d->cases[i]);
    return n;
}

static bool same_act(const DecisionKey *x, const DecisionKey *y)
{
    return x->party == y->party && x->power == y->power && x->ended == y->ended;
}

/* P22: in each run of one act, the first fine by (decided_on, case_no) stands; every other
 * points at it. The run is sorted by day, so the first is the least case_no of the first day. */
static void mark_second_fines(const RuleData *d, DecisionKey *keys, size_t n, CaseGroupFacts *facts)
{
    qsort(keys, n, sizeof *keys, cmp_same_act);
    for (size_t start = 0; start < n;) {
        size_t end = start + 1, first = start;
        while (end < n && same_act(&keys[end], &keys[start])) end++;
        for (size_t i = start + 1; i < end && keys[i].day == keys[start].day; i++)
            if (strcmp(d->cases[keys[i].index].case_no, d->cases[keys[first].index].case_no) < 0) first = i;
        for (size_t i = start; end - start > 1 && i < end; i++) {
            if (i == first) continue;
            facts[keys[i].index].first_fine = keys[first].index;
            facts[keys[i].index].p22 = V_VIOLATION;
        }
        start = end;
    }
}

/* P23: for each decision, the others of its run (one agency, so one window W) with decided_on
 * in [day − (W − 1), day], later ones of the same day included. */
static void count_repeats(DecisionKey *keys, size_t n, const long long *params, CaseGroupFacts *facts)
{
    qsort(keys, n, sizeof *keys, cmp_same_power);
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && keys[end].party == keys[start].party && keys[end].agency == keys[start].agency &&
               keys[end].power == keys[start].power)
            end++;
        const long long *p = params + (size_t)keys[start].agency * RULE_PARAM_COUNT;
        size_t lo = start, hi = start; /* lo: first in the window; hi: past the last on or before day */
        for (size_t i = start; i < end; i++) {
            zf_day day = keys[i].day, from = day - (zf_day)p[RP_REPEAT_WINDOW_DAYS] + 1;
            while (hi < end && keys[hi].day <= day) hi++;
            while (lo < i && keys[lo].day < from) lo++;
            size_t others = hi - lo - 1;
            CaseGroupFacts *f = &facts[keys[i].index];
            f->repeats = (uint16_t)(others > UINT16_MAX ? UINT16_MAX : others);
            f->p23 = (long long)others >= p[RP_REPEAT_MIN_OTHERS] ? V_WARNING : V_NONE;
        }
        start = end;
    }
}

static int build_case_facts(const RuleData *d, const long long *params, CaseGroupFacts *facts)
{
    DecisionKey *keys = malloc((d->case_count ? d->case_count : 1) * sizeof *keys);
    DecisionKey *fines = malloc((d->case_count ? d->case_count : 1) * sizeof *fines);
    if (!keys || !fines) {
        free(keys);
        free(fines);
        return ZF_ERR;
    }
    size_t n = 0, nf = 0;
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        facts[i] = (CaseGroupFacts){REF_NONE, 0, V_NONE, V_NONE};
        if (!decided_penalty(c)) continue;
        bool placed = c->party != REF_NONE && c->power != REF_NONE;
        if (!placed) facts[i].p23 = V_UNDECIDABLE;
        if ((c->measures & M_FINE) && (!placed || !has(c->d[D_VIOLATION_ENDED]))) facts[i].p22 = V_UNDECIDABLE;
        if (!placed) continue;
        DecisionKey k = {c->party, c->power, c->agency, c->d[D_DECIDED], c->d[D_VIOLATION_ENDED], (uint32_t)i};
        keys[n++] = k;
        if ((c->measures & M_FINE) && has(k.ended)) fines[nf++] = k;
    }
    mark_second_fines(d, fines, nf, facts);
    count_repeats(keys, n, params, facts);
    free(keys);
    free(fines);
    return ZF_OK;
}

/* The largest finite fine_max among the benchmark's tiers; INT64_MAX when none is bounded. */
static int64_t benchmark_top(const RuleData *d, const PowerRec *p)
{
    int64_t top = INT64_MIN;
    for (uint32_t i = 0; i < p->tiers_n; i++) {
        int64_t m = d->tiers[p->tiers_off + i].max_fen;
        if (m != INT64_MAX && m > top) top = m;
    }
    return top == INT64_MIN ? INT64_MAX : top;
}

/* A02: a USCC's registration division outside the agency's district, city and province. */
static bool registered_elsewhere(uint32_t division, uint32_t region)
{
    return division != region && division != region / 100 * 100 && division != region / 10000 * 10000;
}

static uint32_t region_number(const char *region, bool *ok)
{
    *ok = region && strlen(region) == 6 && strspn(region, "0123456789") == 6;
    return *ok ? (uint32_t)strtoul(region, NULL, 10) : 0;
}

/* A01, A02: one pass over the decided penalty cases in each agency's window. */
static void build_agency_facts(const RuleData *d, const long long *params, zf_day as_of,
                               AgencyGroupFacts *facts)
{
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (!decided_penalty(c)) continue;
        const long long *p = params + (size_t)c->agency * RULE_PARAM_COUNT;
        zf_day day = c->d[D_DECIDED];
        if (day > as_of || day < as_of - (zf_day)p[RP_AGENCY_WINDOW_DAYS] + 1) continue;
        AgencyGroupFacts *f = &facts[c->agency];
        const PowerRec *pw = c->power == REF_NONE ? NULL : &d->power[c->power];
        if (pw && pw->has_benchmark && c->fine_fen != MONEY_NONE) {
            f->n++;
            f->top += c->fine_fen == benchmark_top(d, pw);
        }
        const AgencyRec *a = &d->agency[c->agency];
        if (!a->local_level || !(c->flags & CF_ORG) || !(c->flags & CF_PARTY_USCC)) continue;
        bool ok;
        uint32_t region = region_number(a->region, &ok);
        f->orgs++;
        if (!ok) f->no_region = true;
        else f->outside += registered_elsewhere(c->party_division, region);
    }
}

int group_facts_build(const RuleData *d, const long long *params, zf_day as_of, bool cases,
                      bool agencies, GroupFacts *out)
{
    memset(out, 0, sizeof *out);
    if (cases) {
        out->cases = malloc((d->case_count ? d->case_count : 1) * sizeof *out->cases);
        if (!out->cases || build_case_facts(d, params, out->cases) != ZF_OK) goto fail;
    }
    if (agencies) {
        out->agencies = calloc(d->agencies.count + 1, sizeof *out->agencies);
        if (!out->agencies) goto fail;
        build_agency_facts(d, params, as_of, out->agencies);
    }
    return ZF_OK;
fail:
    group_facts_free(out);
    return ZF_ERR;
}

void group_facts_free(GroupFacts *g)
{
    free(g->cases);
    free(g->agencies);
    memset(g, 0, sizeof *g);
}

/* ---- The rules ---------------------------------------------------------------------------- */

static const CaseGroupFacts *case_facts(const RuleCtx *ctx, const CaseRec *c)
{
    return ctx->group && ctx->group->cases ? &ctx->group->cases[c - ctx->data->cases] : NULL;
}

/* P22 — 一事不再罚款 (行政处罚法 29): decided penalties with "fine" among the measures that share
 * party.id_no, power and violation_ended_on are one act; every fine after the first by
 * (decided_on, case_no) is a violation. Across agencies too. No due_on. */
static void p22_second_fine(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const CaseGroupFacts *f = case_facts(ctx, c);
    if (!f || f->p22 == V_NONE) return;
    if (f->p22 == V_UNDECIDABLE) {
        undecidable(v);
        return;
    }
    const CaseRec *first = &ctx->data->cases[f->first_fine];
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    verdict(v, V_VIOLATION, ZF_DAY_NONE, "同一违法行为（终了于 %s）已由 %s 于 %s 给予罚款，不得再次罚款",
            fmt_day(c->d[D_VIOLATION_ENDED], a), first->case_no, fmt_day(first->d[D_DECIDED], b));
}
const RuleDef RULE_P22 = {"P22", "《中华人民共和国行政处罚法》第二十九条", SUBJ_CASE, K_PENALTY,
                          p22_second_fine, NULL, NULL, NULL};

/* P23 — 以罚代管 (行政处罚法 28: 责令改正): the same agency penalised the same party for the
 * same power at least twice more in the 365 days ending on this decision (that day included,
 * other decisions of the same day too). Warning, no due_on. */
static void p23_repeated_penalty(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const CaseGroupFacts *f = case_facts(ctx, c);
    if (!f || f->p23 == V_NONE) return;
    if (f->p23 == V_UNDECIDABLE) {
        undecidable(v);
        return;
    }
    char a[ZF_DATE_LEN];
    verdict(v, V_WARNING, ZF_DAY_NONE,
            "截至 %s 决定的 %lld 日内，本机关已就同一事项对该当事人另作出 %u 次行政处罚（达到 %lld 次），违法状态未见纠正（以罚代管风险）",
            fmt_day(c->d[D_DECIDED], a), ctx->p[RP_REPEAT_WINDOW_DAYS], (unsigned)f->repeats,
            ctx->p[RP_REPEAT_MIN_OTHERS]);
}
const RuleDef RULE_P23 = {"P23", "《中华人民共和国行政处罚法》第二十八条", SUBJ_CASE, K_PENALTY,
                          p23_repeated_penalty, NULL, NULL, NULL};

/* "58.3" from part/whole in integers (one decimal, rounded down). */
static const char *share_text(uint32_t part, uint32_t whole, char buf[16])
{
    uint64_t permille = whole ? (uint64_t)part * 1000 / whole : 0;
    snprintf(buf, 16, "%u.%u", (unsigned)(permille / 10), (unsigned)(permille % 10));
    return buf;
}

/* A01 — 顶格处罚 as a habit (行政处罚法 5, 过罚相当): of the agency's penalty decisions in the
 * 365 days ending on as-of whose power has a benchmark and whose fine is recorded, at least 10,
 * and at least half (100 × top ≥ 50 × n) fined exactly the largest fine_max of the benchmark. */
static void a01_top_fines(const RuleCtx *ctx, uint32_t id, const AgencyRec *a, Verdict *v)
{
    (void)a;
    if (!ctx->group || !ctx->group->agencies) return;
    const AgencyGroupFacts *f = &ctx->group->agencies[id];
    if ((long long)f->n < ctx->p[RP_TOP_FINE_MIN_DECISIONS] || f->n == 0) return;
    if ((long long)f->top * 100 < ctx->p[RP_TOP_FINE_SHARE_PCT] * (long long)f->n) return;
    char s[16];
    verdict(v, V_WARNING, ZF_DAY_NONE,
            "%lld 日内有裁量基准的罚款决定 %u 件，其中 %u 件按基准最高额处罚，占 %s%%（达到 %lld%%），存在顶格处罚倾向",
            ctx->p[RP_AGENCY_WINDOW_DAYS], (unsigned)f->n, (unsigned)f->top, share_text(f->top, f->n, s),
            ctx->p[RP_TOP_FINE_SHARE_PCT]);
}
const RuleDef RULE_A01 = {"A01", "《中华人民共和国行政处罚法》第五条", SUBJ_AGENCY, 0, NULL, NULL,
                          a01_top_fines, NULL};

/* A02 — 违规异地执法 risk (行政处罚法 22; 行政执法监督条例): a county or township agency whose
 * penalty decisions in the 365 days ending on as-of against organisations with a USCC number at
 * least 5, and at least 30 % of them (100 × outside ≥ 30 × n) name a party registered outside
 * the agency's district, its city and its province. An agency without a usable region:
 * undecidable. */
static void a02_remote_enforcement(const RuleCtx *ctx, uint32_t id, const AgencyRec *a, Verdict *v)
{
    if (!ctx->group || !ctx->group->agencies || !a->local_level) return;
    const AgencyGroupFacts *f = &ctx->group->agencies[id];
    if ((long long)f->orgs < ctx->p[RP_REMOTE_MIN_DECISIONS] || f->orgs == 0) return;
    if (f->no_region) {
        undecidable(v);
        return;
    }
    if ((long long)f->outside * 100 < ctx->p[RP_REMOTE_SHARE_PCT] * (long long)f->orgs) return;
    char s[16];
    verdict(v, V_WARNING, ZF_DAY_NONE,
            "%lld 日内对企业作出处罚决定 %u 件，其中 %u 件当事人登记地不在本辖区、本市或本省，占 %s%%（达到 %lld%%），存在违规异地执法风险",
            ctx->p[RP_AGENCY_WINDOW_DAYS], (unsigned)f->orgs, (unsigned)f->outside,
            share_text(f->outside, f->orgs, s), ctx->p[RP_REMOTE_SHARE_PCT]);
}
const RuleDef RULE_A02 = {"A02", "《中华人民共和国行政处罚法》第二十二条；《行政执法监督条例》", SUBJ_AGENCY, 0,
                          NULL, NULL, a02_remote_enforcement, NULL};
