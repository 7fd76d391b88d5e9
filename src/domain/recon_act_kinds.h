/* The kinds of contested act a reconsideration is counted by (复议统计 and the yearly statistical
 * table of 行政复议案件 by 被申请复议的行政行为类别): a code table with Chinese names. Pure. */
#ifndef ZF_RECON_ACT_KINDS_H
#define ZF_RECON_ACT_KINDS_H

/* {code, name}, NULL-terminated: penalty 行政处罚, coercion 行政强制, license 行政许可, levy 行政征收,
 * disclosure 政府信息公开, inaction 不履行法定职责, other 其他. */
extern const char *const RECON_ACT_KINDS[][2];

const char *recon_act_kind_name(const char *code); /* NULL when unknown */
/* The kind a row counts under: its act.kind when known, else "other". */
const char *recon_act_kind_of(const char *code);

#endif
