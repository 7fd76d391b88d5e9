/* Masking of a party's personal data for the public portal (公示): a person's name keeps its
 * first character (张三丰 → 张**), a citizen ID its first 4 and last 4 characters
 * (3701**********1234); an organisation's name and USCC are public and kept. Pure, UTF-8. */
#ifndef ZF_WORKFLOW_MASKING_H
#define ZF_WORKFLOW_MASKING_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/workflow/case_state.h"

/* First UTF-8 character + "**". ZF_ERR when the name is not valid UTF-8 or out is too small. */
int mask_person_name(const char *name, char *out, size_t size);
/* First 4 + one '*' per hidden character + last 4; IDs of 8 characters or fewer are all '*'. */
int mask_citizen_id(const char *id, char *out, size_t size);
/* Looks like a resident ID (GB 11643: 18 characters, 17 digits then a digit or X; or the old
 * 15 digits), whatever the party kind says: such a party is a person and is masked. */
bool mask_looks_like_citizen_id(const char *id);
/* By party kind: persons masked as above, organisations copied unchanged. */
int mask_party_name(WfPartyKind kind, const char *name, char *out, size_t size);
int mask_party_id(WfPartyKind kind, const char *id, char *out, size_t size);

#endif
