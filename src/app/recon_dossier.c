/* See recon_dossier.h. The zip is built in memory (util/zipstream.c onto a growing buffer): a
 * reconsideration's files are a handful of PDFs and the materials the upload limits allow. */
#include "app/recon_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/recon_documents.h"
#include "app/recon_dossier_proof.h"
#include "app/reconsideration.h"
#include "ledger/ledger.h"
#include "store/documents.h"
#include "util/datadir.h"
#include "util/xlsx_write.h"
#include "util/zipstream.h"

#define CATALOGUE_COLS 8

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

typedef struct {
    unsigned char *buf;
    size_t len, cap;
} Buffer;

static int sink(void *ctx, const void *data, size_t len)
{
    Buffer *b = ctx;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + len) cap *= 2;
        unsigned char *grown = realloc(b->buf, cap);
        if (!grown) return 1;
        b->buf = grown, b->cap = cap;
    }
    memcpy(b->buf + b->len, data, len);
    b->len += len;
    return 0;
}

/* One line of the 卷内目录: what the zip holds, in stage order, with its SM3. */
typedef struct {
    json_t *rows; /* [[序号, 类别, 名称, 文号或提交人, 日期, 文件, 字节, SM3]] */
} Catalogue;

static void catalogue_add(Catalogue *c, const char *kind, const char *name, const char *by, const char *on,
                          const char *file, long long bytes, const char *sm3)
{
    char n[16], size[24];
    snprintf(n, sizeof n, "%zu", json_array_size(c->rows) + 1);
    snprintf(size, sizeof size, "%lld", bytes);
    json_array_append_new(c->rows, json_pack("[s, s, s, s, s, s, s, s]", n, kind, name ? name : "", by ? by : "",
                                             on ? on : "", file, size, sm3 ? sm3 : ""));
}

/* A file of the file store under its SM3 into the zip as `entry`. */
static int add_stored(const AppContext *cx, ZipStream *z, const char *sm3, const char *entry, ZfError *err)
{
    char path[4200], *data;
    size_t len;
    if (!sm3 || !store_db_path(cx->store)) return zf_fail(err, 500, "internal", NULL, "文件位置未知");
    ledger_attachment_path(store_db_path(cx->store), sm3, path, sizeof path);
    if (file_read_all(path, &data, &len) != 0)
        return zf_fail(err, 500, "attachment_missing", NULL, "卷宗文件缺失，请运行 zhifa verify 检查存证");
    int rc = zipstream_add(z, entry, data, len, err);
    free(data);
    return rc;
}

/* "name" without the characters a zip path must not carry. */
static void safe_name(const char *in, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = in ? in : ""; *p && o + 1 < size; p++)
        out[o++] = (*p == '/' || *p == '\\' || *p == ':' || (unsigned char)*p < 0x20) ? '_' : *p;
    out[o] = '\0';
}

