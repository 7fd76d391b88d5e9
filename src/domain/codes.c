/* Check-character arithmetic for 统一社会信用代码 and 公民身份号码, the six-digit region format and the
 * forms of a telephone number. Pure: no I/O, no globals that change, no allocation; never trusts a
 * NUL before position 18. */
#include "domain/codes.h"

#include <string.h>

/* GB 32100-2015 table 1: the 31 code characters, index = numeric value. */
static const char USCC_CHARSET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int USCC_WEIGHTS[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

/* GB 11643-1999 §8.2: weights 2^(17-i) mod 11 and the remainder → check character mapping. */
static const int CNID_WEIGHTS[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char CNID_CHECK_MAP[] = "10X98765432";

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Numeric value of a code character, or -1 if it is not in the charset. */
static int uscc_value(char c)
{
    if (c == '\0')
        return -1;
    const char *p = strchr(USCC_CHARSET, c);
    return p ? (int)(p - USCC_CHARSET) : -1;
}

/* True if s has exactly n chars, without reading past a NUL. */
static bool has_length(const char *s, size_t n)
{
    if (s == NULL)
        return false;
    size_t i = 0;
    while (i <= n && s[i] != '\0')
        i++;
    return i == n;
}

char uscc_check_char(const char first17[17])
{
    if (first17 == NULL)
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(first17[i]);
        if (v < 0)
            return 0;
        sum += v * USCC_WEIGHTS[i];
    }
    int c18 = 31 - sum % 31;
    return USCC_CHARSET[c18 == 31 ? 0 : c18];
}

bool uscc_valid(const char *s)
{
    if (!has_length(s, 18))
        return false;
    /* Positions 3–8 are the GB/T 2260 code of the registering authority's region. */
    for (int i = 2; i < 8; i++)
        if (!is_digit(s[i]))
            return false;
    char check = uscc_check_char(s);
    return check != 0 && check == s[17];
}

char cnid_check_char(const char first17[17])
{
    if (first17 == NULL)
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(first17[i]))
            return 0;
        sum += (first17[i] - '0') * CNID_WEIGHTS[i];
    }
    return CNID_CHECK_MAP[sum % 11];
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : DAYS[m - 1];
}

/* yyyymmdd: eight digits already checked by the caller. */
static bool birth_date_valid(const char *yyyymmdd)
{
    int y = digits_value(yyyymmdd, 4);
    int m = digits_value(yyyymmdd + 4, 2);
    int d = digits_value(yyyymmdd + 6, 2);
    if (y < 1900 || m < 1 || m > 12)
        return false;
    return d >= 1 && d <= days_in_month(y, m);
}

bool cnid_valid(const char *s)
{
    if (!has_length(s, 18))
        return false;
    char check = cnid_check_char(s); /* also rejects non-digits in 1–17 */
    if (check == 0 || check != s[17])
        return false;
    return birth_date_valid(s + 6);
}

bool region_code_format_valid(const char *s)
{
    if (!has_length(s, 6))
        return false;
    for (int i = 0; i < 6; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

static bool digits_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* A telephone number as people write it: a mobile (1[3-9] and 9 digits) or a fixed line (0, an
 * area code of 2–3 more digits, optionally '-', 7–8 digits). */
bool phone_number_valid(const char *p)
{
    size_t n = strlen(p);
    if (n == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && digits_only(p, n)) return true;
    if (n < 10 || n > 13 || p[0] != '0') return false;
    const char *dash = strchr(p, '-');
    if (!dash) return digits_only(p, n) && n <= 12;
    size_t area = (size_t)(dash - p), local = n - area - 1;
    return area >= 3 && area <= 4 && local >= 7 && local <= 8 && digits_only(p, area) && digits_only(dash + 1, local);
}
