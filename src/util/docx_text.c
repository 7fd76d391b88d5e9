/* See docx_text.h. */
#include "util/docx_text.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK (64u << 10)
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main|"

typedef struct {
    XML_Parser parser;
    ZfError *err;
    bool failed;
    int in_t;            /* depth inside a w:t (text run) */
    char *s;             /* the text so far */
    size_t len, cap, max;
} Parse;

static void fail(Parse *p, int status, const char *code, const char *message)
{
    if (!p->failed) zf_fail(p->err, status, code, NULL, "%s", message);
    p->failed = true;
    XML_StopParser(p->parser, XML_FALSE);
}

static void add(Parse *p, const char *s, size_t n)
{
    if (p->failed) return;
    if (p->len + n > p->max) {
        fail(p, 422, "docx_too_large", "Word 文档的文字过多，超过文件全文的上限");
        return;
    }
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap : 4096;
        while (cap < p->len + n + 1) cap *= 2;
        char *grown = realloc(p->s, cap);
        if (!grown) {
            fail(p, 500, "out_of_memory", "内存不足");
            return;
        }
        p->s = grown, p->cap = cap;
    }
    memcpy(p->s + p->len, s, n);
    p->len += n;
    p->s[p->len] = '\0';
}

static bool is_w(const XML_Char *name, const char *local)
{
    size_t n = strlen(W_NS);
    return strncmp(name, W_NS, n) == 0 && strcmp(name + n, local) == 0;
}

static void on_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    Parse *p = ctx;
    (void)atts;
    if (is_w(name, "t")) p->in_t++;
    else if (is_w(name, "tab")) add(p, "\t", 1);
    else if (is_w(name, "br") || is_w(name, "cr")) add(p, "\n", 1);
}

static void on_end(void *ctx, const XML_Char *name)
{
    Parse *p = ctx;
    if (is_w(name, "t") && p->in_t > 0) p->in_t--;
    else if (is_w(name, "p")) add(p, "\n", 1);
}

static void on_text(void *ctx, const XML_Char *s, int len)
{
    Parse *p = ctx;
    if (p->in_t > 0 && len > 0) add(p, s, (size_t)len);
}

/* A document has no DTD; one here could only be an entity-expansion attack. */
static void on_doctype(void *ctx, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    fail(ctx, 400, "docx_malformed", "Word 文档内容损坏：含有不允许的 DTD 声明");
}

bool docx_looks_like_zip(const void *buf, size_t len)
{
    static const unsigned char magic[4] = {'P', 'K', 3, 4};
    return len >= 4 && memcmp(buf, magic, 4) == 0;
}

static int check_archive(zip_t *za, ZfError *err)
{
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n <= 0 || n > DOCX_MAX_ENTRIES) return zf_fail(err, 415, "not_docx", NULL, "文件不是 Word 文档（.docx）");
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t zs;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) < 0)
            return zf_fail(err, 400, "docx_malformed", NULL, "Word 文档损坏：压缩包目录无法读取");
        if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE)
            return zf_fail(err, 422, "docx_encrypted", NULL, "Word 文档已加密，请取消密码后重新上传");
    }
    if (zip_name_locate(za, "word/document.xml", 0) < 0) return zf_fail(err, 415, "not_docx", NULL, "文件不是 Word 文档（.docx）");
    return ZF_OK;
}

/* Streams word/document.xml through the parser, counting the bytes actually inflated. */
static int parse_document(zip_t *za, Parse *p)
{
    zip_file_t *zf = zip_fopen(za, "word/document.xml", 0);
    if (!zf) return zf_fail(p->err, 400, "docx_malformed", NULL, "Word 文档损坏：无法解压正文");
    char *chunk = malloc(CHUNK);
    size_t inflated = 0;
    int rc = chunk ? ZF_OK : zf_fail(p->err, 500, "out_of_memory", NULL, "内存不足");
    while (rc == ZF_OK) {
        zip_int64_t n = zip_fread(zf, chunk, CHUNK);
        if (n < 0) {
            rc = zf_fail(p->err, 400, "docx_malformed", NULL, "Word 文档损坏：无法解压正文");
            break;
        }
        inflated += (size_t)n;
        if (inflated > DOCX_MAX_UNCOMPRESSED) {
            rc = zf_fail(p->err, 422, "docx_too_large", NULL, "Word 文档正文解压后超过 %u MiB 上限", DOCX_MAX_UNCOMPRESSED >> 20);
            break;
        }
        if (XML_Parse(p->parser, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (!p->failed)
                zf_fail(p->err, 400, "docx_malformed", NULL, "Word 文档内容损坏：正文第 %lu 行 XML 格式错误",
                        (unsigned long)XML_GetCurrentLineNumber(p->parser));
            rc = ZF_ERR;
            break;
        }
        if (n == 0) break;
    }
    free(chunk);
    zip_fclose(zf);
    return rc;
}

int docx_text(const void *buf, size_t len, size_t max_text, char **out, size_t *out_len, ZfError *err)
{
    zip_error_t ze;
    *out = NULL, *out_len = 0;
    if (!docx_looks_like_zip(buf, len)) return zf_fail(err, 415, "not_docx", NULL, "文件不是 Word 文档（.docx）");
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        if (src) zip_source_free(src);
        return zf_fail(err, 400, "docx_malformed", NULL, "Word 文档损坏：压缩包无法打开");
    }
    Parse p = {.err = err, .max = max_text};
    int rc = check_archive(za, err);
    if (rc == ZF_OK) {
        p.parser = XML_ParserCreateNS("UTF-8", '|');
        if (!p.parser) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    if (rc == ZF_OK) {
        XML_SetUserData(p.parser, &p);
        XML_SetElementHandler(p.parser, on_start, on_end);
        XML_SetCharacterDataHandler(p.parser, on_text);
        XML_SetStartDoctypeDeclHandler(p.parser, on_doctype);
        rc = parse_document(za, &p);
        XML_ParserFree(p.parser);
    }
    zip_discard(za);
    if (rc != ZF_OK) return free(p.s), ZF_ERR;
    *out = p.s ? p.s : calloc(1, 1);
    *out_len = p.len;
    return *out ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}
