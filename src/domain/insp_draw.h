/* 双随机 draw (docs/inspections.md §抽取算法): which entities of a directory are inspected and by
 * which officers, from a seed, reproducibly. Pure: the caller passes the population already in
 * its order; the same seed, rule and population always give the same items. */
#ifndef ZF_DOMAIN_INSP_DRAW_H
#define ZF_DOMAIN_INSP_DRAW_H

#include <jansson.h>

#include "util/error.h"

#define INSP_LEVELS "ABCD" /* 信用风险分类: A 低风险 … D 高风险; the strata, in this order */

/* How many of a stratum of `len` entities are drawn at pct percent: ceil(len × pct / 100). */
size_t insp_stratum_size(size_t len, int pct);

/* rule: {"count": N} (one stratum: the whole population) or {"ratio": {"A": p, "B": p, "C": p,
 * "D": p}} (one stratum per level). population: {"entities": [{"entity", "level", …}],
 * "officers": [{"cert_no", "avoid": [entity…], …}]}. *items (new): [{"entity", "inspectors":
 * [cert_no…]}]. 409 when an entity cannot be given per_entity officers (too few, or 回避). */
int insp_draw(const char *seed, const json_t *rule, int per_entity, const json_t *population, json_t **items,
              ZfError *err);

#endif
