/* SQLite side of store/messages.h. Parameterized statements only; every read and mark of a
 * user's messages names him in its WHERE clause. */
#include "store/messages.h"

#include "store/sqlite_internal.h"

int sqlite_store_message_add(Store *st, const MessageRow *m, bool *added, ZfError *err)
{
    sqlite3_stmt *q;
    /* OR IGNORE meets only messages_once_a_day: a job's message of that day already written */
    if (sqlite_prepare(st,
                       "INSERT OR IGNORE INTO messages(username, kind, title, link, created_at, job_day)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, m->username, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, m->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, m->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, m->link ? m->link : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, m->created_at, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 6, m->job_day);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "messages");
    *added = sqlite3_changes(st->db) == 1;
    return ZF_OK;
}

int sqlite_store_messages_list(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT json_object('id', id, 'kind', kind, 'title', title, 'link', link,"
                       " 'created_at', created_at, 'read_at', read_at), count(*) OVER ()"
                       " FROM messages WHERE username = ?1 AND (?2 IS NULL OR kind = ?2)"
                       " AND (?3 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT ?4 OFFSET ?5",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, f->username, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 2, f->kind);
    sqlite3_bind_int(q, 3, f->unread_only);
    sqlite3_bind_int(q, 4, size);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)(page - 1) * size);
    return sqlite_list_bodies(st, q, page, size, "messages", out, err);
}

int sqlite_store_messages_unread_count(Store *st, const char *username, long long *n, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT count(*) FROM messages WHERE username = ?1 AND read_at IS NULL", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "messages");
}

int sqlite_store_message_mark_read(Store *st, const char *username, long long id, const char *now, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "UPDATE messages SET read_at = coalesce(read_at, ?3) WHERE id = ?1 AND username = ?2",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, username, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "messages");
    return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 404, "not_found", "id", "消息不存在");
}

int sqlite_store_messages_mark_all_read(Store *st, const char *username, const char *now, long long *count,
                                        ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "UPDATE messages SET read_at = ?2 WHERE username = ?1 AND read_at IS NULL", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "messages");
    *count = sqlite3_changes(st->db);
    return ZF_OK;
}

static int names_of(Store *st, sqlite3_stmt *q, json_t **names, ZfError *err)
{
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) json_array_append_new(a, sqlite_json_text(q, 0));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "users");
    }
    *names = a;
    return ZF_OK;
}

int sqlite_store_agency_users_with_perm(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT u.username FROM users u JOIN role_permissions rp ON rp.role = u.role"
                       " WHERE u.agency = ?1 AND u.disabled = 0 AND rp.perm = ?2 ORDER BY u.username",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, perm, -1, SQLITE_STATIC);
    return names_of(st, q, names, err);
}

int sqlite_store_cert_holders_ending(Store *st, const char *from, const char *to, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT json_object('username', u.username, 'cert_no', o.cert_no, 'name', o.name,"
                       " 'cert_valid_to', o.cert_valid_to)"
                       " FROM officers o JOIN users u ON u.agency = o.agency AND u.display_name = o.name"
                       " WHERE o.status = 'active' AND o.cert_valid_to BETWEEN ?1 AND ?2 AND u.disabled = 0"
                       " ORDER BY o.cert_no, u.username",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, to, -1, SQLITE_STATIC);
    return sqlite_json_rows(st, q, "officers", items, err);
}
