/* Canonical event bytes, defined once (docs/ledger.md): the event object
 * {"data":…,"seq":n,"subject":"…","time":"YYYY-MM-DDTHH:MM:SSZ","type":"…"} as compact JSON with
 * every object's keys sorted by their UTF-8 bytes, strings as UTF-8 (only " \ and control
 * characters escaped), integers in decimal. Pure: the caller passes the time. */
#ifndef ZF_LEDGER_EVENT_H
#define ZF_LEDGER_EVENT_H

#include <jansson.h>
#include <stdint.h>

/* Canonical bytes of any JSON value (malloc'd, NUL-terminated; NULL when out of memory). */
char *ledger_canonical(const json_t *v, size_t *len);
/* The event's bytes in two parts, head || tail == ledger_event_bytes: the head `{"data":<data>`
 * depends on the data only (prepared off the writer thread), the tail on seq, time and names. */
char *ledger_event_head(const json_t *data, size_t *len);
char *ledger_event_tail(uint64_t seq, const char *time, const char *type, const char *subject, size_t *len);
/* Canonical bytes of the event; data is not consumed. */
char *ledger_event_bytes(uint64_t seq, const char *time, const char *type, const char *subject,
                         const json_t *data, size_t *len);
/* "YYYY-MM-DDTHH:MM:SSZ" of a unix time. */
void ledger_time_text(int64_t unix_time, char out[21]);

/* The top-level "seq" of canonical event bytes, or -1 when the bytes are not in that shape. */
long long ledger_event_seq(const char *event, size_t len);
/* 1 when the canonical event's "data" is exactly the canonical form of the JSON record text. */
int ledger_event_data_is(const char *event, size_t len, const char *record, size_t record_len);
/* The same for a record already parsed (NULL = not JSON: never equal). */
int ledger_event_data_equals(const char *event, size_t len, const json_t *record);

#endif
