/* Loading the bundled statutes (data/laws/NAME.md) into the store: run by `zhifa init`.
 * Idempotent: a file is parsed and reloaded only when its SHA-256 differs from the stored one;
 * laws whose file disappeared are removed; the search index is rebuilt only when something changed. */
#ifndef ZF_LAWS_LOAD_H
#define ZF_LAWS_LOAD_H

#include "store/store.h"

typedef struct {
    int files, loaded, unchanged, removed, articles; /* articles: in the files (re)loaded */
} LawLoadStats;

/* One transaction: either every changed file is loaded or nothing changes. Errors name the file. */
int laws_load_dir(Store *st, const char *dir, LawLoadStats *stats, ZfError *err);

#endif
