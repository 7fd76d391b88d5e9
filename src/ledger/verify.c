/* zhifa verify's engine: recompute the whole record from the stored rows and compare with
 * every signed head, the node cache, the attachment files, the cases table and the rows written
 * with their events (case timeline and workflow, supervision orders and their timeline, issued
 * documents, …). Reads only.
 * Streams the events once (O(n) time, O(log n) memory for the tree). */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ledger/event.h"
#include "ledger/ledger.h"
#include "ledger/logged_rows.h"
#include "store/ledger_store.h"
#include "store/deliveries.h"
#include "store/documents.h"
#include "store/inspections.h"
#include "store/leads.h"
#include "store/orders.h"
#include "store/normative.h"
#include "store/reconsiderations.h"
#include "store/reviews.h"
#include "store/assessment.h"
#include "store/workflow.h"
#include "util/datadir.h"
#include "util/paths.h"

typedef struct {
    long long id;
    SignedHead h;
    int well_formed;
} HeadRow;

/* The tables whose rows are written together with their events (app/case_log.c,
 * app/orders_log.c): each row must equal the data of its event — of the latest one for a put —
 * and each event must still have its row. Kinds: <kind>_changed, <kind>_unlogged,
 * <kind>_row_missing; lines name rows as table[key].column. */
typedef struct {
    const char *type;  /* the event type */
    const char *table; /* as lines name it */
    const char *kind;
    const char *what;       /* the row, in the messages */
    const char *key;        /* the row's key column */
    int key_is_subject;     /* the key is the event's subject (text); else its data's integer "id" */
    int latest_only;        /* a put: the row equals its key's latest event; else one event per row */
    int (*foreach)(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err);
} LoggedTable;

static int review_plans_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_review_foreach(st, REVIEW_PLAN, fn, ctx, err);
}
static int review_tasks_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_review_foreach(st, REVIEW_TASK, fn, ctx, err);
}
static int normative_docs_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_normative_foreach(st, NORMATIVE_DOC, fn, ctx, err);
}
static int normative_tasks_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_normative_foreach(st, NORMATIVE_TASK, fn, ctx, err);
}
static int consents_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_delivery_foreach(st, DELIVERY_CONSENT, fn, ctx, err);
}
static int documents_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_documents_foreach(st, fn, ctx, err);
}
static int deliveries_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_delivery_foreach(st, DELIVERY_ROW, fn, ctx, err);
}

static int assess_plans_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_assess_foreach(st, ASSESS_PLAN, fn, ctx, err);
}
static int assess_fillings_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_assess_foreach(st, ASSESS_FILLING, fn, ctx, err);
}
static int assess_scores_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_assess_foreach(st, ASSESS_SCORE, fn, ctx, err);
}
/* 双随机 plans and joint plans: few rows (one per plan), read as their list gives them. */
static int insp_rows_foreach(Store *st, InspTable t, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    json_t *rows, *row;
    size_t i;
    InspFilter all = {0};
    if (store_insp_rows(st, t, &all, &rows, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(rows, i, row) if (fn(row, ctx) != 0) break; /* non-zero: stop, as the store's foreach */
    json_decref(rows);
    return ZF_OK;
}
static int insp_plans_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return insp_rows_foreach(st, INSP_PLAN, fn, ctx, err);
}
static int joint_plans_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return insp_rows_foreach(st, JOINT_PLAN, fn, ctx, err);
}
static int recons_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_recon_foreach(st, RECON_TABLE_ROWS, fn, ctx, err);
}
static int recon_timeline_foreach(Store *st, int (*fn)(const json_t *row, void *ctx), void *ctx, ZfError *err)
{
    return store_recon_foreach(st, RECON_TABLE_TIMELINE, fn, ctx, err);
}

