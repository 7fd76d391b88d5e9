/* An archive written in memory with libzip (the case dossier, the Excel templates): open it,
 * add parts with zip_file_add, then take its bytes. No file I/O. */
#ifndef ZF_ZIPMEM_H
#define ZF_ZIPMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

typedef struct {
    zip_source_t *src; /* the buffer the archive is written into */
    zip_t *za;
} ZipMem;

/* False when libzip could not create the archive (nothing to free then). */
bool zipmem_open(ZipMem *z);
/* Closes the archive and copies its bytes into *out (malloc'd). False on failure. Frees z
 * either way. */
bool zipmem_take(ZipMem *z, void **out, size_t *len);
/* Drops an archive that will not be finished. */
void zipmem_discard(ZipMem *z);

#endif
