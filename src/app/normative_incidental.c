/* Stub of normative_incidental.h until the normative-documents module lands (issue 25). */
#include "app/normative_incidental.h"

int app_normative_incidental_open_in(const AppContext *cx, const NormativeIncidentalRequest *req, long long *task_id,
                                     ZfError *err)
{
    (void)cx, (void)req;
    *task_id = 0;
    return zf_fail(err, 501, "not_installed", NULL, "规范性文件备案审查模块尚未启用，附带审查请求未能转送");
}
