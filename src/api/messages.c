/* /api/v1/messages: the acting user's messages (docs/messages.md). Thin: every read and mark is
 * app/messages_inbox.c, which names the user; another's message is a 404 like a missing one. */
#include "api/api.h"
#include "api/params.h"
#include "app/messages.h"
#include "domain/messages.h"
#include "http/response.h"

int api_messages_list(HttpRequest *req)
{
    static const char *const FLAGS[] = {"0", "1", NULL};
    const char *kind, *unread;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_text(req, "kind", 32, &kind) != ZF_OK || param_enum(req, "unread", FLAGS, &unread) != ZF_OK ||
        param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (kind && !message_kind_known(kind))
        return http_reply_error(req, 400, "invalid_param", "kind", "无法识别的消息类别");
    AppContext cx = api_context(req);
    if (app_messages_list(&cx, kind, unread && unread[0] == '1', page, size, &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_messages_unread_count(HttpRequest *req)
{
    long long n;
    ZfError err;
    AppContext cx = api_context(req);
    if (app_messages_unread(&cx, &n, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:I}", "unread", (json_int_t)n));
}

int api_message_read(HttpRequest *req)
{
    long long id;
    ZfError err;
    if (param_path_id(req, "id", "消息不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_message_read(&cx, id, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read", 1));
}

int api_messages_read_all(HttpRequest *req)
{
    long long count;
    ZfError err;
    AppContext cx = api_context(req);
    if (app_messages_read_all(&cx, &count, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:I}", "marked", (json_int_t)count));
}
