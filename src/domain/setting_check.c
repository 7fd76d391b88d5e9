/* setting_check: an integer within the row's bounds, or a 文号 pattern the numbering accepts. */
#include "domain/setting_check.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "domain/attachment.h"
#include "domain/filing.h"
#include "domain/media_sniff.h"
#include "domain/normative.h"
#include "domain/ranking.h"
#include "domain/review_score.h"
#include "domain/workflow/approval.h"
#include "domain/workflow/doc_number.h"
#include "util/text.h"

static int check_integer(const SettingSpec *s, const char *value, ZfError *err)
{
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (!*value || *end || errno || value[0] == '+' || value[0] == ' ')
        return zf_fail(err, 400, "invalid_value", "value", "应为整数");
    if ((s->has_min && v < s->min) || (s->has_max && v > s->max)) {
        if (s->has_min && s->has_max)
            return zf_fail(err, 400, "invalid_value", "value", "应在 %lld 至 %lld 之间", s->min, s->max);
        return s->has_min ? zf_fail(err, 400, "invalid_value", "value", "不应小于 %lld", s->min)
                          : zf_fail(err, 400, "invalid_value", "value", "不应大于 %lld", s->max);
    }
    return ZF_OK;
}

static int check_doc_pattern(const char *value, ZfError *err)
{
    ZfError why;
    if (doc_number_pattern_check(value, &why) == ZF_OK) return ZF_OK;
    return zf_fail(err, 400, "invalid_value", "value", "%s", why.message);
}

/* Space-separated MIME types of evidence formats the sniffer recognises. */
static int check_media_types(const char *value, ZfError *err)
{
    const char *cursor = value, *word;
    size_t len, count = 0;
    if (strlen(value) >= ATTACHMENT_TYPES_MAX)
        return zf_fail(err, 400, "invalid_value", "value", "格式列表不超过 %d 字节", ATTACHMENT_TYPES_MAX - 1);
    while ((word = media_list_word(&cursor, &len))) {
        char mime[64];
        size_t shown = len < sizeof mime ? len : sizeof mime - 1;
        /* cut a long word between characters: the message goes out as JSON, which must be UTF-8 */
        while (shown < len && shown && ((unsigned char)word[shown] & 0xC0) == 0x80) shown--;
        snprintf(mime, sizeof mime, "%.*s", (int)shown, word);
        const MediaType *m = media_by_mime(mime);
        if (!m || !m->evidence)
            return zf_fail(err, 400, "invalid_value", "value", "“%s”不是系统能按内容识别的证据格式", mime);
        count++;
    }
    return count ? ZF_OK : zf_fail(err, 400, "invalid_value", "value", "至少保留一种格式");
}

static int check_approval_policy(const char *value, ZfError *err)
{
    ApprovalPolicy p;
    ZfError why;
    if (approval_policy_parse(value, &p, &why) == ZF_OK) return ZF_OK;
    return zf_fail(err, 400, "invalid_value", "value", "%s", why.message);
}

static int check_filing_policy(const char *value, ZfError *err)
{
    FilingPolicy p;
    ZfError why;
    if (filing_policy_parse(value, &p, &why) == ZF_OK) return ZF_OK;
    return zf_fail(err, 400, "invalid_value", "value", "%s", why.message);
}

/* A region's GB/T 2260 code, or empty for none (portal_default_region). */
static int check_region_code(const char *value, ZfError *err)
{
    size_t n = strlen(value);
    bool digits = n == 6;
    for (size_t i = 0; digits && i < n; i++) digits = value[i] >= '0' && value[i] <= '9';
    if (n != 0 && !digits) return zf_fail(err, 400, "invalid_value", "value", "请填写 6 位行政区划代码，或留空");
    return ZF_OK;
}

/* A short text people read (the default 审批意见): not blank, at most 100 characters. */
static int check_short_text(const char *value, ZfError *err)
{
    if (!text_utf8_valid(value, strlen(value)) || text_blank(value) || text_utf8_chars(value) > 100)
        return zf_fail(err, 400, "invalid_value", "value", "请填写不超过 100 字的文字");
    return ZF_OK;
}

/* 规范性文件备案审查 (domain/normative.h): the 登记编号 pattern and the review chain. */
static int check_normative_pattern(const char *value, ZfError *err)
{
    char out[256];
    ZfError why;
    if (norm_reg_no_format(value, "青", 2026, 1, out, sizeof out, &why) == ZF_OK && strlen(value) <= 128) return ZF_OK;
    return zf_fail(err, 400, "invalid_value", "value", "登记编号格式应含 {year} 与 {seq}，不超过 128 字节");
}

static int check_normative_chain(const char *value, ZfError *err)
{
    NormChain c;
    return norm_chain_parse(value, &c, err);
}

static int check_review_bands(const char *value, ZfError *err)
{
    ReviewBands bands;
    return review_bands_parse(value, &bands, err);
}

static int check_ranking_weights(const char *value, ZfError *err)
{
    RankWeight w[RANK_INDICATORS_MAX];
    size_t n;
    return ranking_weights_parse(value, w, &n, err);
}

int setting_check(const SettingSpec *spec, const char *value, ZfError *err)
{
    if (!spec->kind) return zf_fail(err, 422, "setting_readonly", "name", "该参数只能随系统升级调整，不能在此修改");
    if (!value) return zf_fail(err, 400, "missing_field", "value", "请填写参数值");
    if (strlen(value) > SETTING_VALUE_MAX)
        return zf_fail(err, 400, "invalid_value", "value", "参数值不超过 %d 字节", SETTING_VALUE_MAX);
    if (strcmp(spec->kind, "media_types") == 0) return check_media_types(value, err);
    if (strcmp(spec->kind, "approval_policy") == 0) return check_approval_policy(value, err);
    if (strcmp(spec->kind, "major_filing_policy") == 0) return check_filing_policy(value, err);
    if (strcmp(spec->kind, "integer") == 0) return check_integer(spec, value, err);
    if (strcmp(spec->kind, "doc_number_pattern") == 0) return check_doc_pattern(value, err);
    if (strcmp(spec->kind, "region_code") == 0) return check_region_code(value, err);
    if (strcmp(spec->kind, "short_text") == 0) return check_short_text(value, err);
    if (strcmp(spec->kind, "review_grade_bands") == 0) return check_review_bands(value, err);
    if (strcmp(spec->kind, "normative_reg_pattern") == 0) return check_normative_pattern(value, err);
    if (strcmp(spec->kind, "normative_review_chain") == 0) return check_normative_chain(value, err);
    if (strcmp(spec->kind, "ranking_weights") == 0) return check_ranking_weights(value, err);
    return zf_fail(err, 422, "setting_readonly", "name", "无法识别的参数类型“%s”", spec->kind);
}
