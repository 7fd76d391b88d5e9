/* Validate-or-reply for query parameters. */
#include "api/params.h"

#include "util/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(HttpRequest *req, const char *name, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "参数 %s %s", name, what);
    http_reply_error(req, 400, "invalid_param", name, msg);
    return ZF_ERR;
}

static int utf8_valid(const char *s)
{
    json_t *probe = json_string(s); /* jansson validates UTF-8 */
    int ok = probe != NULL;
    json_decref(probe);
    return ok;
}

int param_text(HttpRequest *req, const char *name, size_t max_len, const char **out)
{
    const char *v = http_query(req, name);
    *out = NULL;
    if (!v || !*v) return ZF_OK;
    if (strlen(v) > max_len) return refuse(req, name, "过长");
    if (!utf8_valid(v)) return refuse(req, name, "不是有效的 UTF-8 文本");
    *out = v;
    return ZF_OK;
}

int param_enum(HttpRequest *req, const char *name, const char *const *choices, const char **out)
{
    const char *v = http_query(req, name);
    *out = NULL;
    if (!v || !*v) return ZF_OK;
    for (const char *const *c = choices; *c; c++)
        if (strcmp(*c, v) == 0) {
            *out = *c;
            return ZF_OK;
        }
    return refuse(req, name, "取值不在允许范围内");
}

int param_int(HttpRequest *req, const char *name, long min, long max, long dflt, long *out)
{
    const char *v = http_query(req, name);
    char *end;
    *out = dflt;
    if (!v || !*v) return ZF_OK;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < min || n > max) {
        char what[96];
        snprintf(what, sizeof what, "应为 %ld 到 %ld 之间的整数", min, max);
        return refuse(req, name, what);
    }
    *out = n;
    return ZF_OK;
}

int param_code(HttpRequest *req, const char *name, const char *charset, size_t min_len,
               size_t max_len, const char **out)
{
    const char *v = http_query(req, name);
    *out = NULL;
    if (!v || !*v) return ZF_OK;
    size_t n = strlen(v);
    if (n < min_len || n > max_len || strspn(v, charset) != n) return refuse(req, name, "格式不正确");
    *out = v;
    return ZF_OK;
}

int param_page(HttpRequest *req, int *page, int *size)
{
    long p, s;
    if (param_int(req, "page", 1, 1000000, 1, &p) != ZF_OK) return ZF_ERR;
    if (param_int(req, "size", 1, 200, 20, &s) != ZF_OK) return ZF_ERR;
    *page = (int)p, *size = (int)s;
    return ZF_OK;
}

int param_date(HttpRequest *req, const char *name, const char **out)
{
    const char *v = http_query(req, name);
    zf_day d;
    *out = NULL;
    if (!v || !*v) return ZF_OK;
    if (strlen(v) != 10 || !date_parse(v, &d)) return refuse(req, name, "应为有效日期 YYYY-MM-DD");
    *out = v;
    return ZF_OK;
}

int param_region(HttpRequest *req, const char *name, char prefix[7], const char **out)
{
    const char *region;
    *out = NULL;
    if (param_code(req, name, "0123456789", 6, 6, &region) != ZF_OK) return ZF_ERR;
    if (!region) return ZF_OK;
    size_t n = strlen(region); /* 370200 → "3702": a region and everything below it share the prefix */
    memcpy(prefix, region, n + 1);
    while (n >= 2 && prefix[n - 1] == '0' && prefix[n - 2] == '0') prefix[n -= 2] = '\0';
    *out = prefix;
    return ZF_OK;
}

int param_path_id(HttpRequest *req, const char *name, const char *what, long long *out)
{
    const char *text = http_param(req, name);
    char *end;
    *out = text && strlen(text) <= 18 ? strtoll(text, &end, 10) : 0;
    if (*out > 0 && *end == '\0') return ZF_OK;
    http_reply_error(req, 404, "not_found", NULL, what);
    return ZF_ERR;
}
