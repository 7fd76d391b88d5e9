/* SQLite side of store/backup.h: the online backup API. One sqlite3_backup_step(-1) copies every
 * page under one read snapshot, so writers in other connections and processes go on (WAL) and the
 * copy is the database as of that snapshot; a busy or locked step is retried, never half-kept. */
#include "store/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include "store/sqlite_internal.h"

#define BACKUP_RETRIES 200
#define BACKUP_RETRY_MS 50

/* Copies every page of src's main database into dest's, retrying while either side is busy. */
static int copy_pages(sqlite3 *dest, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
    if (!b) return sqlite3_errcode(dest);
    int rc = SQLITE_OK;
    for (int i = 0; i < BACKUP_RETRIES; i++) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(BACKUP_RETRY_MS);
    }
    int fin = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? fin : rc;
}

static int fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int sqlite_store_backup_to(Store *st, const char *dest_path, ZfError *err)
{
    sqlite3 *dest = NULL;
    int rc = sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
    if (rc == SQLITE_OK) rc = copy_pages(dest, st->db);
    /* the copy is one file: no WAL of its own beside it, whatever mode the source was in */
    if (rc == SQLITE_OK) rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    int closed = sqlite3_close(dest);
    if (rc == SQLITE_OK && closed == SQLITE_OK && fsync_path(dest_path) == 0) return ZF_OK;
    return zf_fail(err, 500, "backup_failed", NULL, "数据库备份失败：%s", sqlite3_errstr(rc != SQLITE_OK ? rc : closed));
}

int sqlite_store_restore_from(Store *st, const char *image_path, ZfError *err)
{
    sqlite3 *src = NULL;
    int rc = sqlite3_open_v2(image_path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(src, "SELECT count(*) FROM schema_version", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(src);
        return zf_fail(err, 422, "not_a_backup", NULL, "备份中的数据库无法读取：%s", sqlite3_errstr(rc));
    }
    rc = copy_pages(st->db, src);
    sqlite3_close(src);
    if (rc == SQLITE_OK) return ZF_OK;
    return zf_fail(err, 500, "restore_failed", NULL, "数据库恢复失败：%s", sqlite3_errstr(rc));
}
