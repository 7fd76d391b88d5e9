/* In-memory zip writing shared by the dossier export and the .xlsx writer. */
#include "util/zipmem.h"

#include <stdlib.h>

bool zipmem_open(ZipMem *z)
{
    zip_error_t ze;
    zip_error_init(&ze);
    z->src = zip_source_buffer_create(NULL, 0, 0, &ze);
    z->za = z->src ? zip_open_from_source(z->src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z->za) {
        zip_source_free(z->src);
        z->src = NULL;
        return false;
    }
    zip_source_keep(z->src); /* outlives zip_close, which writes into it */
    return true;
}

bool zipmem_take(ZipMem *z, void **out, size_t *len)
{
    zip_stat_t zs;
    bool ok = false;
    *out = NULL;
    if (zip_close(z->za) < 0) {
        zip_discard(z->za);
    } else if (zip_source_stat(z->src, &zs) == 0 && zip_source_open(z->src) == 0) {
        *out = malloc(zs.size ? zs.size : 1);
        zip_int64_t n = *out ? zip_source_read(z->src, *out, zs.size) : -1;
        zip_source_close(z->src);
        ok = n >= 0 && (zip_uint64_t)n == zs.size;
        if (ok) *len = (size_t)n;
        else free(*out), *out = NULL;
    }
    zip_source_free(z->src);
    z->za = NULL, z->src = NULL;
    return ok;
}

void zipmem_discard(ZipMem *z)
{
    if (z->za) zip_discard(z->za);
    zip_source_free(z->src);
    z->za = NULL, z->src = NULL;
}
