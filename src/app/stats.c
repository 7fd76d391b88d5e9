/* See stats.h. The store answers per agency; divisions and sectors are sums of their agencies
 * here (a few hundred rows), so every view of a range reads the rollups once. */
#include "app/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/exchange.h"
#include "domain/ranking.h"
#include "domain/rules/rules.h"
#include "store/settings.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(const json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* Half away from zero to 1/per (per = 100: hundredths); divided last so the JSON shows 78.57, not 78.57000000000001. */
static double round_to(double v, double per) { return round(v * per) / per; }

void stats_month_add(const char *month, int delta, char out[8])
{
    int y = atoi(month), m = atoi(month + 5) - 1 + delta;
    y += m >= 0 ? m / 12 : -((11 - m) / 12);
    m = ((m % 12) + 12) % 12;
    char text[32];
    snprintf(text, sizeof text, "%04d-%02d", y, m + 1);
    memcpy(out, text, 7);
    out[7] = '\0';
}

/* ---- divisions ---- */

/* The division code the filter's prefix names ("" for the whole country). */
static void parent_code(const StatsQuery *q, char out[7])
{
    const char *p = q->f.region_prefix ? q->f.region_prefix : "";
    static const char zeros[] = "000000"; /* the prefix padded to six digits: 3702 → 370200 */
    snprintf(out, 7, "%s%s", p, &zeros[strlen(p) < 6 ? strlen(p) : 6]);
    if (!*p) out[0] = '\0';
}

/* The division one level below parent that holds region (region itself when it is the parent). */
static void division_of(const StatsQuery *q, const char *region, const char *parent, char out[7])
{
    char cur[7], up[7];
    snprintf(cur, sizeof cur, "%s", region ? region : "");
    if (strcmp(cur, parent) != 0 && q->regions) {
        while (regions_parent(q->regions, cur, up) && strcmp(up, parent) != 0) memcpy(cur, up, sizeof cur);
    } else if (strcmp(cur, parent) != 0) { /* no table: by the code's own levels */
        size_t keep = strlen(parent) == 0 ? 2 : (parent[2] == '0' && parent[3] == '0') ? 4 : 6;
        for (size_t i = keep; i < 6 && cur[0]; i++) cur[i] = '0';
    }
    memcpy(out, cur, 7);
}

static const char *division_name(const StatsQuery *q, const char *code)
{
    const char *n = q->regions ? regions_name(q->regions, code) : NULL;
    return n ? n : "未登记的行政区划";
}

/* ---- reads ---- */

static int by_agency_rows(Store *st, const StatsQuery *q, const char *from, const char *to, json_t **rows,
                          ZfError *err)
{
    StatsFilter f = q->f;
    f.from = from, f.to = to;
    return store_stats(st, STATS_BY_AGENCY, &f, rows, err);
}

static json_t *review_avg(long long files, long long score_cp)
{
    return files > 0 ? json_real(round_to((double)score_cp / (double)files / 100.0, 100)) : json_null();
}

static json_t *per_100(long long part, long long whole)
{
    return whole > 0 ? json_real(round_to(100.0 * (double)part / (double)whole, 10)) : json_null();
}

static json_t *items(json_t *a) { return json_pack("{s:o}", "items", a); }

int app_stats_trend(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *rows, *list = json_array();
    if (store_stats(st, STATS_TREND, &q->f, &rows, err) != ZF_OK) return json_decref(list), ZF_ERR;
    size_t k = 0;
    char m[8];
    snprintf(m, sizeof m, "%s", q->f.from);
    for (int guard = 0; strcmp(m, q->f.to) <= 0 && guard < 1200; guard++, stats_month_add(m, 1, m)) {
        json_t *r = json_array_get(rows, k);
        bool hit = r && strcmp(str(r, "month"), m) == 0;
        json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", m, "filed", hit ? num(r, "filed") : 0,
                                              "decided", hit ? num(r, "decided") : 0, "closed", hit ? num(r, "closed") : 0,
                                              "fines_fen", hit ? num(r, "fines_fen") : 0));
        k += hit;
    }
    json_decref(rows);
    *out = items(list);
    return ZF_OK;
}

