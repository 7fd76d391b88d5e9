/* See recon_act_kinds.h. */
#include "domain/recon_act_kinds.h"

#include <stddef.h>
#include <string.h>

const char *const RECON_ACT_KINDS[][2] = {
    {"penalty", "行政处罚"},   {"coercion", "行政强制"},       {"license", "行政许可"}, {"levy", "行政征收"},
    {"disclosure", "政府信息公开"}, {"inaction", "不履行法定职责"}, {"other", "其他"},     {NULL, NULL}};

const char *recon_act_kind_name(const char *code)
{
    for (size_t i = 0; code && RECON_ACT_KINDS[i][0]; i++)
        if (strcmp(RECON_ACT_KINDS[i][0], code) == 0) return RECON_ACT_KINDS[i][1];
    return NULL;
}

const char *recon_act_kind_of(const char *code)
{
    return recon_act_kind_name(code) ? code : "other";
}
