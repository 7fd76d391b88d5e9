/* 行政处罚法 72: 每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额. Pure. */
#include "domain/workflow/late_fee.h"

static const int64_t RATE_PERCENT = 3;

int64_t late_fee_fen(int64_t fine_fen, zf_day due, zf_day on)
{
    if (fine_fen <= 0 || due == ZF_DAY_NONE || on == ZF_DAY_NONE || on <= due) return 0;
    int64_t days = (int64_t)on - due;
    if (days * RATE_PERCENT >= 100) return fine_fen; /* also keeps the products below small */
    /* floor(fine × 3d / 100) without overflow: fine = 100q + r. */
    int64_t q = fine_fen / 100, r = fine_fen % 100, pct = days * RATE_PERCENT;
    int64_t fee = q * pct + r * pct / 100;
    return fee > fine_fen ? fine_fen : fee;
}