int app_stats_by_agency(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *rows, *r, *list = json_array();
    size_t i;
    if (by_agency_rows(st, q, q->f.from, q->f.to, &rows, err) != ZF_OK) return json_decref(list), ZF_ERR;
    json_array_foreach(rows, i, r) {
        json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}",
            "agency", json_object_get(r, "agency"), "name", json_object_get(r, "name"), "region", json_object_get(r, "region"),
            "region_name", division_name(q, str(r, "region")), "filed", num(r, "filed"), "decided", num(r, "decided"),
            "closed", num(r, "closed"), "fines_fen", num(r, "fines_fen"), "findings_open", num(r, "findings_open"),
            "findings_new", num(r, "findings_new"), "orders_overdue", num(r, "orders_overdue"),
            "review_avg", review_avg(num(r, "review_files"), num(r, "review_score_cp"))));
    }
    json_decref(rows);
    *out = items(list);
    return ZF_OK;
}

/* Sums of the by-agency rows per key (a division or a sector) in first-seen order. */
typedef struct {
    char key[64];
    long long cases, fines, open, fresh;
    RankCounts rank;
} Group;

static Group *group_of(Group **g, size_t *n, size_t *cap, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*g)[i].key, key) == 0) return &(*g)[i];
    if (*n == *cap) {
        Group *grown = realloc(*g, (*cap = *cap ? *cap * 2 : 16) * sizeof **g);
        if (!grown) return NULL;
        *g = grown;
    }
    Group *x = &(*g)[(*n)++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    return x;
}

static void add_counts(Group *x, const json_t *r)
{
    x->cases += num(r, "filed"), x->fines += num(r, "fines_fen");
    x->open += num(r, "findings_open"), x->fresh += num(r, "findings_new");
}

int app_stats_by_region(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *rows, *r;
    size_t i, n = 0, cap = 0;
    Group *g = NULL;
    char parent[7], div[7];
    if (by_agency_rows(st, q, q->f.from, q->f.to, &rows, err) != ZF_OK) return ZF_ERR;
    parent_code(q, parent);
    json_array_foreach(rows, i, r) {
        division_of(q, str(r, "region"), parent, div);
        Group *x = group_of(&g, &n, &cap, div);
        if (x) add_counts(x, r);
    }
    json_decref(rows);
    json_t *list = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "region", g[i].key, "name",
                                              division_name(q, g[i].key), "cases", g[i].cases, "findings_open", g[i].open,
                                              "findings_new", g[i].fresh, "alerts_per_100", per_100(g[i].fresh, g[i].cases)));
    free(g);
    *out = items(list);
    return ZF_OK;
}

int app_stats_by_sector(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *rows, *r;
    size_t i, n = 0, cap = 0;
    Group *g = NULL;
    if (by_agency_rows(st, q, q->f.from, q->f.to, &rows, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(rows, i, r) {
        Group *x = group_of(&g, &n, &cap, str(r, "sector") ? str(r, "sector") : "");
        if (x) add_counts(x, r);
    }
    json_decref(rows);
    json_t *list = json_array();
    for (i = 0; i < n; i++) {
        const char *name = exchange_dict_name("sectors", g[i].key);
        json_array_append_new(list, json_pack("{s:o, s:s, s:I, s:I}", "sector", g[i].key[0] ? json_string(g[i].key) : json_null(),
                                              "name", name ? name : g[i].key[0] ? g[i].key : "未填写执法领域",
                                              "cases", g[i].cases, "fines_fen", g[i].fines));
    }
    free(g);
    *out = items(list);
    return ZF_OK;
}

int app_stats_by_rule(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *rows, *r, *list = json_array();
    size_t i;
    if (store_stats(st, STATS_BY_RULE, &q->f, &rows, err) != ZF_OK) return json_decref(list), ZF_ERR;
    json_array_foreach(rows, i, r) {
        int idx = rules_index(str(r, "rule"));
        const char *sev = str(r, "severity");
        json_array_append_new(list, json_pack("{s:O, s:s, s:O, s:s, s:I, s:I}", "rule", json_object_get(r, "rule"),
                                              "name", idx >= 0 ? rules_title((size_t)idx) : "其他规则",
                                              "severity", json_object_get(r, "severity"),
                                              "severity_name", sev && strcmp(sev, "violation") == 0 ? "违法" : "预警",
                                              "open", num(r, "open"), "new", num(r, "new")));
    }
    json_decref(rows);
    *out = items(list);
    return ZF_OK;
}

int app_stats_zero_enforcement(Store *st, const StatsQuery *q, int months, json_t **out, ZfError *err)
{
    char from[8];
    StatsFilter f = q->f;
    json_t *rows, *r, *list = json_array();
    size_t i;
    stats_month_add(q->f.to, 1 - months, from);
    f.from = from;
    if (store_stats(st, STATS_PENALTY_HOLDERS, &f, &rows, err) != ZF_OK) return json_decref(list), ZF_ERR;
    json_array_foreach(rows, i, r) {
        if (num(r, "penalties") > 0) continue;
        json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:I, s:O}", "agency", json_object_get(r, "agency"),
                                              "name", json_object_get(r, "name"), "region", json_object_get(r, "region"),
                                              "powers", num(r, "powers"), "last_decided_on", json_object_get(r, "last_decided_on")));
    }
    json_decref(rows);
    *out = json_pack("{s:o, s:i, s:s, s:s}", "items", list, "months", months, "from", from, "to", q->f.to);
    return ZF_OK;
}

