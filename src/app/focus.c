/* See focus.h. The counts are the store's; the weights are settings (focus_weight_*), so the list
 * follows the local rule that defines 重点督查对象. */
#include "app/focus.h"

#include <stdlib.h>
#include <string.h>

#include "store/leads.h"
#include "store/settings.h"

typedef struct {
    const char *count;   /* the store's column */
    const char *setting; /* its weight */
    int dflt;
} Weight;

static const Weight WEIGHTS[] = {
    {"leads", "focus_weight_lead", 1},         {"reconsideration", "focus_weight_reconsideration", 3},
    {"litigation", "focus_weight_litigation", 3}, {"orders", "focus_weight_order", 2},
    {"overdue_orders", "focus_weight_overdue_order", 3}, {"violations", "focus_weight_violation", 1},
};
#define N_WEIGHTS (sizeof WEIGHTS / sizeof *WEIGHTS)

static int by_score(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t sx = json_integer_value(json_object_get(x, "score")), sy = json_integer_value(json_object_get(y, "score"));
    if (sx != sy) return sx > sy ? -1 : 1;
    return strcmp(json_string_value(json_object_get(x, "agency")), json_string_value(json_object_get(y, "agency")));
}

int app_focus_list(const AppContext *cx, int year, json_t **out, ZfError *err)
{
    const char *agency = NULL, *prefix = NULL;
    if (cx->user) switch (cx->scope.kind) {
        case SCOPE_AGENCY: agency = cx->scope.agency; break;
        case SCOPE_REGION: prefix = cx->scope.region_prefix[0] ? cx->scope.region_prefix : NULL; break;
        case SCOPE_NONE: return zf_fail(err, 403, "forbidden", NULL, "当前角色无权查看重点督查对象");
        }
    json_t *counts, *item, *weights = json_object();
    int w[N_WEIGHTS];
    for (size_t i = 0; i < N_WEIGHTS; i++) {
        w[i] = store_setting_int(cx->store, WEIGHTS[i].setting, WEIGHTS[i].dflt);
        json_object_set_new(weights, WEIGHTS[i].count, json_integer(w[i]));
    }
    if (store_focus_counts(cx->store, year, agency, prefix, &counts, err) != ZF_OK) return json_decref(weights), ZF_ERR;
    json_t *items = json_object_get(counts, "items");
    size_t n = json_array_size(items), i;
    json_t **sorted = calloc(n ? n : 1, sizeof *sorted);
    if (!sorted) return json_decref(weights), json_decref(counts), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    json_array_foreach(items, i, item) {
        json_int_t score = 0;
        for (size_t k = 0; k < N_WEIGHTS; k++) score += w[k] * json_integer_value(json_object_get(item, WEIGHTS[k].count));
        json_object_set_new(item, "score", json_integer(score));
        sorted[i] = item;
    }
    qsort(sorted, n, sizeof *sorted, by_score);
    size_t keep = (size_t)store_setting_int(cx->store, "focus_list_size", 10);
    json_t *list = json_array();
    for (i = 0; i < n && i < keep; i++) {
        json_object_set_new(sorted[i], "rank", json_integer((json_int_t)i + 1));
        json_array_append(list, sorted[i]);
    }
    free(sorted);
    json_decref(counts);
    *out = json_pack("{s:i, s:o, s:o}", "year", year, "weights", weights, "items", list);
    return ZF_OK;
}
