/* Matches request paths against the route table, segment by segment. Parameter values point
 * into a per-request copy of the path, so nothing here allocates per route. */
#include "http/router.h"

#include <string.h>

/* Compares one pattern segment [p, p_end) with a path segment [s, s_end). */
static bool segment_matches(const char *p, const char *p_end, const char *s, const char *s_end)
{
    if (p < p_end && *p == '{') return s < s_end;
    return (size_t)(p_end - p) == (size_t)(s_end - s) && memcmp(p, s, (size_t)(p_end - p)) == 0;
}

static const char *seg_end(const char *s)
{
    const char *e = strchr(s, '/');
    return e ? e : s + strlen(s);
}

/* On a match, records params as (name-in-pattern, value) with lengths via NUL-split copies. */
static bool pattern_matches(const char *pattern, const char *path, HttpRequest *req, char *scratch)
{
    const char *p = pattern, *s = path;
    int n = 0;
    while (*p && *s) {
        if (*p != '/' || *s != '/') return false;
        p++, s++;
        const char *pe = seg_end(p), *se = seg_end(s);
        if (!segment_matches(p, pe, s, se)) return false;
        if (*p == '{' && n < HTTP_MAX_PARAMS) {
            size_t off = (size_t)(s - path);
            memcpy(scratch + off, s, (size_t)(se - s));
            scratch[off + (size_t)(se - s)] = '\0';
            req->param_names[n] = p;
            req->param_values[n++] = scratch + off;
        }
        p = pe, s = se;
    }
    if (*p || *s) return false;
    req->n_params = n;
    return true;
}

const Route *router_match(const RouteTable *t, HttpRequest *req, bool *path_known)
{
    static __thread char scratch[ROUTER_MAX_PATH];
    *path_known = false;
    if (strlen(req->path) >= sizeof scratch) return NULL;
    for (int i = 0; i < t->count; i++) {
        const Route *r = &t->routes[i];
        if (!pattern_matches(r->pattern, req->path, req, scratch)) continue;
        if (strcmp(r->method, req->method) == 0) return r;
        *path_known = true;
    }
    req->n_params = 0;
    return NULL;
}

const char *http_param(const HttpRequest *req, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < req->n_params; i++) {
        const char *p = req->param_names[i] + 1; /* skip '{' */
        if (strncmp(p, name, n) == 0 && p[n] == '}') return req->param_values[i];
    }
    return NULL;
}
