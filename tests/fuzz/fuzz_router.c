/* The router (http/router.c) against the real route table (api/routes.c). One input = a request
 * line "METHOD PATH" (path up to the first NUL). Invariants, checked against a plain matcher
 * written here: the route found is the first of the table whose method and pattern match; 405
 * (path_known) exactly when only another method's pattern matches; every {param} is a non-empty
 * path segment, so putting the values back into the pattern gives the path; http_param finds
 * each by its name and nothing else. */
#include <string.h>

#include "fuzz.h"
#include "api/api.h"
#include "http/router.h"

#define SCRATCH 4096 /* router.c's per-thread copy of the path */

/* The next '/'-separated segment of s: [*from, end), *next after it (NULL at the end). */
static bool next_segment(const char **s, const char **from, size_t *len)
{
    if (!*s) return false;
    const char *slash = strchr(*s, '/');
    *from = *s, *len = slash ? (size_t)(slash - *s) : strlen(*s);
    *s = slash ? slash + 1 : NULL;
    return true;
}

static bool plain_match(const char *pattern, const char *path)
{
    const char *p = pattern, *s = path, *pf, *sf;
    size_t pl, sl;
    for (;;) {
        bool more_p = next_segment(&p, &pf, &pl), more_s = next_segment(&s, &sf, &sl);
        if (!more_p || !more_s) return more_p == more_s;
        if (pl && pf[0] == '{') {
            if (sl == 0) return false;
        } else if (pl != sl || memcmp(pf, sf, pl) != 0) {
            return false;
        }
    }
}

/* The path with the request's params put back into the route's pattern. */
static void rebuild(const Route *r, const HttpRequest *req, char *out, size_t cap)
{
    size_t n = 0;
    int param = 0;
    for (const char *p = r->pattern; *p;) {
        if (*p == '{') {
            FUZZ_CHECK(param < req->n_params && req->param_names[param] == p);
            const char *v = req->param_values[param++];
            FUZZ_CHECK(v[0] != '\0' && strchr(v, '/') == NULL);
            size_t vl = strlen(v);
            FUZZ_CHECK(n + vl < cap);
            memcpy(out + n, v, vl), n += vl;
            p = strchr(p, '}');
            FUZZ_CHECK(p != NULL);
            p++;
        } else {
            FUZZ_CHECK(n + 1 < cap);
            out[n++] = *p++;
        }
    }
    FUZZ_CHECK(param == req->n_params);
    out[n] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char line[SCRATCH * 2], rebuilt[SCRATCH * 2];
    if (size >= sizeof line) return 0;
    memcpy(line, data, size);
    line[size] = '\0';
    char *space = strchr(line, ' ');
    if (!space) return 0;
    *space = '\0';
    const char *method = line, *path = space + 1;

    HttpRequest req;
    memset(&req, 0, sizeof req);
    req.method = method, req.path = path;
    bool known;
    const RouteTable *t = &api_route_table;
    const Route *r = router_match(t, &req, &known);

    const Route *want = NULL;
    bool want_known = false;
    for (int i = 0; strlen(path) < SCRATCH && i < t->count && !want; i++) {
        if (!plain_match(t->routes[i].pattern, path)) continue;
        if (strcmp(t->routes[i].method, method) == 0) want = &t->routes[i];
        else want_known = true;
    }
    FUZZ_CHECK(r == want);
    if (!r) {
        FUZZ_CHECK(known == want_known);
        FUZZ_CHECK(req.n_params == 0);
        return 0;
    }
    rebuild(r, &req, rebuilt, sizeof rebuilt);
    FUZZ_CHECK(strcmp(rebuilt, path) == 0);
    for (int i = 0; i < req.n_params; i++) {
        const char *name = req.param_names[i] + 1;
        char key[64];
        size_t kl = (size_t)(strchr(name, '}') - name);
        FUZZ_CHECK(kl < sizeof key);
        memcpy(key, name, kl), key[kl] = '\0';
        FUZZ_CHECK(http_param(&req, key) == req.param_values[i]);
    }
    FUZZ_CHECK(http_param(&req, "no_such_param") == NULL);
    FUZZ_CHECK(http_param(&req, "") == NULL);
    return 0;
}
