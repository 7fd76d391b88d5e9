/* See store/workflow_kinds.h. The type list is bound as a JSON array (json_each), never spliced. */
#include <stdlib.h>

#include "store/sqlite_internal.h"

/* A JSON text column, dflt when NULL or unreadable. */
static json_t *json_col(sqlite3_stmt *q, int col, json_t *dflt)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    json_t *v = t ? json_loads(t, 0, NULL) : NULL;
    if (!v) return dflt;
    json_decref(dflt);
    return v;
}

int sqlite_store_workflow_list_types(Store *st, const char *agency, const char *const *types, int page, int size,
                                     json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql = "SELECT w.case_no, w.agency, w.case_type, w.stage, w.state, w.assignees, w.doc_no,"
                      " w.created_by, w.created_at, w.updated_at, c.body, count(*) OVER () FROM case_workflow w"
                      " LEFT JOIN cases c ON c.case_no = w.case_no"
                      " WHERE w.agency = ?1 AND w.case_type IN (SELECT value FROM json_each(?2))"
                      " ORDER BY w.updated_at DESC, w.case_no LIMIT ?3 OFFSET ?4";
    json_t *list = json_array();
    for (size_t i = 0; types && types[i]; i++) json_array_append_new(list, json_string(types[i]));
    char *types_json = json_dumps(list, JSON_COMPACT);
    json_decref(list);
    if (!types_json) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
        free(types_json);
        return sqlite_fail(st, err, "workflow");
    }
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, types_json, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, size);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "case_no", sqlite_json_text(q, 0),
                                "agency", sqlite_json_text(q, 1), "case_type", sqlite_json_text(q, 2), "stage",
                                sqlite_json_text(q, 3), "state", json_col(q, 4, json_object()), "assignees",
                                json_col(q, 5, json_array()), "doc_no", sqlite_json_text(q, 6), "created_by",
                                sqlite_json_text(q, 7), "created_at", sqlite_json_text(q, 8), "updated_at",
                                sqlite_json_text(q, 9));
        json_object_set_new(row, "record", json_col(q, 10, json_null()));
        total = sqlite3_column_int64(q, 11);
        json_array_append_new(items, row);
    }
    sqlite3_finalize(q);
    free(types_json);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "workflow");
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}
