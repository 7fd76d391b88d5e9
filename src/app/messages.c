/* Writing messages (see messages.h): inside the caller's transaction; never opens its own. */
#include "app/messages.h"

#include <string.h>

#include "app/logged_row.h"
#include "domain/messages.h"

/* The title cut after MESSAGE_TITLE_MAX_CHARS characters, at a character boundary. */
static void clip_title(const char *title, char *out, size_t cap)
{
    size_t i = 0, chars = 0;
    while (title[i] && chars < MESSAGE_TITLE_MAX_CHARS) {
        size_t next = i + 1;
        while (((unsigned char)title[next] & 0xC0) == 0x80) next++;
        if (next >= cap) break;
        i = next, chars++;
    }
    memcpy(out, title, i);
    out[i] = '\0';
}

static int add(Store *st, const char *day, const char *username, const char *kind, const char *title,
               const char *link, bool *added, ZfError *err)
{
    if (!username || !*username || !title || !message_kind_known(kind))
        return zf_fail(err, 500, "internal_error", NULL, "消息内容不完整");
    char now[32], clipped[MESSAGE_TITLE_MAX_CHARS * 4 + 4];
    app_utc_now(now);
    clip_title(title, clipped, sizeof clipped);
    if (!link || strlen(link) > MESSAGE_LINK_MAX_BYTES) link = "";
    MessageRow m = {username, kind, clipped, link, now, day};
    return store_message_add(st, &m, added, err);
}

int app_message_to_user(Store *st, const char *username, const char *kind, const char *title, const char *link,
                        ZfError *err)
{
    bool added;
    return add(st, NULL, username, kind, title, link, &added, err);
}

int app_message_to_agency_perm(Store *st, const char *agency, const char *perm, const char *kind, const char *title,
                               const char *link, ZfError *err)
{
    json_t *names, *name;
    size_t i;
    if (!agency || !*agency) return ZF_OK;
    if (store_agency_users_with_perm(st, agency, perm, &names, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(names, i, name) {
        if (rc == ZF_OK) rc = app_message_to_user(st, json_string_value(name), kind, title, link, err);
    }
    json_decref(names);
    return rc;
}

int app_message_daily(Store *st, zf_day day, const char *username, const char *kind, const char *title,
                      const char *link, bool *added, ZfError *err)
{
    char d[ZF_DATE_LEN];
    date_format(day, d);
    return add(st, d, username, kind, title, link, added, err);
}
