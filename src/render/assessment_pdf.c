/* See assessment_pdf.h. */
#include "render/assessment_pdf.h"

#include <stdio.h>
#include <string.h>

#include "render/page.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* A point value as people write it: 95, 20.5, 20.63. */
static void points_text(const json_t *v, char *out, size_t n)
{
    if (json_is_integer(v)) snprintf(out, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) {
        snprintf(out, n, "%.2f", json_real_value(v));
        size_t k = strlen(out); /* 88.50 → 88.5 */
        while (k > 0 && out[k - 1] == '0') out[--k] = '\0';
        if (k > 0 && out[k - 1] == '.') out[--k] = '\0';
    }
    else snprintf(out, n, "—");
}

static void unit_line(RenderDoc *d, const json_t *plan, const json_t *item)
{
    char line[1600], pts[32], total[32], change[48] = "";
    size_t i, n;
    json_t *p;
    points_text(json_object_get(item, "total"), total, sizeof total);
    n = (size_t)snprintf(line, sizeof line, "第 %lld 名　%s　总分 %s 分（", (long long)json_integer_value(json_object_get(item, "rank")),
                         str(item, "unit_name") ? str(item, "unit_name") : str(item, "unit"), total);
    json_array_foreach(json_object_get(plan, "parts"), i, p) {
        points_text(json_object_get(json_object_get(item, "parts"), str(p, "key")), pts, sizeof pts);
        if (n < sizeof line) n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s", i ? "，" : "", str(p, "name"), pts);
    }
    if (json_is_number(json_object_get(item, "change"))) {
        points_text(json_object_get(item, "change"), pts, sizeof pts);
        snprintf(change, sizeof change, "；较上年 %s%s", json_number_value(json_object_get(item, "change")) > 0 ? "+" : "", pts);
    }
    if (n < sizeof line) snprintf(line + n, sizeof line - n, "%s）", change);
    render_paragraph(d, &RENDER_STYLE_PLAIN, line);
}

int assessment_report_pdf(const json_t *plan, const json_t *ranking, const char *today, unsigned char **pdf, size_t *len,
                          ZfError *err)
{
    RenderDoc d;
    char title[600], text[1200], date[32];
    size_t i, n = 0;
    json_t *p, *item;
    snprintf(title, sizeof title, "%s年度%s结果报告", str(plan, "year"), str(plan, "name"));
    if (render_doc_begin(&d, &(RenderPageMarks){NULL, NULL}, title) != 0)
        return zf_fail(err, 500, "render_failed", NULL, "报告生成失败");
    render_paragraph(&d, &RENDER_STYLE_TITLE, title);
    json_array_foreach(json_object_get(plan, "parts"), i, p)
        if (n < sizeof text)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s %lld 分", i ? "、" : "", str(p, "name"),
                                  (long long)json_integer_value(json_object_get(p, "weight")));
    char body[1600];
    snprintf(body, sizeof body, "本次考核共 %zu 个被考核单位，满分 100 分，由%s组成。排名按总分由高到低，总分相同的名次并列，其后名次顺延。",
             json_array_size(json_object_get(plan, "units")), text);
    render_paragraph(&d, &RENDER_STYLE_BODY, body);
    json_array_foreach(json_object_get(ranking, "items"), i, item) unit_line(&d, plan, item);
    if (render_date_cn(today, date, sizeof date) == 0) {
        render_space(&d, RENDER_LINE_PITCH);
        render_paragraph(&d, &RENDER_STYLE_RIGHT, date);
    }
    int pages;
    if (render_doc_end(&d, pdf, len, &pages) != 0) return zf_fail(err, 500, "render_failed", NULL, "报告生成失败");
    return ZF_OK;
}
