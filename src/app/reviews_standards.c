/* The 评查标准 (score sheets as data): data/review_standards/NAME.json loaded into the store at
 * init — the server reads them from there, never from data/ — and read back for the pages. */
#include "app/reviews.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/review_score.h"
#include "store/reviews.h"
#include "util/datadir.h"
#include "util/secret.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* A standard's shape: items with points, sub-items with points, deductions within them; the
 * items' points add up to the total (so a sheet can never go below zero by the book). */
static int check_standard(const json_t *s, const char *file, ZfError *err)
{
    const json_t *item, *sub;
    size_t i, j;
    int sum = 0, total = review_points_cp(json_object_get(s, "total"));
    if (!str(s, "code") || !str(s, "name") || total < 0 || !json_is_array(json_object_get(s, "items")))
        return zf_fail(err, 500, "standard_invalid", NULL, "评查标准 %s 缺少代码、名称、总分或评查项目", file);
    json_array_foreach(json_object_get(s, "items"), i, item) {
        int items_cp = review_points_cp(json_object_get(item, "points")), subs = 0;
        json_array_foreach(json_object_get(item, "subitems"), j, sub) subs += review_points_cp(json_object_get(sub, "points"));
        if (items_cp < 0 || subs != items_cp)
            return zf_fail(err, 500, "standard_invalid", NULL, "评查标准 %s 的“%s”分值与其子项之和不符", file,
                           str(item, "name") ? str(item, "name") : "?");
        sum += items_cp;
    }
    if (sum != total) return zf_fail(err, 500, "standard_invalid", NULL, "评查标准 %s 各项分值之和不等于总分", file);
    return ZF_OK;
}

static int load_one(Store *st, const char *dir, const char *name, ReviewStandardLoadStats *stats, ZfError *err)
{
    char path[4096], hash[65];
    char *text;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (file_read_all(path, &text, &len) != 0) return zf_fail(err, 500, "standard_unreadable", NULL, "无法读取评查标准 %s", path);
    sha256_hex(text, hash);
    json_t *s = json_loads(text, 0, NULL), *old = NULL;
    free(text);
    if (!s) return zf_fail(err, 500, "standard_invalid", NULL, "评查标准 %s 不是有效的 JSON", name);
    int rc = check_standard(s, name, err);
    ZfError none;
    if (rc == ZF_OK && store_review_standard_get(st, str(s, "code"), &old, &none) == ZF_OK && str(old, "sha256") &&
        strcmp(str(old, "sha256"), hash) == 0) {
        stats->unchanged++;
    } else if (rc == ZF_OK) {
        char *body = json_dumps(s, JSON_COMPACT);
        rc = body ? store_review_standard_put(st, str(s, "code"), str(s, "name"), body, hash, true, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        free(body);
        stats->loaded++;
    }
    json_decref(old);
    json_decref(s);
    return rc;
}

int app_review_standards_load_dir(Store *st, const char *dir, ReviewStandardLoadStats *stats, ZfError *err)
{
    memset(stats, 0, sizeof *stats);
    DIR *d = opendir(dir);
    if (!d) return zf_fail(err, 500, "standards_dir_missing", NULL, "无法读取评查标准目录 %s", dir);
    if (store_begin(st, err) != ZF_OK) return closedir(d), ZF_ERR;
    int rc = ZF_OK;
    for (struct dirent *e; rc == ZF_OK && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".json") != 0) continue;
        stats->files++;
        rc = load_one(st, dir, e->d_name, stats, err);
    }
    closedir(d);
    if (rc == ZF_OK) return store_commit(st, err);
    store_rollback(st);
    return ZF_ERR;
}

/* ---- a supervisor's copy ---- */

static int check_text(const json_t *o, const char *key, const char *what, size_t max, ZfError *err)
{
    const char *v = str(o, key);
    if (!v || !*v || !text_utf8_valid(v, strlen(v)) || text_utf8_chars(v) > max)
        return zf_fail(err, 400, "invalid_field", "body", "%s应为不超过 %zu 字的文字", what, max);
    return ZF_OK;
}

