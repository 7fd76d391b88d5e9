/* One line of a 12345 hotline batch (docs/hotline.md), parsed and validated: every field checked
 * here, once, with a Chinese message. Pure: no I/O, no clock — the caller passes today. */
#ifndef ZF_DOMAIN_HOTLINE_H
#define ZF_DOMAIN_HOTLINE_H

#include <stddef.h>

#include "util/date.h"
#include "util/error.h"

#define HOTLINE_LINE_MAX (16 * 1024)   /* bytes of one line: 2,000 characters of content fit thrice */
#define HOTLINE_ORDER_NO_MAX 64
#define HOTLINE_CONTENT_MAX 2000       /* characters, as a lead's content */
#define HOTLINE_CATEGORY_MAX 50
#define HOTLINE_NAME_MAX 50
#define HOTLINE_PHONE_MAX 20

typedef struct {
    char order_no[HOTLINE_ORDER_NO_MAX + 1];
    char received_at[21]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
    char agency[19];
    char category[HOTLINE_CATEGORY_MAX * 4 + 1];
    char reporter_name[HOTLINE_NAME_MAX * 4 + 1]; /* "" = not given */
    char reporter_phone[HOTLINE_PHONE_MAX + 1];   /* "" = not given */
    char *content;                                /* owned: free with hotline_order_clear */
} HotlineOrder;

/* Parses one line (n bytes, no newline) into *out. 400 with the field and a Chinese message when
 * anything is refused; received_at may not be after today (China). */
int hotline_order_parse(const char *line, size_t n, zf_day today, HotlineOrder *out, ZfError *err);
void hotline_order_clear(HotlineOrder *o);

#endif
