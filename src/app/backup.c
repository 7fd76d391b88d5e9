/* Writing a backup archive (backup.h). The database copy is taken first; the file store is read
 * after it, so every file a row of the copy names is already there (files are written before the
 * rows that name them and never removed); a file newer than the copy is harmless extra. */
#include "app/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/backup.h"
#include "util/fileio.h"
#include "util/passbox.h"
#include "util/paths.h"
#include "util/tar.h"

#define PATH_CAP 4096
#define DIR_CAP 2048 /* a directory beside the database; PATH_CAP holds it and a name */
#define KEY_FILE_MAX (1 << 20)

bool backup_is_file_name(const char *name)
{
    return strlen(name) == 64 && strspn(name, "0123456789abcdef") == 64;
}

static bool regular_file(const char *path, off_t *size)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return false;
    if (size) *size = sb.st_size;
    return true;
}

/* Adds the file at path to the in-memory key archive as name (absent files are skipped). */
static int add_key_file(TarBuffer *b, const char *name, const char *path, long long *count)
{
    off_t size;
    if (!regular_file(path, &size)) return 0;
    if (size > KEY_FILE_MAX) return -1;
    FILE *f = fopen(path, "rb");
    unsigned char *d = f ? malloc((size_t)size + 1) : NULL;
    int rc = d && fread(d, 1, (size_t)size, f) == (size_t)size ? tar_buffer_put(b, name, 0600, time(NULL), d, (size_t)size) : -1;
    if (d) OPENSSL_cleanse(d, (size_t)size);
    free(d);
    if (f) fclose(f);
    if (rc == 0) (*count)++;
    return rc;
}

/* The ledger's key and the seal's CA directory (flat: root and agency keys and certificates). */
static int key_archive(const char *db_path, TarBuffer *b, long long *count)
{
    char path[PATH_CAP], dir[DIR_CAP], name[TAR_NAME_MAX + 1];
    paths_key_file(db_path, path, sizeof path);
    if (add_key_file(b, "sm2.pem", path, count) != 0) return -1;
    paths_ca_dir(db_path, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        int rc = 0;
        while (rc == 0 && (de = readdir(d))) {
            if (de->d_name[0] == '.' || strlen(de->d_name) > TAR_NAME_MAX - 3) continue;
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            snprintf(name, sizeof name, "ca/%.*s", (int)(TAR_NAME_MAX - 3), de->d_name); /* length checked above */
            rc = add_key_file(b, name, path, count);
        }
        closedir(d);
        if (rc != 0) return -1;
    }
    return tar_buffer_finish(b);
}

static int put_keys(FILE *out, const char *db_path, const char *passphrase, BackupSummary *s, ZfError *err)
{
    TarBuffer b = {0};
    unsigned char *box = NULL;
    size_t box_len = 0;
    int rc = key_archive(db_path, &b, &s->keys) == 0 ? ZF_OK : zf_fail(err, 500, "backup_failed", NULL, "无法读取密钥文件");
    if (rc == ZF_OK) rc = passbox_seal(passphrase, b.data, b.len, &box, &box_len, err);
    if (b.data) OPENSSL_cleanse(b.data, b.cap);
    free(b.data);
    if (rc == ZF_OK && tar_put_mem(out, BACKUP_KEYS, 0600, time(NULL), box, box_len) != 0)
        rc = zf_fail(err, 500, "backup_failed", NULL, "写入备份文件失败：%s", strerror(errno));
    free(box);
    return rc;
}