static const LoggedTable LOGGED_TABLES[] = {
    {LEDGER_TIMELINE_ADD, "case_timeline", "timeline", "时间线条目", "id", 0, 0, store_workflow_timeline_foreach},
    {LEDGER_WORKFLOW_PUT, "case_workflow", "workflow", "办案流程记录", "case_no", 1, 1, store_workflow_foreach},
    {LEDGER_ORDER_PUT, "orders", "order", "监督文书", "id", 0, 1, store_orders_foreach},
    {LEDGER_ORDER_TIMELINE, "order_timeline", "order_timeline", "监督文书时间线条目", "id", 0, 0,
     store_order_timeline_foreach},
    {LEDGER_LEAD_PUT, "leads", "lead", "线索", "id", 0, 1, store_leads_foreach},
    {LEDGER_LEAD_TIMELINE, "lead_timeline", "lead_timeline", "线索时间线条目", "id", 0, 0, store_lead_timeline_foreach},
    {LEDGER_REVIEW_PLAN_PUT, "review_plans", "review_plan", "评查方案", "id", 0, 1, review_plans_foreach},
    {LEDGER_REVIEW_TASK_PUT, "review_tasks", "review_task", "评查任务", "id", 0, 1, review_tasks_foreach},
    {LEDGER_DELIVERY_CONSENT_PUT, "delivery_consents", "delivery_consent", "送达确认书", "id", 0, 1, consents_foreach},
    {LEDGER_DELIVERY_PUT, "deliveries", "delivery", "送达记录", "id", 0, 1, deliveries_foreach},
    {"document.issue", "documents", "document", "执法文书", "id", 0, 0, documents_foreach},
    {LEDGER_NORMATIVE_PUT, "normative_docs", "normative_doc", "规范性文件", "id", 0, 1, normative_docs_foreach},
    {LEDGER_NORMATIVE_TASK_PUT, "normative_tasks", "normative_task", "规范性文件审查任务", "id", 0, 1,
     normative_tasks_foreach},
    {LEDGER_ASSESSMENT_PLAN_PUT, "assessment_plans", "assessment_plan", "考核方案", "id", 0, 1, assess_plans_foreach},
    {LEDGER_ASSESSMENT_FILLING_PUT, "assessment_fillings", "assessment_filling", "考核指标填报", "id", 0, 1,
     assess_fillings_foreach},
    {LEDGER_ASSESSMENT_SCORE_PUT, "assessment_scores", "assessment_score", "考核评分", "id", 0, 1, assess_scores_foreach},
    {LEDGER_RECON_PUT, "reconsiderations", "reconsideration", "行政复议案件", "id", 0, 1, recons_foreach},
    {LEDGER_RECON_TIMELINE, "reconsideration_timeline", "reconsideration_timeline", "行政复议时间线条目", "id", 0, 0,
     recon_timeline_foreach},
    {LEDGER_INSP_PLAN_PUT, "insp_plans", "inspection_plan", "双随机抽查计划", "id", 0, 1, insp_plans_foreach},
    {LEDGER_JOINT_PLAN_PUT, "joint_plans", "joint_plan", "联合检查计划", "id", 0, 1, joint_plans_foreach},
};
#define N_LOGGED (sizeof LOGGED_TABLES / sizeof *LOGGED_TABLES)

typedef struct {
    LedgerProblemFn fn;
    void *ctx;
    LedgerVerifyStats *stats;
    MerkleHasher *h;
    LedgerDb *db;
    MerkleFrontier f;
    uint64_t expect;          /* next seq expected */
    HeadRow *heads;           /* local heads, by tree_size */
    size_t n_heads, next_head;
    uint64_t last_good_size;  /* largest head size whose root matched */
    char **attach;            /* sm3 digests named by attachment.add events */
    size_t n_attach, cap_attach;
    uint64_t upload_events;   /* attachment.add events of case uploads (data has a sha256) */
    uint64_t upload_rows;     /* case_attachments rows that match their event */
    LoggedRows logged[N_LOGGED]; /* the events of each LOGGED_TABLES entry: (key, seq) */
    int node_problems;
    int oom;
} Verifier;

