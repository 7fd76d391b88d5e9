/* RuleData: exchange-v1 records copied into compact typed structs, references interned to
 * integer ids, and the indexes I02 and E02 need. Pure: never reads files or the clock.
 * Values are not validated here (the import path does that); unusable ones count as absent. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/rules/rules_internal.h"

/* ---- Arena ------------------------------------------------------------------------------- */

struct ArenaChunk {
    ArenaChunk *next;
    size_t used, cap;
    char bytes[];
};

static char *arena_strdup(Arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        ArenaChunk *c = malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    char *p = a->head->bytes + a->head->used;
    memcpy(p, s, n);
    a->head->used += n;
    return p;
}

static void arena_free(Arena *a)
{
    while (a->head) {
        ArenaChunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

/* ---- String map and interner ------------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int strmap_grow(StrMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    const char **keys = calloc(cap, sizeof *keys);
    uint32_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return ZF_ERR;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = hash_str(m->keys[i]) & (cap - 1);
        while (keys[j]) j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return ZF_OK;
}

/* Slot holding s, or the empty slot where it would go. */
static size_t strmap_slot(const StrMap *m, const char *s)
{
    size_t j = hash_str(s) & (m->cap - 1);
    while (m->keys[j] && strcmp(m->keys[j], s) != 0) j = (j + 1) & (m->cap - 1);
    return j;
}

int interner_find(const Interner *in, const char *s, uint32_t *id)
{
    if (!in->map.cap || !s) return ZF_ERR;
    size_t j = strmap_slot(&in->map, s);
    if (!in->map.keys[j]) return ZF_ERR;
    *id = in->map.vals[j];
    return ZF_OK;
}

static int intern(Interner *in, Arena *a, const char *s, uint32_t *id)
{
    if (in->map.count * 2 >= in->map.cap && strmap_grow(&in->map) != ZF_OK) return ZF_ERR;
    size_t j = strmap_slot(&in->map, s);
    if (in->map.keys[j]) {
        *id = in->map.vals[j];
        return ZF_OK;
    }
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        const char **strs = realloc(in->strs, cap * sizeof *strs);
        if (!strs) return ZF_ERR;
        in->strs = strs;
        in->cap = cap;
    }
    const char *copy = arena_strdup(a, s);
    if (!copy) return ZF_ERR;
    in->map.keys[j] = copy;
    in->map.vals[j] = (uint32_t)in->count;
    in->map.count++;
    in->strs[in->count] = copy;
    *id = (uint32_t)in->count++;
    return ZF_OK;
}

static void interner_free(Interner *in)
{
    free(in->map.keys);
    free(in->map.vals);
    free(in->strs);
}

/* Grows a zero-initialised array so that index need - 1 exists; NULL (array intact) on OOM. */
static void *ensure_impl(void *arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return arr;
    size_t cap2 = *cap ? *cap : 64;
    while (cap2 < need) cap2 *= 2;
    char *grown = realloc(arr, cap2 * size);
    if (!grown) return NULL;
    memset(grown + *cap * size, 0, (cap2 - *cap) * size);
    *cap = cap2;
    return grown;
}

#define ENSURE_OR_FAIL(arr, cap, need)                                                             \
    do {                                                                                           \
        void *grown_ = ensure_impl((arr), &(cap), (need), sizeof *(arr));                          \
        if (!grown_) return ZF_ERR;                                                                \
        (arr) = grown_;                                                                            \
    } while (0)

/* Interns an agency/power/officer key and makes sure its record slot exists. */
static int ref_agency(RuleData *d, const char *code, uint32_t *id)
{
    if (intern(&d->agencies, &d->arena, code, id) != ZF_OK) return ZF_ERR;
    ENSURE_OR_FAIL(d->agency, d->agency_cap, d->agencies.count);
    return ZF_OK;
}

static int ref_power(RuleData *d, const char *code, uint32_t *id)
{
    if (intern(&d->powers, &d->arena, code, id) != ZF_OK) return ZF_ERR;
    ENSURE_OR_FAIL(d->power, d->power_cap, d->powers.count);
    return ZF_OK;
}

static int ref_officer(RuleData *d, const char *cert_no, uint32_t *id)
{
    if (intern(&d->officers, &d->arena, cert_no, id) != ZF_OK) return ZF_ERR;
    ENSURE_OR_FAIL(d->officer, d->officer_cap, d->officers.count);
    return ZF_OK;
}

static int push_ref(RuleData *d, uint32_t v)
{
    ENSURE_OR_FAIL(d->refs, d->ref_cap, d->ref_count + 1);
    d->refs[d->ref_count++] = v;
    return ZF_OK;
}

/* ---- Field readers: absent, wrong type or invalid = absent -------------------------------- */

static const char *get_str(const JsTok *o, const char *key) { return js_str(js_get(o, key)); }

static bool str_is(const JsTok *o, const char *key, const char *want)
{
    const char *s = get_str(o, key);
    return s && strcmp(s, want) == 0;
}

static zf_day get_date(const JsTok *o, const char *key)
{
    zf_day d;
    const char *s = get_str(o, key);
    return s && date_parse(s, &d) ? d : ZF_DAY_NONE;
}

/* "2400.01" → 240001 read digit by digit, so no binary fraction ever stands between the
 * text and the fen; MONEY_NONE when the text is not plain decimal with at most two places. */
static int64_t decimal_fen(const char *s)
{
    bool neg = *s == '-';
    int64_t yuan = 0, cents = 0;
    s += neg;
    if (*s < '0' || *s > '9') return MONEY_NONE;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (yuan > 90000000000000LL) return MONEY_NONE;
        yuan = yuan * 10 + (*s - '0');
    }
    if (*s == '.') {
        s++;
        for (int k = 0; k < 2; k++) cents = cents * 10 + (*s >= '0' && *s <= '9' ? *s++ - '0' : 0);
        while (*s == '0') s++; /* 2400.010 is still 2400.01 */
    }
    if ((*s >= '0' && *s <= '9') || *s == 'e' || *s == 'E') return MONEY_NONE; /* 0.125, 1e3 */
    int64_t fen = yuan * 100 + cents;
    return neg ? -fen : fen;
}