static int put_manifest(FILE *out, int schema_version, ZfError *err)
{
    char created[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *m = json_pack("{s:s, s:i, s:s, s:s, s:i, s:s, s:{s:s, s:s, s:i, s:i, s:i, s:s}, s:s}", "format",
                          BACKUP_FORMAT, "version", BACKUP_VERSION, "created", created, "backend", "sqlite",
                          "schema_version", schema_version, "database", BACKUP_DATABASE, "keys", "member",
                          BACKUP_KEYS, "kdf", "scrypt", "log2_n", 15, "r", 8, "p", 1, "cipher", "aes-256-gcm",
                          "files", BACKUP_FILES_PREFIX "<sm3>");
    char *text = m ? json_dumps(m, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
    json_decref(m);
    int rc = text && tar_put_mem(out, BACKUP_MANIFEST, 0600, t, text, strlen(text)) == 0 ? ZF_OK : ZF_ERR;
    free(text);
    return rc == ZF_OK ? ZF_OK : zf_fail(err, 500, "backup_failed", NULL, "写入备份文件失败");
}

static int put_database(FILE *out, Store *st, const char *out_path, ZfError *err)
{
    char image[PATH_CAP];
    snprintf(image, sizeof image, "%s.db-partial", out_path);
    unlink(image); /* a leftover of an interrupted run of ours */
    int rc = store_backup_to(st, image, err);
    if (rc == ZF_OK && (chmod(image, 0600) != 0 || tar_put_file(out, BACKUP_DATABASE, 0600, time(NULL), image) != 0))
        rc = zf_fail(err, 500, "backup_failed", NULL, "写入备份文件失败：%s", strerror(errno));
    unlink(image);
    return rc;
}

static int put_files(FILE *out, const char *db_path, BackupSummary *s, ZfError *err)
{
    char dir[DIR_CAP], path[PATH_CAP], name[TAR_NAME_MAX + 1];
    paths_files_dir(db_path, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT ? ZF_OK : zf_fail(err, 500, "backup_failed", NULL, "无法读取文件库 %s", dir);
    struct dirent *de;
    int rc = ZF_OK;
    while (rc == ZF_OK && (de = readdir(d))) {
        if (!backup_is_file_name(de->d_name)) continue; /* upload temp files and the like */
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        snprintf(name, sizeof name, BACKUP_FILES_PREFIX "%.*s", (int)(sizeof name - sizeof BACKUP_FILES_PREFIX), de->d_name);
        if (!regular_file(path, NULL)) continue;
        if (tar_put_file(out, name, 0600, time(NULL), path) != 0)
            rc = zf_fail(err, 500, "backup_failed", NULL, "写入备份文件失败：%s", strerror(errno));
        else s->files++;
    }
    closedir(d);
    return rc;
}

static int finish(FILE *out, const char *partial, const char *out_path, BackupSummary *s, ZfError *err)
{
    int ok = tar_finish(out) == 0 && fflush(out) == 0 && fsync(fileno(out)) == 0;
    struct stat sb;
    if (ok && fstat(fileno(out), &sb) == 0) s->bytes = (uint64_t)sb.st_size;
    ok = fclose(out) == 0 && ok;
    if (ok && rename(partial, out_path) == 0) {
        char dir[PATH_CAP];
        snprintf(dir, sizeof dir, "%s", out_path);
        char *slash = strrchr(dir, '/');
        if (slash) *slash = '\0';
        fileio_fsync_dir(slash ? (dir[0] ? dir : "/") : ".");
        return ZF_OK;
    }
    unlink(partial);
    return zf_fail(err, 500, "backup_failed", NULL, "写入备份文件失败：%s", strerror(errno));
}

int app_backup(Store *st, const char *db_path, const char *out_path, const char *passphrase, BackupSummary *s,
               ZfError *err)
{
    char partial[PATH_CAP];
    memset(s, 0, sizeof *s);
    s->schema_version = store_schema_version(st);
    if (access(out_path, F_OK) == 0)
        return zf_fail(err, 409, "exists", NULL, "备份文件 %s 已存在，请换一个文件名", out_path);
    snprintf(partial, sizeof partial, "%s.partial", out_path);
    int fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!out) {
        if (fd >= 0) close(fd);
        return zf_fail(err, 500, "backup_failed", NULL, "无法创建 %s：%s", partial, strerror(errno));
    }
    int rc = put_manifest(out, s->schema_version, err);
    if (rc == ZF_OK) rc = put_keys(out, db_path, passphrase, s, err);
    if (rc == ZF_OK) rc = put_database(out, st, out_path, err);
    if (rc == ZF_OK) rc = put_files(out, db_path, s, err);
    if (rc == ZF_OK) return finish(out, partial, out_path, s, err);
    fclose(out);
    unlink(partial);
    return ZF_ERR;
}
