/* /api/v1/laws: the law library — list, one law's outline, one article with its neighbours, and
 * article search for Chinese terms of any length (1–20 characters; spaces separate AND terms). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "domain/law_terms.h"
#include "store/laws.h"

/* {id} as a positive integer; replies 404 itself otherwise (no such law can exist). */
static int law_id_param(HttpRequest *req, long long *id)
{
    const char *v = http_param(req, "id");
    char *end;
    long long n = v && *v >= '1' && *v <= '9' && strlen(v) <= 12 ? strtoll(v, &end, 10) : 0;
    if (n <= 0 || *end) {
        http_reply_error(req, 404, "not_found", "id", "法律法规不存在");
        return ZF_ERR;
    }
    *id = n;
    return ZF_OK;
}

/* {number}: "64", "10-1" (第十条之一) or the label itself, "第六十四条". */
static int article_param(HttpRequest *req, int *number, int *sub)
{
    const char *v = http_param(req, "number");
    char *end;
    *sub = 0;
    if (v && *v >= '1' && *v <= '9' && strlen(v) <= 9) {
        *number = (int)strtol(v, &end, 10);
        if (*end == '-' && end[1] >= '1' && end[1] <= '9') *sub = (int)strtol(end + 1, &end, 10);
        if (!*end) return ZF_OK;
    } else if (v && law_article_label_parse(v, strlen(v), number, sub) == 0) {
        return ZF_OK;
    }
    http_reply_error(req, 400, "invalid_param", "number", "条文编号应为数字（如 64、10-1）或“第六十四条”");
    return ZF_ERR;
}

int api_laws_list(HttpRequest *req)
{
    int page, size;
    json_t *out;
    ZfError err;
    if (param_page(req, &page, &size) != ZF_OK) return 0;
    if (store_laws_list(req->store, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_law_get(HttpRequest *req)
{
    long long id;
    json_t *out;
    ZfError err;
    if (law_id_param(req, &id) != ZF_OK) return 0;
    if (store_law_get(req->store, id, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_law_article(HttpRequest *req)
{
    long long id;
    int number, sub;
    json_t *out;
    ZfError err;
    if (law_id_param(req, &id) != ZF_OK || article_param(req, &number, &sub) != ZF_OK) return 0;
    if (store_law_article(req->store, id, number, sub, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_laws_search(HttpRequest *req)
{
    const char *q;
    long law;
    int page, size;
    LawQuery query;
    json_t *out;
    ZfError err;
    /* a generous byte limit here; law_query_parse counts characters and says why in Chinese */
    if (param_text(req, "q", 1024, &q) != ZF_OK) return 0;
    if (param_int(req, "law", 1, 999999999, 0, &law) != ZF_OK || param_page(req, &page, &size) != ZF_OK) return 0;
    if (law_query_parse(q, &query, &err) != ZF_OK) return http_reply_zferror(req, &err);
    if (store_laws_search(req->store, &query, law, page, size, &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    json_object_set_new(out, "q", json_string(q));
    return http_reply_json(req, 200, out);
}
