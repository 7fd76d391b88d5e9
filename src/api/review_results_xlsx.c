/* GET /api/v1/reviews/plans/{id}/results.xlsx: the 评查结果通报 workbook — the same results as
 * …/results (app/reviews_results.c), in three sheets: by file, by agency, by item. Names, not codes. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "api/reviews.h"
#include "app/reviews.h"
#include "http/auth.h"
#include "http/response.h"
#include "util/xlsx_write.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* Cells of a sheet as malloc'd strings, freed together. */
typedef struct {
    char **cells;
    int ncols, nrows, cap;
} Grid;

static char *dup_json(const json_t *v)
{
    char buf[64];
    if (json_is_string(v)) return strdup(json_string_value(v));
    if (json_is_integer(v)) snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) snprintf(buf, sizeof buf, "%g", json_real_value(v));
    else if (json_is_true(v)) snprintf(buf, sizeof buf, "是");
    else buf[0] = '\0';
    return strdup(buf);
}

static int grid_new(Grid *g, int ncols, size_t rows)
{
    g->ncols = ncols;
    g->nrows = 0;
    g->cap = (int)rows * ncols;
    g->cells = calloc(rows * (size_t)ncols + 1, sizeof *g->cells);
    return g->cells ? 0 : -1;
}

static void grid_row(Grid *g, char **values)
{
    for (int c = 0; c < g->ncols; c++) g->cells[g->nrows * g->ncols + c] = values[c];
    g->nrows++;
}

static void grid_free(Grid *g)
{
    for (int i = 0; i < g->nrows * g->ncols; i++) free(g->cells[i]);
    free(g->cells);
}

static char *deductions_text(const json_t *deductions)
{
    size_t cap = 8192, len = 0;
    char *out = calloc(1, cap);
    json_t *d;
    size_t i;
    json_array_foreach(deductions, i, d) {
        if (!out || len + 700 >= cap) break;
        len += (size_t)snprintf(out + len, cap - len, "%s%s −%g：%s", i ? "\n" : "", str(d, "item"),
                                json_number_value(json_object_get(d, "points")), str(d, "reason") ? str(d, "reason") : "");
    }
    return out;
}

static void fill_files(Grid *g, const json_t *files)
{
    char *head[] = {strdup("案卷号"), strdup("执法主体"), strdup("得分"), strdup("等次"), strdup("一票否决"), strdup("扣分情况")};
    grid_row(g, head);
    json_t *f;
    size_t i;
    json_array_foreach(files, i, f) {
        char *row[] = {dup_json(json_object_get(f, "case_no")), dup_json(json_object_get(f, "agency_name")),
                       dup_json(json_object_get(f, "total")), dup_json(json_object_get(f, "grade_name")),
                       strdup(json_is_true(json_object_get(f, "veto")) ? "是" : ""), deductions_text(json_object_get(f, "deductions"))};
        grid_row(g, row);
    }
}

static void fill_agencies(Grid *g, const json_t *agencies, const ReviewBands *bands)
{
    char *head[9] = {strdup("执法主体"), strdup("评查案卷数"), strdup("平均分")};
    int c = 3;
    for (size_t b = 0; b < bands->n && c < 8; b++) head[c++] = strdup(bands->band[b].name);
    head[c++] = strdup("不合格案卷");
    g->ncols = c;
    grid_row(g, head);
    json_t *a;
    size_t i;
    json_array_foreach(agencies, i, a) {
        char *row[9] = {dup_json(json_object_get(a, "agency_name")), dup_json(json_object_get(a, "files")),
                        json_is_true(json_object_get(a, "zero_files")) ? strdup("零案卷") : dup_json(json_object_get(a, "average"))};
        int k = 3;
        for (size_t b = 0; b < bands->n && k < 8; b++)
            row[k++] = dup_json(json_object_get(json_object_get(a, "distribution"), bands->band[b].grade));
        char *failing = calloc(1, 4096);
        json_t *cn;
        size_t j;
        json_array_foreach(json_object_get(a, "failing"), j, cn) if (failing && strlen(failing) + 200 < 4096) {
            if (j) strcat(failing, "、");
            strncat(failing, json_string_value(cn), 190);
        }
        row[k++] = failing;
        grid_row(g, row);
    }
}

