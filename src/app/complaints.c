/* app/complaints.h: the portal's challenge, filing and tracking. The challenge is taken and the
 * address counted before the lead is written, each in its own statement: a refused lead does not
 * give the challenge back, so one solved challenge is one attempt. */
#include "app/complaints.h"

#include <stdio.h>
#include <string.h>

#include "app/leads.h"
#include "store/leads.h"
#include "store/portal.h"
#include "store/settings.h"
#include "util/secret.h"

#define KIND_COMPLAINT "complaint"
#define KIND_TRACK_MISS "track_miss"
#define KIND_CHALLENGE "challenge"
#define KIND_PHOTO "photo"

static long long hour_of(long long now) { return now / 3600; }

/* Counts one more for addr (add 1) or only reads (add 0); 429 with message when past limit. */
static int within_limit(const AppContext *cx, const char *addr, const char *kind, long long now, int add,
                        const char *setting, int dflt, const char *message, ZfError *err)
{
    int count, limit = store_setting_int(cx->store, setting, dflt);
    if (store_portal_count(cx->store, addr, kind, hour_of(now), add, &count, err) != ZF_OK) return ZF_ERR;
    if (count > limit || (add == 0 && count >= limit)) return zf_fail(err, 429, "rate_limited", NULL, "%s", message);
    return ZF_OK;
}

