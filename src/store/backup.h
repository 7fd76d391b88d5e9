/* Backups of the database itself (docs/backup.md): the backend makes the consistent copy, the app
 * (app/backup.c) puts it in one archive with the keys and the file store. */
#ifndef ZF_STORE_BACKUP_H
#define ZF_STORE_BACKUP_H

#include "store/store.h"

/* Writes a consistent copy of the whole database, as of one moment, to a new file dest_path while
 * other connections and processes go on writing (SQLite: the online backup API over one read
 * snapshot). A backend whose database is not a file refuses with 501 and says what to use. */
int store_backup_to(Store *st, const char *dest_path, ZfError *err);
/* Replaces the whole content of st's database with the copy in image_path (one store_backup_to
 * wrote), in one step: other connections see the old content or the new. */
int store_restore_from(Store *st, const char *image_path, ZfError *err);

#endif
