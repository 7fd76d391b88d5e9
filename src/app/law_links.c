/* Legal basis → law library articles (see law_links.h). */
#include "app/law_links.h"

#include <stdio.h>
#include <string.h>

#include "domain/laws.h"
#include "store/elements.h"

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
json_t *app_law_links(Store *st, const json_t *basis)
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
            store_law_find_article(st, law_title(law, buf, sizeof buf), number, sub, &law_id, &err) == ZF_OK &&
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

