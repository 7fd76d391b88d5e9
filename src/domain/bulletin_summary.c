/* See bulletin_summary.h. A comparison with a zero base says so in words ("上年同期无立案") rather
 * than print an infinite percentage. */
#include "domain/bulletin_summary.h"

#include <stdio.h>
#include <string.h>

void bulletin_change(const char *word, long long now, long long before, char *out, size_t cap)
{
    if (before <= 0) {
        snprintf(out, cap, "%s", "");
        return;
    }
    if (now == before) {
        snprintf(out, cap, "%s持平", word);
        return;
    }
    long long diff = now > before ? now - before : before - now;
    long long tenths = (diff * 1000 + before / 2) / before; /* percent × 10, rounded half up */
    snprintf(out, cap, "%s%s %lld.%lld%%", word, now > before ? "增长" : "下降", tenths / 10, tenths % 10);
}

void bulletin_yuan(long long fen, char *out, size_t cap)
{
    char digits[32], grouped[48];
    long long yuan = (fen < 0 ? -fen : fen) / 100;
    int n = snprintf(digits, sizeof digits, "%lld", yuan), g = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    snprintf(out, cap, "%s%s.%02lld", fen < 0 ? "-" : "", grouped, (fen < 0 ? -fen : fen) % 100);
}

/* "（上年同期 12 件）" beside a change, or the words for a month with none. */
static void compared(const char *word, const char *then, long long now, long long before, char *out, size_t cap)
{
    char change[64];
    bulletin_change(word, now, before, change, sizeof change);
    if (*change) snprintf(out, cap, "，%s（%s %lld 件）", change, then, before);
    else snprintf(out, cap, "（%s无立案）", then);
}

void bulletin_summary(const BulletinFigures *f, char *out, size_t cap)
{
    char yoy[128], mom[128], fines[48];
    compared("同比", "上年同期", f->now.filed, f->last_year.filed, yoy, sizeof yoy);
    compared("环比", "上月", f->now.filed, f->prev.filed, mom, sizeof mom);
    bulletin_yuan(f->now.fines_fen, fines, sizeof fines);
    snprintf(out, cap,
             "%d年%d月，%s共立案行政执法案件 %lld 件%s%s；作出处理决定 %lld 件，罚款 %s 元。"
             "截至通报时，未消除预警 %lld 条，其中红色预警 %lld 条、黄色预警 %lld 条；"
             "本月下发督办问诊文书 %lld 件，逾期未整改 %lld 件。",
             f->year, f->month, f->place, f->now.filed, yoy, mom, f->now.decided, fines, f->violations + f->warnings,
             f->violations, f->warnings, f->orders_issued, f->orders_overdue);
}
