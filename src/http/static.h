/* The web console: files from web/dist, with SPA fallback to index.html. */
#ifndef ZF_STATIC_H
#define ZF_STATIC_H

#include "http/request.h"

/* Serves req->path from root (GET/HEAD); replies itself in every case. */
int static_serve(HttpRequest *req, const char *root);

#endif
