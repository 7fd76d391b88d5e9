/* The monthly 通报 as a workbook (app/bulletin.h's figures): 汇总, 分主体 (a totals row of SUM
 * formulas with their cached values), 排名, 突出问题, 趋势. */
#ifndef ZF_RENDER_BULLETIN_XLSX_H
#define ZF_RENDER_BULLETIN_XLSX_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"

int bulletin_xlsx(const json_t *bulletin, void **out, size_t *len, ZfError *err);

#endif
