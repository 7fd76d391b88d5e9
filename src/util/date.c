/* Date arithmetic on day numbers (Howard Hinnant's civil-days algorithms).
 * Pure: no clock, no locale. */
#include "util/date.h"

#include <time.h>

#include <stdio.h>
#include <string.h>

bool date_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

zf_day date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (zf_day)(era * 146097 + doe - 719468);
}

void date_to_ymd(zf_day z, int *year, int *month, int *day)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

int date_weekday(zf_day d)
{
    /* 1970-01-01 was a Thursday (3 when Monday = 0). */
    int w = (int)((d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool parse_ymd_prefix(const char *s, zf_day *out)
{
    int y, m, d;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d))
        return false;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m)) return false;
    *out = date_from_ymd(y, m, d);
    return true;
}

bool date_parse(const char *s, zf_day *out)
{
    if (!s || strlen(s) != 10) return false;
    return parse_ymd_prefix(s, out);
}

bool datetime_parse(const char *s, zf_day *day, int *minute)
{
    int hh, mm;
    if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':') return false;
    if (!parse_ymd_prefix(s, day)) return false;
    if (!digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mm) || hh > 23 || mm > 59) return false;
    *minute = hh * 60 + mm;
    return true;
}

void date_format(zf_day d, char out[ZF_DATE_LEN])
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    /* y % 10000 keeps the text 10 bytes; the ranges of m and dd come from date_to_ymd. */
    unsigned uy = (unsigned)(y % 10000), um = (unsigned)m % 13u, ud = (unsigned)dd % 32u;
    snprintf(out, ZF_DATE_LEN, "%04u-%02u-%02u", uy, um, ud);
}

zf_day date_today_china(void)
{
    return (zf_day)((time(NULL) + 8 * 3600) / 86400);
}
