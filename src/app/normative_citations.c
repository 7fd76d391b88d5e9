/* 与上位法抵触 linked to the conflicting articles (docs/normative-docs.md): a review step's or the
 * conclusion's citations [{law_id, article, sub?}] are checked against the law library and kept
 * with the law's title and the article's label, so the page links to the article and the notice
 * names it. */
#include <stdio.h>
#include <string.h>

#include "app/normative_common.h"
#include "store/laws.h"

#define NORM_CITATIONS_MAX 20

static int bad(ZfError *err, const char *msg) { return zf_fail(err, 422, "invalid_field", "citations", "%s", msg); }

/* One citation as the law library knows it, or 422. */
static int resolve_one(const AppContext *cx, const json_t *c, json_t **out, ZfError *err)
{
    json_t *law_id = json_object_get(c, "law_id"), *num = json_object_get(c, "article"), *sub = json_object_get(c, "sub");
    json_t *found;
    ZfError why;
    if (!json_is_object(c) || !json_is_integer(law_id) || !json_is_integer(num) || (sub && !json_is_integer(sub)))
        return bad(err, "引用的条文应写明法律编号与条号");
    long long id = json_integer_value(law_id);
    long long n = json_integer_value(num), s = sub ? json_integer_value(sub) : 0;
    if (id <= 0 || n <= 0 || n > 100000 || s < 0 || s > 100) return bad(err, "引用的条文不存在");
    if (store_law_article(cx->store, id, (int)n, (int)s, &found, &why) != ZF_OK) {
        if (why.status != 404) return zf_fail(err, why.status, why.code, why.field, "%s", why.message);
        return bad(err, "引用的条文在法律法规库中不存在");
    }
    const json_t *law = json_object_get(found, "law"), *art = json_object_get(found, "article");
    *out = json_pack("{s:I, s:I, s:I, s:O, s:O}", "law_id", (json_int_t)id, "article", (json_int_t)n, "sub",
                     (json_int_t)s, "law_title", json_object_get(law, "title"), "label", json_object_get(art, "label"));
    json_decref(found);
    return ZF_OK;
}

int norm_citations_resolve(const AppContext *cx, const json_t *in, json_t **out, ZfError *err)
{
    size_t i;
    json_t *c;
    *out = NULL;
    if (!in || json_is_null(in)) return ZF_OK;
    if (!json_is_array(in) || json_array_size(in) > NORM_CITATIONS_MAX) return bad(err, "引用的条文应为不超过 20 条的列表");
    *out = json_array();
    json_array_foreach(in, i, c) {
        json_t *one;
        if (resolve_one(cx, c, &one, err) != ZF_OK) {
            json_decref(*out);
            *out = NULL;
            return ZF_ERR;
        }
        json_array_append_new(*out, one);
    }
    return ZF_OK;
}

void norm_citations_text(const json_t *citations, char *out, size_t cap)
{
    size_t i, len = 0;
    json_t *c;
    out[0] = '\0';
    json_array_foreach(citations, i, c) {
        int n = snprintf(out + len, cap - len, "%s《%s》%s", i ? "、" : "", norm_str(c, "law_title") ? norm_str(c, "law_title") : "",
                         norm_str(c, "label") ? norm_str(c, "label") : "");
        if (n < 0 || (size_t)n >= cap - len) { /* a cut name would end mid-character: leave it out */
            out[len] = '\0';
            break;
        }
        len += (size_t)n;
    }
}
