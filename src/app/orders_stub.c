/* TEMPORARY STUB — delete when merging: the orders service (src/app/orders*.c) lands on main
 * separately. Until then a filing's review with an opinion is refused with 503, and nothing else
 * of app/orders.h is defined here. */
#include "app/orders.h"

int app_order_create_in(const AppContext *cx, const OrderDraft *in, long long *id, ZfError *err)
{
    (void)cx, (void)in;
    *id = 0;
    return zf_fail(err, 503, "orders_unavailable", NULL, "督办功能尚未启用，暂不能提出意见，请稍后再试");
}
