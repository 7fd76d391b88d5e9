/* Case attachments (全过程记录, 《行政处罚法》第四十七条): the kinds of evidence file, the rule
 * each kind's content must meet (accepted types, size limit — data, from settings), and the
 * checks an upload passes before anything is stored. Pure: no I/O; callers pass the settings. */
#ifndef ZF_DOMAIN_ATTACHMENT_H
#define ZF_DOMAIN_ATTACHMENT_H

#include <stddef.h>

#include "domain/media_sniff.h"
#include "util/error.h"

typedef enum { AK_PHOTO, AK_AUDIO, AK_VIDEO, AK_DOCUMENT, AK_COUNT } AttachmentKind;

#define ATTACHMENT_NAME_MAX 255       /* bytes, as a file name on most file systems */
#define ATTACHMENT_TYPES_MAX 256
#define ATTACHMENT_CEILING_MIB 1024   /* no setting may raise a kind above this */

typedef struct {
    size_t max_bytes;
    char types[ATTACHMENT_TYPES_MAX]; /* MIME types separated by spaces */
} AttachmentRule;

/* "photo" → AK_PHOTO …; ZF_ERR (400, field kind) for anything else. */
int attachment_kind_by_code(const char *code, AttachmentKind *out, ZfError *err);
const char *attachment_kind_code(AttachmentKind k);
const char *attachment_kind_name(AttachmentKind k); /* 照片 录音 录像 文书 */

/* Names of the two settings of a kind: "attachment_<kind>_max_mib", "attachment_<kind>_types". */
void attachment_setting_names(AttachmentKind k, char max_mib[48], char types[48]);
/* The kind's rule from its two setting values; a missing (NULL) or unreadable value takes the
 * default (the value migration 010 seeds). */
void attachment_rule_from_settings(AttachmentKind k, const char *max_mib, const char *types, AttachmentRule *out);

/* A file name to show and to offer on download: 1..255 bytes, no control characters, no path
 * separators, not "." or "..". ZF_ERR 400 (field name) otherwise. UTF-8 is the caller's check. */
int attachment_name_check(const char *name, ZfError *err);

/* Sniffs the content by its first head_len bytes and checks it against the kind's rule: 400 when
 * empty (size 0), 413 when size is over the limit, 415 when the type is unrecognised or not one the
 * kind accepts. *type on success. head may be all of the content or its start (an upload's first 4 KiB). */
int attachment_content_check(AttachmentKind k, const AttachmentRule *rule, const unsigned char *head, size_t head_len,
                             size_t size, const MediaType **type, ZfError *err);
/* The 413 message for a kind ("照片不能超过 20 MiB") into out. */
void attachment_too_large_message(AttachmentKind k, const AttachmentRule *rule, char *out, size_t size);

#endif
