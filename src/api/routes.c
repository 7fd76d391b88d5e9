/* The route table: every API route in one place, so the authorization matrix test can
 * enumerate them. */
#include "api/api.h"
#include "http/router.h"

const Route api_routes[] = {
    {"GET", "/api/v1/healthz", api_healthz},
};
const int api_route_count = sizeof api_routes / sizeof api_routes[0];
