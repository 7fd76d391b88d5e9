/* 文号 patterns: three placeholders, everything else literal. Pure. */
#include "domain/workflow/doc_number.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PATTERN_MAX 128

typedef enum { PH_ABBR, PH_YEAR, PH_SEQ, PH_COUNT } Placeholder;
static const char *const PH_NAMES[PH_COUNT] = {"{abbr}", "{year}", "{seq}"};

/* Placeholder starting at p, or -1. */
static int placeholder_at(const char *p)
{
    for (int i = 0; i < PH_COUNT; i++)
        if (strncmp(p, PH_NAMES[i], strlen(PH_NAMES[i])) == 0) return i;
    return -1;
}

int doc_number_pattern_check(const char *pattern, ZfError *err)
{
    if (!pattern || !*pattern)
        return zf_fail(err, 422, "invalid_pattern", "pattern", "文号格式不能为空");
    if (strlen(pattern) > PATTERN_MAX)
        return zf_fail(err, 422, "invalid_pattern", "pattern", "文号格式过长（不超过 %d 字节）",
                       PATTERN_MAX);
    int seen[PH_COUNT] = {0};
    for (const char *p = pattern; *p;) {
        if (*p == '{') {
            int ph = placeholder_at(p);
            if (ph < 0)
                return zf_fail(err, 422, "invalid_pattern", "pattern",
                               "文号格式含有未知占位符，只能使用 {abbr}、{year}、{seq}");
            seen[ph]++;
            p += strlen(PH_NAMES[ph]);
        } else if (*p == '}') {
            return zf_fail(err, 422, "invalid_pattern", "pattern", "文号格式的花括号不成对");
        } else {
            p++;
        }
    }
    if (seen[PH_SEQ] != 1 || seen[PH_YEAR] != 1)
        return zf_fail(err, 422, "invalid_pattern", "pattern",
                       "文号格式须含且只含一个 {year} 和一个 {seq}");
    if (seen[PH_ABBR] > 1)
        return zf_fail(err, 422, "invalid_pattern", "pattern", "文号格式最多含一个 {abbr}");
    return ZF_OK;
}

int doc_number_format(const char *pattern, const char *abbr, int year, long seq, char *out,
                      size_t size, ZfError *err)
{
    if (doc_number_pattern_check(pattern, err) != ZF_OK) return ZF_ERR;
    if (year < 1900 || year > 9999)
        return zf_fail(err, 422, "invalid_year", "year", "文号年份 %d 无效", year);
    if (seq < 1) return zf_fail(err, 422, "invalid_seq", "seq", "文号序号须为正整数");
    bool needs_abbr = strstr(pattern, PH_NAMES[PH_ABBR]) != NULL;
    if (needs_abbr && (!abbr || !*abbr || strpbrk(abbr, "{}")))
        return zf_fail(err, 422, "invalid_abbr", "abbr", "机关简称不能为空，也不能含花括号");
    size_t used = 0;
    for (const char *p = pattern; *p;) {
        char piece[160];
        const char *text = piece;
        size_t len;
        int ph = *p == '{' ? placeholder_at(p) : -1;
        if (ph == PH_ABBR) {
            text = abbr;
            len = strlen(abbr);
        } else if (ph == PH_YEAR) {
            len = (size_t)snprintf(piece, sizeof piece, "%d", year);
        } else if (ph == PH_SEQ) {
            len = (size_t)snprintf(piece, sizeof piece, "%ld", seq);
        } else {
            text = p;
            len = 1;
        }
        if (used + len >= size)
            return zf_fail(err, 422, "doc_number_too_long", "pattern", "文号过长");
        memcpy(out + used, text, len);
        used += len;
        p += ph >= 0 ? strlen(PH_NAMES[ph]) : 1;
    }
    out[used] = '\0';
    return ZF_OK;
}