/* Yuan with at most two decimals, as integer fen: no float edges in comparisons. */
static int64_t get_fen(const JsTok *o, const char *key)
{
    const JsTok *v = js_get(o, key);
    if (!js_is(v, JS_NUMBER)) return MONEY_NONE;
    if (v->integer) {
        long long n = strtoll(v->s, NULL, 10);
        return n > -90000000000000LL && n < 90000000000000LL ? (int64_t)n * 100 : MONEY_NONE;
    }
    int64_t exact = decimal_fen(v->s);
    if (exact != MONEY_NONE) return exact;
    double x = js_num(v) * 100.0;
    if (!isfinite(x) || fabs(x) > 9e15) return MONEY_NONE;
    return (int64_t)llround(x);
}

static int32_t get_days(const JsTok *o, const char *key)
{
    const JsTok *v = js_get(o, key);
    if (!js_is(v, JS_NUMBER)) return 0;
    double x = js_num(v);
    if (!(x > -1e6 && x < 1e6)) return 0;
    return (int32_t)x;
}

/* ---- Records ---------------------------------------------------------------------------- */

static int add_agency(RuleData *d, const JsTok *r)
{
    const char *code = get_str(r, "code");
    uint32_t id;
    if (!code || ref_agency(d, code, &id) != ZF_OK) return ZF_ERR;
    AgencyRec *a = &d->agency[id];
    const char *sector = get_str(r, "sector"), *region = get_str(r, "region");
    a->known = true;
    a->local_level = str_is(r, "level", "county") || str_is(r, "level", "township");
    a->qualified = !js_is(js_get(r, "qualified"), JS_FALSE); /* default true */
    a->sector = sector ? arena_strdup(&d->arena, sector) : NULL;
    a->region = region ? arena_strdup(&d->arena, region) : NULL;
    if ((sector && !a->sector) || (region && !a->region)) return ZF_ERR;
    return ZF_OK;
}

static int add_officer(RuleData *d, const JsTok *r)
{
    const char *cert = get_str(r, "cert_no"), *agency = get_str(r, "agency");
    const char *status = get_str(r, "status");
    uint32_t id, agency_id = REF_NONE;
    if (!cert || ref_officer(d, cert, &id) != ZF_OK) return ZF_ERR;
    if (agency && ref_agency(d, agency, &agency_id) != ZF_OK) return ZF_ERR;
    OfficerRec *o = &d->officer[id];
    o->known = true;
    o->agency = agency_id;
    o->valid_from = get_date(r, "cert_valid_from");
    o->valid_to = get_date(r, "cert_valid_to");
    o->status = !status                          ? OFFICER_OTHER
                : strcmp(status, "active") == 0    ? OFFICER_ACTIVE
                : strcmp(status, "suspended") == 0 ? OFFICER_SUSPENDED
                : strcmp(status, "revoked") == 0   ? OFFICER_REVOKED
                                                   : OFFICER_OTHER;
    o->status_text = status ? arena_strdup(&d->arena, status) : "（无）";
    return o->status_text ? ZF_OK : ZF_ERR;
}

