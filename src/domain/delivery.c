/* See delivery.h. */
#include "domain/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/codes.h"

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* One '@' with something before it, a dot in the domain after it, no spaces or controls. */
static bool email_valid(const char *e)
{
    size_t n = strlen(e);
    const char *at = strchr(e, '@');
    if (n < 5 || n > DELIVERY_EMAIL_MAX || !at || at == e || strchr(at + 1, '@')) return false;
    for (const char *p = e; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f) return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

int delivery_address_check(const char *phone, const char *email, ZfError *err)
{
    bool has_phone = phone && *phone, has_email = email && *email;
    if (!has_phone && !has_email)
        return zf_fail(err, 400, "missing_field", "phone",
                       "确认书应载明当事人同意接收送达的手机号码或电子邮箱（《行政处罚法》第六十一条）");
    if (has_phone && !phone_number_valid(phone))
        return zf_fail(err, 400, "invalid_phone", "phone", "请填写 11 位手机号，或带区号的固定电话（如 0532-88888888）");
    if (has_email && !email_valid(email))
        return zf_fail(err, 400, "invalid_email", "email", "电子邮箱格式不正确");
    return ZF_OK;
}

void delivery_code_from_hex(const char *hex, char out[DELIVERY_CODE_DIGITS + 1])
{
    unsigned long long v = 0;
    for (int i = 0; i < DELIVERY_CODE_HEX && hex[i]; i++) {
        char c = hex[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
        v = v * 16 + (unsigned)d;
    }
    snprintf(out, DELIVERY_CODE_DIGITS + 1, "%06llu", v % 1000000ULL);
}

bool delivery_code_well_formed(const char *code)
{
    return code && strlen(code) == DELIVERY_CODE_DIGITS && all_digits(code, DELIVERY_CODE_DIGITS);
}

void delivery_code_material(const char *token, const char *code, char *out, size_t cap)
{
    snprintf(out, cap, "delivery-code:%s:%s", token, code);
}

static bool parse_utc(const char *s, time_t *t)
{
    struct tm tm = {0};
    char z;
    if (!s || strlen(s) != DELIVERY_TIME_LEN - 1 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec, &z) != 7 || z != 'Z')
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *t = timegm(&tm);
    return *t != (time_t)-1;
}

bool delivery_expiry(const char *sent_at, int hours, char out[DELIVERY_TIME_LEN])
{
    time_t t;
    struct tm tm;
    if (hours <= 0 || !parse_utc(sent_at, &t)) return false;
    t += (time_t)hours * 3600;
    gmtime_r(&t, &tm);
    return strftime(out, DELIVERY_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == DELIVERY_TIME_LEN - 1;
}

void delivery_time_china(const char *utc, char out[DELIVERY_CHINA_LEN])
{
    time_t t;
    struct tm tm;
    if (!parse_utc(utc, &t)) {
        snprintf(out, DELIVERY_CHINA_LEN, "%s", utc ? utc : "");
        return;
    }
    t += 8 * 3600;
    gmtime_r(&t, &tm);
    strftime(out, DELIVERY_CHINA_LEN, "%Y-%m-%d %H:%M", &tm);
}

DeliveryUse delivery_use(const char *status, const char *expires_at, const char *now)
{
    if (status && strcmp(status, "confirmed") == 0) return DV_CONFIRMED;
    if (status && strcmp(status, "locked") == 0) return DV_LOCKED;
    /* the same fixed-width UTC form: the strings order as the times do */
    if (!expires_at || !now || strcmp(now, expires_at) >= 0) return DV_EXPIRED;
    return DV_OK;
}

bool delivery_wrong_code(int *attempts, int max_attempts)
{
    (*attempts)++;
    return *attempts >= max_attempts;
}

static const char *name_of(const char *const table[][2], size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(table[i][0], code) == 0) return table[i][1];
    return NULL;
}

const char *delivery_status_name(const char *status)
{
    static const char *const NAMES[][2] = {{"sent", "已发送，待当事人查看"},
                                           {"opened", "当事人已查看，待确认"},
                                           {"confirmed", "已送达（当事人已确认）"},
                                           {"locked", "验证码错误次数过多，已锁定"},
                                           {"served_on_paper", "已送达（纸质送达回证）"}};
    return name_of(NAMES, sizeof NAMES / sizeof *NAMES, status);
}

const char *delivery_kind_name(const char *kind)
{
    static const char *const NAMES[][2] = {{"decision", "行政处罚决定书"},
                                           {"notice", "行政处罚事先告知书"},
                                           {"hearing_notice", "听证通知书"},
                                           {"reminder", "催告书"}};
    return name_of(NAMES, sizeof NAMES / sizeof *NAMES, kind);
}

bool delivery_kind_serves_decision(const char *kind) { return kind && strcmp(kind, "decision") == 0; }
