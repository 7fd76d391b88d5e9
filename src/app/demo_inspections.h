/* The demo's 双随机、一公开 and 综合查一次 (init --demo): 市南区市场监管局's directory of ten entities,
 * a random plan drawn (one inspection.draw event in the ledger) with two results and published, a
 * 事项目录 entry and one joint inspection of three agencies, done — through the services the API uses. */
#ifndef ZF_APP_DEMO_INSPECTIONS_H
#define ZF_APP_DEMO_INSPECTIONS_H

#include "store/store.h"
#include "util/date.h"

int demo_inspections_load(Store *st, zf_day today, int *drawn, ZfError *err);

#endif
