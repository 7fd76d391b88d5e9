/* Attachment kinds, their rules and the checks an upload must pass (see attachment.h).
 * Pure: no I/O, no clock. The defaults here are the values migration 010 seeds. */
#include "domain/attachment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *code, *name;
    unsigned default_mib;
    const char *default_types;
} KINDS[AK_COUNT] = {
    [AK_PHOTO] = {"photo", "照片", 20, "image/jpeg image/png image/heic image/heif"},
    [AK_AUDIO] = {"audio", "录音", 50, "audio/mpeg audio/mp4 audio/aac audio/wav audio/amr audio/amr-wb"},
    [AK_VIDEO] = {"video", "录像", 200, "video/mp4 video/quicktime"},
    [AK_DOCUMENT] = {"document", "文书", 50, "application/pdf"},
};

int attachment_kind_by_code(const char *code, AttachmentKind *out, ZfError *err)
{
    for (int k = 0; code && k < AK_COUNT; k++)
        if (strcmp(code, KINDS[k].code) == 0) {
            *out = (AttachmentKind)k;
            return ZF_OK;
        }
    return zf_fail(err, 400, "invalid_param", "kind", "附件类别应为 photo（照片）、audio（录音）、video（录像）或 document（文书）");
}

const char *attachment_kind_code(AttachmentKind k) { return KINDS[k].code; }
const char *attachment_kind_name(AttachmentKind k) { return KINDS[k].name; }

void attachment_setting_names(AttachmentKind k, char max_mib[48], char types[48])
{
    snprintf(max_mib, 48, "attachment_%s_max_mib", KINDS[k].code);
    snprintf(types, 48, "attachment_%s_types", KINDS[k].code);
}

void attachment_rule_from_settings(AttachmentKind k, const char *max_mib, const char *types, AttachmentRule *out)
{
    char *end;
    unsigned long mib = max_mib ? strtoul(max_mib, &end, 10) : 0;
    if (!max_mib || *end || mib == 0 || mib > ATTACHMENT_CEILING_MIB) mib = KINDS[k].default_mib;
    out->max_bytes = (size_t)mib << 20;
    if (!types || !*types || strlen(types) >= sizeof out->types) types = KINDS[k].default_types;
    snprintf(out->types, sizeof out->types, "%s", types);
}

/* Characters that make a name display as something else: C1 controls, the bidirectional
 * overrides and isolates (U+202E shows "gpj.exe" as "exe.jpg"), the marks, line separators and
 * the byte-order mark. Their UTF-8 lengths; 0 when p starts none. */
static size_t deceptive_char(const unsigned char *p)
{
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return 2;             /* U+0080–U+009F */
    if (p[0] == 0xD8 && p[1] == 0x9C) return 2;                              /* U+061C */
    if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) || (p[2] >= 0xA8 && p[2] <= 0xAE)))
        return 3;                                                            /* U+200B–200F, U+2028–202E */
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return 3; /* U+2066–U+2069 */
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;              /* U+FEFF */
    return 0;
}

int attachment_name_check(const char *name, ZfError *err)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0) return zf_fail(err, 400, "missing_param", "name", "请提供附件文件名（name）");
    if (n > ATTACHMENT_NAME_MAX)
        return zf_fail(err, 400, "invalid_param", "name", "附件文件名不超过 %d 字节", ATTACHMENT_NAME_MAX);
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strpbrk(name, "/\\"))
        return zf_fail(err, 400, "invalid_param", "name", "附件文件名不能含路径（/ 或 \\）");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7F || deceptive_char(p))
            return zf_fail(err, 400, "invalid_param", "name", "附件文件名不能含控制字符或改变文字显示方向的字符");
    return ZF_OK;
}

void attachment_too_large_message(AttachmentKind k, const AttachmentRule *rule, char *out, size_t size)
{
    snprintf(out, size, "%s不能超过 %zu MiB", KINDS[k].name, rule->max_bytes >> 20);
}

/* "JPEG 图片、PNG 图片" for the kind's accepted types. */
static void accepted_labels(const AttachmentRule *rule, char *out, size_t size)
{
    size_t used = 0, w;
    const char *list = rule->types;
    out[0] = '\0';
    for (const char *p; used < size && (p = media_list_word(&list, &w));) {
        char mime[64];
        snprintf(mime, sizeof mime, "%.*s", (int)(w < sizeof mime ? w : sizeof mime - 1), p);
        int n = snprintf(out + used, size - used, "%s%s", used ? "、" : "", media_label(mime));
        if (n < 0 || (size_t)n >= size - used) { /* whole labels only: the message must stay UTF-8 */
            out[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
}

int attachment_content_check(AttachmentKind k, const AttachmentRule *rule, const unsigned char *head, size_t head_len,
                             size_t size, const MediaType **type, ZfError *err)
{
    char msg[200], ok[300];
    if (size == 0) return zf_fail(err, 400, "empty_file", "file", "附件文件为空");
    if (size > rule->max_bytes) {
        attachment_too_large_message(k, rule, msg, sizeof msg);
        return zf_fail(err, 413, "attachment_too_large", "file", "%s", msg);
    }
    const MediaType *t = media_sniff(head, head_len < size ? head_len : size);
    accepted_labels(rule, ok, sizeof ok);
    if (!t)
        return zf_fail(err, 415, "unsupported_type", "file", "无法识别文件内容的格式，%s只接受：%s", KINDS[k].name, ok);
    if (!media_listed(rule->types, t->mime))
        return zf_fail(err, 415, "unsupported_type", "file", "文件内容是%s，%s只接受：%s", t->label, KINDS[k].name, ok);
    *type = t;
    return ZF_OK;
}
