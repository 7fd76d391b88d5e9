/* See document_template.h. */
#include "app/document_template.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/fonts.h"
#include "render/seal_image.h"
#include "util/datadir.h"

#define SEAL_RADIUS (21.0 * RENDER_MM) /* a 42 mm round seal */

static bool kind_code_ok(const char *kind)
{
    size_t n = kind ? strlen(kind) : 0;
    if (n == 0 || n > 31) return false;
    for (size_t i = 0; i < n; i++)
        if (!((kind[i] >= 'a' && kind[i] <= 'z') || kind[i] == '_')) return false;
    return true;
}

int doc_template_load(const char *kind, json_t **tpl, ZfError *err)
{
    char path[4200], *text;
    size_t len;
    const char *dir = datadir_get();
    if (!kind_code_ok(kind) || !dir) return zf_fail(err, 404, "unknown_document_kind", "kind", "没有这种文书");
    snprintf(path, sizeof path, "%s/templates/%s.json", dir, kind);
    if (file_read_all(path, &text, &len) != 0) return zf_fail(err, 404, "unknown_document_kind", "kind", "没有这种文书");
    json_error_t je;
    *tpl = json_loadb(text, len, 0, &je);
    free(text);
    if (!json_is_object(*tpl)) {
        json_decref(*tpl);
        return zf_fail(err, 500, "template_invalid", "kind", "文书模板 %s 无法读取：%s", kind, je.text);
    }
    return ZF_OK;
}

static int by_order(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    long long ox = json_integer_value(json_object_get(x, "order")), oy = json_integer_value(json_object_get(y, "order"));
    return ox < oy ? -1 : ox > oy;
}

int doc_templates_all(json_t **out, ZfError *err)
{
    char path[4200];
    const char *dir = datadir_get();
    json_t *list[64];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/templates", dir ? dir : ".");
    DIR *dh = opendir(path);
    if (!dh) return zf_fail(err, 500, "templates_missing", NULL, "找不到文书模板目录");
    struct dirent *e;
    while ((e = readdir(dh)) && n < 64) {
        char kind[64];
        size_t len = strlen(e->d_name);
        if (len < 6 || len - 5 >= sizeof kind || strcmp(e->d_name + len - 5, ".json") != 0) continue;
        snprintf(kind, sizeof kind, "%.*s", (int)(len - 5), e->d_name);
        json_t *t;
        if (doc_template_load(kind, &t, err) == ZF_OK) list[n++] = t;
    }
    closedir(dh);
    qsort(list, n, sizeof *list, by_order);
    *out = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(*out, list[i]);
    return ZF_OK;
}

const json_t *doc_var(const json_t *vars, const char *path)
{
    char part[64];
    const json_t *v = vars;
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part) return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        v = json_object_get(v, part);
        path += n + (path[n] == '.');
    }
    return v;
}

static bool truthy(const json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v)) return false;
    if (json_is_string(v)) return json_string_length(v) > 0;
    if (json_is_array(v)) return json_array_size(v) > 0;
    return true;
}

int doc_template_ready(const json_t *tpl, const json_t *vars, ZfError *err)
{
    json_t *r;
    size_t i;
    json_array_foreach(json_object_get(tpl, "requires"), i, r) {
        const char *path = json_string_value(json_object_get(r, "field"));
        if (path && !truthy(doc_var(vars, path)))
            return zf_fail(err, 409, "document_not_ready", "kind", "本案尚无%s，不能出具%s",
                           json_string_value(json_object_get(r, "name")),
                           json_string_value(json_object_get(tpl, "name")));
    }
    return ZF_OK;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        while (*len + n + 1 > *cap) *cap = *cap ? *cap * 2 : 256;
        *buf = realloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

char *doc_fill(const char *text, const json_t *item, const json_t *vars)
{
    char *buf = NULL, path[128], num[32];
    size_t len = 0, cap = 0;
    append(&buf, &len, &cap, "", 0);
    for (const char *p = text; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close || (size_t)(close - p - 1) >= sizeof path) {
            append(&buf, &len, &cap, p, 1);
            p++;
            continue;
        }
        snprintf(path, sizeof path, "%.*s", (int)(close - p - 1), p + 1);
        const json_t *v = item ? doc_var(item, path) : NULL;
        if (!v) v = doc_var(vars, path);
        if (json_is_string(v)) append(&buf, &len, &cap, json_string_value(v), json_string_length(v));
        else if (json_is_integer(v)) append(&buf, &len, &cap, num, (size_t)snprintf(num, sizeof num, "%lld", json_integer_value(v)));
        else if (json_is_real(v)) append(&buf, &len, &cap, num, (size_t)snprintf(num, sizeof num, "%.2f", json_real_value(v)));
        p = close + 1;
    }
    return buf;
}

