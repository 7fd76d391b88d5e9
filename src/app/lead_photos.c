/* Photos of a lead (see lead_photos.h). */
#include "app/lead_photos.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/leads_view.h"
#include "app/logged_row.h"
#include "store/leads.h"
#include "store/settings.h"

#define BY_COMPLAINANT "complainant"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

size_t app_lead_photo_max_bytes(Store *st)
{
    return (size_t)store_setting_int(st, "lead_photo_max_mib", 10) << 20;
}

/* "YYYY-MM-DDTHH:MM:SSZ" → unix seconds; -1 when unreadable */
static long long utc_seconds(const char *at)
{
    struct tm tm = {0};
    const char *end = at ? strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
    return end && !*end ? (long long)timegm(&tm) : -1;
}

static int check_row(const AppContext *cx, const json_t *row, long long now, int *count, ZfError *err)
{
    json_t *photos;
    const char *status = str(row, "status");
    long long at = utc_seconds(str(row, "received_at"));
    int minutes = store_setting_int(cx->store, "lead_photo_minutes", 30);
    if (!status || strcmp(status, "received") != 0)
        return zf_fail(err, 409, "invalid_transition", NULL, "线索已在办理中，不能再补充照片");
    if (at < 0 || now - at > 60LL * minutes)
        return zf_fail(err, 409, "photo_window_closed", NULL, "提交后 %d 分钟内可补充照片，现已超过时限", minutes);
    if (store_lead_photos(cx->store, json_integer_value(json_object_get(row, "id")), &photos, err) != ZF_OK)
        return ZF_ERR;
    *count = (int)json_array_size(photos);
    json_decref(photos);
    if (*count >= LEAD_PHOTOS_MAX)
        return zf_fail(err, 409, "too_many_photos", NULL, "每条线索最多 %d 张照片", LEAD_PHOTOS_MAX);
    return ZF_OK;
}

int app_lead_photo_check(const AppContext *cx, long long id, long long now, ZfError *err)
{
    json_t *row;
    int count;
    if (store_lead_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = check_row(cx, row, now, &count, err);
    json_decref(row);
    return rc;
}

static int record(const AppContext *cx, long long id, const LeadPhotoFile *f, long long now, ZfError *err)
{
    char subject[32], at[32];
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(subject, sizeof subject, "lead:%lld", id);
    const char *by = cx->user ? cx->user->username : BY_COMPLAINANT;
    /* no sha256 key: zhifa verify takes it for a stored file, not a case upload */
    json_t *ev = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "lead_id", (json_int_t)id, "name", f->name, "media_type",
                           f->media_type, "size", (json_int_t)f->size, "sm3", f->sm3, "uploaded_by", by);
    long long pid, seq;
    int rc = app_logged_file(cx->store, subject, ev, &seq, err);
    LeadPhotoRow row = {id, f->name, f->media_type, f->sm3, by, at, f->size, seq};
    if (rc == ZF_OK) rc = store_lead_photo_add(cx->store, &row, &pid, err);
    if (rc == ZF_OK) rc = app_lead_log_note(cx, by, id, "photo", f->name, err);
    return rc;
}

int app_lead_photo_add(const AppContext *cx, long long id, const LeadPhotoFile *f, long long now, int *count,
                       ZfError *err)
{
    json_t *row;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_lead_get(cx->store, id, &row, err);
    if (rc == ZF_OK) {
        rc = check_row(cx, row, now, count, err);
        if (rc == ZF_OK) rc = record(cx, id, f, now, err);
        json_decref(row);
    }
    if (rc != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    ++*count;
    return ZF_OK;
}

int app_lead_photo(const AppContext *cx, long long id, long long pid, json_t **out, ZfError *err)
{
    json_t *row, *items, *p;
    size_t i;
    if (store_lead_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    bool visible = app_lead_visible(cx, row);
    json_decref(row);
    *out = NULL;
    if (visible) {
        if (store_lead_photos(cx->store, id, &items, err) != ZF_OK) return ZF_ERR;
        json_array_foreach(items, i, p)
            if (json_integer_value(json_object_get(p, "id")) == pid) *out = json_incref(p);
        json_decref(items);
    }
    return *out ? ZF_OK : zf_fail(err, 404, "not_found", NULL, visible ? "照片不存在" : "线索不存在");
}
