/* Restoring a backup archive (backup.h) into a database path. The keys are opened before anything
 * is written, so a wrong passphrase leaves the target as it was; then the database (through the
 * backend, so a store of the target sees the whole old content or the whole new), the keys, and
 * the file store, each file checked against the SM3 its name is. */
#include "app/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup.h"
#include "util/fileio.h"
#include "util/passbox.h"
#include "util/paths.h"
#include "util/tar.h"

#define PATH_CAP 4096
#define DIR_CAP 2048 /* a directory beside the database; PATH_CAP holds it and a name */
#define TMP_CAP (PATH_CAP + 32)
#define MANIFEST_MAX (64 << 10)
#define KEYBOX_MAX (64 << 20)

static int damaged(ZfError *err, const char *what)
{
    return zf_fail(err, 422, "bad_backup", NULL, "备份文件不完整或已损坏（%s）", what);
}

static bool target_exists(const char *db_path)
{
    char p[PATH_CAP];
    if (access(db_path, F_OK) == 0) return true;
    paths_files_dir(db_path, p, sizeof p);
    if (access(p, F_OK) == 0) return true;
    paths_ca_dir(db_path, p, sizeof p);
    if (access(p, F_OK) == 0) return true;
    paths_key_file(db_path, p, sizeof p);
    return access(p, F_OK) == 0;
}

/* The next member, which must be called name. */
static int expect(FILE *in, const char *name, TarEntry *e, ZfError *err)
{
    if (tar_next(in, e) != 1 || strcmp(e->name, name) != 0) return damaged(err, name);
    return ZF_OK;
}

static int read_manifest(FILE *in, int *schema_version, ZfError *err)
{
    TarEntry e;
    unsigned char *text;
    if (tar_next(in, &e) != 1 || strcmp(e.name, BACKUP_MANIFEST) != 0)
        return zf_fail(err, 422, "not_a_backup", NULL, "这不是 zhifa 的备份文件（缺少 %s）", BACKUP_MANIFEST);
    if (tar_read(in, &e, MANIFEST_MAX, &text) != 0) return damaged(err, BACKUP_MANIFEST);
    json_t *m = json_loadb((const char *)text, (size_t)e.size, 0, NULL);
    free(text);
    const char *format = json_string_value(json_object_get(m, "format"));
    long long version = json_integer_value(json_object_get(m, "version"));
    *schema_version = (int)json_integer_value(json_object_get(m, "schema_version"));
    bool ok = format && strcmp(format, BACKUP_FORMAT) == 0;
    json_decref(m);
    if (!ok) return zf_fail(err, 422, "not_a_backup", NULL, "这不是 zhifa 的备份文件");
    if (version != BACKUP_VERSION)
        return zf_fail(err, 422, "backup_version", NULL, "备份格式版本 %lld 不受此版本程序支持", version);
    return ZF_OK;
}

