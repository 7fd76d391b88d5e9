/* 加处罚款 (行政处罚法 第七十二条): 3% of the fine for each day the fine is paid late, never more
 * than the fine. Pure integer fen. */
#ifndef ZF_WORKFLOW_LATE_FEE_H
#define ZF_WORKFLOW_LATE_FEE_H

#include <stdint.h>

#include "util/date.h"

/* Late fee in fen for a fine due on `due` and paid (or still unpaid) on `on`: days after due
 * × 3% of the fine, rounded down to the fen, capped at the fine. 0 when on ≤ due or no fine. */
int64_t late_fee_fen(int64_t fine_fen, zf_day due, zf_day on);

#endif
