/* Attachment files of the ledger: content-addressed by SM3 in <db>.files/, written so that a
 * name never holds partial bytes, and registered with their attachment.add event. Never
 * overwrites or deletes a stored file: `zhifa verify` checks each against its event. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger/ledger.h"
#include "util/fileio.h"
#include "util/paths.h"

void ledger_attachment_path(const char *db_path, const char *sm3_hex, char *out, size_t cap)
{
    paths_attachment_file(db_path, sm3_hex, out, cap);
}

int ledger_attachment_adopt(const char *db_path, const char *sm3_hex, int fd, const char *tmp_path, size_t len,
                            ZfError *err)
{
    char dir[4096], path[4200];
    struct stat sb;
    paths_files_dir(db_path, dir, sizeof dir);
    ledger_attachment_path(db_path, sm3_hex, path, sizeof path);
    if (stat(path, &sb) == 0 && (size_t)sb.st_size == len) { /* same digest, same bytes */
        unlink(tmp_path);
        return ZF_OK;
    }
    if (fsync(fd) != 0 || rename(tmp_path, path) != 0 || fileio_fsync_dir(dir) != 0)
        return zf_fail(err, 500, "attachment_write_failed", NULL, "无法写入附件文件 %s", path);
    return ZF_OK;
}

int ledger_attachment_save(const char *db_path, const char *sm3_hex, const void *data, size_t len, ZfError *err)
{
    char dir[4096], path[4200], tmp[4300];
    struct stat sb;
    paths_files_dir(db_path, dir, sizeof dir);
    ledger_attachment_path(db_path, sm3_hex, path, sizeof path);
    if (stat(path, &sb) == 0 && (size_t)sb.st_size == len) return ZF_OK; /* no temp file for known content */
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return zf_fail(err, 500, "attachment_dir", NULL, "无法创建附件目录 %s", dir);
    /* owner only (files are mkstemp's 0600): a directory of an older install is tightened if ours */
    if (lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid() && (sb.st_mode & 077)) chmod(dir, 0700);
    /* a unique temp name: two workers may store the same content at the same moment */
    snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0) return zf_fail(err, 500, "attachment_write_failed", NULL, "无法在 %s 中写入附件", dir);
    int rc = fileio_write_all(fd, data, len) == 0
                 ? ledger_attachment_adopt(db_path, sm3_hex, fd, tmp, len, err)
                 : zf_fail(err, 500, "attachment_write_failed", NULL, "无法写入附件文件 %s", path);
    close(fd); /* fsynced already: a failing close loses nothing */
    if (rc != ZF_OK) unlink(tmp);
    return rc;
}

int ledger_attach(Store *st, const char *db_path, const char *case_no, const char *name, const char *media_type,
                  const void *data, size_t len, char sm3_hex[2 * MERKLE_HASH_LEN + 1], ZfError *err)
{
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash d;
    Ledger *l;
    if (!h) return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    merkle_sm3(h, data, len, &d);
    merkle_hasher_free(h);
    merkle_hex(&d, sm3_hex);
    if (ledger_attachment_save(db_path, sm3_hex, data, len, err) != ZF_OK) return ZF_ERR;
    if (ledger_open(st, &l, err) != ZF_OK) return ZF_ERR;
    int rc = store_begin(st, err);
    if (rc == ZF_OK) {
        json_t *ev = json_pack("{s:s, s:s, s:s, s:s, s:I}", "case_no", case_no, "name", name, "media_type",
                               media_type, "sm3", sm3_hex, "size", (json_int_t)len);
        rc = ledger_add_attachment(l, case_no, ev, NULL, err);
        json_decref(ev);
        if (rc == ZF_OK) rc = store_commit(st, err);
        else store_rollback(st);
    }
    ledger_close(l);
    return rc;
}
