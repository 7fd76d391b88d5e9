/* The 附带审查 seam's contract (app/normative_incidental.h), as the reconsideration module calls
 * it: inside the caller's write transaction, a registered document named by its 文号 gets a review
 * task (*task_id its id, due 30 days after receipt: 行政复议法 第五十六条); an unknown document is
 * a 404, a request without its reason a 400, and neither leaves a task. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/normative_incidental.h"
#include "store/normative.h"

static char dir[64], db[96];
static Store *st;

static int setup(void **state)
{
    (void)state;
    ZfError err;
    snprintf(dir, sizeof dir, "/tmp/zhifa-test-normative-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(db, sizeof db, "%s/t.db", dir);
    if (store_open(db, STORE_OPEN_CREATE, &st, &err) != ZF_OK) return -1;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}}", "issuer", "113702021588139920", "region",
                            "370202", "status", "reviewing", "reg_no", "青规备〔2026〕1号", "validity", "valid",
                            "body", "title", "关于规范流动摊贩的通知", "doc_no", "南市监规〔2026〕1号");
    int rc = store_normative_put(st, NORMATIVE_DOC, doc, &err);
    json_decref(doc);
    return rc == ZF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[120];
    store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static int open_in(const NormativeIncidentalRequest *req, long long *task_id, ZfError *err)
{
    AppContext cx = {.store = st};
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    int rc = app_normative_incidental_open_in(&cx, req, task_id, err);
    if (rc == ZF_OK) return store_commit(st, err);
    store_rollback(st);
    return rc;
}

static void test_a_registered_document_gets_a_task(void **state)
{
    (void)state;
    NormativeIncidentalRequest req = {7, "青复〔2026〕7号", "南市监规〔2026〕1号", NULL, "增加了义务", "2026-09-01"};
    long long id = 0;
    ZfError err;
    json_t *tasks;
    assert_int_equal(open_in(&req, &id, &err), ZF_OK);
    assert_true(id > 0);
    assert_int_equal(store_normative_tasks_of(st, 1, &tasks, &err), ZF_OK);
    json_t *t = json_array_get(tasks, json_array_size(tasks) - 1);
    assert_int_equal(json_integer_value(json_object_get(t, "id")), id);
    assert_string_equal(json_string_value(json_object_get(t, "source")), "reconsideration");
    assert_string_equal(json_string_value(json_object_get(json_object_get(t, "body"), "due_on")), "2026-10-01");
    json_decref(tasks);
}

static void test_unknown_document_or_no_reason_is_refused(void **state)
{
    (void)state;
    long long id = 99;
    ZfError err;
    json_t *tasks;
    NormativeIncidentalRequest unknown = {8, "青复〔2026〕8号", "不存在〔2026〕1号", NULL, "理由", "2026-09-01"};
    assert_int_equal(open_in(&unknown, &id, &err), ZF_ERR);
    assert_int_equal(err.status, 404);
    assert_int_equal(id, 0);
    NormativeIncidentalRequest no_reason = {9, "青复〔2026〕9号", "南市监规〔2026〕1号", NULL, NULL, "2026-09-01"};
    assert_int_equal(open_in(&no_reason, &id, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_int_equal(store_normative_tasks_of(st, 1, &tasks, &err), ZF_OK);
    assert_int_equal(json_array_size(tasks), 1); /* only the first test's */
    json_decref(tasks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_registered_document_gets_a_task),
        cmocka_unit_test(test_unknown_document_or_no_reason_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