static void problem(Verifier *v, const char *kind, long long pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(Verifier *v, const char *kind, long long pos, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    v->stats->problems++;
    if (v->fn) v->fn(kind, pos, msg, v->ctx);
}

static void check_heads_at(Verifier *v)
{
    while (v->next_head < v->n_heads && v->heads[v->next_head].h.tree_size == v->f.size) {
        HeadRow *r = &v->heads[v->next_head++];
        MerkleHash root;
        merkle_frontier_root(v->h, &v->f, &root);
        if (memcmp(root.b, r->h.root.b, MERKLE_HASH_LEN) == 0) {
            if (r->h.tree_size > v->last_good_size) v->last_good_size = r->h.tree_size;
            continue;
        }
        problem(v, "head_mismatch", r->id,
                "签名树头 #%lld（大小 %" PRIu64 "）的根与重算结果不符：序号 %" PRIu64 "–%" PRIu64
                " 之间的记录被改动、删除、插入或重排（或树头被改）",
                r->id, r->h.tree_size, v->last_good_size, r->h.tree_size ? r->h.tree_size - 1 : 0);
    }
}

static int check_node(void *ctx, unsigned level, uint64_t index, const MerkleHash *hash)
{
    Verifier *v = ctx;
    if (level < LEDGER_CACHE_LEVEL) return 0;
    MerkleHash stored;
    ZfError e;
    if (ledger_db_get_node(v->db, level, index, &stored, &e) != ZF_OK ||
        memcmp(stored.b, hash->b, MERKLE_HASH_LEN) != 0) {
        if (v->node_problems++ < 20)
            problem(v, "node_cache", (long long)(index << level),
                    "存证树缓存节点（层 %u，序号 %" PRIu64 "）缺失或与重算不符", level, index);
    }
    return 0;
}

static void remember_attachment(Verifier *v, const LedgerEventRow *r)
{
    json_t *e = json_loadb(r->body, r->body_len, 0, NULL);
    const char *d = json_string_value(json_object_get(json_object_get(e, "data"), "sm3"));
    if (json_object_get(json_object_get(e, "data"), "sha256")) v->upload_events++;
    if (d && v->n_attach == v->cap_attach) {
        size_t cap = v->cap_attach ? v->cap_attach * 2 : 16;
        char **grown = realloc(v->attach, cap * sizeof *grown);
        if (!grown) v->oom = 1, d = NULL;
        else v->attach = grown, v->cap_attach = cap;
    }
    if (d) v->attach[v->n_attach++] = strdup(d);
    json_decref(e);
}

static void remember_row(Verifier *v, const LedgerEventRow *r)
{
    for (size_t t = 0; t < N_LOGGED; t++) {
        if (strcmp(r->type, LOGGED_TABLES[t].type) != 0) continue;
        int rc;
        if (LOGGED_TABLES[t].key_is_subject) {
            rc = logged_rows_add_text(&v->logged[t], r->subject, r->seq);
        } else {
            json_t *e = json_loadb(r->body, r->body_len, 0, NULL);
            json_t *id = json_object_get(json_object_get(e, "data"), "id");
            rc = logged_rows_add_id(&v->logged[t], json_is_integer(id) ? (long long)json_integer_value(id) : -1,
                                    r->seq);
            json_decref(e);
        }
        if (rc != ZF_OK) v->oom = 1;
        return;
    }
}

static int on_event(const LedgerEventRow *r, void *ctx)
{
    Verifier *v = ctx;
    v->stats->events++;
    if (r->seq == v->expect + 1)
        problem(v, "deleted", (long long)v->expect, "序号 %" PRIu64 " 的事件缺失（被删除）", v->expect);
    else if (r->seq > v->expect)
        problem(v, "deleted", (long long)v->expect, "序号 %" PRIu64 "–%" PRIu64 " 的事件缺失（被删除）", v->expect,
                r->seq - 1);
    /* Leaves are recomputed from the bytes, not read from the leaf column: the tree below is
     * what the signatures are checked against, so a forged leaf column cannot hide a change. */
    MerkleHash leaf;
    merkle_leaf_hash(v->h, r->body, r->body_len, &leaf);
    long long inner = ledger_event_seq(r->body, r->body_len);
    if (r->leaf_len != MERKLE_HASH_LEN || memcmp(r->leaf, leaf.b, MERKLE_HASH_LEN) != 0)
        problem(v, "changed", (long long)r->seq, "序号 %" PRIu64 " 的事件内容与其叶哈希不符（记录被修改）", r->seq);
    else if (inner < 0)
        problem(v, "changed", (long long)r->seq, "序号 %" PRIu64 " 的事件不是规范格式（记录被修改）", r->seq);
    if (inner >= 0 && (uint64_t)inner != r->seq)
        problem(v, "reordered", (long long)r->seq,
                "序号 %" PRIu64 " 的位置上是原序号 %lld 的事件（事件被移动、插入或交换顺序）", r->seq, inner);
    /* an issued document's PDF is a file of the store like an attachment (docs/documents.md) */
    if (strcmp(r->type, LEDGER_ATTACHMENT_ADD) == 0 || strcmp(r->type, "document.issue") == 0) remember_attachment(v, r);
    /* and its documents row must equal the event (LOGGED_TABLES) */
    if (strcmp(r->type, LEDGER_ATTACHMENT_ADD) != 0) remember_row(v, r);
    /* Feed the tree in position order; missing positions simply are not there, so every head
     * after a deletion mismatches, as it must. */
    merkle_frontier_push(v->h, &v->f, &leaf, check_node, v);
    v->expect = r->seq + 1;
    check_heads_at(v);
    return 0;
}

static int collect_head(long long id, const char *origin, const SignedHead *h, int well_formed, void *ctx)
{
    Verifier *v = ctx;
    if (strcmp(origin, "") != 0) return 0; /* heads received from lower levels: checked by sync */
    HeadRow *grown = realloc(v->heads, (v->n_heads + 1) * sizeof *grown);
    if (!grown) return v->oom = 1;
    v->heads = grown;
    v->heads[v->n_heads++] = (HeadRow){id, *h, well_formed};
    return 0;
}

static void check_signatures(Verifier *v)
{
    for (size_t i = 0; i < v->n_heads; i++) {
        HeadRow *r = &v->heads[i];
        char *pem = NULL, id[STH_KEY_ID_LEN + 1];
        ZfError e;
        v->stats->heads++;
        if (!r->well_formed) {
            problem(v, "head_signature", r->id, "签名树头 #%lld 字段格式错误（树头被改）", r->id);
            continue;
        }
        if (ledger_db_get_key(v->db, r->h.key_id, &pem, &e) != ZF_OK) {
            problem(v, "head_signature", r->id, "签名树头 #%lld 的签名公钥 %.16s… 未登记", r->id, r->h.key_id);
            continue;
        }
        if (sth_key_id(pem, id, &e) != ZF_OK || strcmp(id, r->h.key_id) != 0)
            problem(v, "key", r->id, "登记的公钥与其指纹 %.16s… 不符（公钥被替换）", r->h.key_id);
        else if (!sth_verify(pem, &r->h))
            problem(v, "head_signature", r->id,
                    "签名树头 #%lld（大小 %" PRIu64 "，时间 %" PRId64 "）的 SM2 签名无效（树头被改）", r->id,
                    r->h.tree_size, r->h.time);
        free(pem);
    }
}

static void check_key_file(Verifier *v, const char *db_path)
{
    char path[4096], id[STH_KEY_ID_LEN + 1], *pem = NULL, *known_pem = NULL;
    ZfError e;
    paths_key_file(db_path, path, sizeof path);
    if (ledger_db_origin_key(v->db, "", &known_pem, &e) != ZF_OK || !known_pem) {
        if (v->n_heads) problem(v, "key", -1, "数据库中没有登记本机签名公钥");
        free(known_pem);
        return;
    }
    if (sth_key_public(path, &pem, &e) != ZF_OK) {
        problem(v, "key", -1, "签名私钥文件不可用：%s", e.message);
    } else {
        char known_id[STH_KEY_ID_LEN + 1];
        if (sth_key_id(pem, id, &e) != ZF_OK || sth_key_id(known_pem, known_id, &e) != ZF_OK ||
            strcmp(id, known_id) != 0)
            problem(v, "key", -1, "签名私钥文件 %s 与数据库登记的公钥不符（密钥被替换）", path);
    }
    free(pem);
    free(known_pem);
}

static void check_attachments(Verifier *v, const char *db_path)
{
    char path[4200];
    for (size_t i = 0; i < v->n_attach; i++) {
        char *data;
        size_t len;
        MerkleHash d;
        char hex[2 * MERKLE_HASH_LEN + 1];
        v->stats->attachments++;
        ledger_attachment_path(db_path, v->attach[i], path, sizeof path);
        if (file_read_all(path, &data, &len) != 0) {
            problem(v, "attachment_missing", -1, "附件 %s 的文件缺失", v->attach[i]);
            continue;
        }
        merkle_sm3(v->h, data, len, &d);
        free(data);
        merkle_hex(&d, hex);
        if (strcmp(hex, v->attach[i]) != 0)
            problem(v, "attachment_changed", -1, "附件 %s 的文件内容已改变（现 SM3 为 %.16s…）", v->attach[i], hex);
    }
}

/* ---- cases table against the latest case.import event ---- */

typedef struct {
    const char *body;
    size_t len;
    uint64_t seq;
    int found;
} LatestCaseEvent;

static int take_latest(const LedgerEventRow *r, void *ctx)
{
    LatestCaseEvent *c = ctx;
    if (strcmp(r->type, LEDGER_CASE_IMPORT) != 0) return 0;
    free((void *)c->body);
    c->body = malloc(r->body_len + 1);
    if (!c->body) return 1;
    memcpy((void *)c->body, r->body, r->body_len);
    c->len = r->body_len;
    c->seq = r->seq;
    c->found = 1;
    return 0;
}

/* A string field of the record at `path` ("party.name": one level down); NULL when absent. */
static const char *body_text(const json_t *rec, const char *path)
{
    const char *dot = strchr(path, '.');
    if (!dot) return json_string_value(json_object_get(rec, path));
    return json_string_value(json_object_get(json_object_getn(rec, path, (size_t)(dot - path)), dot + 1));
}

/* decision.fine in fen as the put stores it (round(fine * 100)); "" when the record has none. */
static const char *body_fine_fen(const json_t *rec, char buf[32])
{
    const json_t *fine = json_object_get(json_object_get(rec, "decision"), "fine");
    if (!json_is_number(fine)) return NULL;
    snprintf(buf, 32, "%lld", llround(json_number_value(fine) * 100));
    return buf;
}

/* The columns beside the body that scope and lists read must be the body's own fields: the body
 * is what the ledger covers, the columns are what `WHERE agency = ?` and 案件查询 see. The key,
 * agency and kind must be there; the others are NULL exactly when the record lacks the field.
 * region is the one column not from the body: the stored region of the case's agency. */
static void check_case_columns(Verifier *v, const LedgerCaseRow *row, const json_t *rec)
{
    char fen[32];
    const struct {
        const char *column, *value, *want;
        bool required;
    } cols[] = {
        {"case_no", row->case_no, body_text(rec, "case_no"), true},
        {"agency", row->agency, body_text(rec, "agency"), true},
        {"kind", row->kind, body_text(rec, "kind"), true},
        {"region", row->region, row->agency_region, false},
        {"procedure", row->procedure, body_text(rec, "procedure"), false},
        {"filed_on", row->filed_on, body_text(rec, "filed_on"), false},
        {"decided_on", row->decided_on, body_text(rec, "decided_on"), false},
        {"closed_on", row->closed_on, body_text(rec, "closed_on"), false},
        {"fine_fen", row->fine_fen, body_fine_fen(rec, fen), false},
        {"party_name", row->party_name, body_text(rec, "party.name"), false},
        {"doc_no", row->doc_no, body_text(rec, "decision.doc_no"), false},
        {"filing_no", row->filing_no, body_text(rec, "filing_no"), false},
    };
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        const char *have = cols[i].value, *want = cols[i].want;
        if (want && have ? strcmp(want, have) == 0 : !want && !have && !cols[i].required) continue;
        problem(v, "column_changed", -1, "cases[%s].%s：列值“%s”与%s中的“%s”不符（数据范围所依据的列被修改）",
                row->case_no, cols[i].column, have ? have : "NULL",
                strcmp(cols[i].column, "region") == 0 ? "所属执法主体的区划" : "案件记录", want ? want : "（缺失）");
    }
}