static void fill_items(Grid *g, const json_t *items)
{
    char *head[] = {strdup("评查项目"), strdup("累计扣分"), strdup("扣分案卷数")};
    grid_row(g, head);
    json_t *it;
    size_t i;
    json_array_foreach(items, i, it) {
        char *row[] = {dup_json(json_object_get(it, "name")), dup_json(json_object_get(it, "points_lost")),
                       dup_json(json_object_get(it, "files"))};
        grid_row(g, row);
    }
}

static int reply_workbook(HttpRequest *req, const json_t *r, long long id)
{
    ReviewBands bands;
    review_bands(req->store, &bands);
    Grid files, agencies, items;
    size_t nf = json_array_size(json_object_get(r, "files")) + 1, na = json_array_size(json_object_get(r, "agencies")) + 1,
           ni = json_array_size(json_object_get(r, "items")) + 1;
    if (grid_new(&files, 6, nf) || grid_new(&agencies, 9, na) || grid_new(&items, 3, ni))
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    fill_files(&files, json_object_get(r, "files"));
    fill_agencies(&agencies, json_object_get(r, "agencies"), &bands);
    fill_items(&items, json_object_get(r, "items"));
    static const XlsxColumn FILE_COLS[] = {{28, true, NULL}, {30, false, NULL}, {8, false, NULL}, {8, false, NULL}, {8, false, NULL}, {80, false, NULL}};
    static const XlsxColumn AG_COLS[] = {{30, false, NULL}, {10, false, NULL}, {8, false, NULL}, {8, false, NULL}, {8, false, NULL},
                                         {8, false, NULL}, {8, false, NULL}, {8, false, NULL}, {40, false, NULL}};
    static const XlsxColumn ITEM_COLS[] = {{24, false, NULL}, {10, false, NULL}, {10, false, NULL}};
    XlsxStyle *styles[3];
    Grid *grids[3] = {&files, &agencies, &items};
    for (int s = 0; s < 3; s++) {
        styles[s] = calloc((size_t)grids[s]->nrows + 1, sizeof **styles);
        if (styles[s]) styles[s][0] = XLSX_STYLE_HEADER;
    }
    XlsxSheet sheets[3] = {
        {"按案卷", files.ncols, FILE_COLS, files.nrows, (const char *const *)files.cells, styles[0], 1, 2, NULL},
        {"按执法主体", agencies.ncols, AG_COLS, agencies.nrows, (const char *const *)agencies.cells, styles[1], 1, 2, NULL},
        {"按评查项目", items.ncols, ITEM_COLS, items.nrows, (const char *const *)items.cells, styles[2], 1, 2, NULL},
    };
    void *buf = NULL;
    size_t len = 0;
    ZfError err;
    int rc = xlsx_write(sheets, 3, &buf, &len, &err);
    grid_free(&files), grid_free(&agencies), grid_free(&items);
    for (int s = 0; s < 3; s++) free(styles[s]);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!resp) return free(buf), http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    char name[160], fallback[48];
    snprintf(name, sizeof name, "评查结果通报-%.120s.xlsx", str(r, "name") ? str(r, "name") : "");
    snprintf(fallback, sizeof fallback, "review-results-%lld.xlsx", id);
    MHD_add_response_header(resp, "Content-Type", XLSX_MIME);
    http_add_disposition(resp, fallback, name);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}

int api_review_plan_results_xlsx(HttpRequest *req)
{
    long long id;
    json_t *r;
    ZfError err;
    if (param_path_id(req, "id", "评查方案不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_review_plan_results(&cx, id, &r, &err) != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "review_results_export", http_param(req, "id"), "ok", "");
    int rc = reply_workbook(req, r, id);
    json_decref(r);
    return rc;
}