int app_stats_summary(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *zero;
    if (store_stats(st, STATS_TOTALS, &q->f, out, err) != ZF_OK) return ZF_ERR;
    if (app_stats_zero_enforcement(st, q, 12, &zero, err) != ZF_OK) return json_decref(*out), ZF_ERR;
    json_object_set_new(*out, "zero_enforcement", json_integer((json_int_t)json_array_size(json_object_get(zero, "items"))));
    json_object_set_new(*out, "from", json_string(q->f.from));
    json_object_set_new(*out, "to", json_string(q->f.to));
    json_decref(zero);
    return ZF_OK;
}

int app_stats_reporting(Store *st, const StatsQuery *q, const char *month, json_t **out, ZfError *err)
{
    StatsFilter f = q->f;
    json_t *rows, *r, *list = json_array();
    size_t i;
    long long counts[3] = {0, 0, 0};
    static const char *const STATUS[] = {"on_time", "late", "missing"}, *const NAMES[] = {"按时报送", "逾期报送", "未报送"};
    f.from = f.to = month;
    if (store_stats(st, STATS_REPORTING, &f, &rows, err) != ZF_OK) return json_decref(list), ZF_ERR;
    json_array_foreach(rows, i, r) {
        int s = num(r, "late") > 0 ? 1 : num(r, "on_time") > 0 ? 0 : 2;
        counts[s]++;
        json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:s, s:s, s:O}", "agency", json_object_get(r, "agency"),
                                              "name", json_object_get(r, "name"), "region", json_object_get(r, "region"),
                                              "status", STATUS[s], "status_name", NAMES[s],
                                              "submitted_at", json_object_get(r, "submitted_at")));
    }
    json_decref(rows);
    *out = json_pack("{s:o, s:s, s:I, s:I, s:I}", "items", list, "month", month, "on_time", counts[0], "late", counts[1],
                     "missing", counts[2]);
    return ZF_OK;
}

/* ---- rankings ---- */

typedef struct {
    Group *g;
    size_t n, cap;
} Units;

/* The counts of one month in a ranking row: its own (prefix "") or the month before's ("prev_"). */
static long long pnum(const json_t *r, const char *prefix, const char *k)
{
    char key[48];
    snprintf(key, sizeof key, "%s%s", prefix, k);
    return num(r, key);
}

static void rank_add(RankCounts *c, const json_t *r, const char *p)
{
    c->filed += pnum(r, p, "filed"), c->findings_new += pnum(r, p, "findings_new");
    c->ordinary_decided += pnum(r, p, "ordinary_decided"), c->decided_in_limit += pnum(r, p, "decided_in_limit");
    c->p10_new += pnum(r, p, "p10_new"), c->orders_issued += pnum(r, p, "orders_issued");
    c->orders_on_time += pnum(r, p, "orders_on_time");
    c->review_files += pnum(r, p, "review_files"), c->review_score_cp += pnum(r, p, "review_score_cp");
}

/* Every month a ranking and the one before it read — the month, the month before, and the two
 * 12-month 评查 windows ending with them (month−12 … month) — in one read, per agency. */
