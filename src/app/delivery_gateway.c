/* See delivery_gateway.h: no gateway is configured in this version. */
#include "app/delivery_gateway.h"

#include <stdio.h>

int app_delivery_gateway_send(const AppContext *cx, const DeliveryMessage *m, bool *by_gateway, char *how, size_t cap,
                              ZfError *err)
{
    (void)m, (void)err;
    *by_gateway = false;
    snprintf(how, cap, "未配置短信/邮件通道：链接和验证码已显示给执法人员 %s，由其交当事人",
             cx->user ? cx->user->display_name : "");
    return ZF_OK;
}
