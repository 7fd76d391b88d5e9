/* Publication and withdrawal checks (see publicity.h). Pure. Articles sit next to the checks. */
#include "domain/workflow/publicity.h"

#include <ctype.h>
#include <string.h>

#include "util/text.h"

#define ART_48 "《中华人民共和国行政处罚法》第四十八条"
#define ART_48_2 "《中华人民共和国行政处罚法》第四十八条第二款"

static const struct {
    const char *code, *name;
} KINDS[WF_REVOKE_KIND_COUNT] = {
    [WF_REVOKE_REVOKED] = {"revoked", "撤销"},
    [WF_REVOKE_CHANGED] = {"changed", "变更"},
    [WF_REVOKE_ILLEGAL] = {"illegal", "确认违法"},
    [WF_REVOKE_VOID] = {"void", "确认无效"},
};

static const struct {
    const char *code, *name;
} BYS[WF_REVOKE_BY_COUNT] = {
    [WF_REVOKE_BY_REVIEW] = {"review", "行政复议"},
    [WF_REVOKE_BY_LITIGATION] = {"litigation", "行政诉讼"},
    [WF_REVOKE_BY_SELF] = {"self_correction", "自行纠正"},
};

int publicity_revoke_kind_by_code(const char *code, WfRevokeKind *out)
{
    for (int i = 0; code && i < WF_REVOKE_KIND_COUNT; i++)
        if (strcmp(KINDS[i].code, code) == 0) return *out = (WfRevokeKind)i, ZF_OK;
    return ZF_ERR;
}

int publicity_revoke_by_by_code(const char *code, WfRevokeBy *out)
{
    for (int i = 0; code && i < WF_REVOKE_BY_COUNT; i++)
        if (strcmp(BYS[i].code, code) == 0) return *out = (WfRevokeBy)i, ZF_OK;
    return ZF_ERR;
}

const char *publicity_revoke_kind_name(WfRevokeKind kind)
{
    return (unsigned)kind < WF_REVOKE_KIND_COUNT ? KINDS[kind].name : "";
}

const char *publicity_revoke_by_name(WfRevokeBy by)
{
    return (unsigned)by < WF_REVOKE_BY_COUNT ? BYS[by].name : "";
}

int publicity_can_publish(const CaseState *cs, zf_day on, ZfError *err)
{
    if (!case_has(cs->decided_on))
        return zf_fail(err, 422, "gate_not_decided", "decided_on",
                       "尚未作出行政处罚决定，没有可以公示的决定（" ART_48 "）");
    if (case_has(cs->revoked_on))
        return zf_fail(err, 422, "gate_revoked", "revoked_on",
                       "处罚决定已被撤销或变更，不能再公示（" ART_48_2 "）");
    if (case_has(cs->published_on))
        return zf_fail(err, 409, "already_published", "published_on", "处罚决定已经公示");
    if (on < cs->decided_on)
        return zf_fail(err, 422, "invalid_date", "on", "公示日期不能早于作出决定的日期");
    return ZF_OK;
}

int publicity_can_revoke(const CaseState *cs, zf_day on, ZfError *err)
{
    if (!case_has(cs->decided_on))
        return zf_fail(err, 422, "gate_not_decided", "decided_on",
                       "尚未作出行政处罚决定，无可撤销或变更的决定（" ART_48_2 "）");
    if (case_has(cs->revoked_on))
        return zf_fail(err, 409, "already_revoked", "revoked_on", "已登记该处罚决定被撤销或变更");
    if (on < cs->decided_on)
        return zf_fail(err, 422, "invalid_date", "revoked_on", "撤销或变更的日期不能早于作出决定的日期");
    return ZF_OK;
}

int publicity_can_withdraw(const CaseState *cs, zf_day on, const char *reason, ZfError *err)
{
    if (text_blank(reason))
        return zf_fail(err, 400, "missing_field", "reason",
                       "撤回公示须说明理由（" ART_48_2 "：撤回并公开说明理由）");
    if (!case_has(cs->published_on))
        return zf_fail(err, 409, "not_published", "published_on", "处罚决定尚未公示，无需撤回");
    if (case_has(cs->withdrawn_on))
        return zf_fail(err, 409, "already_withdrawn", "withdrawn_on", "公示信息已经撤回");
    if (on < cs->published_on)
        return zf_fail(err, 422, "invalid_date", "on", "撤回日期不能早于公示日期");
    return ZF_OK;
}