static int rank_rows(Store *st, const StatsQuery *q, const char *month, json_t **rows, ZfError *err)
{
    char from[8];
    StatsFilter f = q->f;
    stats_month_add(month, -12, from);
    f.from = from, f.to = month;
    return store_stats(st, STATS_RANKING_MONTHS, &f, rows, err);
}

/* The units of the month (prefix "") or of the month before ("prev_"): each agency, or each division
 * below the filter's region. Every agency in scope is a unit. */
static void rank_units(const StatsQuery *q, json_t *rows, const char *prefix, bool by_region, Units *u, json_t *names)
{
    char parent[7], key[7];
    json_t *r;
    size_t i;
    parent_code(q, parent);
    json_array_foreach(rows, i, r) {
        const char *k = str(r, "agency");
        if (by_region) division_of(q, str(r, "region"), parent, key), k = key;
        Group *x = group_of(&u->g, &u->n, &u->cap, k);
        if (!x) continue;
        rank_add(&x->rank, r, prefix);
        if (names && !json_object_get(names, k))
            json_object_set_new(names, k, json_string(by_region ? division_name(q, k) : str(r, "name")));
    }
}

typedef struct {
    double *values, *parts, *scores;
    bool *has, *scored;
} Scored;

static void score_units(const Units *u, const RankWeight *w, size_t nw, Scored *s)
{
    size_t n = u->n ? u->n : 1;
    s->values = calloc(n * nw, sizeof *s->values), s->parts = calloc(n * nw, sizeof *s->parts);
    s->scores = calloc(n, sizeof *s->scores), s->has = calloc(n * nw, sizeof *s->has), s->scored = calloc(n, sizeof *s->scored);
    RankCounts *c = calloc(n, sizeof *c);
    if (!s->values || !s->parts || !s->scores || !s->has || !s->scored || !c) {
        free(c);
        return;
    }
    for (size_t i = 0; i < u->n; i++) c[i] = u->g[i].rank;
    ranking_score(c, u->n, w, nw, s->values, s->has, s->parts, s->scores, s->scored);
    free(c);
}

static void scored_free(Scored *s)
{
    free(s->values), free(s->parts), free(s->scores), free(s->has), free(s->scored);
}

/* qsort has no context argument: the ranking being sorted, per thread (the server answers on several). */
static _Thread_local const Units *sort_units;
static _Thread_local const Scored *sort_scores;
static int by_score(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    bool sx = sort_scores->scored[x], sy = sort_scores->scored[y];
    if (sx != sy) return sx ? -1 : 1;
    if (sx && sort_scores->scores[x] != sort_scores->scores[y]) return sort_scores->scores[x] > sort_scores->scores[y] ? -1 : 1;
    return strcmp(sort_units->g[x].key, sort_units->g[y].key);
}

/* ranks[i] = 1-based place of unit i (0 when it has no score). */
static void rank_places(const Units *u, const Scored *s, size_t *order, int *ranks)
{
    for (size_t i = 0; i < u->n; i++) order[i] = i;
    sort_units = u, sort_scores = s;
    qsort(order, u->n, sizeof *order, by_score);
    for (size_t p = 0; p < u->n; p++) ranks[order[p]] = s->scored[order[p]] ? (int)p + 1 : 0;
}

static json_t *indicator_json(const RankWeight *w, size_t nw, const Scored *s, size_t unit)
{
    json_t *o = json_object();
    for (size_t i = 0; i < nw; i++) {
        bool has = s->has[unit * nw + i];
        json_object_set_new(o, w[i].indicator, json_pack("{s:o, s:o, s:f}",
            "value", has ? json_real(round_to(s->values[unit * nw + i], 100)) : json_null(),
            "score", has ? json_real(round_to(s->parts[unit * nw + i], 100)) : json_null(), "weight", w[i].weight));
    }
    return o;
}

static Group *find_unit(const Units *u, const char *key, size_t *at)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->g[i].key, key) == 0) return *at = i, &u->g[i];
    return NULL;
}

