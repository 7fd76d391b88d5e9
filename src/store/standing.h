/* Where a key already stored stands against a writer's data scope. A writer may change only a
 * record he may see as stored, whatever the new version claims: the upload, the form and PUT ask
 * this before they write, so no path can move another agency's or region's record into one's own. */
#ifndef ZF_STORE_STANDING_H
#define ZF_STORE_STANDING_H

#include "store/store.h"

typedef enum {
    STORED_NONE,          /* nothing stored under the key */
    STORED_IN_SCOPE,      /* stored, and the writer's scope covers it as stored */
    STORED_OUT_OF_SCOPE,  /* stored under another agency or region */
    STORED_ONLINE_CASE,   /* an online (网上办理) case in scope whose record the new body would change */
} StoredStanding;

/* scope_agency / scope_region_prefix as for the list queries (NULL = no limit). A benchmark stands
 * where its power does (key = the power's code); a monthly report is keyed by its own agency, so
 * the new line's agency decides. Powers count as in scope when one holding agency is. */
int store_record_standing(Store *st, const StoredRecord *rec, const char *scope_agency,
                          const char *scope_region_prefix, StoredStanding *out, ZfError *err);

#endif
