/* The ledger's hooks in other verbs: key pair at init, a signed head after init and import. */
#ifndef ZF_CMD_LEDGER_HOOKS_H
#define ZF_CMD_LEDGER_HOOKS_H

#include "store/store.h"

/* Creates the SM2 key pair beside the database when absent, then signs a head over the log.
 * Prints what it did on stdout; errors on stderr. */
int cmd_ledger_init(Store *st, const char *db_path);
/* Signs a head if there are unsigned events; failures are printed as warnings (data stays). */
void cmd_ledger_sign(Store *st, const char *db_path);

#endif
