/* The monthly 通报's opening paragraph, written from its figures: what a leader reads first
 * ("2026年5月，青岛市共立案行政执法案件 N 件，同比增长 x%……"). Pure. */
#ifndef ZF_DOMAIN_BULLETIN_SUMMARY_H
#define ZF_DOMAIN_BULLETIN_SUMMARY_H

#include <stddef.h>

typedef struct {
    long long filed, decided, fines_fen;
} BulletinPeriod;

typedef struct {
    int year, month;
    const char *place;          /* the region's name, e.g. "青岛市" */
    BulletinPeriod now, prev;   /* this month and the month before */
    BulletinPeriod last_year;   /* the same month a year before */
    long long violations, warnings;  /* open findings at the time of writing */
    long long orders_issued, orders_overdue;
} BulletinFigures;

/* "同比增长 12.5%" / "同比下降 3.0%" / "同比持平" into out, or "" when before is 0 (no base). */
void bulletin_change(const char *word, long long now, long long before, char *out, size_t cap);

/* 12345678 fen → "123,456.78". out ≥ 32. */
void bulletin_yuan(long long fen, char *out, size_t cap);

/* The paragraph into out (UTF-8, truncated to cap). */
void bulletin_summary(const BulletinFigures *f, char *out, size_t cap);

#endif
