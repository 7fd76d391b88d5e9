/* Shared by the intake handlers (imports.c, case_entry.c, monthly.c): the data-scope test of
 * a record's agency and the re-check of the cases an intake changed. */
#ifndef ZF_API_INTAKE_COMMON_H
#define ZF_API_INTAKE_COMMON_H

#include <stdbool.h>

#include "http/request.h"

#define INTAKE_OUT_OF_SCOPE "记录所属执法主体不在本账号的数据范围内"

/* May the caller write records of this agency? The agency's stored region decides for a
 * region-bound user (an unknown agency is outside every region but the whole country). */
bool intake_agency_in_scope(HttpRequest *req, const char *agency);

/* What an intake changed: up to INTAKE_RECHECK_MAX case numbers, or "more than that". */
#define INTAKE_RECHECK_MAX 100
typedef struct {
    char *cases[INTAKE_RECHECK_MAX];
    size_t n;
    bool wide; /* elements or many cases changed: every case may be affected */
} IntakeTouched;

void intake_note_stored(IntakeTouched *t, RecordType type, const char *key);
/* A few cases are re-checked now; anything wider marks the data dirty for the sweeper, as the
 * import verb does. Frees what t holds. */
void intake_recheck(HttpRequest *req, IntakeTouched *t);

#endif