static const RenderStyle *style_named(const char *name)
{
    static const struct {
        const char *name;
        const RenderStyle *style;
    } STYLES[] = {{"title", &RENDER_STYLE_TITLE}, {"doc_no", &RENDER_STYLE_DOC_NO}, {"body", &RENDER_STYLE_BODY},
                  {"plain", &RENDER_STYLE_PLAIN}, {"heading", &RENDER_STYLE_HEADING}, {"right", &RENDER_STYLE_RIGHT},
                  {"small", &RENDER_STYLE_SMALL}};
    for (size_t i = 0; name && i < sizeof STYLES / sizeof *STYLES; i++)
        if (strcmp(name, STYLES[i].name) == 0) return STYLES[i].style;
    return &RENDER_STYLE_BODY;
}

/* 落款 (GB/T 9704 7.3.5.1): the agency's name and the date right-aligned, the date four characters
 * in from the right, the seal centred over both, pressing down on the date. */
static void draw_signoff(RenderDoc *d, const json_t *block, const json_t *vars, const char *agency_name)
{
    const char *field = json_string_value(json_object_get(block, "date"));
    const json_t *date = field ? doc_var(vars, field) : NULL;
    const char *day = json_is_string(date) ? json_string_value(date) : json_string_value(doc_var(vars, "doc.today_cn"));
    double size = RENDER_PT_3HAO, right = RENDER_TEXT_X + RENDER_TEXT_W - 4 * size;
    render_space(d, RENDER_LINE_PITCH);
    render_need(d, 3 * RENDER_LINE_PITCH + SEAL_RADIUS);
    double date_w = render_text_width(d->cr, RENDER_FONT_BODY, size, day ? day : "");
    double name_w = render_text_width(d->cr, RENDER_FONT_BODY, size, agency_name);
    double centre = right - date_w / 2; /* the name centred over the date */
    double name_y = d->y + RENDER_LINE_PITCH * 0.25, date_y = name_y + RENDER_LINE_PITCH;
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    render_text_at(d->cr, RENDER_FONT_BODY, size, centre - name_w / 2, name_y, agency_name);
    render_text_at(d->cr, RENDER_FONT_BODY, size, right - date_w, date_y, day ? day : "");
    if (!json_is_false(json_object_get(block, "seal")))
        render_seal_image(d->cr, centre, date_y - size * 0.2, SEAL_RADIUS, agency_name);
    d->y += 2 * RENDER_LINE_PITCH;
}

static bool block_applies(const json_t *block, const json_t *vars)
{
    const char *when = json_string_value(json_object_get(block, "when"));
    const char *unless = json_string_value(json_object_get(block, "unless"));
    return (!when || truthy(doc_var(vars, when))) && (!unless || !truthy(doc_var(vars, unless)));
}

static const char *style_code(const json_t *block)
{
    const char *s = json_string_value(json_object_get(block, "style"));
    return s ? s : "body";
}

static void draw_text(RenderDoc *d, const json_t *block, const json_t *item, const json_t *vars)
{
    char *text = doc_fill(json_string_value(json_object_get(block, "text")), item, vars);
    render_paragraph(d, style_named(json_string_value(json_object_get(block, "style"))), text);
    free(text);
}

void doc_template_draw(RenderDoc *d, const json_t *tpl, const json_t *vars, const char *agency_name)
{
    json_t *block, *item;
    size_t i, k;
    json_array_foreach(json_object_get(tpl, "blocks"), i, block) {
        if (!block_applies(block, vars)) continue;
        if (json_is_true(json_object_get(block, "page_break"))) render_new_page(d);
        else if (json_is_number(json_object_get(block, "space"))) render_space(d, json_number_value(json_object_get(block, "space")));
        else if (json_object_get(block, "signoff")) draw_signoff(d, block, vars, agency_name);
        else if (json_object_get(block, "each")) {
            const json_t *list = doc_var(vars, json_string_value(json_object_get(block, "each")));
            /* item_when: an item without that field is drawn by item_else (an article the library lacks) */
            const char *item_when = json_string_value(json_object_get(block, "item_when"));
            json_array_foreach(list, k, item) {
                if (!item_when || truthy(doc_var(item, item_when))) draw_text(d, block, item, vars);
                else if (json_object_get(block, "item_else")) {
                    json_t *alt = json_pack("{s:s, s:O}", "style", style_code(block), "text", json_object_get(block, "item_else"));
                    draw_text(d, alt, item, vars);
                    json_decref(alt);
                }
            }
            if (json_array_size(list) == 0 && json_object_get(block, "empty")) {
                json_t *alt = json_pack("{s:s, s:O}", "style", style_code(block), "text", json_object_get(block, "empty"));
                draw_text(d, alt, NULL, vars);
                json_decref(alt);
            }
        } else draw_text(d, block, NULL, vars);
    }
}
