/* exchange-v1 record validation: what the import contract rejects, and what it must keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/exchange.h"

/* Validates one JSON text; returns ZF_OK/ZF_ERR and leaves the error in *err. */
static int validate(const char *text, RecordKeys *keys, ZfError *err)
{
    json_t *rec = json_loads(text, 0, NULL);
    assert_non_null(rec);
    int rc = exchange_validate(rec, keys, err);
    json_decref(rec);
    return rc;
}

static void assert_rejected(const char *text, const char *field)
{
    RecordKeys keys;
    ZfError err;
    assert_int_equal(validate(text, &keys, &err), ZF_ERR);
    assert_string_equal(err.field, field);
    assert_true(strlen(err.message) > 0);
}

static void assert_accepted(const char *text)
{
    RecordKeys keys;
    ZfError err;
    int rc = validate(text, &keys, &err);
    if (rc != ZF_OK) print_error("unexpected rejection: %s\n", err.message);
    assert_int_equal(rc, ZF_OK);
}

#define AGENCY "{\"type\":\"agency\",\"code\":\"113702021588139920\",\"name\":\"市南区市场监管局\"," \
               "\"region\":\"370202\",\"level\":\"county\",\"kind\":\"department\""

static void test_agency_valid_fills_keys(void **state)
{
    (void)state;
    RecordKeys keys;
    ZfError err;
    json_t *rec = json_loads(AGENCY ",\"sector\":\"market_regulation\"}", 0, NULL);
    assert_int_equal(exchange_validate(rec, &keys, &err), ZF_OK);
    assert_int_equal(keys.type, REC_AGENCY);
    assert_string_equal(keys.key, "113702021588139920");
    assert_string_equal(keys.cols[1], "370202");
    assert_string_equal(keys.cols[4], "market_regulation");
    json_decref(rec);
}

static void test_agency_bad_check_char_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"agency\",\"code\":\"113702021588139921\",\"name\":\"x\","
                    "\"region\":\"370202\",\"level\":\"county\",\"kind\":\"department\"}",
                    "code");
}

static void test_missing_required_field_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"agency\",\"code\":\"113702021588139920\",\"name\":\"x\","
                    "\"region\":\"370202\",\"kind\":\"department\"}",
                    "level");
    assert_rejected("{\"type\":\"case\",\"agency\":\"A\",\"kind\":\"penalty\"}", "case_no");
}

static void test_enum_outside_rejected(void **state)
{
    (void)state;
    assert_rejected(AGENCY ",\"level\":\"galaxy\"}", "level");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"decision\":{\"measures\":[\"fine\",\"flogging\"]}}",
                    "decision.measures[1]");
}

static void test_impossible_date_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"decided_on\":\"2026-02-30\"}",
                    "decided_on");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"coercion\","
                    "\"executed_at\":\"2026-05-20 22:00\"}",
                    "executed_at");
}

static void test_negative_money_and_days_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"decision\":{\"fine\":-1}}",
                    "decision.fine");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"extension_days\":-3}",
                    "extension_days");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"late_fee\":1.005}",
                    "late_fee");
}

static void test_wrong_json_type_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"major\":\"yes\"}",
                    "major");
    assert_rejected("{\"type\":\"case\",\"case_no\":7,\"agency\":\"A\",\"kind\":\"penalty\"}", "case_no");
}

static void test_party_id_checked_by_kind(void **state)
{
    (void)state;
    assert_accepted("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"party\":{\"kind\":\"org\",\"id_no\":\"91370202091141705L\"}}");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"party\":{\"kind\":\"person\",\"id_no\":\"91370202091141705L\"}}",
                    "party.id_no");
    assert_rejected("{\"type\":\"case\",\"case_no\":\"1\",\"agency\":\"A\",\"kind\":\"penalty\","
                    "\"party\":{\"kind\":\"person\",\"id_no\":\"110101199003070000\"}}",
                    "party.id_no");
}

static void test_out_of_order_acts_and_dangling_refs_kept(void **state)
{
    (void)state;
    /* decision before notice, review after decision, unknown agency/power/officer: the rule
     * engine reports these; the import must keep them. */
    assert_accepted("{\"type\":\"case\",\"case_no\":\"X\",\"agency\":\"nowhere\",\"kind\":\"penalty\","
                    "\"power\":\"none\",\"officers\":[\"ghost\"],\"notified_on\":\"2026-03-02\","
                    "\"decided_on\":\"2026-03-01\",\"legal_review\":{\"reviewed_on\":\"2026-03-05\","
                    "\"passed\":true},\"extension_days\":45,\"unknown_field\":{\"kept\":1}}");
}

static void test_unknown_type_and_non_object_rejected(void **state)
{
    (void)state;
    assert_rejected("{\"type\":\"spaceship\"}", "type");
    assert_rejected("{\"code\":\"x\"}", "type");
    RecordKeys keys;
    ZfError err;
    assert_int_equal(validate("[1,2]", &keys, &err), ZF_ERR);
    assert_string_equal(err.code, "not_object");
}

static void test_monthly_report_month_checked(void **state)
{
    (void)state;
    assert_accepted("{\"type\":\"monthly_report\",\"agency\":\"A\",\"month\":\"2026-04\","
                    "\"counts\":{\"penalty\":3,\"fine_total\":1200.5}}");
    assert_rejected("{\"type\":\"monthly_report\",\"agency\":\"A\",\"month\":\"2026-13\","
                    "\"counts\":{}}",
                    "month");
    assert_rejected("{\"type\":\"monthly_report\",\"agency\":\"A\",\"month\":\"2026-04\","
                    "\"counts\":{\"penalty\":-1}}",
                    "counts.penalty");
}

static void test_key_of_names_the_record(void **state)
{
    (void)state;
    json_t *rec = json_loads("{\"type\":\"case\",\"case_no\":\"K1\",\"agency\":\"A\"}", 0, NULL);
    assert_string_equal(exchange_key_of(rec), "K1");
    json_decref(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_valid_fills_keys),
        cmocka_unit_test(test_agency_bad_check_char_rejected),
        cmocka_unit_test(test_missing_required_field_rejected),
        cmocka_unit_test(test_enum_outside_rejected),
        cmocka_unit_test(test_impossible_date_rejected),
        cmocka_unit_test(test_negative_money_and_days_rejected),
        cmocka_unit_test(test_wrong_json_type_rejected),
        cmocka_unit_test(test_party_id_checked_by_kind),
        cmocka_unit_test(test_out_of_order_acts_and_dangling_refs_kept),
        cmocka_unit_test(test_unknown_type_and_non_object_rejected),
        cmocka_unit_test(test_monthly_report_month_checked),
        cmocka_unit_test(test_key_of_names_the_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
