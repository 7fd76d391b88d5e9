/* PostgreSQL side of the rows of stored files outside a case: an order's attachments (store/orders.h)
 * and a lead's photos (store/leads.h). Both tables have the same columns but the owner's (and the
 * order's purpose), so one insert and one list serve them. Table and column names are fixed text. */
#include <stdio.h>

#include "store/leads.h"
#include "store/orders.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

typedef struct {
    const char *table, *owner; /* owner: the column naming the order or lead */
    const char *purpose;       /* the order's purpose; NULL for a table without the column */
    const char *name, *mime, *sm3, *uploaded_by, *uploaded_at;
    long long owner_id, size, ledger_seq;
} FileRow;

static int file_add(Store *st, const FileRow *f, long long *id, ZfError *err)
{
    char sql[400], owner[24], size[24], seq[24];
    snprintf(sql, sizeof sql,
             "INSERT INTO %s(%s, name, mime, size, sm3, ledger_seq, uploaded_by, uploaded_at%s)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8%s) RETURNING id",
             f->table, f->owner, f->purpose ? ", purpose" : "", f->purpose ? ", $9" : "");
    const char *params[] = {pg_int(owner, f->owner_id), f->name, f->mime, pg_int(size, f->size), f->sm3,
                            pg_int(seq, f->ledger_seq), f->uploaded_by, f->uploaded_at, f->purpose};
    PGresult *r = pg_query(st, sql, f->purpose ? 9 : 8, params, f->table, err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

/* Oldest first: [{id, <owner>, [purpose,] name, media_type, size, sm3, ledger_seq, uploaded_by, uploaded_at}] */
static int file_list(Store *st, const char *table, const char *owner, const char *purpose, long long owner_id,
                     json_t **items, ZfError *err)
{
    char sql[600], id[24];
    snprintf(sql, sizeof sql,
             "SELECT json_build_object('id', id, '%s', %s, %s 'name', name, 'media_type', mime, 'size', size,"
             " 'sm3', sm3, 'ledger_seq', ledger_seq, 'uploaded_by', uploaded_by, 'uploaded_at', uploaded_at)"
             " FROM %s WHERE %s = $1::bigint ORDER BY id",
             owner, owner, purpose ? purpose : "", table, owner);
    return pg_json_rows(st, sql, PG_ARGS(pg_int(id, owner_id)), table, items, err);
}

int pg_store_order_attachment_add(Store *st, const OrderAttachmentRow *a, long long *id, ZfError *err)
{
    FileRow f = {"order_attachments", "order_id", a->purpose, a->name, a->mime, a->sm3, a->uploaded_by,
                 a->uploaded_at, a->order_id, a->size, a->ledger_seq};
    return file_add(st, &f, id, err);
}

int pg_store_order_attachments(Store *st, long long order_id, json_t **items, ZfError *err)
{
    return file_list(st, "order_attachments", "order_id", "'purpose', purpose,", order_id, items, err);
}

int pg_store_lead_photo_add(Store *st, const LeadPhotoRow *p, long long *id, ZfError *err)
{
    FileRow f = {"lead_photos", "lead_id", NULL, p->name, p->mime, p->sm3, p->uploaded_by,
                 p->uploaded_at, p->lead_id, p->size, p->ledger_seq};
    return file_add(st, &f, id, err);
}

int pg_store_lead_photos(Store *st, long long lead_id, json_t **items, ZfError *err)
{
    return file_list(st, "lead_photos", "lead_id", NULL, lead_id, items, err);
}
