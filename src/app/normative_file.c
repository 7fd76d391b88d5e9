/* See normative_file.h. */
#include "app/normative_file.h"

#include <stdlib.h>
#include <string.h>

#include "app/normative.h"
#include "app/normative_common.h"
#include "domain/media_sniff.h"
#include "store/settings.h"
#include "util/docx_text.h"
#include "util/pdf_text.h"
#include "util/text.h"
#include "util/text_decode.h"

size_t app_normative_file_max_bytes(Store *st)
{
    return (size_t)store_setting_int(st, "normative_file_max_mib", 20) << 20;
}

static bool before_registration(const json_t *row)
{
    const char *s = norm_str(row, "status");
    return s && (strcmp(s, "submitted") == 0 || strcmp(s, "held") == 0);
}

int app_normative_file_check(const AppContext *cx, long long id, ZfError *err)
{
    json_t *row;
    if (norm_load(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    bool open = before_registration(row);
    json_decref(row);
    return open ? ZF_OK : zf_fail(err, 409, "invalid_state", NULL, "文件已登记或已办结，不能再更换全文");
}

/* A PDF's text is read in a child process (util/pdf_text.c) held to these: a text PDF of the
 * 20 MiB upload limit reads in well under a second of CPU, so 5 seconds means a parser gone
 * astray, and 512 MiB is ample for poppler's text pass yet bounded. */
static const PdfTextLimits pdf_limits = {.cpu_seconds = 5, .memory_bytes = (size_t)512 << 20};

int app_normative_file_extract(const unsigned char *data, size_t len, NormativeExtract *out, ZfError *err)
{
    size_t n;
    const MediaType *t = media_sniff(data, len);
    memset(out, 0, sizeof *out);
    if (t && strcmp(t->mime, "application/pdf") == 0) {
        out->mime = t->mime;
        return pdf_text(data, len, NORM_TEXT_MAX * 4, &pdf_limits, &out->text, &n, err);
    }
    if (t && strcmp(t->mime, "application/zip") == 0) {
        out->mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return docx_text(data, len, NORM_TEXT_MAX * 4, &out->text, &n, err);
    }
    if (t) return zf_fail(err, 415, "unsupported_media_type", NULL, "文件实际为%s，全文应为 .docx、.pdf 或 .txt", t->label);
    out->mime = "text/plain";
    return text_decode_utf8(data, len, NORM_TEXT_MAX * 4, &out->text, &n, err);
}

static int attach_in(const AppContext *cx, long long id, const NormativeFileIn *in, ZfError *err)
{
    json_t *row;
    char today[ZF_DATE_LEN];
    if (norm_load(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = before_registration(row) ? ZF_OK : zf_fail(err, 409, "invalid_state", NULL, "文件已登记或已办结，不能再更换全文");
    if (rc == ZF_OK && in->text && text_utf8_chars(in->text) > NORM_TEXT_MAX)
        rc = zf_fail(err, 422, "text_too_large", NULL, "文件全文超过 %d 字", NORM_TEXT_MAX);
    if (rc == ZF_OK) {
        json_t *b = norm_body(row);
        date_format(cx->today, today);
        json_object_set_new(b, "file", json_pack("{s:s, s:s, s:s, s:I, s:s, s:b}", "name", in->name, "media_type", in->mime,
                                                 "sm3", in->sm3, "size", (json_int_t)in->size, "uploaded_on", today,
                                                 "text_extracted", in->text != NULL));
        if (in->text) json_object_set_new(b, "text", json_string(in->text));
        norm_timeline(cx, row, "file", today, in->name);
        rc = norm_put(cx, row, err);
    }
    if (rc == ZF_OK && in->text) rc = norm_index(cx, row, err);
    if (rc == ZF_OK) norm_audit(cx, "normative_file", id, in->name);
    json_decref(row);
    return rc;
}

int app_normative_file_attach(const AppContext *cx, long long id, const NormativeFileIn *in, json_t **doc, ZfError *err)
{
    if (in->text && !text_utf8_valid(in->text, strlen(in->text)))
        return zf_fail(err, 415, "not_text", NULL, "文件文字含有无效字符");
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (attach_in(cx, id, in, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    return app_normative_get(cx, id, doc, err);
}

int app_normative_file_get(const AppContext *cx, long long id, json_t **file, ZfError *err)
{
    json_t *row;
    if (norm_load(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_t *f = json_object_get(json_object_get(row, "body"), "file");
    *file = json_is_object(f) ? json_incref(f) : NULL;
    json_decref(row);
    return *file ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "该文件没有上传全文文件");
}
