/* See text_decode.h. */
#include "util/text_decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

static int not_text(ZfError *err)
{
    return zf_fail(err, 415, "not_text", NULL, "文件不是纯文本（.txt 应为 UTF-8 或 GB18030 编码的文字）");
}

static int too_long(ZfError *err) { return zf_fail(err, 422, "text_too_large", NULL, "文本文件的文字过多，超过文件全文的上限"); }

/* GB18030 → UTF-8 into a buffer of at most max bytes (a character is at most 4 bytes either way). */
static int from_gb18030(const char *in, size_t len, size_t max, char **out, size_t *out_len, ZfError *err)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return zf_fail(err, 500, "iconv_unavailable", NULL, "系统缺少 GB18030 编码转换");
    size_t cap = len * 2 + 1 < max + 1 ? len * 2 + 1 : max + 1;
    char *buf = malloc(cap), *dst = buf, *src = (char *)in;
    size_t left_in = len, left_out = cap - 1;
    int rc = buf ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (rc == ZF_OK && iconv(cd, &src, &left_in, &dst, &left_out) == (size_t)-1)
        rc = errno == E2BIG ? too_long(err) : not_text(err);
    iconv_close(cd);
    if (rc != ZF_OK) return free(buf), ZF_ERR;
    *dst = '\0';
    *out = buf, *out_len = (size_t)(dst - buf);
    return ZF_OK;
}

/* Tab, LF, CR and FF are text; other C0 controls and DEL are not. */
static bool only_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return false;
    }
    return true;
}

int text_decode_utf8(const void *buf, size_t len, size_t max, char **out, size_t *out_len, ZfError *err)
{
    const char *s = buf;
    *out = NULL, *out_len = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, len -= 3;
    if (!len) return zf_fail(err, 415, "not_text", NULL, "文本文件是空的");
    if (text_utf8_valid(s, len)) {
        if (len > max) return too_long(err);
        if (!(*out = malloc(len + 1))) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        memcpy(*out, s, len);
        (*out)[len] = '\0';
        *out_len = len;
    } else if (from_gb18030(s, len, max, out, out_len, err) != ZF_OK) {
        return ZF_ERR;
    }
    if (only_text(*out, *out_len)) return ZF_OK;
    free(*out);
    *out = NULL;
    return not_text(err);
}
