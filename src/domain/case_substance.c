/* See case_substance.h. Limits are those of docs/case-record.md, counted in characters (code
 * points), so a 200-character 案由 in Chinese is as long as one in Latin letters. */
#include "domain/case_substance.h"

#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/text.h"

/* 行政处罚法 46: the kinds of evidence. */
static const char *const EVIDENCE_KINDS[][2] = {
    {"documentary", "书证"},       {"physical", "物证"},
    {"audiovisual", "视听资料"},   {"electronic", "电子数据"},
    {"witness", "证人证言"},       {"statement", "当事人的陈述"},
    {"expert", "鉴定意见"},        {"inspection_record", "勘验笔录、现场笔录"},
};

/* 行政处罚法 45: the party's statement and defence reviewed, adopted when it holds. */
static const char *const DEFENSE_OUTCOMES[][2] = {
    {"adopted", "采纳"}, {"partly", "部分采纳"}, {"rejected", "不予采纳"}};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const struct {
    unsigned bit;
    const char *code, *name;
} PARTS[] = {
    {CASE_SUB_CAUSE, "cause", "案由"},
    {CASE_SUB_FACTS, "facts", "违法事实"},
    {CASE_SUB_EVIDENCE, "evidence", "证据目录"},
    {CASE_SUB_VIOLATION_BASIS, "violation_basis", "定性依据"},
    {CASE_SUB_PENALTY_BASIS, "penalty_basis", "处罚依据"},
    {CASE_SUB_DEFENSE_RECEIVED, "defense", "陈述申辩"},
    {CASE_SUB_DEFENSE_ADOPTED, "defense", "陈述申辩的采纳情况"},
};

enum { CAUSE_MAX = 200, FACTS_MAX = 8000, EVIDENCE_MAX = 200, NAME_MAX = 200, PROVES_MAX = 500,
       SUMMARY_MAX = 4000, REASON_MAX = 2000, BASIS_MAX = 50, LAW_MAX = 200, ARTICLE_MAX = 100,
       ATTACHMENT_ID_MAX = 64 };

bool evidence_kind_at(size_t i, const char **code, const char **name)
{
    if (i >= COUNT(EVIDENCE_KINDS)) return false;
    *code = EVIDENCE_KINDS[i][0], *name = EVIDENCE_KINDS[i][1];
    return true;
}

bool defense_outcome_at(size_t i, const char **code, const char **name)
{
    if (i >= COUNT(DEFENSE_OUTCOMES)) return false;
    *code = DEFENSE_OUTCOMES[i][0], *name = DEFENSE_OUTCOMES[i][1];
    return true;
}

bool case_substance_field(const char *name)
{
    for (size_t i = 0; name && i < COUNT(PARTS); i++)
        if (strcmp(PARTS[i].code, name) == 0) return true;
    return false;
}

/* ---- checks: each names its field in Chinese; err->field carries the path ---------------- */

static int bad(ZfError *err, const char *path, const char *label, const char *what)
{
    return zf_fail(err, 400, "invalid_field", path, "%s%s", label, what);
}

/* A string of 1..max characters, valid UTF-8 without NUL. */
static int check_text(const json_t *v, size_t max, const char *path, const char *label, ZfError *err)
{
    char what[64];
    if (!json_is_string(v)) return bad(err, path, label, "应为文字");
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (strlen(s) != n || !text_utf8_valid(s, n)) return bad(err, path, label, "含有无效字符");
    if (text_blank(s)) return bad(err, path, label, "不能为空");
    if (text_utf8_chars(s) > max) {
        snprintf(what, sizeof what, "不超过 %zu 字", max);
        return bad(err, path, label, what);
    }
    return ZF_OK;
}

static int check_optional_text(const json_t *obj, const char *key, size_t max, const char *prefix,
                               const char *label, ZfError *err)
{
    char path[128];
    const json_t *v = json_object_get(obj, key);
    if (!v) return ZF_OK;
    snprintf(path, sizeof path, "%s.%s", prefix, key);
    return check_text(v, max, path, label, err);
}

