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
