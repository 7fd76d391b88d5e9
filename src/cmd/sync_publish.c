/* zhifa sync publish: an upper level publishes a law text, its 权责清单/裁量基准 or its rule
 * configuration for the levels below (docs/sync.md "Downward"); they get it at their next push. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync.h"
#include "cmd/cmd.h"
#include "cmd/read_file.h"
#include "cmd/sync_publish.h"

static void print_json(json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT);
    if (text) puts(text);
    free(text);
}

static int publish_law(Store *st, const char *path)
{
    size_t len;
    ZfError err;
    json_t *out;
    char *text = (char *)cmd_read_file(path, 16 << 20, &len);
    if (!text) return fprintf(stderr, "zhifa: 无法读取文件 %s\n", path), 1;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int rc = app_sync_publish_law(st, name, text, len, &out, &err);
    free(text);
    if (rc != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), 1;
    print_json(out);
    json_decref(out);
    return 0;
}

static int publish_records(Store *st, const char *path)
{
    FILE *in = fopen(path, "rb");
    ZfError err;
    json_t *out;
    if (!in) return fprintf(stderr, "zhifa: 无法读取文件 %s\n", path), 1;
    int rc = app_sync_publish_records(st, in, &out, &err);
    fclose(in);
    if (rc != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), 1;
    size_t refused = json_array_size(json_object_get(out, "errors"));
    print_json(out);
    json_decref(out);
    return refused ? 1 : 0;
}

static int publish_rule_config(Store *st)
{
    ZfError err;
    json_t *out;
    if (app_sync_publish_rule_config(st, &out, &err) != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), 1;
    print_json(out);
    json_decref(out);
    return 0;
}

static int publish_regions(Store *st, const char *path)
{
    size_t len;
    ZfError err;
    json_t *out;
    char *text = (char *)cmd_read_file(path, 4 << 20, &len);
    if (!text) return fprintf(stderr, "zhifa: 无法读取文件 %s\n", path), 1;
    int rc = app_sync_publish_regions(st, text, len, &out, &err);
    free(text);
    if (rc != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), 1;
    print_json(out);
    json_decref(out);
    return 0;
}

/* Called by cmd/sync.c for `sync publish --law FILE | --records FILE | --rule-config | --regions FILE`. */
int cmd_sync_publish(const GlobalOpts *g, const PublishWhat *w)
{
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = w->law           ? publish_law(st, w->law)
             : w->rule_config ? publish_rule_config(st)
             : w->regions     ? publish_regions(st, w->regions)
                              : publish_records(st, w->records);
    store_close(st);
    return rc;
}
