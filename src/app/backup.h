/* `zhifa backup` and `zhifa restore` (docs/backup.md): one tar archive holding the database as of
 * one moment, the SM2 keys sealed under a passphrase, and the file store. */
#ifndef ZF_APP_BACKUP_H
#define ZF_APP_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define BACKUP_FORMAT "zhifa-backup"
#define BACKUP_VERSION 1
#define BACKUP_PASSPHRASE_MIN 8
#define BACKUP_MANIFEST "MANIFEST.json"
#define BACKUP_KEYS "keys.enc"
#define BACKUP_DATABASE "database.sqlite"
#define BACKUP_FILES_PREFIX "files/"

typedef struct {
    int schema_version;
    long long keys;  /* key and certificate files sealed */
    long long files; /* file-store files */
    uint64_t bytes;  /* the archive's size */
} BackupSummary;

/* Writes the archive of st (whose database is db_path) to out_path, which must not exist: first
 * as out_path.partial (0600), renamed when complete. Writers may go on meanwhile. */
int app_backup(Store *st, const char *db_path, const char *out_path, const char *passphrase, BackupSummary *s,
               ZfError *err);

/* Restores archive_path into db_path (and its .files/, .ca/, .sm2.pem). Refused (409) when any of
 * them exists, unless force. The keys are opened first: a wrong passphrase writes nothing. */
int app_restore(const char *archive_path, const char *db_path, const char *passphrase, bool force, BackupSummary *s,
                ZfError *err);

/* True when name is a member the archive may hold under files/: 64 lowercase hex digits. */
bool backup_is_file_name(const char *name);

#endif
