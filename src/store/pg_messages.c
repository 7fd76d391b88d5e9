/* PostgreSQL side of store/messages.h. Every read and mark of a user's messages names him in its
 * WHERE clause, as on SQLite. */
#include "store/messages.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

int pg_store_message_add(Store *st, const MessageRow *m, bool *added, ZfError *err)
{
    long long n = 0;
    /* DO NOTHING meets only messages_once_a_day: a job's message of that day already written */
    if (pg_exec(st,
                "INSERT INTO messages(username, kind, title, link, created_at, job_day)"
                " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                PG_ARGS(m->username, m->kind, m->title, m->link ? m->link : "", m->created_at, m->job_day), "messages",
                &n, err) != ZF_OK)
        return ZF_ERR;
    *added = n == 1;
    return ZF_OK;
}

int pg_store_messages_list(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    PGresult *r = pg_query(st,
                           "SELECT json_build_object('id', id, 'kind', kind, 'title', title, 'link', link,"
                           " 'created_at', created_at, 'read_at', read_at), count(*) OVER ()"
                           " FROM messages WHERE username = $1 AND ($2::text IS NULL OR kind = $2)"
                           " AND ($3::int = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT $4::bigint OFFSET $5::bigint",
                           PG_ARGS(f->username, f->kind, f->unread_only ? "1" : "0", pg_int(lim, size),
                                   pg_int(off, (long long)(page - 1) * size)),
                           "messages", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_array_append_new(items, pg_json_cell(r, i, 0));
        total = pg_ll(r, i, 1);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_messages_unread_count(Store *st, const char *username, long long *n, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT count(*) FROM messages WHERE username = $1 AND read_at IS NULL",
                           PG_ARGS(username), "messages", err);
    *n = r ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    return r ? ZF_OK : ZF_ERR;
}

int pg_store_message_mark_read(Store *st, const char *username, long long id, const char *now, ZfError *err)
{
    char idt[24];
    long long n = 0;
    if (pg_exec(st, "UPDATE messages SET read_at = coalesce(read_at, $3) WHERE id = $1::bigint AND username = $2",
                PG_ARGS(pg_int(idt, id), username, now), "messages", &n, err) != ZF_OK)
        return ZF_ERR;
    return n == 1 ? ZF_OK : zf_fail(err, 404, "not_found", "id", "消息不存在");
}

int pg_store_messages_mark_all_read(Store *st, const char *username, const char *now, long long *count, ZfError *err)
{
    *count = 0;
    return pg_exec(st, "UPDATE messages SET read_at = $2 WHERE username = $1 AND read_at IS NULL",
                   PG_ARGS(username, now), "messages", count, err);
}

int pg_store_agency_users_with_perm(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT u.username FROM users u JOIN role_permissions rp ON rp.role = u.role"
                           " WHERE u.agency = $1 AND u.disabled = 0 AND rp.perm = $2 ORDER BY u.username COLLATE \"C\"",
                           PG_ARGS(agency, perm), "users", err);
    if (!r) return ZF_ERR;
    json_t *a = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(a, pg_json_text(r, i, 0));
    PQclear(r);
    *names = a;
    return ZF_OK;
}

int pg_store_cert_holders_ending(Store *st, const char *from, const char *to, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('username', u.username, 'cert_no', o.cert_no, 'name', o.name,"
                        " 'cert_valid_to', o.cert_valid_to)"
                        " FROM officers o JOIN users u ON u.agency = o.agency AND u.display_name = o.name"
                        " WHERE o.status = 'active' AND o.cert_valid_to BETWEEN $1 AND $2 AND u.disabled = 0"
                        " ORDER BY o.cert_no COLLATE \"C\", u.username COLLATE \"C\"",
                        PG_ARGS(from, to), "officers", items, err);
}
