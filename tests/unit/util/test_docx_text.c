/* util/docx_text.c and util/text_decode.c: a Word document's text a line per paragraph, the
 * refusals (not a Word document, a DTD, text past the cap), and a text file's encodings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/docx_text.h"
#include "util/text_decode.h"
#include "util/zipmem.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* A zip of one part (name, content): *len bytes, malloc'd. */
static void *zip_of(const char *name, const char *content, size_t *len)
{
    ZipMem z;
    void *out = NULL;
    assert_true(zipmem_open(&z));
    zip_source_t *s = zip_source_buffer(z.za, content, strlen(content), 0);
    assert_true(s != NULL && zip_file_add(z.za, name, s, ZIP_FL_ENC_UTF_8) >= 0);
    assert_true(zipmem_take(&z, &out, len));
    return out;
}

static void test_runs_tabs_breaks_and_paragraphs(void **state)
{
    (void)state;
    size_t len, n;
    char *text;
    ZfError err;
    void *zip = zip_of("word/document.xml",
                       "<w:document " W "><w:body><w:p><w:r><w:t>第一条</w:t></w:r><w:r><w:tab/><w:t>规范</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p><w:p><w:pPr/></w:p></w:body></w:document>",
                       &len);
    assert_int_equal(docx_text(zip, len, 1000, &text, &n, &err), ZF_OK);
    assert_string_equal(text, "第一条\t规范\n甲\n乙\n\n");
    assert_int_equal(n, strlen(text));
    free(text);
    assert_int_equal(docx_text(zip, len, 10, &text, &n, &err), ZF_ERR); /* past the cap */
    assert_int_equal(err.status, 422);
    assert_null(text);
    free(zip);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t len, n;
    char *text;
    ZfError err;
    void *zip = zip_of("readme.txt", "hello", &len);
    assert_int_equal(docx_text(zip, len, 1000, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
    free(zip);
    zip = zip_of("word/document.xml", "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document " W ">&a;</w:document>", &len);
    assert_int_equal(docx_text(zip, len, 1000, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    free(zip);
    assert_int_equal(docx_text("not a zip", 9, 1000, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 415);
}

static void test_text_encodings(void **state)
{
    (void)state;
    char *text;
    size_t n;
    ZfError err;
    assert_int_equal(text_decode_utf8("\xEF\xBB\xBF规范\n", 10, 100, &text, &n, &err), ZF_OK); /* BOM dropped */
    assert_string_equal(text, "规范\n");
    free(text);
    /* 规范 in GB18030: B9E6 B7B6 */
    assert_int_equal(text_decode_utf8("\xB9\xE6\xB7\xB6", 4, 100, &text, &n, &err), ZF_OK);
    assert_string_equal(text, "规范");
    free(text);
    assert_int_equal(text_decode_utf8("a\x01" "b", 3, 100, &text, &n, &err), ZF_ERR); /* a control character */
    assert_int_equal(err.status, 415);
    assert_int_equal(text_decode_utf8("", 0, 100, &text, &n, &err), ZF_ERR);
    assert_int_equal(text_decode_utf8("abcdef", 6, 3, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_tabs_breaks_and_paragraphs),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_text_encodings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
