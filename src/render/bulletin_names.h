/* The words the 通报 prints for the codes in its figures (both the PDF and the workbook). */
#ifndef ZF_RENDER_BULLETIN_NAMES_H
#define ZF_RENDER_BULLETIN_NAMES_H

#include <jansson.h>

const char *bulletin_report_name(const char *status); /* on_time → 按时报送 … */
const char *bulletin_severity_name(const char *code); /* the rule catalogue's words */
const char *bulletin_rule_title(const char *rule);    /* "P01" → its short title, or the code */
/* "2026-05" → "2026年5月"; out ≥ 16. */
void bulletin_month_cn(const char *ym, char *out, unsigned long cap);

/* A ranking item's cells as printed: rank, score (two decimals), change of score (signed) and of
 * rank (上升 2 / 下降 1 / 持平); "—" where the figure is null (unranked, or no month before). */
typedef struct {
    char rank[24], score[32], change[32], rank_change[40];
} BulletinRankCells;
void bulletin_rank_cells(const json_t *item, BulletinRankCells *out);
/* How the composite is made, from the ranking's weights: "按排名指标加权计算综合得分（0–100）：每百件案件预警数（越低越好）30，…". */
void bulletin_ranking_note(const json_t *weights, char *out, unsigned long cap);

#endif
