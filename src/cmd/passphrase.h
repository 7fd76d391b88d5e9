/* The backup passphrase, read as the first line of standard input (never an argument: it would
 * show in `ps` and in the shell's history). */
#ifndef ZF_CMD_PASSPHRASE_H
#define ZF_CMD_PASSPHRASE_H

#include <stddef.h>

#define PASSPHRASE_CAP 1024

/* 0 with the line (without its end) in out; -1 (a Chinese message printed) when there is none or
 * it is shorter than min characters (bytes of UTF-8 counted as characters one each for ASCII). */
int cmd_read_passphrase(char out[PASSPHRASE_CAP], size_t min);

#endif
