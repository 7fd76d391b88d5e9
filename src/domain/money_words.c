/* See money_words.h. */
#include "domain/money_words.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const DIGIT[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
static const char *const IN_SECTION[] = {"仟", "佰", "拾", ""};
static const char *const SECTION[] = {"", "万", "亿", "万亿"};

typedef struct {
    char *out;
    size_t cap, len;
    bool overflow;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->overflow = true;
        return;
    }
    memcpy(b->out + b->len, s, n + 1);
    b->len += n;
}

/* One section of four digits (0 < v < 10000); *zero: a 零 is owed before the next digit written. */
static void put_section(Buf *b, int v, bool *zero)
{
    int div = 1000;
    for (int i = 0; i < 4; i++, div /= 10) {
        int d = v / div % 10;
        if (d == 0) {
            if (b->len > 0) *zero = true;
            continue;
        }
        if (*zero) put(b, "零");
        *zero = false;
        put(b, DIGIT[d]);
        put(b, IN_SECTION[i]);
    }
}

/* yuan > 0, read section by section from the highest: a section whose 仟 digit is 0 after a written
 * one starts with 零 (壹拾万零柒佰); zeros that end a section are not read (壹拾万柒仟). */
static void put_yuan(Buf *b, long long yuan)
{
    int sections[4] = {0}, n = 0;
    for (long long y = yuan; y > 0 && n < 4; y /= 10000) sections[n++] = (int)(y % 10000);
    for (int i = n - 1; i >= 0; i--) {
        if (sections[i] == 0) continue;
        bool zero = b->len > 0 && sections[i] < 1000;
        put_section(b, sections[i], &zero);
        put(b, SECTION[i]);
    }
}

int money_capitals(long long fen, char *out, size_t cap)
{
    if (fen < 0 || fen >= 1000000000000000000LL || cap == 0) return -1;
    Buf b = {out, cap, 0, false};
    out[0] = '\0';
    long long yuan = fen / 100;
    int jiao = (int)(fen / 10 % 10), f = (int)(fen % 10);
    if (yuan > 0) {
        put_yuan(&b, yuan);
        put(&b, "元");
    }
    if (jiao > 0) {
        if (yuan > 0 && yuan % 10 == 0) put(&b, "零"); /* 壹仟陆佰捌拾元零叁角 */
        put(&b, DIGIT[jiao]);
        put(&b, "角");
    } else if (f > 0 && yuan > 0) {
        put(&b, "零"); /* 叁佰贰拾伍元零肆分 */
    }
    if (f > 0) {
        put(&b, DIGIT[f]);
        put(&b, "分");
    } else if (yuan == 0 && jiao == 0) {
        put(&b, "零元整");
    } else {
        put(&b, "整");
    }
    return b.overflow ? -1 : 0;
}

int money_figures(long long fen, char *out, size_t cap)
{
    char digits[32], grouped[48];
    if (fen < 0) return -1;
    int n = snprintf(digits, sizeof digits, "%lld", fen / 100), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) grouped[k++] = ',';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    int w = snprintf(out, cap, "%s.%02lld", grouped, fen % 100);
    return w < 0 || (size_t)w >= cap ? -1 : 0;
}

long long money_fen_of_yuan(double yuan) { return (long long)llround(yuan * 100.0); }
