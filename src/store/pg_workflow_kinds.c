/* PostgreSQL side of store/workflow_kinds.h: an agency's online cases of some types, newest change
 * first. The type list travels as one JSON array parameter, never spliced. */
#include <stdlib.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* A JSON text cell, dflt when NULL or unreadable. */
static json_t *json_cell_or(const PGresult *r, int i, int c, json_t *dflt)
{
    json_t *v = PQgetisnull(r, i, c) ? NULL : json_loads(pg_text(r, i, c), 0, NULL);
    if (!v) return dflt;
    json_decref(dflt);
    return v;
}

int pg_store_workflow_list_types(Store *st, const char *agency, const char *const *types, int page, int size,
                                 json_t **out, ZfError *err)
{
    char lim[24], off[24];
    json_t *list = json_array();
    for (size_t i = 0; types && types[i]; i++) json_array_append_new(list, json_string(types[i]));
    char *types_json = json_dumps(list, JSON_COMPACT);
    json_decref(list);
    if (!types_json) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    PGresult *r = pg_query(st,
                           "SELECT w.case_no, w.agency, w.case_type, w.stage, w.state, w.assignees, w.doc_no,"
                           " w.created_by, w.created_at, w.updated_at, c.body, count(*) OVER () FROM case_workflow w"
                           " LEFT JOIN cases c ON c.case_no = w.case_no"
                           " WHERE w.agency = $1 AND w.case_type IN (SELECT jsonb_array_elements_text($2::jsonb))"
                           " ORDER BY w.updated_at COLLATE \"C\" DESC NULLS LAST, w.case_no COLLATE \"C\""
                           " LIMIT $3::bigint OFFSET $4::bigint",
                           PG_ARGS(agency, types_json, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)),
                           "workflow", err);
    free(types_json);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *row = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "case_no", pg_json_text(r, i, 0),
                                "agency", pg_json_text(r, i, 1), "case_type", pg_json_text(r, i, 2), "stage",
                                pg_json_text(r, i, 3), "state", json_cell_or(r, i, 4, json_object()), "assignees",
                                json_cell_or(r, i, 5, json_array()), "doc_no", pg_json_text(r, i, 6), "created_by",
                                pg_json_text(r, i, 7), "created_at", pg_json_text(r, i, 8), "updated_at",
                                pg_json_text(r, i, 9));
        json_object_set_new(row, "record", json_cell_or(r, i, 10, json_null()));
        total = pg_ll(r, i, 11);
        json_array_append_new(items, row);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}
