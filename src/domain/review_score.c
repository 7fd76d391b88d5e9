/* Totals, 一票否决, grade bands and the arbitration gap of 案卷评查. Pure (see review_score.h for
 * how points are counted and rounded). */
#include "domain/review_score.h"

#include <math.h>
#include <string.h>

#include "util/text.h"

int review_bands_parse(const char *text, ReviewBands *out, ZfError *err)
{
    json_error_t je;
    json_t *a = json_loads(text ? text : "", 0, &je);
    int rc = ZF_OK;
    memset(out, 0, sizeof *out);
    if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > REVIEW_BANDS_MAX) {
        rc = zf_fail(err, 400, "invalid_value", "value", "等次应为 1 至 %d 档的列表", REVIEW_BANDS_MAX);
        goto done;
    }
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *b = json_array_get(a, i);
        const char *g = json_string_value(json_object_get(b, "grade"));
        const char *name = json_string_value(json_object_get(b, "name"));
        int min = review_points_cp(json_object_get(b, "min"));
        if (json_is_integer(json_object_get(b, "min")) && json_integer_value(json_object_get(b, "min")) == 0) min = 0;
        if (!g || !*g || strlen(g) >= sizeof out->band[i].grade || strspn(g, "abcdefghijklmnopqrstuvwxyz_") != strlen(g) ||
            !name || !*name || strlen(name) >= sizeof out->band[i].name || min < 0 || min > 100 * 100 ||
            (i > 0 && min >= out->band[i - 1].min_cp)) {
            rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 档等次有误：应有代码、名称和分数线，分数线从高到低", i + 1);
            goto done;
        }
        snprintf(out->band[i].grade, sizeof out->band[i].grade, "%s", g);
        snprintf(out->band[i].name, sizeof out->band[i].name, "%s", name);
        out->band[i].min_cp = min;
        out->n = i + 1;
    }
    if (out->band[out->n - 1].min_cp != 0)
        rc = zf_fail(err, 400, "invalid_value", "value", "最后一档等次的分数线应为 0");
done:
    json_decref(a);
    return rc;
}

const ReviewBand *review_grade(const ReviewBands *b, int total_cp, bool veto)
{
    if (b->n == 0) return NULL;
    if (veto) return &b->band[b->n - 1];
    for (size_t i = 0; i < b->n; i++)
        if (total_cp >= b->band[i].min_cp) return &b->band[i];
    return &b->band[b->n - 1];
}

int review_points_cp(const json_t *points)
{
    if (!json_is_number(points)) return -1;
    double v = json_number_value(points) * 2.0;
    if (!(v > 0) || v > 2000.0 || fabs(v - round(v)) > 1e-9) return -1;
    return (int)round(v) * 50;
}

const json_t *review_find_subitem(const json_t *standard, const char *code, const json_t **deduction)
{
    const json_t *item, *sub, *d;
    size_t i, j, k;
    if (deduction) *deduction = NULL;
    if (!code) return NULL;
    json_array_foreach(json_object_get(standard, "items"), i, item) {
        json_array_foreach(json_object_get(item, "subitems"), j, sub) {
            const char *sc = json_string_value(json_object_get(sub, "code"));
            if (sc && strcmp(sc, code) == 0) return sub;
            json_array_foreach(json_object_get(sub, "deductions"), k, d) {
                const char *dc = json_string_value(json_object_get(d, "code"));
                if (dc && strcmp(dc, code) == 0) {
                    if (deduction) *deduction = d;
                    return sub;
                }
            }
        }
    }
    return NULL;
}

/* The sum of the deductions already counted on sub-item `code` (entries before `upto`). */
static int deducted_on(const json_t *deductions, const json_t *standard, const char *code, size_t upto)
{
    int sum = 0;
    for (size_t i = 0; i < upto; i++) {
        const json_t *d = json_array_get(deductions, i);
        const json_t *sub = review_find_subitem(standard, json_string_value(json_object_get(d, "item")), NULL);
        if (sub && strcmp(json_string_value(json_object_get(sub, "code")), code) == 0)
            sum += review_points_cp(json_object_get(d, "points"));
    }
    return sum;
}

