/* Lists of supervision orders within the caller's scope, as people see them (order_view). */
#include <string.h>

#include "app/orders.h"
#include "app/orders_view.h"
#include "store/orders.h"

/* The store's scope fields from the caller's: agency users see their agency's issued orders. */
static void scope_filter(const AppContext *cx, OrderFilter *f)
{
    if (!cx->user) return;
    switch (cx->scope.kind) {
    case SCOPE_AGENCY:
        f->scope_agency = cx->scope.agency;
        f->scope_nothing = !cx->scope.agency[0];
        f->issued_only = true;
        break;
    case SCOPE_REGION: f->scope_region_prefix = cx->scope.region_prefix[0] ? cx->scope.region_prefix : NULL; break;
    case SCOPE_NONE: f->scope_nothing = true; break;
    }
}

int app_orders_list(const AppContext *cx, OrderFilter *f, int page, int size, json_t **out, ZfError *err)
{
    json_t *rows, *row;
    size_t i;
    scope_filter(cx, f);
    if (store_orders_list(cx->store, f, page, size, &rows, err) != ZF_OK) return ZF_ERR;
    int warn_wd = app_order_warn_wd(cx->store);
    json_t *items = json_object_get(rows, "items");
    json_array_foreach(items, i, row) json_array_set_new(items, i, order_view(cx, row, warn_wd));
    *out = rows;
    return ZF_OK;
}

const char *const *app_orders_todo_statuses(const AppContext *cx)
{
    static const char *const AGENCY[] = {"issued", "received", "returned", NULL};
    static const char *const SUPERVISOR[] = {"draft", "responded", NULL};
    return cx->scope.kind == SCOPE_AGENCY ? AGENCY : SUPERVISOR;
}

int app_orders_stats(const AppContext *cx, OrderStatsFilter *f, json_t **out, ZfError *err)
{
    OrderFilter scope = {0};
    scope_filter(cx, &scope);
    f->scope_agency = scope.scope_agency;
    f->scope_region_prefix = scope.scope_region_prefix;
    f->scope_nothing = scope.scope_nothing;
    return store_orders_stats(cx->store, f, out, err);
}
