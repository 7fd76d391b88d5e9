/* What the directory, plan and joint-plan services share: the agency an action is about (checked
 * against the stored agency and the caller's scope), a row flattened for a reply, text fields. */
#include "app/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/findings.h"
#include "util/text.h"

int insp_agency(const AppContext *cx, const char *asked, char code[19], char name[256], char region[7], ZfError *err)
{
    char *body = NULL;
    ZfError e;
    const char *c = asked && *asked ? asked : (cx->user ? cx->user->agency : "");
    name[0] = region[0] = code[0] = '\0';
    if (!c || !*c) return zf_fail(err, 400, "missing_field", "agency", "请选择执法主体");
    if (strlen(c) > 18 || store_record_get(cx->store, REC_AGENCY, c, &body, &e) != ZF_OK)
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在或不在本人管辖范围内");
    json_t *a = json_loads(body, 0, NULL);
    free(body);
    const char *n = json_string_value(json_object_get(a, "name")), *r = json_string_value(json_object_get(a, "region"));
    snprintf(code, 19, "%s", c);
    snprintf(name, 256, "%s", n ? n : c);
    snprintf(region, 7, "%s", r ? r : "");
    json_decref(a);
    if (cx->user && !scope_allows(&cx->scope, code, region))
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在或不在本人管辖范围内");
    return ZF_OK;
}

json_t *insp_flat(const json_t *row)
{
    json_t *out = json_deep_copy(json_object_get(row, "body"));
    const char *k;
    json_t *v;
    if (!json_is_object(out)) out = json_object();
    json_object_foreach((json_t *)row, k, v) if (strcmp(k, "body") != 0) json_object_set(out, k, v);
    return out;
}

int insp_text(const json_t *in, const char *field, const char *what, size_t max_chars, bool required, ZfError *err)
{
    json_t *j = json_object_get(in, field);
    const char *v = json_string_value(j);
    if (!j || json_is_null(j) || (v && text_blank(v)))
        return required ? zf_fail(err, 400, "missing_field", field, "请填写%s", what) : ZF_OK;
    if (!v) return zf_fail(err, 400, "invalid_field", field, "%s应为文字", what);
    if (!text_utf8_valid(v, strlen(v)) || text_utf8_chars(v) > max_chars)
        return zf_fail(err, 400, "too_long", field, "%s不超过 %zu 字", what, max_chars);
    return ZF_OK;
}