/* The codes of a copy are its own: items "x", sub-items "x.N", deductions "x.N.a" — each once. */
static int check_codes(const json_t *s, ZfError *err)
{
    json_t *seen = json_object(), *item, *sub, *d;
    size_t i, j, k;
    int rc = ZF_OK;
#define ONCE(o)                                                                                                       \
    do {                                                                                                              \
        const char *c = str(o, "code");                                                                               \
        if (rc == ZF_OK && (!c || !*c || strlen(c) > 40 || strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789._") != strlen(c) || \
                            json_object_get(seen, c)))                                                               \
            rc = zf_fail(err, 400, "invalid_field", "body", "评查项目代码“%s”有误或重复（小写字母、数字、点）", c ? c : ""); \
        else if (rc == ZF_OK) json_object_set_new(seen, c, json_true());                                              \
    } while (0)
    json_array_foreach(json_object_get(s, "items"), i, item) {
        ONCE(item);
        if (rc == ZF_OK) rc = check_text(item, "name", "评查项目名称", 60, err);
        json_array_foreach(json_object_get(item, "subitems"), j, sub) {
            ONCE(sub);
            if (rc == ZF_OK) rc = check_text(sub, "name", "评查子项名称", 100, err);
            if (rc == ZF_OK && json_object_get(sub, "veto") && !json_is_boolean(json_object_get(sub, "veto")))
                rc = zf_fail(err, 400, "invalid_field", "body", "一票否决应为 true 或 false");
            json_array_foreach(json_object_get(sub, "deductions"), k, d) {
                ONCE(d);
                if (rc == ZF_OK) rc = check_text(d, "text", "扣分情形", 200, err);
                int p = review_points_cp(json_object_get(d, "points"));
                if (rc == ZF_OK && (p < 0 || p > review_points_cp(json_object_get(sub, "points"))))
                    rc = zf_fail(err, 400, "invalid_field", "body", "扣分情形“%s”的分值应为不超过子项分值的整分或半分", str(d, "code"));
            }
        }
    }
#undef ONCE
    json_decref(seen);
    return rc;
}

typedef struct {
    const char *from, *code, *name;
    const json_t *body;
} StandardArgs;

static int copy_fn(const AppContext *cx, void *arg, ZfError *err)
{
    StandardArgs *a = arg;
    json_t *src = NULL, *old = NULL;
    ZfError none;
    if (store_review_standard_get(cx->store, a->code, &old, &none) == ZF_OK) {
        json_decref(old);
        return zf_fail(err, 409, "standard_exists", "code", "评查标准代码 %s 已存在", a->code);
    }
    if (store_review_standard_get(cx->store, a->from, &src, err) != ZF_OK) return ZF_ERR;
    json_t *body = json_deep_copy(json_object_get(src, "body"));
    json_object_set_new(body, "code", json_string(a->code));
    json_object_set_new(body, "name", json_string(a->name));
    json_object_set_new(body, "copied_from", json_string(a->from));
    char *text = json_dumps(body, JSON_COMPACT);
    int rc = text ? store_review_standard_put(cx->store, a->code, a->name, text, "", false, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    json_decref(body);
    json_decref(src);
    return rc;
}

static int check_new_code(const char *code, const char *name, ZfError *err)
{
    if (!code || strlen(code) < 2 || strlen(code) > 40 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code))
        return zf_fail(err, 400, "invalid_field", "code", "评查标准代码应为 2 至 40 个小写字母、数字或下划线");
    if (!name || text_blank(name) || !text_utf8_valid(name, strlen(name)) || text_utf8_chars(name) > 60)
        return zf_fail(err, 400, "invalid_field", "name", "请填写评查标准名称（不超过 60 字）");
    return ZF_OK;
}

int app_review_standard_copy(const AppContext *cx, const char *from, const char *code, const char *name, json_t **out,
                             ZfError *err)
{
    if (check_new_code(code, name, err) != ZF_OK) return ZF_ERR;
    if (!from || strlen(from) > 40) return zf_fail(err, 400, "invalid_field", "from", "请选择要复制的评查标准");
    StandardArgs a = {from, code, name, NULL};
    if (review_in_tx(cx, copy_fn, &a, err) != ZF_OK) return ZF_ERR;
    return app_review_standard(cx, code, out, err);
}

/* Is the standard the one of a plan? Its sheets would change under the reviewers' feet. */
static bool standard_in_use(Store *st, const char *code)
{
    json_t *plans, *p;
    size_t i;
    ZfError err;
    bool used = false;
    if (store_review_rows(st, REVIEW_PLAN, NULL, &plans, &err) != ZF_OK) return true;
    json_array_foreach(plans, i, p) used = used || strcmp(str(json_object_get(p, "body"), "standard"), code) == 0;
    json_decref(plans);
    return used;
}

static int edit_fn(const AppContext *cx, void *arg, ZfError *err)
{
    StandardArgs *a = arg;
    json_t *old;
    if (store_review_standard_get(cx->store, a->code, &old, err) != ZF_OK) return ZF_ERR;
    int rc = json_is_true(json_object_get(old, "shipped"))
                 ? zf_fail(err, 409, "standard_shipped", NULL, "随系统发布的评查标准不能修改，请复制后修改副本")
                 : ZF_OK;
    if (rc == ZF_OK && standard_in_use(cx->store, a->code))
        rc = zf_fail(err, 409, "standard_in_use", NULL, "该评查标准已被评查方案使用，不能再修改");
    json_t *body = json_deep_copy(a->body);
    json_object_set_new(body, "code", json_string(a->code));
    if (json_object_get(json_object_get(old, "body"), "copied_from"))
        json_object_set(body, "copied_from", json_object_get(json_object_get(old, "body"), "copied_from"));
    if (rc == ZF_OK) rc = check_text(body, "name", "评查标准名称", 60, err);
    if (rc == ZF_OK) rc = check_standard(body, a->code, err);
    if (rc == ZF_OK) rc = check_codes(body, err);
    if (rc != ZF_OK && err->status == 500) err->status = 400; /* the shape check speaks of shipped files */
    char *text = rc == ZF_OK ? json_dumps(body, JSON_COMPACT) : NULL;
    if (rc == ZF_OK)
        rc = text ? store_review_standard_put(cx->store, a->code, str(body, "name"), text, "", false, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    json_decref(body);
    json_decref(old);
    return rc;
}

int app_review_standard_edit(const AppContext *cx, const char *code, const json_t *body, json_t **out, ZfError *err)
{
    if (!json_is_object(body) || !json_is_array(json_object_get(body, "items")) || json_array_size(json_object_get(body, "items")) > 50)
        return zf_fail(err, 400, "invalid_field", "body", "评查标准应包含评查项目列表（不超过 50 项）");
    if (!code || strlen(code) > 40) return zf_fail(err, 404, "not_found", NULL, "评查标准不存在");
    StandardArgs a = {NULL, code, NULL, body};
    if (review_in_tx(cx, edit_fn, &a, err) != ZF_OK) return ZF_ERR;
    return app_review_standard(cx, code, out, err);
}

int app_review_standards(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *items;
    if (store_review_standards(cx->store, &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

int app_review_standard(const AppContext *cx, const char *code, json_t **out, ZfError *err)
{
    json_t *row;
    if (store_review_standard_get(cx->store, code, &row, err) != ZF_OK) return ZF_ERR;
    *out = json_deep_copy(json_object_get(row, "body"));
    json_object_set(*out, "shipped", json_object_get(row, "shipped"));
    json_object_set(*out, "updated_at", json_object_get(row, "updated_at"));
    json_decref(row);
    return ZF_OK;
}
