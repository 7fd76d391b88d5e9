/* Downward sync of the 行政区划 table (docs/sync.md "Code tables"): the additions and renames a level
 * lays over data/regions.tsv go down as one item, checked line by line at every level; a lower level
 * stores them, keeps (marked dropped) a code the upper no longer sends, and relays its live rows. The
 * server reads the merged table at its next start (app_regions_load). */
#include <stdlib.h>
#include <string.h>

#include "app/sync.h"
#include "app/sync_down.h"
#include "domain/regions_overlay.h"
#include "store/region_codes.h"
#include "store/sync.h"
#include "util/datadir.h"

#define REGIONS_KEY "regions"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int base_text(char **text, size_t *len, ZfError *err)
{
    char path[4096];
    const char *data = datadir_get();
    snprintf(path, sizeof path, "%s/regions.tsv", data ? data : "data");
    if (file_read_all(path, text, len) != 0)
        return zf_fail(err, 500, "regions_unreadable", NULL, "无法读取行政区划数据 regions.tsv");
    return ZF_OK;
}

/* The rows as code<TAB>name lines, in code order; only the live ones when live_only. */
static char *rows_text(const json_t *rows, bool live_only, size_t *len)
{
    char *text = NULL;
    FILE *mem = open_memstream(&text, len);
    size_t i;
    json_t *r;
    if (!mem) return NULL;
    json_array_foreach(rows, i, r) {
        if (!live_only || !json_integer_value(json_object_get(r, "dropped")))
            fprintf(mem, "%s\t%s\n", str_of(r, "code"), str_of(r, "name"));
    }
    fclose(mem);
    return text;
}

int app_regions_load(Store *st, Regions **out, ZfError *err)
{
    char *base, *over = NULL;
    size_t base_len, over_len = 0;
    json_t *rows;
    *out = NULL;
    if (base_text(&base, &base_len, err) != ZF_OK) return ZF_ERR;
    int rc = store_region_codes(st, &rows, err);
    if (rc == ZF_OK) {
        over = rows_text(rows, false, &over_len); /* a dropped code stays known here */
        json_decref(rows);
    }
    if (rc == ZF_OK && (!over || regions_parse_with_overlay(base, base_len, over, over_len, out) != 0))
        rc = zf_fail(err, 500, "regions_invalid", NULL, "行政区划数据无法解析");
    free(base);
    free(over);
    return rc;
}

/* The lines are checked against the shipped table before anything is stored. */
static int check(const char *text, size_t len, ZfError *err)
{
    char *base, why[256];
    size_t base_len;
    Regions *shipped;
    if (base_text(&base, &base_len, err) != ZF_OK) return ZF_ERR;
    int parsed = regions_parse(base, base_len, &shipped);
    free(base);
    if (parsed != 0) return zf_fail(err, 500, "regions_invalid", NULL, "行政区划数据无法解析");
    int bad = regions_overlay_check(shipped, text, len, why, sizeof why);
    regions_free(shipped);
    return bad ? zf_fail(err, 400, "invalid_regions", NULL, "%s", why) : ZF_OK;
}

typedef int (*LineFn)(Store *st, const char *code, const char *name, void *ctx, ZfError *err);

/* Each code<TAB>name line of checked text. */
static int each_line(Store *st, const char *text, size_t len, LineFn fn, void *ctx, ZfError *err)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        if (n && p[n - 1] == '\r') n--;
        if (n > 7 && p[0] != '#') {
            char code[7], *name = strndup(p + 7, n - 7);
            memcpy(code, p, 6);
            code[6] = '\0';
            int rc = name ? fn(st, code, name, ctx, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
            free(name);
            if (rc != ZF_OK) return ZF_ERR;
        }
        p = (nl ? nl : end) + 1;
    }
    return ZF_OK;
}

