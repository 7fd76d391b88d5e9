/* Format and check-character rules for the identifiers an enforcement case names its parties by:
 * 统一社会信用代码 (GB 32100-2015), 公民身份号码 (GB 11643-1999), 行政区划代码 (GB/T 2260).
 * Pure: no I/O, no locale, no lookups — whether a region code exists is regions.h's business. */
#ifndef ZHIFA_DOMAIN_CODES_H
#define ZHIFA_DOMAIN_CODES_H

#include <stdbool.h>

/* 18 chars from 0-9 A-H J-N P-R T U W-Y (no I O Z S V), 3–8 digits, valid check char.
 * Lowercase is rejected: the standard defines uppercase only; edges may uppercase first. */
bool uscc_valid(const char *s);

/* Check character (GB 32100-2015 §5) for the first 17 chars; 0 if any is outside the charset. */
char uscc_check_char(const char first17[17]);

/* 17 digits + [0-9X]; birth date at 7–14 is a real date in year >= 1900; MOD 11-2 check. */
bool cnid_valid(const char *s);

/* ISO 7064 MOD 11-2 check character for 17 digits; 0 if any is not a digit. */
char cnid_check_char(const char first17[17]);

/* Exactly six ASCII digits. Says nothing about whether the region exists. */
bool region_code_format_valid(const char *s);
/* A mobile (1[3-9] + 9 digits) or fixed-line (0 + area code, optional '-', 7–8 digits) number. */
bool phone_number_valid(const char *p);

#endif