static int check_code(const json_t *v, const char *const table[][2], size_t n, const char *path,
                      const char *label, ZfError *err)
{
    for (size_t i = 0; json_is_string(v) && i < n; i++)
        if (strcmp(json_string_value(v), table[i][0]) == 0) return ZF_OK;
    char what[200];
    size_t used = (size_t)snprintf(what, sizeof what, "不在允许范围内（可选：");
    for (size_t i = 0; i < n && used < sizeof what; i++)
        used += (size_t)snprintf(what + used, sizeof what - used, "%s%s", i ? "、" : "", table[i][1]);
    if (used < sizeof what) snprintf(what + used, sizeof what - used, "）");
    return bad(err, path, label, what);
}

/* An attachment named by its id: the online store's integer, or a sender's own id as text. */
static int check_attachment(const json_t *v, const char *path, const char *label, ZfError *err)
{
    if (json_is_integer(v)) return json_integer_value(v) >= 1 ? ZF_OK : bad(err, path, label, "编号应为正整数");
    return check_text(v, ATTACHMENT_ID_MAX, path, label, err);
}

static int check_evidence_item(const json_t *item, size_t i, ZfError *err)
{
    char p[32], path[64], label[64];
    snprintf(p, sizeof p, "evidence[%zu]", i);
    snprintf(label, sizeof label, "证据目录第 %zu 项", i + 1);
    if (!json_is_object(item)) return bad(err, p, label, "应为对象");
    char l2[96];
    snprintf(path, sizeof path, "%s.name", p), snprintf(l2, sizeof l2, "%s的证据名称", label);
    if (check_text(json_object_get(item, "name"), NAME_MAX, path, l2, err) != ZF_OK) return ZF_ERR;
    snprintf(path, sizeof path, "%s.kind", p), snprintf(l2, sizeof l2, "%s的证据种类", label);
    if (check_code(json_object_get(item, "kind"), EVIDENCE_KINDS, COUNT(EVIDENCE_KINDS), path, l2, err) != ZF_OK)
        return ZF_ERR;
    const json_t *att = json_object_get(item, "attachment");
    snprintf(path, sizeof path, "%s.attachment", p), snprintf(l2, sizeof l2, "%s的附件", label);
    if (att && !json_is_null(att) && check_attachment(att, path, l2, err) != ZF_OK) return ZF_ERR;
    snprintf(l2, sizeof l2, "%s的证明对象", label);
    return check_optional_text(item, "proves", PROVES_MAX, p, l2, err);
}

static int check_evidence(const json_t *v, ZfError *err)
{
    if (!json_is_array(v)) return bad(err, "evidence", "证据目录", "应为列表");
    if (json_array_size(v) > EVIDENCE_MAX) return bad(err, "evidence", "证据目录", "不超过 200 项");
    size_t i;
    const json_t *item;
    json_array_foreach(v, i, item) if (check_evidence_item(item, i, err) != ZF_OK) return ZF_ERR;
    return ZF_OK;
}

