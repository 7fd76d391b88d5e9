/* Unit tests for render/seal_image: the seal drawn on a raster surface is red where a seal is
 * (the ring, the star at the centre, the name along the upper arc, the 专用章 line) and leaves
 * the page white elsewhere; bad input draws what it can and never crashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <math.h>
#include <stdbool.h>

#include "render/seal_image.h"
#include "sample_pdf.h"

#define SIZE 400
#define R 150.0

static cairo_surface_t *drawn(const char *name)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, SIZE, SIZE);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    render_seal_image(cr, SIZE / 2.0, SIZE / 2.0, R, name);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

static bool red_at(cairo_surface_t *s, int x, int y)
{
    const unsigned char *p = cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s) + x * 4;
    return p[2] > 180 && p[1] < 100 && p[0] < 100; /* BGRx */
}

/* Red pixels within the box [x0, x1) × [y0, y1). */
static int red_in(cairo_surface_t *s, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) n += red_at(s, x, y);
    return n;
}

static void test_ring_star_name_and_purpose_line(void **state)
{
    (void)state;
    cairo_surface_t *s = drawn("青岛市市场监督管理局");
    int c = SIZE / 2;
    for (int k = 0; k < 12; k++) { /* the ring, all round, at 0.96 R */
        double a = k * M_PI / 6;
        int x = c + (int)lround(0.96 * R * cos(a)), y = c + (int)lround(0.96 * R * sin(a));
        assert_true(red_in(s, x - 3, y - 3, x + 4, y + 4) > 0);
    }
    assert_true(red_at(s, c, c));                                        /* the star's centre */
    assert_true(red_in(s, c - 40, c - (int)(0.85 * R), c + 40, c - (int)(0.6 * R)) > 50); /* name at the top */
    assert_true(red_in(s, c - 60, c + (int)(0.45 * R), c + 60, c + (int)(0.65 * R)) > 50); /* 行政执法专用章 */
    assert_int_equal(red_in(s, 0, 0, 40, 40), 0);                      /* outside the seal: untouched */
    cairo_surface_destroy(s);
}

static void test_no_name_or_bad_utf8_still_draws_the_seal(void **state)
{
    (void)state;
    const char *names[] = {NULL, "", "\xff\xfe", "龘"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cairo_surface_t *s = drawn(names[i]);
        assert_true(red_at(s, SIZE / 2, SIZE / 2));
        cairo_surface_destroy(s);
    }
    render_seal_image(NULL, 0, 0, 10, "x"); /* no context: nothing */
}

static int teardown(void **state)
{
    (void)state;
    sample_pdf_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_star_name_and_purpose_line),
        cmocka_unit_test(test_no_name_or_bad_utf8_still_draws_the_seal),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