/* Publishes this level's live rows inside the caller's transaction. */
static int publish_live(Store *st, ZfError *err)
{
    json_t *rows;
    size_t len;
    char hash[65];
    int changed;
    if (store_region_codes(st, &rows, err) != ZF_OK) return ZF_ERR;
    char *text = rows_text(rows, true, &len);
    json_decref(rows);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    sync_down_sha256_hex(text, len, hash);
    int rc = store_sync_publish(st, "code_table", REGIONS_KEY, text, hash, &changed, err);
    free(text);
    return rc;
}

typedef struct {
    json_t *before; /* code → {name, from_upper, dropped} */
    json_t *seen;   /* codes the upper sends */
    bool changed;
} Apply;

static int put_upper(Store *st, const char *code, const char *name, void *ctx, ZfError *err)
{
    Apply *a = ctx;
    const json_t *was = json_object_get(a->before, code);
    json_object_set_new(a->seen, code, json_true());
    if (was && strcmp(str_of(was, "name"), name) == 0 && json_integer_value(json_object_get(was, "from_upper")) &&
        !json_integer_value(json_object_get(was, "dropped")))
        return ZF_OK;
    a->changed = true;
    return store_region_code_put(st, code, name, 1, err);
}

/* A live row of this origin (from above, or this level's own) that the new table no longer has:
 * kept, marked dropped, since records may still name the code. */
static int drop_unsent(Store *st, Apply *a, int from_upper, ZfError *err)
{
    const char *code;
    json_t *was;
    json_object_foreach(a->before, code, was) {
        if (json_object_get(a->seen, code) || json_integer_value(json_object_get(was, "from_upper")) != from_upper ||
            json_integer_value(json_object_get(was, "dropped")))
            continue;
        a->changed = true;
        if (store_region_code_drop(st, code, err) != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

static json_t *by_code(json_t *rows)
{
    json_t *map = json_object(), *r;
    size_t i;
    json_array_foreach(rows, i, r) json_object_set(map, str_of(r, "code"), r);
    return map;
}

int sync_down_apply_code_table(Store *st, const char *key, const char *body, const char **change, ZfError *err)
{
    json_t *rows;
    if (strcmp(key, REGIONS_KEY) != 0)
        return zf_fail(err, 400, "unknown_code_table", NULL, "本级不认识上级下发的代码表“%s”", key);
    if (check(body, strlen(body), err) != ZF_OK) return ZF_ERR;
    if (store_region_codes(st, &rows, err) != ZF_OK) return ZF_ERR;
    Apply a = {by_code(rows), json_object(), false};
    json_decref(rows);
    int rc = each_line(st, body, strlen(body), put_upper, &a, err);
    if (rc == ZF_OK) rc = drop_unsent(st, &a, 1, err);
    if (rc == ZF_OK && a.changed) rc = publish_live(st, err); /* relayed to the levels below */
    *change = a.changed ? "changed" : "unchanged";
    json_decref(a.before);
    json_decref(a.seen);
    return rc;
}

static int put_own(Store *st, const char *code, const char *name, void *ctx, ZfError *err)
{
    Apply *a = ctx;
    json_object_set_new(a->seen, code, json_true());
    return store_region_code_put(st, code, name, 0, err);
}

/* The file is this level's whole set of additions and renames: an own row it no longer has is
 * marked dropped, and the levels below mark theirs at the next exchange. */
int app_sync_publish_regions(Store *st, const char *text, size_t len, json_t **out, ZfError *err)
{
    json_t *rows;
    if (check(text, len, err) != ZF_OK) return ZF_ERR;
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_region_codes(st, &rows, err);
    if (rc != ZF_OK) return store_rollback(st), ZF_ERR;
    Apply a = {by_code(rows), json_object(), false};
    json_decref(rows);
    rc = each_line(st, text, len, put_own, &a, err);
    if (rc == ZF_OK) rc = drop_unsent(st, &a, 0, err);
    if (rc == ZF_OK) rc = publish_live(st, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    if (rc == ZF_OK)
        *out = json_pack("{s:s, s:s, s:i}", "kind", "code_table", "key", REGIONS_KEY, "rows", (int)json_object_size(a.seen));
    json_decref(a.before);
    json_decref(a.seen);
    return rc;
}
