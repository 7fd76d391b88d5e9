/* Shared by unit tests: loading the real data files the product ships. */
#ifndef ZF_TEST_SUPPORT_H
#define ZF_TEST_SUPPORT_H

#include "domain/calendar.h"

/* Directory of the shipped data ($ZHIFA_DATA or ./data). */
const char *test_data_dir(void);
/* A calendar with every data/holidays/YYYY.json loaded; aborts the test run when unreadable. */
Calendar *test_calendar(void);
/* "YYYY-MM-DD" → day number; aborts on a bad literal (a bug in the test itself). */
zf_day D(const char *ymd);

#endif
