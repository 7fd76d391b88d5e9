/* Unit tests for domain/media_sniff: each accepted evidence format by its magic bytes, and the
 * refusals (web page, executable, ZIP renamed to .jpg, empty, truncated headers). Inline bytes only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/media_sniff.h"

#define SNIFF(lit) media_sniff((const unsigned char *)(lit), sizeof(lit) - 1)

static const char *mime_of(const char *bytes, size_t len)
{
    const MediaType *t = media_sniff((const unsigned char *)bytes, len);
    return t ? t->mime : "";
}
#define MIME(lit) mime_of(lit, sizeof(lit) - 1)

static void test_sniffs_each_accepted_format(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *mime;
    } CASES[] = {
        {"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11, "image/jpeg"},
        {"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01", 20, "image/png"},
        {"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00", 20, "image/webp"},
        {"\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic", 24, "image/heic"},
        {"\x00\x00\x00\x18" "ftypmif1\x00\x00\x00\x00mif1heic", 24, "image/heif"},
        {"ID3\x03\x00\x00\x00\x00\x00\x0A", 10, "audio/mpeg"},
        {"\xFF\xFB\x90\x64", 4, "audio/mpeg"},               /* MPEG-1 layer III, 128 kbit/s, 44.1 kHz */
        {"\xFF\xF1\x50\x80\x02\x1F\xFC", 7, "audio/aac"},    /* ADTS, AAC LC, 44.1 kHz */
        {"\x00\x00\x00\x20" "ftypM4A \x00\x00\x00\x00M4A mp42isom", 32, "audio/mp4"},
        {"RIFF\x24\x00\x00\x00WAVEfmt ", 16, "audio/wav"},
        {"#!AMR\n\x3C", 7, "audio/amr"},
        {"#!AMR-WB\n\x04", 10, "audio/amr-wb"},
        {"\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00isomiso2", 24, "video/mp4"},
        {"\x00\x00\x00\x18" "ftypmp42\x00\x00\x00\x00mp42isom", 24, "video/mp4"},
        {"\x00\x00\x00\x14" "ftypqt  \x00\x00\x02\x00qt  ", 20, "video/quicktime"},
        {"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", 16, "video/quicktime"},
        {"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15, "application/pdf"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const MediaType *t = media_sniff((const unsigned char *)CASES[i].bytes, CASES[i].len);
        assert_non_null(t);
        assert_string_equal(t->mime, CASES[i].mime);
        assert_true(t->evidence);
    }
}

static void test_refuses_web_page_executables_and_archives(void **state)
{
    (void)state;
    const MediaType *html = SNIFF("\xEF\xBB\xBF  <!DOCTYPE html><html><script>alert(1)</script>");
    assert_non_null(html);
    assert_string_equal(html->mime, "text/html");
    assert_false(html->evidence);
    assert_false(SNIFF("\x7F" "ELF\x02\x01\x01\x00")->evidence);
    assert_false(SNIFF("MZ\x90\x00\x03\x00")->evidence);
    /* a ZIP (or .docx) renamed to photo.jpg: the name is never consulted, the bytes say ZIP */
    const MediaType *zip = SNIFF("PK\x03\x04\x14\x00\x00\x00\x08\x00");
    assert_string_equal(zip->mime, "application/zip");
    assert_false(zip->evidence);
}

static void test_refuses_empty_unknown_and_truncated(void **state)
{
    (void)state;
    assert_null(media_sniff((const unsigned char *)"", 0));
    assert_null(SNIFF("hello, world"));
    assert_null(SNIFF("\x89PNG\r\n\x1A\n"));                           /* signature without IHDR */
    assert_null(SNIFF("\x00\x00\x00\x18" "ftypheic"));                 /* ftyp box cut short */
    assert_null(SNIFF("\x00\x00\x00\x18" "ftyp3gp4\x00\x00\x00\x00")); /* a brand not on the list */
    assert_null(SNIFF("\x00\x10\x00\x00" "ftypisom\x00\x00\x00\x00"));  /* absurd box size */
    assert_null(SNIFF("RIFF\x24\x00\x00\x00" "AVI LIST"));             /* RIFF, but a video for Windows */
    assert_null(SNIFF("\xFF\xFF\x90\x64"));                            /* layer I: not MP3 */
    assert_null(SNIFF("\xFF\xFB\xF0\x64"));                            /* bitrate index 15 is reserved */
    assert_null(SNIFF("\xFF\xEB\x90\x64"));                            /* MPEG version 01 is reserved */
    assert_null(SNIFF("ID3\x09\x00"));                                 /* no such ID3 version */
    assert_string_equal(MIME("%PDF"), "");                               /* four bytes are not "%PDF-" */
}

static void test_labels_and_lists(void **state)
{
    (void)state;
    assert_string_equal(media_label("image/jpeg"), "JPEG 图片");
    assert_string_equal(media_label("application/x-unknown"), "application/x-unknown");
    assert_string_equal(media_by_mime("video/quicktime")->ext, ".mov");
    assert_null(media_by_mime("text/plain"));
    assert_true(media_listed("image/jpeg image/png", "image/png"));
    assert_true(media_listed("image/jpeg,image/png", "image/jpeg"));
    assert_false(media_listed("image/jpeg image/png", "image/pn"));
    assert_false(media_listed("image/jpegx", "image/jpeg"));
    assert_false(media_listed("", "image/jpeg"));
    const char *list = " image/png,, audio/amr ", *p;
    size_t n;
    assert_non_null(p = media_list_word(&list, &n));
    assert_int_equal(n, 9);
    assert_memory_equal(p, "image/png", 9);
    assert_non_null(p = media_list_word(&list, &n));
    assert_memory_equal(p, "audio/amr", n);
    assert_null(media_list_word(&list, &n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniffs_each_accepted_format),
        cmocka_unit_test(test_refuses_web_page_executables_and_archives),
        cmocka_unit_test(test_refuses_empty_unknown_and_truncated),
        cmocka_unit_test(test_labels_and_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