static int add_power(RuleData *d, const JsTok *r)
{
    const char *code = get_str(r, "code");
    uint32_t id;
    if (!code || ref_power(d, code, &id) != ZF_OK) return ZF_ERR;
    const JsTok *agencies = js_get(r, "agencies"), *basis = js_get(r, "basis");
    uint32_t off = (uint32_t)d->ref_count, n = 0;
    for (JS_EACH(item, agencies)) {
        uint32_t aid;
        if (!js_is(item, JS_STRING)) continue;
        if (ref_agency(d, item->s, &aid) != ZF_OK || push_ref(d, aid) != ZF_OK)
            return ZF_ERR;
        n++;
    }
    PowerRec *p = &d->power[id]; /* after ref_agency: no reallocation of d->power there */
    p->known = true;
    p->penalty = str_is(r, "kind", "penalty");
    p->basis_empty = !js_is(basis, JS_ARRAY) || basis->size == 0;
    p->agencies_off = off;
    p->agencies_n = n;
    return ZF_OK;
}

static int add_benchmark(RuleData *d, const JsTok *r)
{
    const char *power = get_str(r, "power");
    uint32_t id;
    if (!power || ref_power(d, power, &id) != ZF_OK) return ZF_ERR;
    const JsTok *tiers = js_get(r, "tiers");
    uint32_t off = (uint32_t)d->tier_count, n = 0;
    for (JS_EACH(item, tiers)) {
        if (!js_is(item, JS_OBJECT)) continue;
        ENSURE_OR_FAIL(d->tiers, d->tier_cap, d->tier_count + 1);
        const char *name = get_str(item, "tier");
        Tier *t = &d->tiers[d->tier_count++];
        t->name = name ? arena_strdup(&d->arena, name) : NULL;
        if (name && !t->name) return ZF_ERR;
        t->min_fen = get_fen(item, "fine_min");
        t->max_fen = get_fen(item, "fine_max");
        if (t->min_fen == MONEY_NONE) t->min_fen = INT64_MIN + 1; /* unbounded below */
        if (t->max_fen == MONEY_NONE) t->max_fen = INT64_MAX;
        n++;
    }
    PowerRec *p = &d->power[id];
    p->has_benchmark = true;
    p->tiers_off = off;
    p->tiers_n = n;
    return ZF_OK;
}

static uint8_t parse_kind(const char *s)
{
    if (!s) return CK_OTHER;
    if (strcmp(s, "penalty") == 0) return CK_PENALTY;
    if (strcmp(s, "coercion") == 0) return CK_COERCION;
    if (strcmp(s, "license") == 0) return CK_LICENSE;
    if (strcmp(s, "inspection") == 0) return CK_INSPECTION;
    return CK_OTHER;
}

static uint8_t parse_outcome(const char *s)
{
    if (!s) return OUT_NONE;
    if (strcmp(s, "penalty") == 0) return OUT_PENALTY;
    if (strcmp(s, "no_penalty") == 0) return OUT_NO_PENALTY;
    if (strcmp(s, "transferred") == 0) return OUT_TRANSFERRED;
    if (strcmp(s, "revoked_case") == 0) return OUT_REVOKED_CASE;
    if (strcmp(s, "granted") == 0) return OUT_GRANTED;
    return OUT_OTHER;
}

static uint8_t parse_measure(const char *s)
{
    if (!s) return CM_NONE;
    if (strcmp(s, "seal") == 0) return CM_SEAL;
    if (strcmp(s, "seize") == 0) return CM_SEIZE;
    if (strcmp(s, "freeze") == 0) return CM_FREEZE;
    if (strcmp(s, "enforce") == 0) return CM_ENFORCE;
    return CM_OTHER;
}

