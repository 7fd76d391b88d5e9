/* The 多级汇聚 settings read in their full range: store_setting_int keeps to 1..999 (the small
 * periods most settings are), but a batch may hold 100,000 lines, a heartbeat wait an hour, and 0
 * means "never" or "every time" here (migrations 063, 085 declare the bounds the 系统参数 page keeps). */
#include <stdlib.h>

#include "app/sync.h"
#include "store/settings.h"

long app_sync_setting(Store *st, const char *name, long dflt)
{
    char text[32], *end;
    store_setting_text(st, name, "", text, sizeof text);
    long v = strtol(text, &end, 10);
    return text[0] && !*end && v >= 0 ? v : dflt;
}