static int check_basis(const json_t *v, const char *name, const char *label, ZfError *err)
{
    char path[48], l2[96];
    if (!json_is_array(v)) return bad(err, name, label, "应为列表");
    if (json_array_size(v) > BASIS_MAX) return bad(err, name, label, "不超过 50 条");
    size_t i;
    const json_t *b;
    json_array_foreach(v, i, b) {
        snprintf(path, sizeof path, "%s[%zu]", name, i);
        snprintf(l2, sizeof l2, "%s第 %zu 条", label, i + 1);
        if (!json_is_object(b)) return bad(err, path, l2, "应为对象（法律法规名称、条款）");
        char p2[80], l3[128];
        snprintf(p2, sizeof p2, "%s.law", path), snprintf(l3, sizeof l3, "%s的法律法规名称", l2);
        if (check_text(json_object_get(b, "law"), LAW_MAX, p2, l3, err) != ZF_OK) return ZF_ERR;
        snprintf(p2, sizeof p2, "%s.article", path), snprintf(l3, sizeof l3, "%s的条款", l2);
        if (check_text(json_object_get(b, "article"), ARTICLE_MAX, p2, l3, err) != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

static int check_defense(const json_t *v, ZfError *err)
{
    zf_day d;
    if (!json_is_object(v)) return bad(err, "defense", "陈述申辩", "应为对象");
    const json_t *on = json_object_get(v, "received_on");
    if (on && !json_is_null(on) && (!json_is_string(on) || !date_parse(json_string_value(on), &d)))
        return bad(err, "defense.received_on", "陈述申辩的收到日期", "应为 YYYY-MM-DD 格式的有效日期");
    if (!json_is_boolean(json_object_get(v, "waived")))
        return bad(err, "defense.waived", "陈述申辩的“当事人放弃”", "应为是或否");
    const json_t *adopted = json_object_get(v, "adopted");
    if (adopted && !json_is_null(adopted) &&
        check_code(adopted, DEFENSE_OUTCOMES, COUNT(DEFENSE_OUTCOMES), "defense.adopted", "陈述申辩的采纳情况",
                   err) != ZF_OK)
        return ZF_ERR;
    if (check_optional_text(v, "summary", SUMMARY_MAX, "defense", "陈述申辩的内容摘要", err) != ZF_OK) return ZF_ERR;
    return check_optional_text(v, "reason", REASON_MAX, "defense", "陈述申辩的采纳理由", err);
}

int case_substance_check(const char *name, const json_t *v, ZfError *err)
{
    if (strcmp(name, "cause") == 0) return check_text(v, CAUSE_MAX, "cause", "案由", err);
    if (strcmp(name, "facts") == 0) return check_text(v, FACTS_MAX, "facts", "违法事实", err);
    if (strcmp(name, "evidence") == 0) return check_evidence(v, err);
    if (strcmp(name, "violation_basis") == 0) return check_basis(v, name, "定性依据", err);
    if (strcmp(name, "penalty_basis") == 0) return check_basis(v, name, "处罚依据", err);
    if (strcmp(name, "defense") == 0) return check_defense(v, err);
    return zf_fail(err, 400, "unknown_field", name, "无法识别的案情字段");
}

int case_substance_validate(const json_t *rec, ZfError *err)
{
    static const char *const names[] = {"cause", "facts", "evidence", "violation_basis", "penalty_basis", "defense"};
    for (size_t i = 0; i < COUNT(names); i++) {
        const json_t *v = json_object_get(rec, names[i]);
        if (v && case_substance_check(names[i], v, err) != ZF_OK) {
            /* an exchange file's sender finds the field by its path, as exchange.c reports it */
            ZfError said = *err;
            return zf_fail(err, 400, said.code, said.field, "字段 %s：%s", said.field, said.message);
        }
    }
    return ZF_OK;
}

/* ---- what a case holds ------------------------------------------------------------------- */

static bool has_text(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && !text_blank(s);
}

static bool has_items(const json_t *o, const char *k) { return json_array_size(json_object_get(o, k)) > 0; }

unsigned case_substance_present(const json_t *rec)
{
    const json_t *def = json_object_get(rec, "defense");
    return (has_text(rec, "cause") ? CASE_SUB_CAUSE : 0u) | (has_text(rec, "facts") ? CASE_SUB_FACTS : 0u) |
           (has_items(rec, "evidence") ? CASE_SUB_EVIDENCE : 0u) |
           (has_items(rec, "violation_basis") ? CASE_SUB_VIOLATION_BASIS : 0u) |
           (has_items(rec, "penalty_basis") ? CASE_SUB_PENALTY_BASIS : 0u) |
           (has_text(def, "received_on") ? CASE_SUB_DEFENSE_RECEIVED : 0u) |
           (has_text(def, "adopted") ? CASE_SUB_DEFENSE_ADOPTED : 0u);
}

void case_substance_names(unsigned bits, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < COUNT(PARTS) && used < size; i++)
        if (bits & PARTS[i].bit)
            used += (size_t)snprintf(out + used, size - used, "%s%s", used ? "、" : "", PARTS[i].name);
}

const char *case_substance_first_code(unsigned bits)
{
    for (size_t i = 0; i < COUNT(PARTS); i++)
        if (bits & PARTS[i].bit) return PARTS[i].code;
    return "";
}
