/* data/laws/NAME.md → laws, law_articles, law_search (see laws_load.h). The file name is the key
 * (a law keeps its id across reloads, so links to ?law=ID stay valid). */
#include "app/laws_load.h"

#include <dirent.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/laws.h"
#include "store/laws.h"
#include "util/datadir.h"

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted names of the *.md files in dir (malloc'd array of malloc'd strings). */
static int list_md(const char *dir, char ***names, size_t *n, ZfError *err)
{
    DIR *d = opendir(dir);
    size_t cap = 16;
    *n = 0;
    if (!d) return zf_fail(err, 500, "laws_dir_missing", NULL, "无法读取法律法规目录 %s", dir);
    *names = malloc(cap * sizeof **names);
    for (struct dirent *e; *names && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 4 || e->d_name[0] == '.' || strcmp(e->d_name + len - 3, ".md") != 0) continue;
        if (*n == cap) {
            char **grown = realloc(*names, (cap *= 2) * sizeof **names);
            if (!grown) break;
            *names = grown;
        }
        if (((*names)[*n] = strdup(e->d_name))) (*n)++;
    }
    closedir(d);
    if (!*names) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    qsort(*names, *n, sizeof **names, by_name);
    return ZF_OK;
}

static void sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int md_len = 0;
    EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL);
    for (unsigned i = 0; i < md_len && i < 32; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
}

/* Loads one file when its hash changed; *changed tells whether it did. */
static int load_file(Store *st, const char *dir, const char *name, int *changed, LawLoadStats *stats, ZfError *err)
{
    char path[4096], hash[65], stored[65];
    char *text;
    size_t len;
    Law law;
    *changed = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (file_read_all(path, &text, &len) != 0)
        return zf_fail(err, 500, "law_unreadable", NULL, "无法读取法律法规文件 %s", path);
    sha256_hex(text, len, hash);
    if (store_law_hash(st, name, stored, err) != ZF_OK) return free(text), ZF_ERR;
    if (strcmp(hash, stored) == 0) {
        free(text);
        stats->unchanged++;
        return ZF_OK;
    }
    int rc = law_parse(text, len, name, &law, err);
    free(text);
    if (rc != ZF_OK) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        return zf_fail(err, err->status, err->code, NULL, "法律法规文件 %s 格式有误：%s", name, why);
    }
    rc = store_law_put(st, name, hash, &law, err);
    stats->articles += (int)law.n_articles;
    law_free(&law);
    if (rc == ZF_OK) stats->loaded++, *changed = 1;
    return rc;
}

int laws_load_dir(Store *st, const char *dir, LawLoadStats *stats, ZfError *err)
{
    char **names;
    size_t n;
    int rc, dirty = 0;
    memset(stats, 0, sizeof *stats);
    if (list_md(dir, &names, &n, err) != ZF_OK) return ZF_ERR;
    stats->files = (int)n;
    rc = store_begin(st, err);
    for (size_t i = 0; i < n && rc == ZF_OK; i++) {
        int changed;
        rc = load_file(st, dir, names[i], &changed, stats, err);
        dirty |= changed;
    }
    if (rc == ZF_OK) rc = store_laws_prune(st, (const char *const *)names, n, &stats->removed, err);
    if (rc == ZF_OK && (dirty || stats->removed)) rc = store_laws_reindex(st, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}
