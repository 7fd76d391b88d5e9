/* The 双随机 draw. The algorithm is the contract (docs/inspections.md): `zhifa inspection verify`
 * and an outside re-implementation recompute it, so nothing here may change without a new plan
 * format. One SM3 stream per draw: the entities are selected first (stratum by stratum), then the
 * inspectors are paired, item by item, from the same stream. */
#include "domain/insp_draw.h"

#include <stdlib.h>
#include <string.h>

#include "util/sm3_stream.h"

size_t insp_stratum_size(size_t len, int pct)
{
    if (pct <= 0 || len == 0) return 0;
    size_t n = (len * (size_t)pct + 99) / 100;
    return n < len ? n : len;
}

/* Partial Fisher–Yates over the stratum's members (indexes into the population, in population
 * order): for i < n, j = i + below(len - i), swap; the first n are drawn, in draw order. */
static void select_stratum(Sm3Stream *s, size_t *members, size_t len, size_t n, json_t *ents, json_t *items)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i + (size_t)sm3_stream_below(s, len - i);
        size_t t = members[i];
        members[i] = members[j];
        members[j] = t;
        json_t *e = json_array_get(ents, members[i]);
        json_array_append_new(items, json_pack("{s:O, s:[]}", "entity", json_object_get(e, "entity"), "inspectors"));
    }
}

static int pct_of(const json_t *rule, char level)
{
    char key[2] = {level, 0};
    return (int)json_integer_value(json_object_get(json_object_get(rule, "ratio"), key));
}

static void select_entities(Sm3Stream *s, const json_t *rule, json_t *ents, json_t *items)
{
    size_t len = json_array_size(ents), *members = malloc((len ? len : 1) * sizeof *members);
    if (!members) return;
    json_t *count = json_object_get(rule, "count");
    if (count) {
        for (size_t i = 0; i < len; i++) members[i] = i;
        size_t n = (size_t)json_integer_value(count);
        select_stratum(s, members, len, n < len ? n : len, ents, items);
    } else {
        for (const char *lv = INSP_LEVELS; *lv; lv++) {
            size_t m = 0;
            for (size_t i = 0; i < len; i++) {
                const char *l = json_string_value(json_object_get(json_array_get(ents, i), "level"));
                if (l && l[0] == *lv && !l[1]) members[m++] = i;
            }
            select_stratum(s, members, m, insp_stratum_size(m, pct_of(rule, *lv)), ents, items);
        }
    }
    free(members);
}

static int in_array(const json_t *arr, const char *v)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_is_string(x) && strcmp(json_string_value(x), v) == 0) return 1;
    return 0;
}

/* One inspector for the entity: among the officers not avoiding it and not yet chosen for it, those
 * with the fewest items so far (population order); one of them by below(count). -1 when none. */
static long pick_inspector(Sm3Stream *s, const json_t *offs, const long *load, const char *entity,
                           const json_t *chosen)
{
    size_t n = json_array_size(offs), tied = 0, i;
    long min = -1, pick;
    for (i = 0; i < n; i++) {
        json_t *o = json_array_get(offs, i);
        if (in_array(json_object_get(o, "avoid"), entity) || in_array(chosen, json_string_value(json_object_get(o, "cert_no")))) continue;
        if (min < 0 || load[i] < min) min = load[i], tied = 0;
        if (load[i] == min) tied++;
    }
    if (min < 0) return -1;
    pick = (long)sm3_stream_below(s, tied);
    for (i = 0; i < n; i++) {
        json_t *o = json_array_get(offs, i);
        if (in_array(json_object_get(o, "avoid"), entity) || in_array(chosen, json_string_value(json_object_get(o, "cert_no")))) continue;
        if (load[i] == min && pick-- == 0) return (long)i;
    }
    return -1;
}

static int pair_inspectors(Sm3Stream *s, const json_t *offs, int per_entity, json_t *items, ZfError *err)
{
    size_t n = json_array_size(offs), i;
    long *load = calloc(n ? n : 1, sizeof *load);
    json_t *it;
    if (!load) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    json_array_foreach(items, i, it) {
        const char *entity = json_string_value(json_object_get(it, "entity"));
        json_t *chosen = json_object_get(it, "inspectors");
        for (int k = 0; k < per_entity; k++) {
            long o = pick_inspector(s, offs, load, entity, chosen);
            if (o < 0) {
                free(load);
                return zf_fail(err, 409, "too_few_inspectors", "inspectors_per_entity",
                               "检查对象 %s 可匹配的执法检查人员不足 %d 人（人员不足或需回避），无法抽取", entity, per_entity);
            }
            load[o]++;
            json_array_append(chosen, json_object_get(json_array_get(offs, (size_t)o), "cert_no"));
        }
    }
    free(load);
    return ZF_OK;
}

int insp_draw(const char *seed, const json_t *rule, int per_entity, const json_t *population, json_t **items,
              ZfError *err)
{
    Sm3Stream s;
    sm3_stream_init(&s, seed);
    *items = json_array();
    if (!*items) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    select_entities(&s, rule, json_object_get(population, "entities"), *items);
    if (pair_inspectors(&s, json_object_get(population, "officers"), per_entity, *items, err) == ZF_OK) return ZF_OK;
    json_decref(*items);
    *items = NULL;
    return ZF_ERR;
}
