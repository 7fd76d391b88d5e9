/* Locating the read-only data directory (holidays, laws, regions, web/dist) so that the binary
 * runs from any working directory: --data DIR, then $ZHIFA_DATA, then beside the executable. */
#ifndef ZF_DATADIR_H
#define ZF_DATADIR_H

#include <stddef.h>

/* Sets an explicit directory (from --data); NULL to clear. */
void datadir_set(const char *dir);
/* The data directory, or NULL when none can be found. Result is static. */
const char *datadir_get(void);
/* The project root holding web/dist (parent of the data dir). Result is static. */
const char *datadir_root(void);
/* Reads a whole file into a NUL-terminated malloc'd buffer. 0 ok, -1 error (errno set). */
int file_read_all(const char *path, char **out, size_t *len);

#endif
