/* Unit tests for domain/attachment: kinds, rules from settings (with defaults), file names, and
 * the content check's 400/413/415 answers with Chinese messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "domain/attachment.h"

static const unsigned char PNG[] = "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01";
static const unsigned char PDF[] = "%PDF-1.4\n";
static const unsigned char ZIP[] = "PK\x03\x04\x14\x00";

static void test_kind_codes_round_trip_and_refuse_unknown(void **state)
{
    (void)state;
    AttachmentKind k;
    ZfError err;
    for (int i = 0; i < AK_COUNT; i++) {
        assert_int_equal(attachment_kind_by_code(attachment_kind_code((AttachmentKind)i), &k, &err), ZF_OK);
        assert_int_equal(k, i);
    }
    assert_string_equal(attachment_kind_name(AK_VIDEO), "录像");
    assert_int_equal(attachment_kind_by_code("image", &k, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_string_equal(err.field, "kind");
    assert_int_equal(attachment_kind_by_code(NULL, &k, &err), ZF_ERR);
}

static void test_rule_reads_settings_and_falls_back_to_defaults(void **state)
{
    (void)state;
    AttachmentRule r;
    char a[48], b[48];
    attachment_setting_names(AK_PHOTO, a, b);
    assert_string_equal(a, "attachment_photo_max_mib");
    assert_string_equal(b, "attachment_photo_types");
    attachment_rule_from_settings(AK_PHOTO, "5", "image/png", &r);
    assert_int_equal(r.max_bytes, 5u << 20);
    assert_string_equal(r.types, "image/png");
    attachment_rule_from_settings(AK_VIDEO, NULL, NULL, &r);
    assert_int_equal(r.max_bytes, 200u << 20);
    assert_true(strstr(r.types, "video/mp4") != NULL);
    attachment_rule_from_settings(AK_AUDIO, "50x", "", &r); /* unreadable → default */
    assert_int_equal(r.max_bytes, 50u << 20);
    attachment_rule_from_settings(AK_AUDIO, "0", NULL, &r);
    assert_int_equal(r.max_bytes, 50u << 20);
    attachment_rule_from_settings(AK_DOCUMENT, "4096", NULL, &r); /* above the ceiling → default */
    assert_int_equal(r.max_bytes, 50u << 20);
}

static void test_name_check(void **state)
{
    (void)state;
    ZfError err;
    char long_name[300];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(attachment_name_check("现场照片 1.jpg", &err), ZF_OK);
    assert_int_equal(attachment_name_check("", &err), ZF_ERR);
    assert_int_equal(attachment_name_check(NULL, &err), ZF_ERR);
    assert_int_equal(attachment_name_check(long_name, &err), ZF_ERR);
    assert_int_equal(attachment_name_check("../etc/passwd", &err), ZF_ERR);
    assert_int_equal(attachment_name_check("a\\b.pdf", &err), ZF_ERR);
    assert_int_equal(attachment_name_check("..", &err), ZF_ERR);
    assert_int_equal(attachment_name_check("a\r\nSet-Cookie: x.pdf", &err), ZF_ERR);
    /* U+202E RIGHT-TO-LEFT OVERRIDE: "照片\u202Egpj.exe" shows as "照片exe.jpg" */
    assert_int_equal(attachment_name_check("照片\xE2\x80\xAEgpj.exe", &err), ZF_ERR);
    assert_int_equal(attachment_name_check("a\xE2\x81\xA6" "b.pdf", &err), ZF_ERR);   /* U+2066 LRI */
    assert_int_equal(attachment_name_check("a\xE2\x80\x8F" "b.pdf", &err), ZF_ERR);   /* U+200F RLM */
    assert_int_equal(attachment_name_check("a\xC2\x85" "b.pdf", &err), ZF_ERR);        /* U+0085 NEL */
    assert_int_equal(attachment_name_check("\xEF\xBB\xBF" "a.pdf", &err), ZF_ERR);    /* U+FEFF */
    assert_int_equal(attachment_name_check("询问笔录—第二次（补充）.pdf", &err), ZF_OK); /* U+2014 is fine */
    assert_int_equal(err.status, 400);
    assert_string_equal(err.field, "name");
}

static void test_content_check_answers(void **state)
{
    (void)state;
    AttachmentRule photo, doc;
    const MediaType *t;
    ZfError err;
    attachment_rule_from_settings(AK_PHOTO, "1", NULL, &photo);
    attachment_rule_from_settings(AK_DOCUMENT, NULL, NULL, &doc);
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PNG, sizeof PNG - 1, sizeof PNG - 1, &t, &err), ZF_OK);
    assert_string_equal(t->mime, "image/png");
    assert_int_equal(attachment_content_check(AK_DOCUMENT, &doc, PDF, sizeof PDF - 1, sizeof PDF - 1, &t, &err), ZF_OK);
    /* a PDF declared as a photo: 415 naming what it is and what photos may be */
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PDF, sizeof PDF - 1, sizeof PDF - 1, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
    assert_non_null(strstr(err.message, "PDF 文档"));
    assert_non_null(strstr(err.message, "JPEG 图片"));
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, ZIP, sizeof ZIP - 1, sizeof ZIP - 1, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
    assert_non_null(strstr(err.message, "ZIP"));
    assert_int_equal(attachment_content_check(AK_DOCUMENT, &doc, (const unsigned char *)"plain", 5, 5, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PNG, sizeof PNG - 1, 0, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    /* over the kind's limit: 413 before sniffing, with the limit in the message */
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PNG, sizeof PNG - 1, (1u << 20) + 1, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 413);
    assert_string_equal(err.message, "照片不能超过 1 MiB");
    /* a streamed upload passes only its first bytes: the type comes from them, the size from the whole */
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PNG, sizeof PNG - 1, 1u << 20, &t, &err), ZF_OK);
    assert_string_equal(t->mime, "image/png");
    /* a head longer than the content (a short body) is read only up to the content's size */
    assert_int_equal(attachment_content_check(AK_PHOTO, &photo, PNG, sizeof PNG - 1, 3, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
}

/* Found by tests/fuzz/fuzz_media.c: a long accepted-types setting (a list with repeats passes the
 * settings check) cut the 415 message's list of labels inside a character, and a message that is
 * not UTF-8 cannot go out as JSON (the reply lost it). */
static void test_long_accepted_list_is_cut_between_labels(void **state)
{
    (void)state;
    char types[ATTACHMENT_TYPES_MAX] = "";
    while (strlen(types) + strlen("audio/amr-wb ") < sizeof types) strcat(types, "audio/amr-wb ");
    AttachmentRule rule;
    attachment_rule_from_settings(AK_AUDIO, "50", types, &rule);
    assert_string_equal(rule.types, types);
    static const unsigned char gif[] = "GIF89a";
    const MediaType *t = NULL;
    ZfError err;
    assert_int_equal(attachment_content_check(AK_AUDIO, &rule, gif, 6, 6, &t, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
    json_t *s = json_string(err.message);
    assert_non_null(s);
    json_decref(s);
    size_t n = strlen(err.message);
    assert_true(n > 3 && strcmp(err.message + n - strlen("录音"), "录音") == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_codes_round_trip_and_refuse_unknown),
        cmocka_unit_test(test_rule_reads_settings_and_falls_back_to_defaults),
        cmocka_unit_test(test_name_check),
        cmocka_unit_test(test_content_check_answers),
        cmocka_unit_test(test_long_accepted_list_is_cut_between_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
