/* Case attachments: evidence files (全过程记录, 《行政处罚法》第四十七条) uploaded against a stage of
 * an online case, listed and downloaded by the case's own agency under /workflow/cases/{case_no}/
 * attachments, and read (never written) under /cases/{case_no}/attachments by whoever's data
 * scope covers the case, as its supervisors.
 * The content is judged by its bytes (domain/attachment.h), stored once per SM3 digest in the
 * ledger's file store, and the row, the timeline entry and the ledger event are written in one
 * transaction. Append-only: there is no route that changes or removes an attachment. */
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/case_log.h"
#include "app/workflow_state.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/server.h"
#include "http/upload.h"
#include "ledger/ledger.h"
#include "store/attachments.h"
#include "store/workflow.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

void api_attachment_kind_rule(Store *st, AttachmentKind k, AttachmentRule *rule)
{
    char max_name[48], types_name[48], max_mib[32], types[ATTACHMENT_TYPES_MAX];
    attachment_setting_names(k, max_name, types_name);
    store_setting_text(st, max_name, "", max_mib, sizeof max_mib);
    store_setting_text(st, types_name, "", types, sizeof types);
    attachment_rule_from_settings(k, max_mib, types, rule);
}

size_t api_attachment_body_limit(HttpRequest *req, char *why, size_t cap)
{
    AttachmentKind k;
    AttachmentRule rule;
    if (attachment_kind_by_code(http_query(req, "kind"), &k, NULL) == ZF_OK) {
        api_attachment_kind_rule(req->store, k, &rule);
        attachment_too_large_message(k, &rule, why, cap);
        return rule.max_bytes;
    }
    /* no valid kind: the handler will answer 400, unless the body is beyond every kind's limit */
    size_t most = 0;
    for (int i = 0; i < AK_COUNT; i++) {
        api_attachment_kind_rule(req->store, (AttachmentKind)i, &rule);
        if (rule.max_bytes > most) most = rule.max_bytes;
    }
    snprintf(why, cap, "附件不能超过 %zu MiB", most >> 20);
    return most;
}

/* The stage an upload names must be one of the case type's, reached already (evidence of an
 * earlier stage may be added later, as paper files are; a stage not yet reached may not). */
static const WfCaseType *case_type_of(const json_t *row)
{
    const WfCaseType *t = workflow_case_type_by_code(str(row, "case_type"), NULL);
    return t ? t : workflow_case_type(WF_PROC_ORDINARY);
}

static int check_stage(const json_t *row, const char *code, ZfError *err)
{
    WfStage at, want;
    const WfCaseType *type = case_type_of(row);
    if (workflow_stage_by_code(str(row, "stage"), &at) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "案件环节无法识别");
    if (at == WS_CLOSED) return zf_fail(err, 409, "case_closed", NULL, "案件已结案，不能再添加附件");
    if (!code || !*code) return zf_fail(err, 400, "missing_param", "stage", "请指定附件所属的办案环节（stage）");
    if (workflow_stage_by_code(code, &want) != ZF_OK || workflow_stage_index(type, want) < 0)
        return zf_fail(err, 400, "invalid_param", "stage", "本案没有“%s”这一办案环节", code);
    if (workflow_stage_index(type, want) > workflow_stage_index(type, at))
        return zf_fail(err, 400, "invalid_param", "stage", "案件尚未进入“%s”环节", workflow_stage_name(want));
    return ZF_OK;
}

typedef struct {
    const char *case_no, *stage, *name;
    AttachmentKind kind;
    const MediaType *type;
    const HttpUpload *file; /* the body, streamed to a temp file with its digests (http/upload.h) */
} Upload;

/* The row, its timeline entry and its ledger event: all or nothing. */
static int record_upload(HttpRequest *req, const Upload *u, json_t **out, ZfError *err)
{
    Ledger *l;
    uint64_t seq;
    char note[600];
    json_t *ev = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "case_no", u->case_no, "stage", u->stage,
                           "kind", attachment_kind_code(u->kind), "name", u->name, "media_type", u->type->mime,
                           "size", (json_int_t)u->file->size, "sha256", u->file->sha256, "sm3", u->file->sm3,
                           "uploaded_by", req->auth->username);
    if (!ev) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (ledger_open(req->store, &l, err) != ZF_OK) {
        json_decref(ev);
        return ZF_ERR;
    }
    AttachmentRow row = {u->case_no, u->stage, attachment_kind_code(u->kind), u->name, u->type->mime,
                         u->file->sha256, u->file->sm3, req->auth->username, (int64_t)u->file->size, 0};
    snprintf(note, sizeof note, "%s（SHA-256 %s）", u->name, u->file->sha256);
    int rc = store_begin(req->store, err);
    if (rc == ZF_OK) {
        if (ledger_add_attachment(l, u->case_no, ev, &seq, err) != ZF_OK ||
            (row.ledger_seq = seq, store_attachment_add(req->store, &row, out, err)) != ZF_OK ||
            app_timeline_add(req->store, u->case_no, req->auth->username, "attachment", u->stage,
                                        u->stage, note, err) != ZF_OK ||
            store_commit(req->store, err) != ZF_OK) {
            store_rollback(req->store);
            rc = ZF_ERR;
        }
    }
    ledger_close(l);
    json_decref(ev);
    return rc;
}

