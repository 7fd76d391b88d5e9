/* util/pdf_text.c: a PDF's text layer read in a child process, and its refusals — a damaged file,
 * a page without text (a scan), text past the cap. The PDFs are written here by hand (ISO 32000-1
 * §7.5: header, objects, the cross-reference table with each object's byte offset, trailer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/pdf_text.h"

static const PdfTextLimits LIMITS = {.cpu_seconds = 5, .memory_bytes = (size_t)512 << 20};

/* A one-page PDF whose content stream is `content`: *len bytes, malloc'd. */
static char *pdf_of(const char *content, size_t *len)
{
    char objs[5][512];
    snprintf(objs[0], sizeof objs[0], "<< /Type /Catalog /Pages 2 0 R >>");
    snprintf(objs[1], sizeof objs[1], "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    snprintf(objs[2], sizeof objs[2], "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                                      "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
    snprintf(objs[3], sizeof objs[3], "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    snprintf(objs[4], sizeof objs[4], "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
    char *out = malloc(8192);
    size_t n = (size_t)sprintf(out, "%%PDF-1.4\n"), offsets[5];
    for (int i = 0; i < 5; i++) {
        offsets[i] = n;
        n += (size_t)sprintf(out + n, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = n;
    n += (size_t)sprintf(out + n, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++) n += (size_t)sprintf(out + n, "%010zu 00000 n \n", offsets[i]);
    n += (size_t)sprintf(out + n, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    *len = n;
    return out;
}

static void test_the_text_layer(void **state)
{
    (void)state;
    size_t len, n;
    char *text;
    ZfError err;
    char *pdf = pdf_of("BT /F1 12 Tf 72 700 Td (Article 1 leashes required) Tj ET", &len);
    assert_int_equal(pdf_text(pdf, len, 1000, &LIMITS, &text, &n, &err), ZF_OK);
    assert_non_null(strstr(text, "Article 1 leashes required"));
    assert_int_equal(n, strlen(text));
    free(text);
    /* text past the cap */
    assert_int_equal(pdf_text(pdf, len, 5, &LIMITS, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "pdf_too_large");
    free(pdf);
}

static void test_refusals(void **state)
{
    (void)state;
    size_t len, n;
    char *text;
    ZfError err;
    char *scan = pdf_of("0 0 1 rg 72 72 200 200 re f", &len); /* a page with a drawing and no text */
    assert_int_equal(pdf_text(scan, len, 1000, &LIMITS, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "pdf_no_text");
    assert_non_null(strstr(err.message, "请上传含文字的 PDF 或 Word 文件"));
    free(scan);
    const char *damaged = "%PDF-1.4\n\x01\x02 not a PDF at all \xff\xfe\n";
    assert_int_equal(pdf_text(damaged, strlen(damaged), 1000, &LIMITS, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "pdf_unreadable");
    assert_non_null(strstr(err.message, "无法读取该 PDF 的文字"));
}

/* A child out of time (killed at the wall-clock deadline) or memory (poppler aborts) is a 422,
 * and this process carries on. */
static void test_a_child_past_its_limits(void **state)
{
    (void)state;
    size_t len, n;
    char *text;
    ZfError err;
    char *pdf = pdf_of("BT /F1 12 Tf 72 700 Td (Article 1) Tj ET", &len);
    const PdfTextLimits no_time = {.cpu_seconds = 0, .memory_bytes = (size_t)512 << 20};
    assert_int_equal(pdf_text(pdf, len, 1000, &no_time, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "pdf_unreadable");
    const PdfTextLimits no_memory = {.cpu_seconds = 5, .memory_bytes = 0};
    assert_int_equal(pdf_text(pdf, len, 1000, &no_memory, &text, &n, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_text_layer),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_a_child_past_its_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
