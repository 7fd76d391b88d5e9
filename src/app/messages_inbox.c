/* A user's own messages (see messages.h): every read and mark names the acting user; there is no
 * way to reach another's message but a 404. */
#include <string.h>

#include "app/logged_row.h"
#include "app/messages.h"

static int need_user(const AppContext *cx, ZfError *err)
{
    return cx->user && cx->user->username[0] ? ZF_OK : zf_fail(err, 401, "unauthenticated", NULL, "请先登录");
}

int app_messages_list(const AppContext *cx, const char *kind, bool unread_only, int page, int size, json_t **out,
                      ZfError *err)
{
    if (need_user(cx, err) != ZF_OK) return ZF_ERR;
    MessageFilter f = {cx->user->username, kind && *kind ? kind : NULL, unread_only};
    return store_messages_list(cx->store, &f, page, size, out, err);
}

int app_messages_unread(const AppContext *cx, long long *n, ZfError *err)
{
    if (need_user(cx, err) != ZF_OK) return ZF_ERR;
    return store_messages_unread_count(cx->store, cx->user->username, n, err);
}

int app_message_read(const AppContext *cx, long long id, ZfError *err)
{
    char now[32];
    if (need_user(cx, err) != ZF_OK) return ZF_ERR;
    app_utc_now(now);
    return store_message_mark_read(cx->store, cx->user->username, id, now, err);
}

int app_messages_read_all(const AppContext *cx, long long *count, ZfError *err)
{
    char now[32];
    if (need_user(cx, err) != ZF_OK) return ZF_ERR;
    app_utc_now(now);
    return store_messages_mark_all_read(cx->store, cx->user->username, now, count, err);
}
