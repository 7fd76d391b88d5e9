/* Unit tests for render/page: a document flows onto a second page, every page is marked, and the
 * GB/T 9704 date form. The PDF's text is checked by the API tests with pdftotext. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "render/page.h"

static void test_long_text_breaks_onto_pages(void **state)
{
    (void)state;
    RenderDoc d;
    RenderPageMarks marks = {"测试〔2026〕1号", "http://127.0.0.1:8080/portal/verify?doc=1"};
    assert_int_equal(render_doc_begin(&d, &marks, "测试"), 0);
    render_paragraph(&d, &RENDER_STYLE_TITLE, "行政处罚决定书");
    for (int i = 0; i < 40; i++) render_paragraph(&d, &RENDER_STYLE_BODY, "当事人龘罰涉扣遴经营场所位于某市某区某路某号。");
    unsigned char *pdf;
    size_t len;
    int pages;
    assert_int_equal(render_doc_end(&d, &pdf, &len, &pages), 0);
    assert_true(pages >= 2);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
}

static void test_date_in_chinese_form(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(render_date_cn("2026-05-20", out, sizeof out), 0);
    assert_string_equal(out, "2026年5月20日");
    assert_int_equal(render_date_cn("2026-11-03", out, sizeof out), 0);
    assert_string_equal(out, "2026年11月3日");
    assert_int_equal(render_date_cn("2026/05/20", out, sizeof out), -1);
    assert_int_equal(render_date_cn(NULL, out, sizeof out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_text_breaks_onto_pages),
        cmocka_unit_test(test_date_in_chinese_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
