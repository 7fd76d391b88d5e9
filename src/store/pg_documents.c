/* PostgreSQL side of store/documents.h. A document takes the next row id and the next version of
 * its (subject, subject_id, kind) when it is issued: inside the issuing transaction an advisory lock
 * serialises the issuers of every server until commit, so the numbers read are still free when
 * the row is written (SQLite's BEGIN IMMEDIATE does the same for its one writer), and a rolled-back
 * issue leaves no gap. */
#include "store/documents.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* the advisory lock key of document issues (pg.c lists the backend's others) */
#define PG_LOCK_DOCUMENTS 7021101

#define COLUMNS                                                                                                    \
    "json_build_object('id', id, 'subject', subject, 'subject_id', subject_id, 'kind', kind, 'version', version," \
    " 'doc_no', doc_no, 'sm3', sm3, 'bytes', bytes, 'pages', pages, 'reason', reason, 'issued_by', issued_by,"    \
    " 'issued_at', issued_at, 'sealed_agency', sealed_agency, 'cert_serial', cert_serial, 'ledger_seq', ledger_seq)"

int pg_store_document_next(Store *st, const char *subject, const char *subject_id, const char *kind, long long *id,
                           int *version, ZfError *err)
{
    char lock[24];
    if (pg_in_transaction(st) &&
        pg_exec(st, "SELECT pg_advisory_xact_lock($1::bigint)", PG_ARGS(pg_int(lock, PG_LOCK_DOCUMENTS)), "documents",
                NULL, err) != ZF_OK)
        return ZF_ERR;
    PGresult *r = pg_query(st,
                           "SELECT (SELECT coalesce(max(id), 0) + 1 FROM documents),"
                           " (SELECT coalesce(max(version), 0) + 1 FROM documents"
                           "  WHERE subject = $1 AND subject_id = $2 AND kind = $3)",
                           PG_ARGS(subject, subject_id, kind), "documents", err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    *version = (int)pg_ll(r, 0, 1);
    PQclear(r);
    return ZF_OK;
}

int pg_store_document_insert(Store *st, const DocumentRow *d, ZfError *err)
{
    char id[24], version[24], bytes[24], pages[24], seq[24];
    ZfError e = {0};
    int rc = pg_exec(st,
                     "INSERT INTO documents(id, subject, subject_id, kind, version, doc_no, sm3, bytes, pages, reason,"
                     " issued_by, issued_at, sealed_agency, cert_serial, ledger_seq)"
                     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                     PG_ARGS(pg_int(id, d->id), d->subject, d->subject_id, d->kind, pg_int(version, d->version),
                             d->doc_no ? d->doc_no : "", d->sm3, pg_int(bytes, d->bytes), pg_int(pages, d->pages),
                             d->reason, d->issued_by, d->issued_at, d->sealed_agency ? d->sealed_agency : "",
                             d->cert_serial ? d->cert_serial : "", pg_int(seq, d->ledger_seq)),
                     "documents", NULL, &e);
    /* SQLite answers every constraint so: a row refused is one another issuer took */
    if (rc != ZF_OK && (e.status == 409 || e.status == 400))
        return zf_fail(err, 409, "document_conflict", NULL, "该文书刚由他人出具，请刷新后重试");
    if (rc != ZF_OK) *err = e;
    return rc;
}

int pg_store_documents_of(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err)
{
    return pg_json_rows(st, "SELECT " COLUMNS " FROM documents WHERE subject = $1 AND subject_id = $2 ORDER BY id",
                        PG_ARGS(subject, subject_id), "documents", items, err);
}

int pg_store_document_get(Store *st, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    json_t *items;
    if (pg_json_rows(st, "SELECT " COLUMNS " FROM documents WHERE id = $1::bigint", PG_ARGS(pg_int(idt, id)),
                     "documents", &items, err) != ZF_OK)
        return ZF_ERR;
    *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return *row ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "文书不存在");
}

int pg_store_documents_foreach(Store *st, DocumentRowFn fn, void *ctx, ZfError *err)
{
    /* the columns the document.issue event carries (app/documents.c), as it writes them */
    PGresult *r = pg_query(st,
                           "SELECT json_build_object('id', id, 'subject', subject, 'subject_id', subject_id, 'kind', kind,"
                           " 'version', version, 'doc_no', doc_no, 'sm3', sm3, 'bytes', bytes, 'pages', pages,"
                           " 'issued_by', issued_by, 'issued_at', issued_at, 'reason', reason) FROM documents ORDER BY id",
                           PG_NOARGS, "documents", err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = pg_json_cell(r, i, 0);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}