int app_portal_challenge(const AppContext *cx, const char *addr, long long now, json_t **out, ZfError *err)
{
    char id[TOKEN_HEX_LEN + 1], prefix[TOKEN_HEX_LEN + 1];
    if (within_limit(cx, addr, KIND_CHALLENGE, now, 1, "portal_challenges_per_hour", 120,
                     "请求过于频繁，请稍后再试", err) != ZF_OK)
        return ZF_ERR;
    if (random_token(id) != 0 || random_token(prefix) != 0)
        return zf_fail(err, 500, "internal", NULL, "系统繁忙，请稍后再试");
    id[PORTAL_CHALLENGE_ID] = prefix[PORTAL_CHALLENGE_PREFIX] = '\0';
    int bits = store_setting_int(cx->store, "portal_pow_bits", 14);
    if (bits > COMPLAINT_POW_BITS_MAX) bits = COMPLAINT_POW_BITS_MAX;
    long long expires = now + 60LL * store_setting_int(cx->store, "portal_challenge_minutes", 10);
    if (store_portal_challenge_add(cx->store, id, prefix, bits, expires, now, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:s, s:s, s:i}", "id", id, "prefix", prefix, "bits", bits);
    return ZF_OK;
}

/* Takes the challenge whatever the nonce: 422 unless it was live and the nonce solves it. */
static int challenge_solved(const AppContext *cx, const ComplaintInput *in, long long now, ZfError *err)
{
    char prefix[PORTAL_CHALLENGE_PREFIX + 1], digest[65], text[PORTAL_CHALLENGE_PREFIX + COMPLAINT_NONCE_MAX + 1];
    int bits = 0;
    bool found = false;
    const char *id = in->challenge_id;
    if (!id || strlen(id) != PORTAL_CHALLENGE_ID || strspn(id, "0123456789abcdef") != PORTAL_CHALLENGE_ID)
        return zf_fail(err, 422, "challenge_failed", "challenge", "校验未通过，请重新提交");
    if (store_portal_challenge_take(cx->store, id, now, prefix, &bits, &found, err) != ZF_OK) return ZF_ERR;
    if (!found) return zf_fail(err, 422, "challenge_failed", "challenge", "校验已过期或已使用，请重新提交");
    if (!complaint_nonce_valid(in->nonce)) return zf_fail(err, 422, "challenge_failed", "challenge", "校验未通过，请重新提交");
    snprintf(text, sizeof text, "%s%s", prefix, in->nonce);
    sha256_hex(text, digest);
    if (complaint_hex_zero_bits(digest) < bits)
        return zf_fail(err, 422, "challenge_failed", "challenge", "校验未通过，请重新提交");
    return ZF_OK;
}

int app_portal_challenge_check(const AppContext *cx, const char *id, const char *nonce, long long now, ZfError *err)
{
    ComplaintInput in = {.challenge_id = id, .nonce = nonce};
    return challenge_solved(cx, &in, now, err);
}

int app_portal_within_limit(const AppContext *cx, const char *addr, const char *kind, long long now, int add,
                            const char *setting, int dflt, const char *message, ZfError *err)
{
    return within_limit(cx, addr, kind, now, add, setting, dflt, message, err);
}

int app_portal_admit(const AppContext *cx, const char *challenge_id, const char *nonce, const char *addr, long long now,
                     ZfError *err)
{
    if (app_portal_within_limit(cx, addr, KIND_COMPLAINT, now, 1, "portal_complaints_per_hour", 5,
                                "提交过于频繁，请一小时后再试；紧急事项请拨打 12345", err) != ZF_OK)
        return ZF_ERR;
    return app_portal_challenge_check(cx, challenge_id, nonce, now, err);
}

int app_complaint_file(const AppContext *cx, const ComplaintInput *in, const char *addr, long long now,
                       char code[TRACKING_CODE_LEN + 1], ZfError *err)
{
    char region[16], hex[TOKEN_HEX_LEN + 1];
    const ComplaintFields *f = &in->fields;
    if (complaint_check(f, err) != ZF_OK) return ZF_ERR;
    store_setting_text(cx->store, "portal_default_region", "", region, sizeof region);
    if (!f->agency && !region[0])
        return zf_fail(err, 400, "missing_field", "agency", "请选择被投诉的执法机关");
    if (within_limit(cx, addr, KIND_COMPLAINT, now, 1, "portal_complaints_per_hour", 5,
                     "提交过于频繁，请一小时后再试；紧急事项请拨打 12345", err) != ZF_OK)
        return ZF_ERR;
    if (challenge_solved(cx, in, now, err) != ZF_OK) return ZF_ERR;
    if (random_token(hex) != 0) return zf_fail(err, 500, "internal", NULL, "系统繁忙，请稍后再试");
    tracking_code_from_hex(hex, code);
    LeadInput lead = {.source = "complaint", .source_ref = code, .content = f->content,
                      .region = f->agency ? NULL : region, .agency = f->agency, .place = f->place,
                      .reporter_name = f->name, .reporter_phone = f->phone};
    json_t *created = NULL;
    if (app_lead_create(cx, &lead, &created, err) != ZF_OK) return ZF_ERR;
    json_decref(created);
    return ZF_OK;
}

/* Counts a tracking miss for addr and answers 404. */
static int unknown_code(const AppContext *cx, const char *addr, long long now, ZfError *err)
{
    int count;
    if (store_portal_count(cx->store, addr, KIND_TRACK_MISS, hour_of(now), 1, &count, err) != ZF_OK) return ZF_ERR;
    return zf_fail(err, 404, "not_found", "tracking_code", "查询码不存在，请核对后重新输入");
}

int app_complaint_photo_lead(const AppContext *cx, const char *code, const char *addr, long long now, long long *id,
                             ZfError *err)
{
    char canonical[TRACKING_CODE_LEN + 1];
    *id = 0;
    if (within_limit(cx, addr, KIND_TRACK_MISS, now, 0, "portal_track_misses_per_hour", 20,
                     "查询失败次数过多，请一小时后再试", err) != ZF_OK ||
        within_limit(cx, addr, KIND_PHOTO, now, 1, "portal_photos_per_hour", 20, "上传过于频繁，请一小时后再试", err) !=
            ZF_OK)
        return ZF_ERR;
    if (tracking_code_normalize(code, canonical) &&
        store_lead_by_ref(cx->store, "complaint", canonical, id, err) != ZF_OK)
        return ZF_ERR;
    return *id ? ZF_OK : unknown_code(cx, addr, now, err);
}

int app_complaint_track(const AppContext *cx, const char *code, const char *addr, long long now, json_t **out,
                        ZfError *err)
{
    static const char *const shown[] = {"status", "status_name", "received_at", "answered_on", "answer"};
    char canonical[TRACKING_CODE_LEN + 1];
    json_t *status = NULL;
    if (within_limit(cx, addr, KIND_TRACK_MISS, now, 0, "portal_track_misses_per_hour", 20,
                     "查询失败次数过多，请一小时后再试", err) != ZF_OK)
        return ZF_ERR;
    if (tracking_code_normalize(code, canonical)) {
        if (app_lead_public_status(cx, canonical, &status, err) != ZF_OK && err->status != 404) return ZF_ERR;
    }
    if (!status) return unknown_code(cx, addr, now, err);
    /* only what the portal may show, whatever the service adds later */
    *out = json_object();
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        json_t *v = json_object_get(status, shown[i]);
        if (v && !json_is_null(v)) json_object_set(*out, shown[i], v);
    }
    json_decref(status);
    return ZF_OK;
}
