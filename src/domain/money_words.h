/* An amount of money as written on a document: in figures ("12,345.60") and in Chinese capitals
 * (大写, "壹万贰仟叁佰肆拾伍元陆角整"), after 中国人民银行《支付结算办法》附一《正确填写票据和结算凭证的
 * 基本规定》: 零壹贰叁肆伍陆柒捌玖 拾佰仟万亿 元角分; 整 after 元 or 角 when nothing follows, none
 * after 分; one 零 for a run of zeros inside the amount; 壹拾 never shortened to 拾; where the rules
 * allow both forms this writes the 零 (元零叁角, 拾万零柒佰). Pure. */
#ifndef ZF_DOMAIN_MONEY_WORDS_H
#define ZF_DOMAIN_MONEY_WORDS_H

#include <stddef.h>

/* fen ≥ 0 (分, hundredths of a yuan) in capitals; -1 when negative or out doesn't fit (cap ≥ 160
 * holds any amount below 10^16 yuan). */
int money_capitals(long long fen, char *out, size_t cap);

/* fen ≥ 0 as "12,345.60"; -1 when negative or it doesn't fit. */
int money_figures(long long fen, char *out, size_t cap);

/* A JSON number of yuan (as the record stores a fine) rounded to whole fen. */
long long money_fen_of_yuan(double yuan);

#endif
