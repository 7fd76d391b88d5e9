/* The electronic seal's set-up shared by `zhifa ca` and `zhifa init --demo`. */
#ifndef ZF_CMD_SEAL_SETUP_H
#define ZF_CMD_SEAL_SETUP_H

#include "store/store.h"

/* The root (when absent) and a certificate for every agency without one; prints what it did.
 * cmd_open_store must have run (it names the seal directory). */
int cmd_seal_setup_all(Store *st);

#endif
