/* The monthly 通报 (docs/analytics.md, bulletin part): its figures for a month and a region,
 * computed once here from the store and drawn by render/bulletin_pdf.c and bulletin_xlsx.c, so
 * the PDF, the workbook, the CLI and the API can only say the same numbers. */
#ifndef ZF_APP_BULLETIN_H
#define ZF_APP_BULLETIN_H

#include <jansson.h>

#include "app/context.h"

#define BULLETIN_PROBLEMS 10 /* the named problems: the worst open findings */
#define BULLETIN_TREND_MONTHS 13 /* the trend back to the same month a year before */

/* month YYYY-MM; region a GB/T 2260 code inside the caller's scope, or NULL: the caller's whole
 * scope. *out: {month, title, place, region, from, to, report_due_on, summary, agencies:[{agency,
 * name, region, filed, decided, closed, fines_fen, violations, warnings, alerts, orders_issued,
 * orders_overdue, report: on_time|late|missing|pending, report_at, reviewed, review_avg, rank}],
 * totals:{same counts}, ranking:[{agency, name, rank, score, change, rank_change, indicators}] (the
 * items of GET /stats/rankings for the month and region, in its order), ranking_weights (its weights),
 * problems:[…], trend:[{month, filed, decided, fines_fen}], prev, last_year}. */
int app_bulletin(const AppContext *cx, const char *month, const char *region, json_t **out, ZfError *err);

typedef enum { BULLETIN_PDF, BULLETIN_XLSX, BULLETIN_JSON } BulletinFormat;

/* The bulletin as a file's bytes (malloc'd, caller frees). */
int app_bulletin_file(const AppContext *cx, const char *month, const char *region, BulletinFormat format, void **out,
                      size_t *len, ZfError *err);

#endif