static uint16_t parse_measures(const JsTok *arr)
{
    static const char *const names[] = {"warning",         "fine",           "confiscate",
                                        "suspend_business", "suspend_license", "revoke_license",
                                        "lower_qualification", "close",      "restrict_practice",
                                        "detention"};
    uint16_t bits = 0;
    for (JS_EACH(item, arr)) {
        const char *s = js_str(item);
        uint16_t bit = M_OTHER;
        for (size_t k = 0; s && k < sizeof names / sizeof *names; k++)
            if (strcmp(s, names[k]) == 0) bit = (uint16_t)(1u << k);
        bits |= bit;
    }
    return bits;
}

static void read_dates(CaseRec *c, const JsTok *r)
{
    static const char *const keys[D_COUNT] = {
        [D_VIOLATION_ENDED] = "violation_ended_on",
        [D_DISCOVERED] = "discovered_on",
        [D_FILED] = "filed_on",
        [D_NOTIFIED] = "notified_on",
        [D_HEARING_REQUESTED] = "hearing_requested_on",
        [D_HEARING_NOTICE] = "hearing_notice_on",
        [D_HEARING_HELD] = "hearing_held_on",
        [D_REVIEWED] = NULL, /* legal_review.reviewed_on */
        [D_COLLECTIVE] = "collective_discussion_on",
        [D_DECIDED] = "decided_on",
        [D_SERVED] = "served_on",
        [D_PAID] = "paid_on",
        [D_ENFORCEMENT_APPLIED] = "enforcement_applied_on",
        [D_PUBLISHED] = "published_on",
        [D_CLOSED] = "closed_on",
        [D_STARTED] = "started_on",
        [D_RELEASED] = "released_on",
        [D_EXECUTED] = NULL, /* executed_at */
        [D_RECEIVED] = "received_on",
        [D_CORRECTION_NOTICE] = "correction_notice_on",
        [D_ACCEPTED] = "accepted_on",
        [D_INSPECTED] = "inspected_on",
        [D_APPROVED] = "approved_on",
        [D_DEMAND_SERVED] = "demand_served_on",
        [D_DEMAND_DUE] = "demand_due_on",
        [D_ENFORCE_DECIDED] = "enforce_decided_on",
    };
    for (int k = 0; k < D_COUNT; k++) c->d[k] = keys[k] ? get_date(r, keys[k]) : ZF_DAY_NONE;
}

