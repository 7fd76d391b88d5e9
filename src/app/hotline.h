/* The 12345 hotline's 双派单 intake (docs/hotline.md): a batch of work orders, one JSON object a
 * line, each a lead already dispatched to the agency it names, in the region of the token that
 * sent it. A line refused is reported with its number and reason; the others are stored. */
#ifndef ZF_APP_HOTLINE_H
#define ZF_APP_HOTLINE_H

#include <jansson.h>
#include <stddef.h>

#include "app/context.h"
#include "store/tokens.h"

#define HOTLINE_ERRORS_MAX 1000 /* a longer report helps nobody: received − created − duplicates says the rest */

/* Who sends a batch: the 12345 platform with its token, or a supervisor uploading the platform's file. */
typedef struct {
    const char *region;       /* the token's region, or the supervisor's (6 digits) */
    const char *out_of_scope; /* a line's error when its agency lies outside cx->scope */
} HotlineSender;

/* body (len bytes, JSON Lines) from `from`, within cx->scope (the token's region, or the
 * supervisor's own scope; cx->user NULL for a token, the supervisor for an upload) → *summary
 * {"received","created","duplicates","errors":[{"line","error"}]}. ZF_ERR only when nothing could
 * be stored (the database refused): then no line of the batch is kept past the last chunk committed. */
int app_hotline_intake(const AppContext *cx, const HotlineSender *from, const char *body, size_t len, json_t **summary,
                       ZfError *err);

#endif
