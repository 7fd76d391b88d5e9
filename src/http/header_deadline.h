/* The header deadline: a connection gets a fixed time, from accept (or from the end of its last
 * request), to complete a request's headers. libmicrohttpd's own timeout restarts with every
 * byte, so a client trickling one header byte a second would otherwise hold its slot forever.
 * Never touches a connection after libmicrohttpd has reported it closed. */
#ifndef ZF_HEADER_DEADLINE_H
#define ZF_HEADER_DEADLINE_H

typedef struct HeaderDeadline HeaderDeadline;
typedef struct HeaderWatch HeaderWatch; /* one connection's entry */

/* Starts the reaper thread, which shuts down (shutdown(2), both ways) the socket of a connection
 * waiting for headers longer than timeout_s. NULL when out of memory or threads. */
HeaderDeadline *header_deadline_start(unsigned timeout_s);
/* Stops the reaper; call after the daemon has stopped (every connection reported closed). */
void header_deadline_stop(HeaderDeadline *hd);

/* From the connection-notify callback: STARTED (fd is the connection's socket) and CLOSED.
 * opened returns NULL when out of memory: that connection is then not watched. */
HeaderWatch *header_deadline_opened(HeaderDeadline *hd, int fd);
void header_deadline_closed(HeaderDeadline *hd, HeaderWatch *w);
/* The headers are in (first call of the access handler) / the request is over (completed). */
void header_deadline_request_began(HeaderDeadline *hd, HeaderWatch *w);
void header_deadline_request_ended(HeaderDeadline *hd, HeaderWatch *w);

#endif