static int add_case(RuleData *d, const JsTok *r)
{
    const char *case_no = get_str(r, "case_no"), *agency = get_str(r, "agency");
    if (!case_no || !agency) return ZF_ERR;
    uint32_t slot;
    if (intern(&d->case_nos, &d->arena, case_no, &slot) != ZF_OK) return ZF_ERR;
    if (slot == d->case_count) { /* new key; an existing one is replaced in place */
        ENSURE_OR_FAIL(d->cases, d->case_cap, d->case_count + 1);
        d->case_count++;
    }
    CaseRec c = {0};
    c.case_no = d->case_nos.strs[slot];
    c.power = REF_NONE;
    c.party = REF_NONE;
    if (ref_agency(d, agency, &c.agency) != ZF_OK) return ZF_ERR;
    const char *power = get_str(r, "power");
    if (power && ref_power(d, power, &c.power) != ZF_OK) return ZF_ERR;
    c.kind = parse_kind(get_str(r, "kind"));

    const JsTok *party = js_get(r, "party");
    if (str_is(party, "kind", "person")) c.flags |= CF_PERSON;
    if (str_is(party, "kind", "org")) c.flags |= CF_ORG;
    const char *id_no = get_str(party, "id_no");
    bool grouped = c.kind == CK_INSPECTION || c.kind == CK_PENALTY; /* I02; P22, P23 */
    if (id_no && grouped && intern(&d->parties, &d->arena, id_no, &c.party) != ZF_OK)
        return ZF_ERR;
    if (id_no && c.kind == CK_PENALTY && uscc_valid(id_no)) {
        c.flags |= CF_PARTY_USCC;
        c.party_division = (uint32_t)strtoul((char[7]){id_no[2], id_no[3], id_no[4], id_no[5], id_no[6], id_no[7], 0}, NULL, 10);
    }

    const JsTok *officers = js_get(r, "officers");
    c.officers_off = (uint32_t)d->ref_count;
    for (JS_EACH(item, officers)) {
        uint32_t oid;
        if (!js_is(item, JS_STRING) || c.officers_n == UINT16_MAX) continue;
        if (ref_officer(d, item->s, &oid) != ZF_OK || push_ref(d, oid) != ZF_OK)
            return ZF_ERR;
        c.officers_n++;
    }

    const char *proc = get_str(r, "procedure");
    c.procedure = !proc                          ? PROC_NONE
                  : strcmp(proc, "simple") == 0   ? PROC_SIMPLE
                  : strcmp(proc, "ordinary") == 0 ? PROC_ORDINARY
                                                  : PROC_OTHER;
    read_dates(&c, r);
    static const struct {
        const char *key;
        uint16_t flag;
    } bools[] = {{"filing_extended", CF_FILING_EXTENDED},
                 {"health_or_finance", CF_HEALTH_OR_FINANCE},
                 {"major", CF_MAJOR},
                 {"complex", CF_COMPLEX},
                 {"hearing_right_notified", CF_HEARING_RIGHT_NOTIFIED},
                 {"urgent", CF_URGENT},
                 {"hearing_waived", CF_HEARING_WAIVED}};
    for (size_t k = 0; k < sizeof bools / sizeof *bools; k++)
        if (js_is(js_get(r, bools[k].key), JS_TRUE)) c.flags |= bools[k].flag;

    const JsTok *review = js_get(r, "legal_review");
    if (js_is(review, JS_OBJECT)) {
        c.flags |= CF_HAS_REVIEW;
        if (js_is(js_get(review, "passed"), JS_TRUE)) c.flags |= CF_REVIEW_PASSED;
        c.d[D_REVIEWED] = get_date(review, "reviewed_on");
    }

    const JsTok *decision = js_get(r, "decision");
    c.fine_fen = c.confiscated_fen = MONEY_NONE;
    if (js_is(decision, JS_OBJECT)) {
        c.flags |= CF_HAS_DECISION;
        c.outcome = parse_outcome(get_str(decision, "outcome"));
        c.measures = parse_measures(js_get(decision, "measures"));
        c.fine_fen = get_fen(decision, "fine");
        c.confiscated_fen = get_fen(decision, "confiscated");
        if (js_is(js_get(decision, "reduced"), JS_TRUE)) c.flags |= CF_REDUCED;
        const char *tier = get_str(decision, "tier");
        if (tier && !(c.tier = arena_strdup(&d->arena, tier))) return ZF_ERR;
    }
    c.late_fee_fen = get_fen(r, "late_fee");
    c.extension_days = get_days(r, "extension_days");
    c.suspended_days = get_days(r, "suspended_days");
    c.measure = parse_measure(get_str(r, "measure"));
    c.executed_minute = -1;
    zf_day exec_day;
    int minute;
    const char *executed = get_str(r, "executed_at");
    if (executed && datetime_parse(executed, &exec_day, &minute)) {
        c.d[D_EXECUTED] = exec_day;
        c.executed_minute = (int16_t)minute;
    }
    d->cases[slot] = c;
    return ZF_OK;
}

RuleData *rule_data_new(void) { return calloc(1, sizeof(RuleData)); }

void rule_data_free(RuleData *d)
{
    if (!d) return;
    arena_free(&d->arena);
    js_free(&d->scan);
    interner_free(&d->agencies);
    interner_free(&d->powers);
    interner_free(&d->officers);
    interner_free(&d->parties);
    interner_free(&d->case_nos);
    free(d->agency);
    free(d->power);
    free(d->officer);
    free(d->cases);
    free(d->refs);
    free(d->tiers);
    free(d->decision_dates);
    free(d->party_cases);
    free(d->party_off);
    free(d);
}

static int add_record(RuleData *d, const JsTok *r)
{
    const char *type = get_str(r, "type");
    if (!js_is(r, JS_OBJECT) || !type) return ZF_ERR;
    d->finished = false;
    if (strcmp(type, "case") == 0) return add_case(d, r);
    if (strcmp(type, "agency") == 0) return add_agency(d, r);
    if (strcmp(type, "officer") == 0) return add_officer(d, r);
    if (strcmp(type, "power") == 0) return add_power(d, r);
    if (strcmp(type, "benchmark") == 0) return add_benchmark(d, r);
    if (strcmp(type, "monthly_report") == 0) return ZF_OK;
    return ZF_ERR;
}

int rule_data_add_text(RuleData *d, char *text, size_t len)
{
    if (!d || js_parse(&d->scan, text, len) != 0) return ZF_ERR;
    return add_record(d, js_root(&d->scan));
}

int rule_data_add(RuleData *d, json_t *record)
{
    char *text = json_is_object(record) ? json_dumps(record, JSON_COMPACT) : NULL;
    int rc = text ? rule_data_add_text(d, text, strlen(text)) : ZF_ERR;
    free(text);
    return rc;
}

