/* What decides an uploaded file's kind from its first bytes: media_sniff (domain/media_sniff.c),
 * the attachment check built on it with a kind's accepted-types setting (domain/attachment.c,
 * domain/setting_check.c), and the import upload's xlsx_looks_like_workbook (util/xlsx_read.c).
 * Input: byte 0 picks the kind, then the types setting up to the first '\n', then the file.
 * Invariants: a sniffed type is one media_by_mime knows; the sniffer decides on the first 64
 * bytes (unless they are all blank before markup); an accepted file's type is one its rule
 * lists; every refusal has a status and a message that is valid UTF-8 (it goes out as JSON). */
#include <jansson.h>
#include <string.h>

#include "domain/attachment.h"
#include "domain/media_sniff.h"
#include "domain/setting_check.h"
#include "fuzz.h"
#include "util/xlsx_read.h"

#define SNIFF_WINDOW 64
#define UPLOAD_HEAD 4096 /* http/upload.h HTTP_UPLOAD_HEAD: what an upload keeps for sniffing */

static void assert_message_ok(const ZfError *err)
{
    FUZZ_CHECK(err->status >= 400 && err->status < 600 && err->message[0] != '\0');
    json_t *s = json_string(err->message);
    if (!s) fprintf(stderr, "message is not UTF-8: %s\n", err->message);
    FUZZ_CHECK(s != NULL); /* http_reply_error would send the error without its message */
    json_decref(s);
}

static bool blank_before(const unsigned char *d, size_t len)
{
    size_t i = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (; i < len; i++)
        if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r' && d[i] != '\n') return false;
    return true;
}

static void check_types_list(const char *types)
{
    const char *cursor = types, *w;
    size_t n;
    while ((w = media_list_word(&cursor, &n))) {
        FUZZ_CHECK(n > 0 && memchr(w, ' ', n) == NULL && memchr(w, ',', n) == NULL);
        char word[ATTACHMENT_TYPES_MAX + 1];
        if (n >= sizeof word) continue;
        memcpy(word, w, n), word[n] = '\0';
        FUZZ_CHECK(media_listed(types, word));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    AttachmentKind kind = (AttachmentKind)(data[0] % AK_COUNT);
    const uint8_t *rest = data + 1, *nl = memchr(rest, '\n', size - 1);
    size_t types_len = nl ? (size_t)(nl - rest) : 0;
    const unsigned char *file = nl ? nl + 1 : rest;
    size_t file_len = size - 1 - (nl ? types_len + 1 : 0);
    char types[SETTING_VALUE_MAX + 1];
    if (types_len > SETTING_VALUE_MAX) return 0;
    memcpy(types, rest, types_len);
    types[types_len] = '\0';
    /* a setting arrives in a JSON body: UTF-8 text without NUL (jansson checked it) */
    json_t *as_json = json_stringn(types, types_len);
    bool text = as_json && strlen(types) == types_len;
    json_decref(as_json);
    if (!text) return 0;

    /* the file alone, in a buffer of its exact size */
    unsigned char *buf = malloc(file_len ? file_len : 1);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, file, file_len);
    const MediaType *t = media_sniff(buf, file_len);
    if (t) {
        FUZZ_CHECK(media_by_mime(t->mime) == t);
        FUZZ_CHECK(strcmp(media_label(t->mime), t->label) == 0);
    }
    if (file_len > SNIFF_WINDOW && !blank_before(buf, SNIFF_WINDOW)) FUZZ_CHECK(media_sniff(buf, SNIFF_WINDOW) == t);
    bool zip = file_len >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0,
         ole = file_len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
    FUZZ_CHECK(xlsx_looks_like_workbook(buf, file_len) == (zip || ole));

    /* the types as a settings page would store them, then an upload of the file checked against them */
    check_types_list(types);
    SettingSpec spec = {.kind = "media_types"};
    ZfError err;
    bool settable = setting_check(&spec, types, &err) == ZF_OK;
    if (!settable) assert_message_ok(&err);
    AttachmentRule rule;
    attachment_rule_from_settings(kind, "1", settable ? types : NULL, &rule);
    FUZZ_CHECK(rule.max_bytes == (size_t)1 << 20);
    if (settable) FUZZ_CHECK(strcmp(rule.types, types) == 0);
    const MediaType *got = NULL;
    size_t head = file_len < UPLOAD_HEAD ? file_len : UPLOAD_HEAD;
    if (attachment_content_check(kind, &rule, buf, head, file_len, &got, &err) == ZF_OK) {
        FUZZ_CHECK(got != NULL && got == media_sniff(buf, head) && media_listed(rule.types, got->mime));
        FUZZ_CHECK(got->evidence);
    } else {
        assert_message_ok(&err);
    }
    /* the same text as an attachment's file name */
    if (attachment_name_check(types, &err) == ZF_OK) FUZZ_CHECK(types_len > 0 && !strchr(types, '/'));
    else assert_message_ok(&err);
    free(buf);
    return 0;
}