int api_case_attachments_create(HttpRequest *req)
{
    Upload u = {.case_no = http_param(req, "case_no"), .file = req->upload};
    const char *kind;
    json_t *row, *out = NULL;
    AttachmentRule rule;
    ZfError err;
    if (!u.file) return http_reply_error(req, 500, "internal_error", NULL, "附件应以流式上传接收（routes.c）");
    if (wf_case_row(req->store, req->auth, u.case_no, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    if (param_text(req, "name", ATTACHMENT_NAME_MAX, &u.name) != ZF_OK || param_text(req, "stage", 32, &u.stage) != ZF_OK ||
        param_text(req, "kind", 16, &kind) != ZF_OK) {
        json_decref(row);
        return 0;
    }
    int rc = check_stage(row, u.stage, &err);
    if (rc == ZF_OK) rc = attachment_name_check(u.name, &err);
    if (rc == ZF_OK) rc = attachment_kind_by_code(kind, &u.kind, &err);
    if (rc == ZF_OK) {
        api_attachment_kind_rule(req->store, u.kind, &rule);
        rc = attachment_content_check(u.kind, &rule, u.file->head, u.file->head_len, u.file->size, &u.type, &err);
    }
    /* the file first: a transaction that then fails leaves a file a later upload reuses */
    if (rc == ZF_OK &&
        (rc = ledger_attachment_adopt(req->server->db_path, u.file->sm3, u.file->fd, u.file->path, u.file->size,
                                      &err)) == ZF_OK)
        http_upload_consumed(req->upload);
    if (rc == ZF_OK) rc = record_upload(req, &u, &out, &err);
    json_decref(row);
    if (rc != ZF_OK) {
        if (err.status == 415 || err.status == 413 || err.status == 409)
            auth_audit(req, "attachment_refused", u.case_no, "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, "attachment_upload", u.case_no, "ok", u.name);
    return http_reply_json(req, 201, out);
}

/* What each kind accepts, so the console's upload form says it before the server refuses. */
static json_t *kinds_json(Store *st)
{
    json_t *a = json_array();
    for (int i = 0; i < AK_COUNT; i++) {
        AttachmentRule r;
        api_attachment_kind_rule(st, (AttachmentKind)i, &r);
        json_t *types = json_array();
        const char *list = r.types;
        size_t w;
        for (const char *p; (p = media_list_word(&list, &w));) json_array_append_new(types, json_stringn(p, w));
        json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:o}", "kind", attachment_kind_code((AttachmentKind)i),
                                           "name", attachment_kind_name((AttachmentKind)i), "max_bytes",
                                           (json_int_t)r.max_bytes, "types", types));
    }
    return a;
}

/* The stages an upload may name: the case type's, up to the current one; none once closed. */
static json_t *stages_json(const json_t *row)
{
    const WfCaseType *type = case_type_of(row);
    json_t *a = json_array();
    WfStage at;
    if (workflow_stage_by_code(str(row, "stage"), &at) != ZF_OK || at == WS_CLOSED) return a;
    int upto = workflow_stage_index(type, at);
    for (int i = 0; i <= upto; i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "stage", type->stages[i].code, "name", type->stages[i].name));
    return a;
}

int api_case_attachments_list(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *row, *items;
    ZfError err;
    if (wf_case_row(req->store, req->auth, case_no, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    if (store_attachment_list(req->store, case_no, &items, &err) != ZF_OK) {
        json_decref(row);
        return http_reply_zferror(req, &err);
    }
    json_t *out = json_pack("{s:o, s:o, s:o}", "items", items, "kinds", kinds_json(req->store), "stages", stages_json(row));
    json_decref(row);
    return http_reply_json(req, 200, out);
}

/* The file's bytes with its stored type and name; audited, as every read of evidence is. The
 * caller has checked the case is the user's to see. */
static int reply_content(HttpRequest *req, const char *case_no, const char *id_text)
{
    json_t *a = NULL;
    ZfError err;
    char *end;
    long long id = id_text ? strtoll(id_text, &end, 10) : 0;
    if (!id_text || *end || id <= 0 || strlen(id_text) > 18)
        return http_reply_error(req, 400, "invalid_param", "id", "附件编号应为正整数");
    if (store_attachment_get(req->store, case_no, id, &a, &err) != ZF_OK) return http_reply_zferror(req, &err);
    StoredFile f = {str(a, "sm3"), str(a, "mime"), str(a, "name"), json_integer_value(json_object_get(a, "size")), id};
    int rc = api_reply_stored_file(req, &f, "attachment_download", case_no);
    json_decref(a);
    return rc;
}

int api_case_attachment_get(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *row;
    ZfError err;
    if (wf_case_row(req->store, req->auth, case_no, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    json_decref(row);
    return reply_content(req, case_no, http_param(req, "id"));
}

/* ---- GET /cases/{case_no}/attachments[/{id}]: read-only, for whoever's scope covers the case's
 * stored agency (its supervisors as much as its own officers); every read audited. ---------- */

/* Each row's kind and stage in Chinese, for a page that does not upload and has no stage list. */
static void name_rows(json_t *items)
{
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a) {
        AttachmentKind k;
        WfStage s;
        bool known = attachment_kind_by_code(str(a, "kind"), &k, NULL) == ZF_OK;
        json_object_set_new(a, "kind_name", known ? json_string(attachment_kind_name(k)) : json_null());
        known = workflow_stage_by_code(str(a, "stage"), &s) == ZF_OK;
        json_object_set_new(a, "stage_name", known ? json_string(workflow_stage_name(s)) : json_null());
    }
}

int api_case_attachments_read(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *items;
    ZfError err;
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK ||
        store_attachment_list(req->store, case_no, &items, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    name_rows(items);
    auth_audit(req, "attachment_list", case_no, "ok", "附件列表");
    return http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

int api_case_attachment_read(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    ZfError err;
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return reply_content(req, case_no, http_param(req, "id"));
}
