/* See assessment.h. The messages name parts and indicators as people wrote them. */
#include "domain/assessment.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

bool assess_points_cp(const json_t *v, long long *cp)
{
    if (!json_is_number(v)) return false;
    double x = json_number_value(v) * 100.0;
    if (!(x >= 0) || x > 1e9 || fabs(x - round(x)) > 1e-6) return false;
    *cp = llround(x);
    return true;
}

json_t *assess_points_json(long long cp)
{
    if (cp % 100 == 0) return json_integer(cp / 100);
    return json_real((double)cp / 100.0);
}

const json_t *assess_indicator(const json_t *indicators, const char *code)
{
    size_t i;
    json_t *x;
    if (!code) return NULL;
    json_array_foreach(indicators, i, x)
        if (str(x, "code") && strcmp(str(x, "code"), code) == 0) return x;
    return NULL;
}

bool assess_indicator_is_leaf(const json_t *indicators, const char *code)
{
    size_t i;
    json_t *x;
    json_array_foreach(indicators, i, x)
        if (str(x, "parent") && strcmp(str(x, "parent"), code) == 0) return false;
    return true;
}

const json_t *assess_indicator_group(const json_t *indicators, const char *code)
{
    const json_t *x = assess_indicator(indicators, code);
    for (int i = 0; x && str(x, "parent") && i < ASSESS_LEVEL_MAX; i++) x = assess_indicator(indicators, str(x, "parent"));
    return x;
}

bool assess_group_reviewer(const json_t *group, const char *user)
{
    const json_t *list = json_object_get(group, "reviewers");
    size_t i;
    json_t *u;
    if (json_array_size(list) == 0) return true;
    json_array_foreach(list, i, u)
        if (user && json_is_string(u) && strcmp(json_string_value(u), user) == 0) return true;
    return false;
}

static const json_t *part_of(const json_t *parts, const char *key)
{
    size_t i;
    json_t *p;
    if (!key) return NULL;
    json_array_foreach(parts, i, p)
        if (str(p, "key") && strcmp(str(p, "key"), key) == 0) return p;
    return NULL;
}

static bool text_ok(const char *s, size_t max) { return s && *s && strlen(s) <= max; }

