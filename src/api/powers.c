/* /api/v1/powers: 权责清单 items held by agencies in the user's data scope; one item with its
 * discretion benchmark and its legal basis resolved to articles of the law library. */
#include <string.h>

#include "api/api.h"
#include "api/elements.h"
#include "api/params.h"
#include "domain/laws.h"
#include "store/elements.h"

static const char *const power_kinds[] = {"penalty", "license", "coercion", "inspection", "levy", "payment",
                                          "confirmation", "reward", "ruling", "other", NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int api_powers_list(HttpRequest *req)
{
    PowerFilter f = {0};
    int page, size;
    json_t *out;
    ZfError err;
    if (param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency) != ZF_OK ||
        param_enum(req, "kind", power_kinds, &f.kind) != ZF_OK || param_text(req, "q", 64, &f.q) != ZF_OK ||
        param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (!api_scope_filter(req, &f.scope_agency, &f.scope_region_prefix))
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page, "size", size));
    if (store_powers_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* "第一百二十四条", "第十条之一", "第二十八条第一款" → number and sub; -1 when not an article. */
static int article_number(const char *s, int *number, int *sub)
{
    const char *tiao = s ? strstr(s, "条") : NULL;
    if (!tiao) return -1;
    size_t end = (size_t)(tiao - s) + strlen("条");
    if (strncmp(s + end, "之", strlen("之")) == 0) /* 之一 … 之九十九: try the longest first */
        for (size_t extra = 3 * 3; extra >= 3; extra -= 3)
            if (strlen(s + end + strlen("之")) >= extra &&
                law_article_label_parse(s, end + strlen("之") + extra, number, sub) == 0)
                return 0;
    return law_article_label_parse(s, end, number, sub);
}

/* Strips 《》 around a law title, into buf. */
static const char *law_title(const char *law, char *buf, size_t n)
{
    size_t len = strlen(law);
    if (len > 6 && strncmp(law, "《", 3) == 0 && strcmp(law + len - 3, "》") == 0 && len - 6 < n) {
        memcpy(buf, law + 3, len - 6);
        buf[len - 6] = '\0';
        return buf;
    }
    return law;
}

/* [{law, article, law_id, number, key}] — law_id null when the library does not hold it. */
static json_t *basis_links(HttpRequest *req, json_t *basis)
{
    json_t *out = json_array(), *b;
    size_t i;
    json_array_foreach(basis, i, b) {
        const char *law = json_string_value(json_object_get(b, "law"));
        const char *article = json_string_value(json_object_get(b, "article"));
        json_t *link = json_pack("{s:o, s:o, s:n, s:n, s:n}", "law", law ? json_string(law) : json_null(), "article",
                                 article ? json_string(article) : json_null(), "law_id", "number", "key");
        int number, sub;
        long long law_id = 0;
        char buf[256];
        ZfError err;
        if (law && article_number(article, &number, &sub) == 0 &&
            store_law_find_article(req->store, law_title(law, buf, sizeof buf), number, sub, &law_id, &err) == ZF_OK &&
            law_id) {
            char key[32];
            snprintf(key, sizeof key, sub ? "%d-%d" : "%d", number, sub);
            json_object_set_new(link, "law_id", json_integer(law_id));
            json_object_set_new(link, "number", json_integer(number));
            json_object_set_new(link, "key", json_string(key));
        }
        json_array_append_new(out, link);
    }
    return out;
}

static json_t *visible_power(HttpRequest *req, const char *code)
{
    json_t *rec = element_load(req, REC_POWER, code);
    if (rec && !element_power_visible(req, rec)) json_decref(rec), rec = NULL;
    return rec;
}

int api_power_get(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "权责事项");
    if (!code) return 0;
    json_t *rec = visible_power(req, code);
    if (!rec) return http_reply_error(req, 404, "not_found", NULL, "权责事项不存在");
    json_t *agencies = json_array(), *a;
    size_t i;
    json_array_foreach(json_object_get(rec, "agencies"), i, a)
        json_array_append_new(agencies, json_pack("{s:O, s:o}", "code", a, "name", element_agency_name(req, json_string_value(a))));
    json_t *bench = element_load(req, REC_BENCHMARK, code);
    json_t *links = basis_links(req, json_object_get(rec, "basis"));
    return http_reply_json(req, 200, json_pack("{s:o, s:o, s:o, s:o}", "power", rec, "agencies", agencies, "basis",
                                                links, "benchmark", bench ? bench : json_null()));
}

int api_power_put(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "权责事项");
    if (!code) return 0;
    json_t *rec = element_body(req, REC_POWER, "code", code);
    if (!rec) return 0;
    return element_put(req, rec, element_power_visible, "agencies", "实施主体不存在或均不在本人数据范围内");
}
