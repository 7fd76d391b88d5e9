/* JSON-line logging to stderr. Each line is written with one fputs under the stdio lock,
 * so lines from worker threads never interleave. */
#include "util/log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int64_t now_micros(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void utc_now(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%03dZ", (int)(ts.tv_nsec / 1000000) % 1000);
}

static void emit(json_t *line)
{
    char now[32];
    utc_now(now);
    json_object_set_new(line, "time", json_string(now));
    char *text = json_dumps(line, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    if (text) {
        flockfile(stderr);
        fputs(text, stderr);
        fputc('\n', stderr);
        funlockfile(stderr);
        free(text);
    }
    json_decref(line);
}

/* Request paths come from the network and may not be UTF-8; never drop the line for it. */
static json_t *text_or_marker(const char *s)
{
    json_t *v = json_string(s);
    return v ? v : json_string("(非 UTF-8)");
}

static void log_message(const char *level, const char *event, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    json_t *line = json_object();
    json_object_set_new(line, "level", json_string(level));
    json_object_set_new(line, "event", text_or_marker(event));
    json_object_set_new(line, "msg", text_or_marker(msg));
    emit(line);
}

void log_info(const char *event, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_message("info", event, fmt, ap);
    va_end(ap);
}

void log_error(const char *event, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_message("error", event, fmt, ap);
    va_end(ap);
}

void log_access(const char *method, const char *path, int status, int64_t micros, const char *user)
{
    json_t *line = json_object();
    json_object_set_new(line, "event", json_string("access"));
    json_object_set_new(line, "method", text_or_marker(method));
    json_object_set_new(line, "path", text_or_marker(path));
    json_object_set_new(line, "status", json_integer(status));
    json_object_set_new(line, "us", json_integer((json_int_t)micros));
    json_object_set_new(line, "user", user ? text_or_marker(user) : json_null());
    emit(line);
}
