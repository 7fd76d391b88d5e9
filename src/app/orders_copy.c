/* An order copied down from an upper level (docs/sync.md "Orders across levels") is the upper's
 * to decide: on this level its agency signs for it and answers it, but this level's supervisors
 * may not accept, return or escalate it — their decision would never reach the upper, which alone
 * closes it. */
#include <stdio.h>

#include "app/orders.h"

int app_order_copy_refuse(const AppContext *cx, const json_t *row, ZfError *err)
{
    const json_t *upper = json_object_get(json_object_get(row, "body"), "upper_order");
    if (!json_is_object(upper)) return ZF_OK;
    const char *region = json_string_value(json_object_get(upper, "region"));
    const char *name = cx->regions && region ? regions_name(cx->regions, region) : NULL;
    char who[160];
    snprintf(who, sizeof who, "%s行政执法监督机构", name ? name : "上级");
    return zf_fail(err, 409, "upper_order_read_only", NULL,
                   "该监督文书由%s下发，本级只能由被监督单位签收和反馈；验收、退回、升级由%s办理", who, who);
}
