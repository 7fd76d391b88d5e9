/* The quarterly 备案目录 (《法规规章备案审查条例》第十条: 按月公布目录; locally by quarter, in the month
 * of the quarter the setting normative_catalog_month names), docs/normative-docs.md: the documents
 * registered in a quarter (登记编号, title, 文号, issuing body, dates), produced and published — a
 * snapshot kept in normative_catalogs, drawn as PDF and .xlsx on the portal's register page. */
#ifndef ZF_APP_NORMATIVE_CATALOG_H
#define ZF_APP_NORMATIVE_CATALOG_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/context.h"

/* Produces and publishes quarter's catalogue ("2026Q3"), replacing an earlier one of the quarter:
 * *cat {quarter, title, rows, count, produced_on, by}. 400 malformed, 422 a quarter not begun. */
int app_normative_catalog_produce(const AppContext *cx, const char *quarter, json_t **cat, ZfError *err);
/* The published catalogues, newest quarter first: [{quarter, title, count, produced_on}]. */
int app_normative_catalog_list(const AppContext *cx, json_t **items, ZfError *err);
/* One published catalogue with its rows; 404 when not produced. */
int app_normative_catalog_get(const AppContext *cx, const char *quarter, json_t **cat, ZfError *err);

typedef enum { NORM_CATALOG_PDF, NORM_CATALOG_XLSX } NormCatalogFormat;
int app_normative_catalog_file(const AppContext *cx, const char *quarter, NormCatalogFormat f, void **out, size_t *len,
                               ZfError *err);

/* The job's daily look: in the setting's month of a quarter, the previous quarter's catalogue is
 * produced once (*produced says whether it was now). */
int app_normative_catalog_due(const AppContext *cx, bool *produced, ZfError *err);

#endif