static int on_case(const LedgerCaseRow *row, void *ctx)
{
    Verifier *v = ctx;
    LatestCaseEvent c = {0};
    ZfError e;
    v->stats->cases++;
    json_t *rec = json_loadb(row->body, row->len, 0, NULL);
    if (rec) check_case_columns(v, row, rec);
    if (ledger_db_subject_events(v->db, row->case_no, take_latest, &c, &e) != ZF_OK || !c.found) {
        problem(v, "record_unlogged", -1, "案件 %s 在存证日志中没有记录（绕过存证写入）", row->case_no);
    } else if (!ledger_event_data_equals(c.body, c.len, rec)) {
        problem(v, "record_changed", (long long)c.seq,
                "案件 %s 的当前记录与其最近一次存证事件（序号 %" PRIu64 "）不符（记录被修改）", row->case_no, c.seq);
    }
    json_decref(rec);
    free((void *)c.body);
    return 0;
}

static int on_column_mismatch(const char *table, const char *key, const char *column, const char *source, void *ctx)
{
    Verifier *v = ctx;
    if (strcmp(source, "cases") == 0)
        problem(v, "column_changed", -1, "%s[%s].%s：与所属案件存证记录中的执法主体不符（数据范围所依据的列被修改）",
                table, key, column);
    else
        problem(v, "column_changed", -1, "%s[%s].%s：列值与该记录正文不符（数据范围所依据的列被修改）", table, key,
                column);
    return 0;
}

