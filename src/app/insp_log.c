/* See insp_log.h. */
#include "app/insp_log.h"

#include "app/logged_row.h"
#include "ledger/ledger.h"
#include "store/inspections.h"

static int plan_put(Store *st, json_t *row, ZfError *err) { return store_insp_put(st, INSP_PLAN, row, err); }
static int plan_get(Store *st, long long id, json_t **row, ZfError *err) { return store_insp_get(st, INSP_PLAN, id, row, err); }
static int joint_put(Store *st, json_t *row, ZfError *err) { return store_insp_put(st, JOINT_PLAN, row, err); }
static int joint_get(Store *st, long long id, json_t **row, ZfError *err) { return store_insp_get(st, JOINT_PLAN, id, row, err); }

static const LoggedTable PLANS = {plan_put, plan_get, LEDGER_INSP_PLAN_PUT, "inspection-plan:", NULL};
static const LoggedTable JOINT = {joint_put, joint_get, LEDGER_JOINT_PLAN_PUT, "joint-plan:", NULL};

/* Each write counts itself in the row (body.rev): the number of put events a plan has had is its
 * rev, so the ledger's size can be checked from the tables alone (as review plans do). */
static void bump_rev(json_t *row)
{
    json_t *body = json_object_get(row, "body");
    if (json_is_object(body)) json_object_set_new(body, "rev", json_integer(json_integer_value(json_object_get(body, "rev")) + 1));
}

int app_insp_plan_put(Store *st, json_t *row, ZfError *err)
{
    bump_rev(row);
    return app_logged_put(st, &PLANS, row, err);
}

int app_joint_plan_put(Store *st, json_t *row, ZfError *err)
{
    bump_rev(row);
    return app_logged_put(st, &JOINT, row, err);
}