static int add_documents(const AppContext *cx, ZipStream *z, long long id, Catalogue *c, ZfError *err)
{
    json_t *items, *d;
    size_t i;
    char entry[600], name[300];
    if (app_recon_documents(cx, id, &items, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(items, i, d) {
        safe_name(str(d, "kind_name"), name, sizeof name);
        snprintf(entry, sizeof entry, "文书/%02zu-%s-v%lld.pdf", i + 1, name,
                 (long long)json_integer_value(json_object_get(d, "version")));
        if ((rc = add_stored(cx, z, str(d, "sm3"), entry, err)) != ZF_OK) break;
        catalogue_add(c, "文书", str(d, "kind_name"), str(d, "doc_no"), str(d, "issued_at"), entry,
                      json_integer_value(json_object_get(d, "bytes")), str(d, "sm3"));
    }
    json_decref(items);
    return rc;
}

static int add_materials(const AppContext *cx, ZipStream *z, const json_t *record, Catalogue *c, ZfError *err)
{
    json_t *a;
    size_t i;
    char entry[600], name[300];
    json_array_foreach(json_object_get(json_object_get(record, "body"), "attachments"), i, a) {
        bool evidence = str(a, "purpose") && strcmp(str(a, "purpose"), "evidence") == 0;
        safe_name(str(a, "name"), name, sizeof name);
        snprintf(entry, sizeof entry, "%s/%02zu-%s", evidence ? "证据" : "材料", i + 1, name);
        if (add_stored(cx, z, str(a, "sm3"), entry, err) != ZF_OK) return ZF_ERR;
        catalogue_add(c, evidence ? "被申请人证据" : "申请材料", str(a, "name"), str(a, "uploaded_by"),
                      str(a, "uploaded_at"), entry, json_integer_value(json_object_get(a, "size")), str(a, "sm3"));
    }
    return ZF_OK;
}

/* The sheets' cells: a header row then the rows, row-major. */
static const char **cells_of(const char *const *header, int ncols, const json_t *rows)
{
    size_t n = json_array_size(rows) + 1, i;
    const char **cells = calloc(n * (size_t)ncols, sizeof *cells);
    json_t *r;
    if (!cells) return NULL;
    for (int k = 0; k < ncols; k++) cells[k] = header[k];
    json_array_foreach(rows, i, r)
        for (int k = 0; k < ncols; k++) cells[(i + 1) * (size_t)ncols + (size_t)k] = json_string_value(json_array_get(r, (size_t)k));
    return cells;
}

static json_t *timeline_rows(const json_t *record)
{
    json_t *rows = json_array(), *t;
    size_t i;
    json_array_foreach(json_object_get(record, "timeline"), i, t)
        json_array_append_new(rows, json_pack("[s, s, s, s, s]", str(t, "on") ?: "", str(t, "action_name") ?: "",
                                              str(t, "user") ?: "", str(t, "note") ?: "", str(t, "time") ?: ""));
    return rows;
}

static int add_catalogue(ZipStream *z, const json_t *record, const Catalogue *c, ZfError *err)
{
    static const char *const HEAD[CATALOGUE_COLS] = {"序号", "类别", "名称", "文号或提交人", "日期", "卷内文件", "字节", "SM3 摘要"};
    static const char *const THEAD[5] = {"日期", "步骤", "办理人", "说明", "记录时间"};
    static const XlsxColumn COLS[CATALOGUE_COLS] = {{6, true, NULL},  {14, true, NULL}, {28, true, NULL}, {26, true, NULL},
                                                    {22, true, NULL}, {36, true, NULL}, {10, true, NULL}, {68, true, NULL}};
    static const XlsxColumn TCOLS[5] = {{12, true, NULL}, {16, true, NULL}, {16, true, NULL}, {60, true, NULL}, {22, true, NULL}};
    json_t *trows = timeline_rows(record);
    const char **cells = cells_of(HEAD, CATALOGUE_COLS, c->rows), **tcells = cells_of(THEAD, 5, trows);
    void *xlsx = NULL;
    size_t len = 0;
    int rc = cells && tcells ? ZF_OK : zf_fail(err, 500, "internal", NULL, "内存不足");
    if (rc == ZF_OK) {
        XlsxSheet sheets[2] = {
            {"卷内目录", CATALOGUE_COLS, COLS, (int)json_array_size(c->rows) + 1, cells, NULL, 1, 0, NULL},
            {"办理过程", 5, TCOLS, (int)json_array_size(trows) + 1, tcells, NULL, 1, 0, NULL}};
        rc = xlsx_write(sheets, 2, &xlsx, &len, err);
    }
    if (rc == ZF_OK) rc = zipstream_add(z, "00-卷内目录.xlsx", xlsx, len, err);
    free(xlsx);
    free(cells);
    free(tcells);
    json_decref(trows);
    return rc;
}

static int add_record(ZipStream *z, const json_t *record, ZfError *err)
{
    char *tl = json_dumps(json_object_get(record, "timeline"), JSON_INDENT(1));
    int rc = tl ? zipstream_add(z, "办理过程.json", tl, strlen(tl), err) : zf_fail(err, 500, "internal", NULL, "内存不足");
    free(tl);
    return rc;
}

/* [[sm3, entry]] of the catalogue's files, for the verify script. */
static json_t *sums_of(const Catalogue *c)
{
    json_t *sums = json_array(), *r;
    size_t i;
    json_array_foreach(c->rows, i, r) json_array_append_new(sums, json_pack("[O, O]", json_array_get(r, 7), json_array_get(r, 5)));
    return sums;
}

static int build(const AppContext *cx, long long id, const json_t *record, ZipStream *z, ZfError *err)
{
    Catalogue c = {json_array()};
    int rc = add_documents(cx, z, id, &c, err);
    if (rc == ZF_OK) rc = add_materials(cx, z, record, &c, err);
    if (rc == ZF_OK) rc = add_record(z, record, err);
    if (rc == ZF_OK) rc = add_catalogue(z, record, &c, err);
    if (rc == ZF_OK) {
        json_t *sums = sums_of(&c);
        rc = recon_dossier_add_proof(cx, id, sums, z, err);
        json_decref(sums);
    }
    if (rc == ZF_OK) rc = zipstream_finish(z, err);
    json_decref(c.rows);
    return rc;
}

int app_recon_dossier(const AppContext *cx, long long id, void **zip, size_t *len, char *case_no, size_t case_no_size,
                      ZfError *err)
{
    json_t *record;
    if (app_recon_get(cx, id, &record, err) != ZF_OK) return ZF_ERR;
    if (cx->user && cx->scope.kind != SCOPE_REGION) {
        json_decref(record);
        return zf_fail(err, 403, "forbidden", NULL, "电子卷宗由行政复议机构导出");
    }
    snprintf(case_no, case_no_size, "%s", str(record, "case_no") ? str(record, "case_no") : "");
    Buffer b = {0};
    ZipStream *z = zipstream_new(sink, &b);
    int rc = z ? build(cx, id, record, z, err) : zf_fail(err, 500, "internal", NULL, "内存不足");
    zipstream_free(z);
    json_decref(record);
    if (rc != ZF_OK) return free(b.buf), ZF_ERR;
    *zip = b.buf;
    *len = b.len;
    return ZF_OK;
}