size_t rule_data_case_count(const RuleData *d) { return d->case_count; }

/* ---- Indexes ------------------------------------------------------------------------------ */

static int cmp_day(const void *a, const void *b)
{
    zf_day x = *(const zf_day *)a, y = *(const zf_day *)b;
    return (x > y) - (x < y);
}

/* E02: which agencies hold a penalty power; their penalty decision dates, sorted. */
static int index_agencies(RuleData *d)
{
    size_t n = d->agencies.count;
    for (size_t a = 0; a < n; a++) {
        d->agency[a].holds_penalty_power = false;
        d->agency[a].decisions_n = d->agency[a].undated_decisions = 0;
    }
    for (size_t p = 0; p < d->powers.count; p++) {
        const PowerRec *pw = &d->power[p];
        if (!pw->known || !pw->penalty) continue;
        for (uint32_t k = 0; k < pw->agencies_n; k++)
            d->agency[d->refs[pw->agencies_off + k]].holds_penalty_power = true;
    }
    size_t dated = 0;
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (c->kind != CK_PENALTY || !penalty_decided(c)) continue;
        if (has(c->d[D_DECIDED])) {
            d->agency[c->agency].decisions_n++;
            dated++;
        } else {
            d->agency[c->agency].undated_decisions++;
        }
    }
    free(d->decision_dates);
    d->decision_dates = malloc((dated ? dated : 1) * sizeof *d->decision_dates);
    if (!d->decision_dates) return ZF_ERR;
    uint32_t off = 0;
    for (size_t a = 0; a < n; a++) {
        d->agency[a].decisions_off = off;
        off += d->agency[a].decisions_n;
        d->agency[a].decisions_n = 0; /* refilled below */
    }
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (c->kind != CK_PENALTY || !penalty_decided(c) || !has(c->d[D_DECIDED])) continue;
        AgencyRec *a = &d->agency[c->agency];
        d->decision_dates[a->decisions_off + a->decisions_n++] = c->d[D_DECIDED];
    }
    for (size_t a = 0; a < n; a++)
        qsort(d->decision_dates + d->agency[a].decisions_off, d->agency[a].decisions_n,
              sizeof *d->decision_dates, cmp_day);
    return ZF_OK;
}

typedef struct {
    uint32_t party;
    zf_day day;
    uint32_t index;
} PartyKey;

static int cmp_party_key(const void *a, const void *b)
{
    const PartyKey *x = a, *y = b;
    if (x->party != y->party) return x->party < y->party ? -1 : 1;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* I02: inspection cases with a party and an inspected_on, grouped by party, by date. */
static int index_parties(RuleData *d)
{
    size_t parties = d->parties.count, n = 0;
    free(d->party_off);
    free(d->party_cases);
    d->party_off = calloc(parties + 1, sizeof *d->party_off);
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (c->kind == CK_INSPECTION && c->party != REF_NONE && has(c->d[D_INSPECTED])) n++;
    }
    d->party_cases = malloc((n ? n : 1) * sizeof *d->party_cases);
    if (!d->party_off || !d->party_cases) return ZF_ERR;
    PartyKey *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys) return ZF_ERR;
    size_t k = 0;
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (c->kind == CK_INSPECTION && c->party != REF_NONE && has(c->d[D_INSPECTED])) {
            keys[k++] = (PartyKey){c->party, c->d[D_INSPECTED], (uint32_t)i};
            d->party_off[c->party + 1]++;
        }
    }
    for (size_t p = 0; p < parties; p++) d->party_off[p + 1] += d->party_off[p];
    qsort(keys, n, sizeof *keys, cmp_party_key);
    for (size_t i = 0; i < n; i++) d->party_cases[i] = keys[i].index;
    free(keys);
    return ZF_OK;
}

int rule_data_finish(RuleData *d)
{
    if (!d) return ZF_ERR;
    /* Slots for every interned key, so rules index them without bounds checks. */
    ENSURE_OR_FAIL(d->agency, d->agency_cap, d->agencies.count + 1);
    ENSURE_OR_FAIL(d->power, d->power_cap, d->powers.count + 1);
    ENSURE_OR_FAIL(d->officer, d->officer_cap, d->officers.count + 1);
    if (index_agencies(d) != ZF_OK || index_parties(d) != ZF_OK) return ZF_ERR;
    d->finished = true;
    return ZF_OK;
}
