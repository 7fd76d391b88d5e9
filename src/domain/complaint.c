/* domain/complaint.h: a complaint's fields, the proof-of-work count and the tracking code. */
#include "domain/complaint.h"

#include <string.h>

#include "domain/codes.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Characters (code points) of valid UTF-8. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool agency_code_valid(const char *a)
{
    static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    if (strlen(a) != 18) return false;
    for (const char *c = a; *c; c++)
        if (!strchr(charset, *c)) return false;
    return true;
}

int complaint_check(const ComplaintFields *f, ZfError *err)
{
    const char *c = f->content;
    bool blank = true;
    for (const char *s = c; s && *s && blank; s++) blank = strchr(" \t\r\n", *s) != NULL;
    if (blank) return zf_fail(err, 400, "missing_field", "content", "请填写投诉内容");
    if (utf8_chars(c) > COMPLAINT_CONTENT_MAX)
        return zf_fail(err, 400, "too_long", "content", "投诉内容不超过 %d 字", COMPLAINT_CONTENT_MAX);
    if (f->place && utf8_chars(f->place) > COMPLAINT_PLACE_MAX)
        return zf_fail(err, 400, "too_long", "place", "地点不超过 %d 字", COMPLAINT_PLACE_MAX);
    if (f->name && utf8_chars(f->name) > COMPLAINT_NAME_MAX)
        return zf_fail(err, 400, "too_long", "name", "姓名不超过 %d 字", COMPLAINT_NAME_MAX);
    if (f->phone && !phone_number_valid(f->phone))
        return zf_fail(err, 400, "invalid_phone", "phone", "请填写 11 位手机号，或带区号的固定电话（如 0532-88888888）");
    if (f->agency && !agency_code_valid(f->agency))
        return zf_fail(err, 400, "invalid_code", "agency", "执法机关代码应为 18 位统一社会信用代码");
    return ZF_OK;
}

bool complaint_nonce_valid(const char *nonce)
{
    size_t n = nonce ? strlen(nonce) : 0;
    if (n == 0 || n > COMPLAINT_NONCE_MAX) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = nonce[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
    }
    return true;
}

static int hex_value(char h)
{
    if (h >= '0' && h <= '9') return h - '0';
    if (h >= 'a' && h <= 'f') return h - 'a' + 10;
    if (h >= 'A' && h <= 'F') return h - 'A' + 10;
    return -1;
}

int complaint_hex_zero_bits(const char *hex)
{
    int bits = 0;
    for (; *hex; hex++) {
        int v = hex_value(*hex);
        if (v < 0) return bits;
        if (v != 0) return bits + (v >= 8 ? 0 : v >= 4 ? 1 : v >= 2 ? 2 : 3);
        bits += 4;
    }
    return bits;
}

void tracking_code_from_hex(const char *hex, char out[TRACKING_CODE_LEN + 1])
{
    /* 20 hex digits = 80 bits = 16 base32 digits: every 5 hex digits (20 bits) give 4 of them. */
    size_t o = 0;
    for (int g = 0; g < 4; g++) {
        unsigned long v = 0;
        for (int k = 0; k < 5; k++) {
            int d = hex_value(hex[g * 5 + k]);
            v = (v << 4) | (unsigned long)(d < 0 ? 0 : d);
        }
        if (g) out[o++] = '-';
        for (int k = 3; k >= 0; k--) out[o++] = crockford[(v >> (5 * k)) & 31];
    }
    out[o] = '\0';
}

bool tracking_code_normalize(const char *in, char out[TRACKING_CODE_LEN + 1])
{
    char digits[TRACKING_CODE_DIGITS];
    size_t n = 0;
    for (const char *s = in ? in : ""; *s; s++) {
        char ch = *s;
        if (ch == '-' || ch == ' ') continue;
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (ch == 'O') ch = '0';
        if (ch == 'I' || ch == 'L') ch = '1';
        if (!strchr(crockford, ch) || ch == '\0' || n == TRACKING_CODE_DIGITS) return false;
        digits[n++] = ch;
    }
    if (n != TRACKING_CODE_DIGITS) return false;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && i % 4 == 0) out[o++] = '-';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return true;
}
