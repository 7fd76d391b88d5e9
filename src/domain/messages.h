/* The kinds of the message centre (docs/messages.md) with their Chinese names, and the length
 * limits of a message (migration 040). Pure data. */
#ifndef ZF_DOMAIN_MESSAGES_H
#define ZF_DOMAIN_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>

#define MESSAGE_TITLE_MAX_CHARS 200
#define MESSAGE_LINK_MAX_BYTES 300

/* The i-th kind: code ("approval_requested") and name (审批待办); false past the last. */
bool message_kind_at(size_t i, const char **code, const char **name);
bool message_kind_known(const char *code);

#endif
