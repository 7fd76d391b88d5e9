/* Initial facts and the law's periods (kind_state.h). Pure. */
#include "domain/workflow/kind_state.h"

#include <string.h>

void kind_limits_defaults(WfKindLimits *lim)
{
    *lim = (WfKindLimits){.inspection_publicity_wd = 20,
                          .seal_days = 30,
                          .seal_extension_days = 30,
                          .urgent_report_days = 1,
                          .demand_wd = 10,
                          .license_correction_wd = 5,
                          .license_decision_wd = 20,
                          .license_extension_wd = 10,
                          .license_service_wd = 10,
                          .license_publicity_wd = 7};
}

void kind_state_init(WfKindState *k)
{
    memset(k, 0, sizeof *k);
    kind_limits_defaults(&k->lim);
    k->notice_on = k->inspected_on = k->result_on = k->correction_due_on = k->corrected_on = ZF_DAY_NONE;
    k->result_published_on = ZF_DAY_NONE;
    k->approved_on = k->started_on = k->released_on = ZF_DAY_NONE;
    k->demand_served_on = k->demand_due_on = k->enforce_decided_on = k->executed_on = ZF_DAY_NONE;
    k->executed_minute = -1;
    k->received_on = k->correction_notice_on = k->accepted_on = ZF_DAY_NONE;
}
