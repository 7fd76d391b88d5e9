/* The words the 通报 prints for the codes in its figures (both the PDF and the workbook). */
#ifndef ZF_RENDER_BULLETIN_NAMES_H
#define ZF_RENDER_BULLETIN_NAMES_H

const char *bulletin_report_name(const char *status); /* on_time → 按时报送 … */
const char *bulletin_severity_name(const char *code); /* the rule catalogue's words */
const char *bulletin_rule_title(const char *rule);    /* "P01" → its short title, or the code */
/* "2026-05" → "2026年5月"; out ≥ 16. */
void bulletin_month_cn(const char *ym, char *out, unsigned long cap);

#endif
