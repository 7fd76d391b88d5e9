/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).
 * Pure arithmetic: no clock, no time zones, no I/O. Callers pass "today". */
#ifndef ZF_DATE_H
#define ZF_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t zf_day;

/* The one clock: a function giving today. Everything that needs today gets it from the clock its
 * caller passes (the server's, a job's) or as a value (--as-of), so a test can set the date. */
typedef zf_day (*ZfClock)(void);
/* Today's date in China (UTC+8, no daylight saving), from the system clock. */
zf_day date_today_china(void);

#define ZF_DAY_NONE INT32_MIN
#define ZF_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
zf_day date_from_ymd(int year, int month, int day);
void date_to_ymd(zf_day d, int *year, int *month, int *day);
/* 0 = Monday … 6 = Sunday */
int date_weekday(zf_day d);
/* Strict "YYYY-MM-DD": rejects 2026-02-30, missing zero padding, trailing bytes. */
bool date_parse(const char *s, zf_day *out);
/* Strict "YYYY-MM-DDTHH:MM"; minutes since midnight in *minute. */
bool datetime_parse(const char *s, zf_day *day, int *minute);
void date_format(zf_day d, char out[ZF_DATE_LEN]);

#endif