/* ---- case attachment rows against their attachment.add events ---- */

static int on_case_attachment(const json_t *row, const char *event, size_t len, void *ctx)
{
    static const char *const same[][3] = {
        {"case_no", "case_no", "案件编号"}, {"stage", "stage", "办案环节"}, {"kind", "kind", "类别"},
        {"name", "name", "文件名"},         {"mime", "media_type", "格式"}, {"size", "size", "大小"},
        {"sha256", "sha256", " SHA-256 "},  {"sm3", "sm3", " SM3 "}};
    Verifier *v = ctx;
    json_int_t id = json_integer_value(json_object_get(row, "id"));
    long long seq = (long long)json_integer_value(json_object_get(row, "ledger_seq"));
    json_t *e = event ? json_loadb(event, len, 0, NULL) : NULL;
    const char *type = json_string_value(json_object_get(e, "type"));
    if (!type || strcmp(type, LEDGER_ATTACHMENT_ADD) != 0) {
        problem(v, "attachment_unlogged", seq, "附件 #%lld 指向的序号 %lld 不是它的存证事件（绕过存证写入）",
                (long long)id, seq);
        json_decref(e);
        return 0;
    }
    json_t *data = json_object_get(e, "data");
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (!json_equal(json_object_get(row, same[i][0]), json_object_get(data, same[i][1]))) {
            problem(v, "attachment_row_changed", seq, "附件 #%lld 的%s与其存证事件（序号 %lld）不符（记录被修改）",
                    (long long)id, same[i][2], seq);
            json_decref(e);
            return 0;
        }
    v->upload_rows++;
    json_decref(e);
    return 0;
}