/* Writes data to path through a temp file and a rename, 0600. */
static int write_private(const char *path, const unsigned char *data, size_t len)
{
    char tmp[TMP_CAP];
    snprintf(tmp, sizeof tmp, "%s.restore-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    int ok = fchmod(fd, 0600) == 0 && fileio_write_all(fd, data, len) == 0 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0) return 0;
    unlink(tmp);
    return -1;
}

typedef struct {
    const char *db_path;
    long long count;
} KeyWrite;

static int write_key(const char *name, unsigned mode, const unsigned char *data, size_t len, void *ctx)
{
    (void)mode;
    KeyWrite *k = ctx;
    char path[PATH_CAP], dir[DIR_CAP];
    if (strcmp(name, "sm2.pem") == 0) paths_key_file(k->db_path, path, sizeof path);
    else if (strncmp(name, "ca/", 3) == 0 && name[3] && name[3] != '.' && !strchr(name + 3, '/')) {
        paths_ca_dir(k->db_path, dir, sizeof dir);
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
        snprintf(path, sizeof path, "%s/%s", dir, name + 3);
    } else return 0; /* nothing this version knows: left out */
    if (write_private(path, data, len) != 0) return -1;
    k->count++;
    return 0;
}

/* The keys, opened in memory: ZF_ERR (nothing written) on a wrong passphrase. */
static int open_keys(FILE *in, const char *passphrase, unsigned char **keys, size_t *len, ZfError *err)
{
    TarEntry e;
    unsigned char *box;
    if (expect(in, BACKUP_KEYS, &e, err) != ZF_OK) return ZF_ERR;
    if (tar_read(in, &e, KEYBOX_MAX, &box) != 0) return damaged(err, BACKUP_KEYS);
    int rc = passbox_open(passphrase, box, (size_t)e.size, keys, len, err);
    free(box);
    return rc;
}

static int restore_database(FILE *in, const char *db_path, ZfError *err)
{
    TarEntry e;
    char image[TMP_CAP];
    if (expect(in, BACKUP_DATABASE, &e, err) != ZF_OK) return ZF_ERR;
    snprintf(image, sizeof image, "%s.restore-XXXXXX", db_path);
    int fd = mkstemp(image);
    if (fd < 0) return zf_fail(err, 500, "restore_failed", NULL, "无法在目标目录写入：%s", strerror(errno));
    int copied = tar_copy_to(in, &e, fd) == 0 && fsync(fd) == 0;
    close(fd);
    Store *st = NULL;
    int rc = copied ? store_open(db_path, STORE_OPEN_CREATE, &st, err) : damaged(err, BACKUP_DATABASE);
    if (rc == ZF_OK) rc = store_restore_from(st, image, err);
    store_close(st);
    unlink(image);
    /* a backup of an older version: brought to this version's schema the way every open does */
    if (rc == ZF_OK && (rc = store_open(db_path, STORE_OPEN_EXISTING, &st, err)) == ZF_OK) store_close(st);
    return rc;
}

typedef struct {
    int fd;
    EVP_MD_CTX *md;
} FileWrite;

static int write_and_hash(const void *data, size_t len, void *ctx)
{
    FileWrite *w = ctx;
    return EVP_DigestUpdate(w->md, data, len) == 1 && fileio_write_all(w->fd, data, len) == 0 ? 0 : -1;
}

static bool digest_is(EVP_MD_CTX *md, const char *hex)
{
    unsigned char d[32];
    unsigned n = 0;
    char got[65];
    if (EVP_DigestFinal_ex(md, d, &n) != 1 || n != 32) return false;
    for (int i = 0; i < 32; i++) snprintf(got + 2 * i, 3, "%02x", d[i]);
    return strcmp(got, hex) == 0;
}

/* One file of the store: written beside its place, renamed there when its content is its name. */
static int restore_file(FILE *in, const TarEntry *e, const char *dir, const char *sm3, ZfError *err)
{
    char tmp[TMP_CAP], path[TMP_CAP];
    snprintf(tmp, sizeof tmp, "%s/.restore-XXXXXX", dir);
    snprintf(path, sizeof path, "%s/%s", dir, sm3);
    FileWrite w = {mkstemp(tmp), EVP_MD_CTX_new()};
    int ok = w.fd >= 0 && w.md && EVP_DigestInit_ex(w.md, EVP_sm3(), NULL) == 1 &&
             tar_each_chunk(in, e, write_and_hash, &w) == 0 && fsync(w.fd) == 0;
    bool same = ok && digest_is(w.md, sm3);
    if (w.fd >= 0) close(w.fd);
    EVP_MD_CTX_free(w.md);
    if (same && rename(tmp, path) == 0) return ZF_OK;
    if (w.fd >= 0) unlink(tmp);
    if (ok && !same) return zf_fail(err, 422, "bad_backup", NULL, "备份中的文件 %s 内容与其 SM3 不符", sm3);
    return damaged(err, "files");
}

static int restore_files(FILE *in, const char *db_path, long long *count, ZfError *err)
{
    char dir[DIR_CAP];
    TarEntry e;
    int r;
    paths_files_dir(db_path, dir, sizeof dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return zf_fail(err, 500, "restore_failed", NULL, "无法创建文件库 %s：%s", dir, strerror(errno));
    while ((r = tar_next(in, &e)) == 1) {
        const char *sm3 = e.name + strlen(BACKUP_FILES_PREFIX);
        bool ours = e.type == '0' && strncmp(e.name, BACKUP_FILES_PREFIX, strlen(BACKUP_FILES_PREFIX)) == 0 &&
                    backup_is_file_name(sm3);
        if (!ours) {
            if (tar_skip(in, &e) != 0) return damaged(err, e.name);
            continue;
        }
        if (restore_file(in, &e, dir, sm3, err) != ZF_OK) return ZF_ERR;
        (*count)++;
    }
    fileio_fsync_dir(dir);
    return r == 0 ? ZF_OK : damaged(err, "files");
}

int app_restore(const char *archive_path, const char *db_path, const char *passphrase, bool force, BackupSummary *s,
                ZfError *err)
{
    memset(s, 0, sizeof *s);
    if (!force && target_exists(db_path))
        return zf_fail(err, 409, "exists", NULL,
                       "目标数据库 %s（或其文件库、证书目录、存证密钥）已存在；恢复会覆盖它，确需覆盖请先停止使用它的服务并加 --force",
                       db_path);
    FILE *in = fopen(archive_path, "rb");
    if (!in) return zf_fail(err, 404, "not_found", NULL, "无法打开备份文件 %s：%s", archive_path, strerror(errno));
    unsigned char *keys = NULL;
    size_t keys_len = 0;
    int rc = read_manifest(in, &s->schema_version, err);
    if (rc == ZF_OK) rc = open_keys(in, passphrase, &keys, &keys_len, err);
    if (rc == ZF_OK) rc = restore_database(in, db_path, err);
    if (rc == ZF_OK) {
        KeyWrite k = {db_path, 0};
        if (tar_buffer_each(keys, keys_len, write_key, &k) != 0)
            rc = zf_fail(err, 500, "restore_failed", NULL, "写入密钥文件失败");
        s->keys = k.count;
    }
    if (keys) OPENSSL_cleanse(keys, keys_len);
    free(keys);
    if (rc == ZF_OK) rc = restore_files(in, db_path, &s->files, err);
    fclose(in);
    return rc;
}
