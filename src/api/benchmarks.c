/* /api/v1/benchmarks/{power}: the 裁量基准 of a power the user may see, and its edit. */
#include "api/api.h"
#include "api/elements.h"

/* The power if the user may see it; replies 404 itself otherwise. */
static bool power_visible(HttpRequest *req, const char *code)
{
    json_t *power = element_load(req, REC_POWER, code);
    bool ok = power && element_power_visible(req, power);
    json_decref(power);
    if (!ok) http_reply_error(req, 404, "not_found", NULL, "权责事项不存在");
    return ok;
}

int api_benchmark_get(HttpRequest *req)
{
    const char *power = element_key_param(req, "power", "裁量基准");
    if (!power || !power_visible(req, power)) return 0;
    json_t *rec = element_load(req, REC_BENCHMARK, power);
    if (!rec) return http_reply_error(req, 404, "not_found", NULL, "该事项尚未制定裁量基准");
    return http_reply_json(req, 200, rec);
}

/* The benchmark's standing is its power's: element_put checks it as stored, in the write's transaction. */
static bool any_power_in_scope(HttpRequest *req, json_t *rec)
{
    (void)req, (void)rec;
    return true;
}

int api_benchmark_put(HttpRequest *req)
{
    const char *power = element_key_param(req, "power", "裁量基准");
    if (!power || !power_visible(req, power)) return 0;
    json_t *rec = element_body(req, REC_BENCHMARK, "power", power);
    if (!rec) return 0;
    return element_put(req, rec, any_power_in_scope, NULL, "权责事项不存在");
}