/* ---- logged rows (timeline, workflow, orders) against the events they were written with ---- */

static int take_data(const LedgerEventRow *r, void *ctx)
{
    json_t *e = json_loadb(r->body, r->body_len, 0, NULL);
    *(json_t **)ctx = json_incref(json_object_get(e, "data"));
    json_decref(e);
    return 1;
}

static json_t *event_data(Verifier *v, uint64_t seq)
{
    json_t *data = NULL;
    ZfError e;
    if (ledger_db_event_at(v->db, seq, take_data, &data, &e) != ZF_OK) return NULL;
    return data;
}

static const char *kind_of(const LoggedTable *t, const char *suffix, char out[64])
{
    snprintf(out, 64, "%s_%s", t->kind, suffix);
    return out;
}

typedef struct {
    Verifier *v;
    size_t t;
} RowCheck;

static int on_logged_row(const json_t *row, void *ctx)
{
    RowCheck *c = ctx;
    Verifier *v = c->v;
    const LoggedTable *t = &LOGGED_TABLES[c->t];
    json_t *k = json_object_get(row, t->key), *data, *value;
    char key[256], kind[64];
    LoggedRow *logged;
    if (json_is_integer(k)) {
        snprintf(key, sizeof key, "%lld", (long long)json_integer_value(k));
        logged = logged_rows_find_id(&v->logged[c->t], (long long)json_integer_value(k));
    } else if (json_is_string(k)) {
        snprintf(key, sizeof key, "%s", json_string_value(k));
        logged = logged_rows_find_text(&v->logged[c->t], json_string_value(k));
    } else {
        return 0;
    }
    if (!logged) {
        problem(v, kind_of(t, "unlogged", kind), -1, "%s[%s]：没有存证事件（绕过存证写入的%s）", t->table, key, t->what);
        return 0;
    }
    logged->matched = 1;
    data = event_data(v, logged->seq);
    const char *col;
    json_object_foreach((json_t *)row, col, value) {
        if (!json_equal(value, json_object_get(data, col)))
            problem(v, kind_of(t, "changed", kind), (long long)logged->seq,
                    "%s[%s].%s：与其%s存证事件（序号 %" PRIu64 "）不符（%s被修改）", t->table, key, col,
                    t->latest_only ? "最近一次" : "", logged->seq, t->what);
    }
    json_decref(data);
    return 0;
}

