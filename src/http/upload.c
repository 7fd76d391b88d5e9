/* See upload.h. Memory per upload: this struct and two digest contexts, whatever the size. */
#include "http/upload.h"

#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fileio.h"

#define TEMP_PREFIX ".upload-"

int http_upload_open(const char *dir, HttpUpload **out, ZfError *err)
{
    HttpUpload *u = calloc(1, sizeof *u);
    *out = NULL;
    if (!u) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    u->fd = -1;
    u->sha256_ctx = EVP_MD_CTX_new();
    u->sm3_ctx = EVP_MD_CTX_new();
    EVP_MD *sm3 = EVP_MD_fetch(NULL, "SM3", NULL);
    int ok = u->sha256_ctx && u->sm3_ctx && sm3 && EVP_DigestInit_ex(u->sha256_ctx, EVP_sha256(), NULL) == 1 &&
             EVP_DigestInit_ex(u->sm3_ctx, sm3, NULL) == 1;
    EVP_MD_free(sm3);
    if (!ok) {
        http_upload_free(u);
        return zf_fail(err, 500, "digest_unavailable", NULL, "OpenSSL 无法计算 SHA-256 或 SM3 摘要");
    }
    snprintf(u->path, sizeof u->path, "%s/" TEMP_PREFIX "XXXXXX", dir);
    /* mkstemp makes the file 0600; the directory is owner only too, tightened when it is ours */
    struct stat sb;
    if (mkdir(dir, 0700) != 0 && errno == EEXIST && lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
        sb.st_uid == geteuid() && (sb.st_mode & 077))
        chmod(dir, 0700);
    if ((stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) || (u->fd = mkstemp(u->path)) < 0) {
        u->path[0] = '\0';
        http_upload_free(u);
        return zf_fail(err, 500, "upload_tmp_failed", NULL, "无法在 %s 中创建上传临时文件", dir);
    }
    *out = u;
    return ZF_OK;
}

int http_upload_write(HttpUpload *u, const void *data, size_t n, ZfError *err)
{
    if (u->head_len < HTTP_UPLOAD_HEAD) {
        size_t take = HTTP_UPLOAD_HEAD - u->head_len < n ? HTTP_UPLOAD_HEAD - u->head_len : n;
        memcpy(u->head + u->head_len, data, take);
        u->head_len += take;
    }
    if (fileio_write_all(u->fd, data, n) != 0)
        return zf_fail(err, 500, "upload_write_failed", NULL, "上传文件写入磁盘失败（磁盘已满？）");
    if (EVP_DigestUpdate(u->sha256_ctx, data, n) != 1 || EVP_DigestUpdate(u->sm3_ctx, data, n) != 1)
        return zf_fail(err, 500, "digest_unavailable", NULL, "OpenSSL 无法计算 SHA-256 或 SM3 摘要");
    u->size += n;
    return ZF_OK;
}

static int digest_hex(EVP_MD_CTX *ctx, char hex[HTTP_UPLOAD_HEX + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(ctx, md, &n) != 1 || n != HTTP_UPLOAD_HEX / 2) return -1;
    for (unsigned i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return 0;
}

int http_upload_finish(HttpUpload *u, ZfError *err)
{
    if (digest_hex(u->sha256_ctx, u->sha256) != 0 || digest_hex(u->sm3_ctx, u->sm3) != 0)
        return zf_fail(err, 500, "digest_unavailable", NULL, "OpenSSL 无法计算 SHA-256 或 SM3 摘要");
    return ZF_OK;
}

void http_upload_consumed(HttpUpload *u) { u->consumed = true; }

void http_upload_free(HttpUpload *u)
{
    if (!u) return;
    if (u->fd >= 0) close(u->fd);
    if (!u->consumed && u->path[0]) unlink(u->path);
    EVP_MD_CTX_free(u->sha256_ctx);
    EVP_MD_CTX_free(u->sm3_ctx);
    free(u);
}

int http_upload_sweep(const char *dir, time_t now)
{
    char path[4200];
    struct stat sb;
    int removed = 0;
    DIR *d = opendir(dir);
    if (!d) return 0; /* no file store yet */
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_mtime < now - HTTP_UPLOAD_STALE_SECONDS &&
            unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
