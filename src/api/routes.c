/* The route table: every API route in one place, so the authorization matrix test can
 * enumerate them. */
#include "api/api.h"
#include "http/router.h"

const Route api_routes[] = {
    {"GET", "/api/v1/healthz", api_healthz},
    {"GET", "/api/v1/findings", api_findings_list},
    {"GET", "/api/v1/findings/summary", api_findings_summary},
    {"POST", "/api/v1/findings/sweep", api_findings_sweep},
    {"GET", "/api/v1/rules", api_rules_list},
    {"GET", "/api/v1/rule-config", api_rule_config_get},
    {"PUT", "/api/v1/rule-config", api_rule_config_put},
    {"GET", "/api/v1/cases/{case_no}", api_case_get},
};
const int api_route_count = sizeof api_routes / sizeof api_routes[0];
