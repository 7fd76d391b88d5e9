/* GET /api/v1/healthz: liveness and database reachability for probes and the console. */
#include "api/api.h"

int api_healthz(HttpRequest *req)
{
    ZfError err;
    int db_ok = store_ping(req->store, &err) == ZF_OK;
    json_t *body = json_object();
    json_object_set_new(body, "status", json_string(db_ok ? "ok" : "degraded"));
    json_object_set_new(body, "version", json_string(ZHIFA_VERSION));
    json_object_set_new(body, "db", json_string(db_ok ? "ok" : "error"));
    json_object_set_new(body, "schema_version", json_integer(store_schema_version(req->store)));
    return http_reply_json(req, db_ok ? 200 : 503, body);
}