int app_stats_rankings(Store *st, const StatsQuery *q, const char *month, const char *level, json_t **out,
                       ZfError *err)
{
    RankWeight w[RANK_INDICATORS_MAX];
    size_t nw;
    char text[SETTING_VALUE_MAX + 1], prev[8];
    store_setting_text(st, "ranking_weights", "", text, sizeof text);
    if (ranking_weights_parse(text, w, &nw, err) != ZF_OK)
        return zf_fail(err, 500, "invalid_setting", NULL, "排名指标设置（ranking_weights）无效：%s", err->message);
    bool by_region = strcmp(level, "region") == 0;
    Units cur = {0}, before = {0};
    json_t *names = json_object();
    json_t *rows;
    stats_month_add(month, -1, prev);
    if (rank_rows(st, q, month, &rows, err) != ZF_OK) return json_decref(names), ZF_ERR;
    rank_units(q, rows, "", by_region, &cur, names);
    rank_units(q, rows, "prev_", by_region, &before, NULL);
    json_decref(rows);
    Scored sc = {0}, sb = {0};
    score_units(&cur, w, nw, &sc);
    score_units(&before, w, nw, &sb);
    size_t *order = calloc(cur.n + before.n + 1, sizeof *order);
    int *ranks = calloc(cur.n + 1, sizeof *ranks), *ranks_before = calloc(before.n + 1, sizeof *ranks_before);
    json_t *list = json_array();
    if (order && ranks && ranks_before && sc.scored && sb.scored) {
        rank_places(&before, &sb, order, ranks_before);
        rank_places(&cur, &sc, order, ranks);
        for (size_t p = 0; p < cur.n; p++) {
            size_t i = order[p], j;
            const Group *was = find_unit(&before, cur.g[i].key, &j);
            bool both = sc.scored[i] && was && sb.scored[j];
            json_array_append_new(list, json_pack("{s:s, s:O, s:o, s:o, s:o, s:o, s:o}", "code", cur.g[i].key,
                "name", json_object_get(names, cur.g[i].key),
                "score", sc.scored[i] ? json_real(round_to(sc.scores[i], 100)) : json_null(),
                "rank", ranks[i] ? json_integer(ranks[i]) : json_null(),
                "change", both ? json_real(round_to(sc.scores[i] - sb.scores[j], 100)) : json_null(),
                "rank_change", both && ranks_before[j] ? json_integer(ranks_before[j] - ranks[i]) : json_null(),
                "indicators", indicator_json(w, nw, &sc, i)));
        }
    }
    free(order), free(ranks), free(ranks_before);
    scored_free(&sc), scored_free(&sb);
    free(cur.g), free(before.g);
    json_decref(names);
    json_t *weights = json_loads(text, 0, NULL);
    *out = json_pack("{s:o, s:s, s:s, s:s, s:o}", "items", list, "month", month, "previous_month", prev, "level",
                     by_region ? "region" : "agency", "weights", weights ? weights : json_array());
    return ZF_OK;
}

/* ---- 大屏 ---- */

int app_stats_screen(Store *st, const StatsQuery *q, json_t **out, ZfError *err)
{
    json_t *parts[8] = {NULL};
    char month[8];
    stats_month_add(q->f.today, -1, month); /* the month before today's: the one reports are due for */
    month[7] = '\0';
    int rc = app_stats_summary(st, q, &parts[0], err);
    if (rc == ZF_OK) rc = app_stats_trend(st, q, &parts[1], err);
    if (rc == ZF_OK) rc = app_stats_by_region(st, q, &parts[2], err);
    if (rc == ZF_OK) rc = app_stats_by_rule(st, q, &parts[3], err);
    if (rc == ZF_OK) rc = app_stats_zero_enforcement(st, q, 12, &parts[4], err);
    json_t *rows;
    if (rc == ZF_OK && (rc = store_stats(st, STATS_ORDERS_OVERDUE, &q->f, &rows, err)) == ZF_OK) parts[5] = items(rows);
    if (rc == ZF_OK && (rc = store_stats(st, STATS_CERT_EXPIRY, &q->f, &rows, err)) == ZF_OK) parts[6] = items(rows);
    if (rc == ZF_OK) rc = app_stats_reporting(st, q, month, &parts[7], err);
    if (rc != ZF_OK) {
        for (int i = 0; i < 8; i++) json_decref(parts[i]);
        return ZF_ERR;
    }
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "summary", parts[0], "trend", parts[1], "by_region",
                     parts[2], "by_rule", parts[3], "zero_enforcement", parts[4], "orders_overdue", parts[5],
                     "cert_expiries", parts[6], "reporting", parts[7]);
    return ZF_OK;
}
