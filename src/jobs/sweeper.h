/* The background sweeper of `serve`: re-runs the sweep when data changed (dirty flag) and when
 * the date in China changes, so time-driven rules (deadlines passing) fire without anyone asking. */
#ifndef ZF_SWEEPER_H
#define ZF_SWEEPER_H

#include "domain/calendar.h"

typedef struct Sweeper Sweeper;

/* Starts the thread; it opens its own store connection. NULL on failure. */
Sweeper *sweeper_start(const char *db_path, const Calendar *cal, ZfClock clock, unsigned poll_seconds);
/* Wakes the thread, waits for a sweep in progress to finish, frees. */
void sweeper_stop(Sweeper *s);

#endif
