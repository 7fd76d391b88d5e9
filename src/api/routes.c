/* The route table: every API route in one place with the permission it needs, so the
 * authorization matrix test can enumerate them. "public" = anonymous portal access. */
#include "api/api.h"
#include "http/router.h"

const Route api_routes[] = {
    {"GET", "/api/v1/healthz", api_healthz, "public"},
    {"GET", "/api/v1/findings", api_findings_list, "findings.read"},
    {"GET", "/api/v1/findings/summary", api_findings_summary, "findings.read"},
    {"POST", "/api/v1/findings/sweep", api_findings_sweep, "findings.sweep"},
    {"GET", "/api/v1/rules", api_rules_list, "rules.read"},
    {"GET", "/api/v1/rule-config", api_rule_config_get, "rule_config.read"},
    {"PUT", "/api/v1/rule-config", api_rule_config_put, "rule_config.write"},
    {"GET", "/api/v1/cases/{case_no}", api_case_get, "cases.read"},
};
const int api_route_count = sizeof api_routes / sizeof api_routes[0];
