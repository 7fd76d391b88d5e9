/* API handlers, one file per resource. Each validates input, calls domain + store, replies once. */
#ifndef ZF_API_H
#define ZF_API_H

#include "http/request.h"

int api_healthz(HttpRequest *req);

#endif
