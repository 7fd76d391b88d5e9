/* API handlers, one file per resource. Each validates input, calls domain + store, replies once. */
#ifndef ZF_API_H
#define ZF_API_H

#include "http/request.h"

int api_healthz(HttpRequest *req);
int api_findings_list(HttpRequest *req);
int api_findings_summary(HttpRequest *req);
int api_findings_sweep(HttpRequest *req);
int api_rules_list(HttpRequest *req);
int api_rule_config_get(HttpRequest *req);
int api_rule_config_put(HttpRequest *req);
int api_case_get(HttpRequest *req);

#endif