static int check_parts(const json_t *parts, ZfError *err)
{
    size_t i, j;
    json_t *p;
    long long sum = 0;
    if (!json_is_array(parts) || json_array_size(parts) == 0 || json_array_size(parts) > 10)
        return zf_fail(err, 400, "invalid_param", "parts", "请填写考核的组成部分（1 至 10 个）");
    json_array_foreach(parts, i, p) {
        json_t *w = json_object_get(p, "weight");
        if (!text_ok(str(p, "key"), 32) || strspn(str(p, "key"), "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(str(p, "key")) ||
            !text_ok(str(p, "name"), 60) || !json_is_integer(w) ||
            json_integer_value(w) <= 0 || json_integer_value(w) > 100)
            return zf_fail(err, 400, "invalid_param", "parts", "第 %zu 个组成部分须有标识（小写字母、数字、下划线）、名称和 1 至 100 的权重", i + 1);
        for (j = 0; j < i; j++)
            if (strcmp(str(json_array_get(parts, j), "key"), str(p, "key")) == 0)
                return zf_fail(err, 400, "invalid_param", "parts", "组成部分“%s”重复", str(p, "name"));
        sum += json_integer_value(w);
    }
    if (sum != 100)
        return zf_fail(err, 422, "weights_sum", "parts", "各组成部分的权重之和为 %lld，应为 100", sum);
    return ZF_OK;
}

static int level_of(const json_t *indicators, const json_t *x)
{
    int level = 1;
    for (const json_t *p = x; str(p, "parent") && level <= ASSESS_LEVEL_MAX + 1; level++) {
        p = assess_indicator(indicators, str(p, "parent"));
        if (!p) return -1;
    }
    return level;
}

static bool metric_known(const json_t *metrics, const char *key)
{
    size_t i;
    json_t *m;
    json_array_foreach(metrics, i, m)
        if (key && str(m, "key") && strcmp(str(m, "key"), key) == 0) return true;
    return false;
}

static int check_indicator(const json_t *parts, const json_t *indicators, const json_t *metrics, size_t i,
                           const json_t *x, ZfError *err)
{
    long long cp = 0;
    const char *code = str(x, "code"), *source = str(x, "source"), *parent = str(x, "parent");
    if (!text_ok(code, 32) || !text_ok(str(x, "name"), 200))
        return zf_fail(err, 400, "invalid_param", "indicators", "第 %zu 个指标须有编号和名称", i + 1);
    /* the code names the indicator in URLs (…/fillings/{unit}/{indicator}) */
    if (strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_") != strlen(code))
        return zf_fail(err, 400, "invalid_param", "indicators", "指标编号“%s”只能由字母、数字、点、横线和下划线组成", code);
    for (size_t j = 0; j < i; j++)
        if (strcmp(str(json_array_get(indicators, j), "code"), code) == 0)
            return zf_fail(err, 400, "invalid_param", "indicators", "指标编号“%s”重复", code);
    if (!part_of(parts, str(x, "part")))
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”所属的组成部分不存在", str(x, "name"));
    if (!assess_points_cp(json_object_get(x, "points"), &cp) || cp == 0)
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”的分值须大于 0，最多两位小数", str(x, "name"));
    if (str(x, "standard") && strlen(str(x, "standard")) > 2000)
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”的评分标准过长", str(x, "name"));
    if (!source || (strcmp(source, "manual") != 0 && strcmp(source, "computed") != 0))
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”的评分方式应为人工评分或系统计算", str(x, "name"));
    if (strcmp(source, "computed") == 0 && !metric_known(metrics, str(x, "metric")))
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”须选择一个系统计算口径", str(x, "name"));
    if (parent) {
        const json_t *p = assess_indicator(indicators, parent);
        if (!p || strcmp(parent, code) == 0)
            return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”的上级指标不存在", str(x, "name"));
        if (strcmp(str(p, "part"), str(x, "part")) != 0)
            return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”与上级指标不属于同一组成部分", str(x, "name"));
    }
    const json_t *rv = json_object_get(x, "reviewers");
    if (rv && (!json_is_array(rv) || json_array_size(rv) > 20 || parent))
        return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”：审核人员只能按一级指标分组指定（不超过 20 人）", str(x, "name"));
    for (size_t k = 0; k < json_array_size(rv); k++)
        if (!json_is_string(json_array_get(rv, k)) || strlen(json_string_value(json_array_get(rv, k))) > 32)
            return zf_fail(err, 400, "invalid_param", "indicators", "指标“%s”的审核人员应为用户名", str(x, "name"));
    int level = level_of(indicators, x);
    if (level < 0 || level > ASSESS_LEVEL_MAX)
        return zf_fail(err, 422, "too_deep", "indicators", "指标“%s”超过三级（指标体系最多三级）", str(x, "name"));
    if (strcmp(source, "computed") == 0 && !assess_indicator_is_leaf(indicators, code))
        return zf_fail(err, 400, "invalid_param", "indicators", "系统计算的指标“%s”不能再分下级指标", str(x, "name"));
    return ZF_OK;
}

/* Sum of the points of the indicators whose parent is `parent` (NULL: level 1) within `part`. */
static long long children_cp(const json_t *indicators, const char *part, const char *parent, size_t *n)
{
    size_t i;
    json_t *x;
    long long sum = 0, cp;
    *n = 0;
    json_array_foreach(indicators, i, x) {
        const char *p = str(x, "parent");
        if (strcmp(str(x, "part"), part) != 0 || (parent ? !p || strcmp(p, parent) != 0 : p != NULL)) continue;
        if (assess_points_cp(json_object_get(x, "points"), &cp)) sum += cp;
        (*n)++;
    }
    return sum;
}

static void cp_text(long long cp, char out[32])
{
    if (cp % 100 == 0) snprintf(out, 32, "%lld", cp / 100);
    else snprintf(out, 32, "%lld.%02lld", cp / 100, cp % 100);
}

static int check_sums(const json_t *parts, const json_t *indicators, ZfError *err)
{
    size_t i, n;
    json_t *p, *x;
    char a[32], b[32], field[64];
    long long cp = 0;
    json_array_foreach(parts, i, p) {
        long long sum = children_cp(indicators, str(p, "key"), NULL, &n);
        if (sum != json_integer_value(json_object_get(p, "weight")) * 100) {
            cp_text(sum, a);
            snprintf(field, sizeof field, "parts.%s", str(p, "key"));
            return zf_fail(err, 422, "points_sum", field, "“%s”的一级指标分值之和为 %s，应等于该部分的权重 %lld",
                           str(p, "name"), a, (long long)json_integer_value(json_object_get(p, "weight")));
        }
    }
    json_array_foreach(indicators, i, x) {
        long long sum = children_cp(indicators, str(x, "part"), str(x, "code"), &n);
        assess_points_cp(json_object_get(x, "points"), &cp);
        if (n > 0 && sum != cp) {
            cp_text(sum, a);
            cp_text(cp, b);
            snprintf(field, sizeof field, "indicators.%s", str(x, "code"));
            return zf_fail(err, 422, "points_sum", field, "指标“%s”（%s）的下级指标分值之和为 %s，应等于 %s",
                           str(x, "name"), str(part_of(parts, str(x, "part")), "name"), a, b);
        }
    }
    return ZF_OK;
}

int assess_plan_check(const json_t *parts, const json_t *indicators, const json_t *metrics, ZfError *err)
{
    size_t i;
    json_t *x;
    if (check_parts(parts, err) != ZF_OK) return ZF_ERR;
    if (!json_is_array(indicators) || json_array_size(indicators) == 0 || json_array_size(indicators) > 500)
        return zf_fail(err, 400, "invalid_param", "indicators", "请填写考核指标（1 至 500 个）");
    json_array_foreach(indicators, i, x)
        if (check_indicator(parts, indicators, metrics, i, x, err) != ZF_OK) return ZF_ERR;
    return check_sums(parts, indicators, err);
}

double assess_metric_share(const json_t *metric, double value)
{
    size_t i;
    json_t *t;
    bool lower = str(metric, "better") && strcmp(str(metric, "better"), "lower") == 0;
    json_array_foreach(json_object_get(metric, "thresholds"), i, t) {
        double bound = json_number_value(json_object_get(t, lower ? "max" : "min"));
        if (lower ? value <= bound + 1e-9 : value >= bound - 1e-9) return json_number_value(json_object_get(t, "share"));
    }
    return 0;
}

void assess_competition_ranks(const long long *totals_desc, size_t n, int *ranks)
{
    for (size_t i = 0; i < n; i++)
        ranks[i] = (i > 0 && totals_desc[i] == totals_desc[i - 1]) ? ranks[i - 1] : (int)i + 1;
}
