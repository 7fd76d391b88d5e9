/* 行政区划 overlay lines: checked line by line, then laid over the shipped table by text (the
 * shipped lines whose code the overlay names are left out), so the table itself stays immutable. */
#include "domain/regions_overlay.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "util/text.h"

static bool name_ok(const char *s, size_t n)
{
    if (n == 0 || n > REGIONS_OVERLAY_NAME_MAX || !text_utf8_valid(s, n)) return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return false;
    return true;
}

static bool known(const Regions *base, const Regions *over, const char *code)
{
    return regions_name(base, code) || regions_name(over, code);
}

/* A province stands alone; a prefecture needs its province; a county its prefecture or, for the
 * 直辖市 districts and 省直辖县, its province. */
static bool parent_known(const Regions *base, const Regions *over, const char *code)
{
    char up[7];
    if (strcmp(code + 2, "0000") == 0) return true;
    memcpy(up, code, 7);
    memcpy(up + 2, "0000", 4);
    bool province = known(base, over, up);
    if (strcmp(code + 4, "00") == 0) return province;
    memcpy(up, code, 7);
    memcpy(up + 4, "00", 2);
    return province || known(base, over, up);
}

typedef struct {
    const Regions *base, *over;
    long line, count;
    char *why;
    size_t why_size;
} Check;

static int fail(Check *c, const char *msg)
{
    snprintf(c->why, c->why_size, "行政区划表第 %ld 行：%s", c->line, msg);
    return -1;
}

static int check_line(Check *c, const char *p, size_t n)
{
    if (n && p[n - 1] == '\r') n--;
    if (n == 0 || p[0] == '#') return 0;
    if (++c->count > REGIONS_OVERLAY_MAX_LINES) return fail(c, "超过 10000 行");
    const char *tab = memchr(p, '\t', n);
    char code[7];
    if (!tab || tab - p != 6) return fail(c, "应为“6 位代码<制表符>名称”");
    memcpy(code, p, 6);
    code[6] = '\0';
    if (!region_code_format_valid(code) || strncmp(code, "00", 2) == 0) return fail(c, "区划代码应为 6 位数字");
    if (!name_ok(tab + 1, n - 7)) return fail(c, "名称应为 1 至 64 字节的 UTF-8 文字，不含控制字符");
    if (!parent_known(c->base, c->over, code)) return fail(c, "上级区划（省或地市）不存在");
    return 0;
}

int regions_overlay_check(const Regions *base, const char *text, size_t len, char *why, size_t why_size)
{
    Regions *over;
    if (regions_parse(text, len, &over) != 0) {
        snprintf(why, why_size, "行政区划表格式不正确（每行“6 位代码<制表符>名称”，代码不得重复）");
        return -1;
    }
    Check c = {base, over, 0, 0, why, why_size};
    const char *p = text, *end = text + len;
    int rc = 0;
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        c.line++;
        rc = check_line(&c, p, n);
        p += n + 1;
    }
    regions_free(over);
    return rc;
}

/* The base's lines whose code the overlay does not name, then the overlay's. */
static char *merged_text(const char *base, size_t base_len, const Regions *over, const char *over_text,
                         size_t over_len, size_t *len)
{
    char *out = malloc(base_len + over_len + 2);
    if (!out) return NULL;
    size_t k = 0;
    const char *p = base, *end = base + base_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        char code[7] = "";
        if (n > 6 && p[6] == '\t') memcpy(code, p, 6), code[6] = '\0';
        if (!code[0] || !regions_name(over, code)) {
            memcpy(out + k, p, n);
            k += n;
            out[k++] = '\n';
        }
        p += n + 1;
    }
    memcpy(out + k, over_text, over_len);
    *len = k + over_len;
    return out;
}

int regions_parse_with_overlay(const char *base_text, size_t base_len, const char *over, size_t over_len,
                               Regions **out)
{
    Regions *o;
    size_t len;
    *out = NULL;
    if (regions_parse(over, over_len, &o) != 0) return -1;
    char *text = merged_text(base_text, base_len, o, over, over_len, &len);
    regions_free(o);
    int rc = text ? regions_parse(text, len, out) : -1;
    free(text);
    return rc;
}