static int check_one(const json_t *standard, const json_t *deductions, size_t i, ZfError *err)
{
    const json_t *d = json_array_get(deductions, i);
    const char *item = json_string_value(json_object_get(d, "item"));
    const char *reason = json_string_value(json_object_get(d, "reason"));
    const json_t *sub = review_find_subitem(standard, item, NULL);
    if (!json_is_object(d) || !sub)
        return zf_fail(err, 422, "unknown_item", "deductions", "第 %zu 项扣分的评查项目不在评查标准中", i + 1);
    const char *name = json_string_value(json_object_get(sub, "name"));
    int cp = review_points_cp(json_object_get(d, "points"));
    if (cp < 0) return zf_fail(err, 422, "invalid_points", "deductions", "“%s”的扣分应为大于 0 的整数或半分", name);
    if (!reason || !*reason || !text_utf8_valid(reason, strlen(reason)) || text_utf8_chars(reason) > 500)
        return zf_fail(err, 422, "reason_required", "deductions", "“%s”的扣分须写明理由（不超过 500 字）", name);
    int cap = review_points_cp(json_object_get(sub, "points"));
    if (deducted_on(deductions, standard, json_string_value(json_object_get(sub, "code")), i + 1) > cap)
        return zf_fail(err, 422, "over_points", "deductions", "“%s”累计扣分超过该项分值 %g 分", name, cap / 100.0);
    return ZF_OK;
}

int review_score_sheet(const json_t *standard, const json_t *deductions, ReviewScore *out, ZfError *err)
{
    memset(out, 0, sizeof *out);
    if (deductions && !json_is_array(deductions))
        return zf_fail(err, 422, "invalid_field", "deductions", "扣分应为列表");
    if (json_array_size(deductions) > 200) return zf_fail(err, 422, "invalid_field", "deductions", "扣分不超过 200 项");
    for (size_t i = 0; i < json_array_size(deductions); i++)
        if (check_one(standard, deductions, i, err) != ZF_OK) return ZF_ERR;
    const json_t *item, *sub;
    size_t i, j;
    json_array_foreach(json_object_get(standard, "items"), i, item) {
        json_array_foreach(json_object_get(item, "subitems"), j, sub) {
            const char *code = json_string_value(json_object_get(sub, "code"));
            int cap = review_points_cp(json_object_get(sub, "points"));
            int d = deducted_on(deductions, standard, code, json_array_size(deductions));
            if (d > cap) d = cap;
            out->deducted_cp += d;
            if (d > 0 && json_is_true(json_object_get(sub, "veto")) && !out->veto) {
                out->veto = true;
                out->veto_item = code;
            }
        }
    }
    int total = review_points_cp(json_object_get(standard, "total"));
    out->total_cp = (total > 0 ? total : 100 * 100) - out->deducted_cp;
    if (out->total_cp < 0) out->total_cp = 0;
    return ZF_OK;
}

void review_final(const int *totals_cp, const bool *vetoes, size_t n, int gap_points, ReviewFinal *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0) return;
    long long sum = 0;
    int lo = totals_cp[0], hi = totals_cp[0];
    for (size_t i = 0; i < n; i++) {
        sum += totals_cp[i];
        if (totals_cp[i] < lo) lo = totals_cp[i];
        if (totals_cp[i] > hi) hi = totals_cp[i];
        if (vetoes[i]) out->veto = true;
    }
    out->final_cp = (int)((sum * 2 + (long long)n) / (2 * (long long)n)); /* half up */
    out->gap_cp = hi - lo;
    out->needs_arbitration = out->gap_cp > gap_points * 100;
}
