/* Working-day calendar and the period arithmetic of spec/rules.md §1.
 * Pure: the holiday data is handed in as text by the caller; no clock, no files. */
#ifndef ZF_CALENDAR_H
#define ZF_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"

typedef struct Calendar Calendar;

Calendar *calendar_new(void);
void calendar_free(Calendar *cal);
/* Record an official day: off = true for a holiday, false for a 调休 working day. */
int calendar_set(Calendar *cal, zf_day day, bool off);
/* Load one holiday-cn style year file (`days[].date`, `days[].isOffDay`). 0 ok, -1 bad data. */
int calendar_load_json(Calendar *cal, const char *text, size_t len);
size_t calendar_entry_count(const Calendar *cal);

/* Listed days follow the list; others are working days Monday–Friday. */
bool calendar_is_workday(const Calendar *cal, zf_day d);
/* Next working day on or after d (民法典 第二百零三条). */
zf_day roll_forward(const Calendar *cal, zf_day d);
/* N-th working day strictly after d: periods stated in 工作日. */
zf_day add_wd(const Calendar *cal, zf_day d, int n);
/* d + n natural days, rolled forward to a working day (民法典 第二百零一、二百零三条). */
zf_day add_nd(const Calendar *cal, zf_day d, int n);
/* Same day-of-month m months later, clamped to the month's end. No roll-forward. */
zf_day add_months(zf_day d, int m);
/* add_months then rolled forward: the deadline for an act stated in months. */
zf_day add_months_deadline(const Calendar *cal, zf_day d, int m);
zf_day add_years(zf_day d, int y);

#endif
