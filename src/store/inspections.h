/* 双随机、一公开 and 综合查一次 (store side, docs/inspections.md): the 检查对象名录, the officers'
 * 回避 lists, the random plans, the 事项目录清单 and the joint plans. A row is a JSON object
 * {id, <its columns>, body:{…}}: the columns (migrations 056–057) are what lists and scope read;
 * body holds the rest. */
#ifndef ZF_STORE_INSPECTIONS_H
#define ZF_STORE_INSPECTIONS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* Columns beside body: entities {agency, credit_code, status}; recusals {agency, cert_no}; plans
 * {agency, status, created_by}; catalogue {region, status}; joint plans {region, lead_agency,
 * status, planned_on}. */
typedef enum { INSP_ENTITY, INSP_RECUSAL, INSP_PLAN, JOINT_CATALOGUE, JOINT_PLAN } InspTable;

/* ZF_ERR 404 when absent. */
int store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates its columns and body; 409 when an
 * entity's (agency, credit_code) or a recusal's cert_no is taken. */
int store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err);

typedef struct {
    const char *agency, *status, *key;  /* key: an entity's credit_code, a recusal's cert_no; NULL = any */
    const char *region_prefix;          /* catalogue, joint plans: region starts with it */
    bool by_key;                        /* entities by credit_code, recusals by cert_no (bytes); else by id */
} InspFilter;
int store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err);

/* The agency's officers (the elements) with their 回避 list: [{cert_no, name, cert_valid_from,
 * cert_valid_to, status, avoid:[…], reason}] by cert_no. */
int store_insp_officers(Store *st, const char *agency, json_t **items, ZfError *err);

/* Every open I02 finding with the inspection cases of its party:
 * [{finding, flagged, flagged_on, party_id, party_name, party_kind, case_no, agency, agency_name, region,
 *   inspected_on}] by finding, inspected_on, case_no. */
int store_insp_i02_cases(Store *st, json_t **items, ZfError *err);

#endif
