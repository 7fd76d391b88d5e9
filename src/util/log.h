/* Structured logs: one JSON object per line on stderr, so operators can grep and ship them. */
#ifndef ZF_LOG_H
#define ZF_LOG_H

#include <stdint.h>

void log_info(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_error(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_access(const char *method, const char *path, int status, int64_t micros, const char *user);
/* Microseconds from a monotonic clock, for durations. */
int64_t now_micros(void);

#endif
