/* Unit tests for domain/regions: parsing, lookup, parent, ancestry and children.
 * Reads data/regions.tsv (dir from $ZHIFA_DATA, default "data" under the repo root); writes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/regions.h"

static const char SAMPLE[] =
    "# sample\n"
    "370000\t山东省\r\n"
    "370202\t市南区\n"
    "370200\t青岛市\n"
    "\n"
    "110000\t北京市\n"
    "110101\t东城区\n"
    "420000\t湖北省\n"
    "420100\t武汉市\n"
    "429004\t仙桃市"; /* no trailing newline */

static Regions *parse_sample(void)
{
    Regions *r = NULL;
    assert_int_equal(regions_parse(SAMPLE, strlen(SAMPLE), &r), 0);
    assert_non_null(r);
    return r;
}

static int parse_fails(const char *text)
{
    Regions *r = (Regions *)1;
    int rc = regions_parse(text, strlen(text), &r);
    assert_null(r);
    return rc == -1;
}

/* Reads the whole file into a malloc'd buffer; the test owns and frees it. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = size >= 0 ? malloc((size_t)size) : NULL;
    if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

static int load_real_table(void **state)
{
    const char *dir = getenv("ZHIFA_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/regions.tsv", dir && dir[0] ? dir : "data");
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s (run from the repo root or set ZHIFA_DATA)\n", path);
        return -1;
    }
    Regions *r = NULL;
    int rc = regions_parse(text, len, &r);
    free(text);
    *state = r;
    return rc;
}

static int free_real_table(void **state)
{
    regions_free(*state);
    return 0;
}

static void test_parse_sample_finds_names(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    assert_string_equal(regions_name(r, "370000"), "山东省");
    assert_string_equal(regions_name(r, "370202"), "市南区");
    assert_string_equal(regions_name(r, "429004"), "仙桃市");
    assert_null(regions_name(r, "370203"));
    assert_null(regions_name(r, "37020"));
    assert_null(regions_name(r, NULL));
    regions_free(r);
}

static void test_parse_rejects_malformed_lines(void **state)
{
    (void)state;
    assert_true(parse_fails("370000 山东省\n"));
    assert_true(parse_fails("37000\t山东省\n"));
    assert_true(parse_fails("370000\t\n"));
    assert_true(parse_fails("370000\t山东省\textra\n"));
    assert_true(parse_fails("370000\t山东省\n370000\t又一个\n"));
}

static void test_parse_accepts_empty_and_comment_only(void **state)
{
    (void)state;
    Regions *r = NULL;
    assert_int_equal(regions_parse("# nothing\n\n", 11, &r), 0);
    assert_null(regions_name(r, "370000"));
    assert_int_equal(regions_children(r, NULL, NULL, 0), 0);
    regions_free(r);
}

static void test_parse_stops_at_given_length(void **state)
{
    (void)state;
    const char text[] = "370000\t山东省\n370200\t青岛市\n";
    Regions *r = NULL;
    assert_int_equal(regions_parse(text, strlen("370000\t山东省\n"), &r), 0);
    assert_null(regions_name(r, "370200"));
    regions_free(r);
}

static void test_parent_of_county_is_its_city(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    char out[7];
    assert_string_equal(regions_parent(r, "370202", out), "370200");
    assert_string_equal(regions_parent(r, "370200", out), "370000");
    assert_null(regions_parent(r, "370000", out));
    regions_free(r);
}

static void test_parent_skips_missing_city_level(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    char out[7];
    assert_string_equal(regions_parent(r, "110101", out), "110000");
    assert_string_equal(regions_parent(r, "429004", out), "420000");
    assert_null(regions_parent(r, "999999", out));
    regions_free(r);
}

static void test_is_within_follows_the_chain(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    assert_true(regions_is_within(r, "370202", "370000"));
    assert_true(regions_is_within(r, "370202", "370200"));
    assert_true(regions_is_within(r, "370202", "370202"));
    assert_true(regions_is_within(r, "429004", "420000"));
    assert_false(regions_is_within(r, "429004", "420100"));
    assert_false(regions_is_within(r, "370000", "370202"));
    assert_false(regions_is_within(r, "110101", "370000"));
    assert_false(regions_is_within(r, "370203", "370000"));
    regions_free(r);
}

static void test_children_are_direct_and_sorted(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    const char *kids[8];
    assert_int_equal(regions_children(r, NULL, kids, 8), 3);
    assert_string_equal(kids[0], "110000");
    assert_string_equal(kids[2], "420000");
    assert_int_equal(regions_children(r, "", NULL, 0), 3);
    assert_int_equal(regions_children(r, "370000", kids, 8), 1);
    assert_string_equal(kids[0], "370200");
    assert_int_equal(regions_children(r, "420000", kids, 8), 2);
    assert_string_equal(kids[0], "420100");
    assert_string_equal(kids[1], "429004");
    assert_int_equal(regions_children(r, "370202", kids, 8), 0);
    assert_int_equal(regions_children(r, "999999", kids, 8), 0);
    regions_free(r);
}

static void test_children_reports_total_beyond_max(void **state)
{
    (void)state;
    Regions *r = parse_sample();
    const char *kids[1] = {NULL};
    assert_int_equal(regions_children(r, NULL, kids, 1), 3);
    assert_string_equal(kids[0], "110000");
    regions_free(r);
}

static void test_real_table_names_shinan_district(void **state)
{
    const Regions *r = *state;
    assert_string_equal(regions_name(r, "370202"), "市南区");
    assert_string_equal(regions_name(r, "370000"), "山东省");
    assert_null(regions_name(r, "370299"));
    assert_null(regions_name(r, "000000"));
}

static void test_real_table_parent_chain_of_shinan(void **state)
{
    const Regions *r = *state;
    char out[7];
    assert_string_equal(regions_parent(r, "370202", out), "370200");
    assert_string_equal(regions_parent(r, "370200", out), "370000");
    assert_null(regions_parent(r, "370000", out));
}

static void test_real_table_direct_admin_and_provincial_counties(void **state)
{
    const Regions *r = *state;
    char out[7];
    assert_true(regions_is_within(r, "110101", "110000"));
    assert_string_equal(regions_parent(r, "110101", out), "110000");
    assert_string_equal(regions_parent(r, "429004", out), "420000");
    assert_string_equal(regions_parent(r, "500229", out), "500000");
}

static void test_real_table_province_children_include_qingdao(void **state)
{
    const Regions *r = *state;
    const char *kids[64];
    size_t n = regions_children(r, "370000", kids, 64);
    assert_in_range(n, 1, 64);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || strcmp(kids[i], "370200") == 0;
    assert_true(found);
    assert_int_equal(regions_children(r, NULL, NULL, 0), 31);
}

int main(void)
{
    const struct CMUnitTest sample[] = {
        cmocka_unit_test(test_parse_sample_finds_names),
        cmocka_unit_test(test_parse_rejects_malformed_lines),
        cmocka_unit_test(test_parse_accepts_empty_and_comment_only),
        cmocka_unit_test(test_parse_stops_at_given_length),
        cmocka_unit_test(test_parent_of_county_is_its_city),
        cmocka_unit_test(test_parent_skips_missing_city_level),
        cmocka_unit_test(test_is_within_follows_the_chain),
        cmocka_unit_test(test_children_are_direct_and_sorted),
        cmocka_unit_test(test_children_reports_total_beyond_max),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(test_real_table_names_shinan_district),
        cmocka_unit_test(test_real_table_parent_chain_of_shinan),
        cmocka_unit_test(test_real_table_direct_admin_and_provincial_counties),
        cmocka_unit_test(test_real_table_province_children_include_qingdao),
    };
    int failed = cmocka_run_group_tests_name("regions_sample", sample, NULL, NULL);
    failed += cmocka_run_group_tests_name("regions_real_data", real, load_real_table, free_real_table);
    return failed;
}
