/* Shared plumbing of the CLI verbs: usage errors, opening the store, loading the calendar. */
#include "cmd/cmd.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/seal.h"
#include "util/datadir.h"
#include "util/fileio.h"

int cmd_usage_error(const Command *c, const char *fmt, ...)
{
    va_list ap;
    fputs("zhifa: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n\n%s", c->usage);
    return EXIT_USAGE;
}

static Flag *find_flag(Flag *flags, const char *name)
{
    for (; flags && flags->name; flags++)
        if (strcmp(flags->name, name) == 0) return flags;
    return NULL;
}

int cmd_parse_flags(const Command *c, int argc, char **argv, Flag *flags, const char **positional,
                    int max_positional)
{
    int n_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] != '\0') {
            if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                fputs(c->usage, stdout);
                exit(0);
            }
            Flag *f = find_flag(flags, a);
            if (!f) return cmd_usage_error(c, "未知选项 %s", a);
            if (f->set) *f->set = 1;
            if (f->value) {
                if (i + 1 >= argc) return cmd_usage_error(c, "选项 %s 需要一个值", a);
                *f->value = argv[++i];
            }
        } else {
            if (n_pos >= max_positional) return cmd_usage_error(c, "多余的参数 %s", a);
            positional[n_pos++] = a;
        }
    }
    return ZF_OK;
}

int cmd_open_store(const GlobalOpts *g, StoreOpenMode mode, Store **out)
{
    ZfError err;
    app_seal_use_database(g->db_path); /* the seal's keys live beside the database */
    if (store_open(g->db_path, mode, out, &err) == ZF_OK) {
        if (app_case_log_backfill(*out, &err) == ZF_OK) return ZF_OK; /* a database older than migration 018 */
        store_close(*out);
        *out = NULL;
    }
    fprintf(stderr, "zhifa: %s\n", err.message);
    return ZF_ERR;
}

static int is_year_file(const char *name)
{
    size_t n = strlen(name);
    return n == 9 && strcmp(name + 4, ".json") == 0 && strspn(name, "0123456789") == 4;
}

static int load_year(Calendar *cal, const char *dir, const char *name)
{
    char path[8192];
    char *text;
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (file_read_all(path, &text, &len) != 0) return ZF_ERR;
    int rc = calendar_load_json(cal, text, len);
    free(text);
    return rc;
}

int cmd_load_regions(Regions **out)
{
    char path[4096], *text;
    size_t len;
    const char *data = datadir_get();
    *out = NULL;
    snprintf(path, sizeof path, "%s/regions.tsv", data ? data : "data");
    if (file_read_all(path, &text, &len) != 0) return ZF_ERR;
    if (regions_parse(text, len, out) != 0) *out = NULL;
    free(text);
    return *out ? ZF_OK : ZF_ERR;
}

int cmd_load_calendar(Calendar **out)
{
    const char *data = datadir_get();
    char dir[4096];
    if (!data) {
        fputs("zhifa: 找不到数据目录（data/holidays），请用 --data DIR 或环境变量 ZHIFA_DATA 指定\n", stderr);
        return ZF_ERR;
    }
    snprintf(dir, sizeof dir, "%s/holidays", data);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "zhifa: 无法读取节假日目录 %s\n", dir);
        return ZF_ERR;
    }
    Calendar *cal = calendar_new();
    struct dirent *e;
    int rc = cal ? ZF_OK : ZF_ERR;
    while (rc == ZF_OK && (e = readdir(d)))
        if (is_year_file(e->d_name) && (rc = load_year(cal, dir, e->d_name)) != ZF_OK)
            fprintf(stderr, "zhifa: 节假日文件 %s/%s 格式错误\n", dir, e->d_name);
    closedir(d);
    if (rc != ZF_OK) {
        calendar_free(cal);
        return ZF_ERR;
    }
    *out = cal;
    return ZF_OK;
}