static int check_logged_rows(Verifier *v, Store *st, ZfError *err)
{
    char kind[64], key[256];
    for (size_t t = 0; t < N_LOGGED; t++) {
        LoggedRows *rows = &v->logged[t];
        RowCheck c = {v, t};
        logged_rows_seal(rows);
        if (LOGGED_TABLES[t].foreach(st, on_logged_row, &c, err) != ZF_OK) return ZF_ERR;
        for (size_t i = 0; i < rows->n; i++) {
            const LoggedRow *r = &rows->rows[i];
            if (r->matched) continue;
            if (r->text) snprintf(key, sizeof key, "%s", r->text);
            else snprintf(key, sizeof key, "%lld", r->id);
            problem(v, kind_of(&LOGGED_TABLES[t], "row_missing", kind), (long long)r->seq,
                    "%s[%s]：存证事件（序号 %" PRIu64 "）记录的%s缺失（记录被删除）", LOGGED_TABLES[t].table, key,
                    r->seq, LOGGED_TABLES[t].what);
        }
    }
    return ZF_OK;
}

int ledger_verify(Store *st, const char *db_path, LedgerProblemFn fn, void *ctx, LedgerVerifyStats *stats,
                  ZfError *err)
{
    Verifier v = {.fn = fn, .ctx = ctx, .stats = stats};
    for (size_t t = 0; t < N_LOGGED; t++) v.logged[t].latest_only = LOGGED_TABLES[t].latest_only;
    memset(stats, 0, sizeof *stats);
    if (!(v.h = merkle_hasher_new())) return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    int rc = ledger_db_open(st, &v.db, err);
    /* One read snapshot of every table (a deferred BEGIN: writers are not blocked). */
    if (rc == ZF_OK) rc = store_begin_read(st, err);
    if (rc != ZF_OK) goto out;
    rc = ledger_db_foreach_head(v.db, collect_head, &v, err);
    if (rc == ZF_OK) check_heads_at(&v); /* heads of size 0 */
    if (rc == ZF_OK) rc = ledger_db_foreach_event(v.db, on_event, &v, err);
    if (rc == ZF_OK) {
        for (; v.next_head < v.n_heads; v.next_head++) {
            HeadRow *r = &v.heads[v.next_head];
            if (r->h.tree_size > v.f.size)
                problem(&v, "truncated", r->id,
                        "签名树头 #%lld 覆盖 %" PRIu64 " 条事件，日志却只有 %" PRIu64 " 条（日志被截断）", r->id,
                        r->h.tree_size, v.f.size);
            else
                problem(&v, "head_mismatch", r->id, "签名树头 #%lld 的大小 %" PRIu64 " 与日志不对应", r->id,
                        r->h.tree_size);
        }
        uint64_t newest = v.n_heads ? v.heads[v.n_heads - 1].h.tree_size : 0;
        stats->unsigned_tail = v.f.size > newest ? v.f.size - newest : 0;
        check_signatures(&v);
        check_key_file(&v, db_path);
        check_attachments(&v, db_path);
        rc = ledger_db_foreach_case(v.db, on_case, &v, err);
        if (rc == ZF_OK) rc = ledger_db_foreach_column_mismatch(v.db, on_column_mismatch, &v, err);
        if (rc == ZF_OK && !v.oom) rc = check_logged_rows(&v, st, err);
        if (rc == ZF_OK) rc = ledger_db_foreach_case_attachment(v.db, on_case_attachment, &v, err);
        if (rc == ZF_OK && v.upload_rows < v.upload_events)
            problem(&v, "attachment_row_missing", -1, "%" PRIu64 " 个案件附件有存证事件却没有附件记录（记录被删除）",
                    v.upload_events - v.upload_rows);
    }
    if (v.oom) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    store_rollback(st);
out:
    for (size_t t = 0; t < N_LOGGED; t++) logged_rows_free(&v.logged[t]);
    for (size_t i = 0; i < v.n_attach; i++) free(v.attach[i]);
    free(v.attach);
    free(v.heads);
    ledger_db_close(v.db);
    merkle_hasher_free(v.h);
    return rc;
}
