/* See normative.h. */
#include "domain/normative.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *code, *name;
} Named;

static const Named OUTCOMES[] = {
    {"no_objection", "无异议"}, {"amend", "建议修改"}, {"correct", "纠正"}, {"revoke", "提请撤销"}, {NULL, NULL}};
static const Named STATUSES[] = {{"submitted", "已报备待登记"}, {"held", "暂缓登记"}, {"reviewing", "审查中"},
                                 {"concluded", "已审结"}, {"declined", "不予登记"}, {NULL, NULL}};
static const Named VALIDITY[] = {{"valid", "有效"}, {"amended", "已修改"}, {"repealed", "已废止"}, {NULL, NULL}};
static const Named ANSWERS[] = {{"keep", "继续有效"}, {"amend", "修改"}, {"repeal", "废止"}, {"void", "宣布失效"},
                                {NULL, NULL}};

static const char *name_of(const Named *t, const char *code)
{
    for (; code && t->code; t++)
        if (strcmp(t->code, code) == 0) return t->name;
    return NULL;
}

const char *norm_outcome_name(const char *code) { return name_of(OUTCOMES, code); }
const char *norm_status_name(const char *code) { return name_of(STATUSES, code); }
const char *norm_validity_name(const char *code) { return name_of(VALIDITY, code); }
const char *norm_cleanup_answer_name(const char *code) { return name_of(ANSWERS, code); }

/* What is not a normative document. The definition (涉及公民、法人和其他组织权利义务，具有普遍约束力，在
 * 一定期限内反复适用的公文) is 国务院办公厅《关于加强行政规范性文件制定和监督管理工作的通知》（国办发
 * 〔2018〕37号）; the internal papers listed (内部执行的管理规范、工作制度、机构编制、会议纪要、工作方案、请示
 * 报告及表彰奖惩、人事任免等文件) are those 《关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发
 * 〔2018〕115号）leaves outside; a filing of one is 不予登记 as 《法规规章备案审查条例》第九条 refuses what
 * its 第二条 does not cover. Neither 通知 is in ../shared/reference/laws: the wording is to be checked. */
#define NOT_NORMATIVE_BASIS "国办发〔2018〕115号（不纳入规范性文件的内部文件）；参照《法规规章备案审查条例》第九条"
static const NormDeclineItem DECLINE_ITEMS[] = {
    {"internal_rules", "内部执行的管理规范、工作制度", NOT_NORMATIVE_BASIS},
    {"staffing", "机构编制文件", NOT_NORMATIVE_BASIS},
    {"meeting_minutes", "会议纪要", NOT_NORMATIVE_BASIS},
    {"work_plan", "工作方案", NOT_NORMATIVE_BASIS},
    {"request_report", "请示、报告", NOT_NORMATIVE_BASIS},
    {"commendation", "表彰奖惩", NOT_NORMATIVE_BASIS},
    {"personnel", "人事任免", NOT_NORMATIVE_BASIS},
    {"no_public_effect", "不涉及公民、法人和其他组织权利义务，不具有普遍约束力", "国办发〔2018〕37号（规范性文件的定义）"},
    {"not_repeatable", "不在一定期限内反复适用", "国办发〔2018〕37号（规范性文件的定义）"},
};

const NormDeclineItem *norm_decline_item_at(size_t i)
{
    return i < sizeof DECLINE_ITEMS / sizeof *DECLINE_ITEMS ? &DECLINE_ITEMS[i] : NULL;
}

const NormDeclineItem *norm_decline_item(const char *code)
{
    for (size_t i = 0; code && norm_decline_item_at(i); i++)
        if (strcmp(DECLINE_ITEMS[i].code, code) == 0) return &DECLINE_ITEMS[i];
    return NULL;
}

void norm_chain_defaults(NormChain *out)
{
    static const char *const rows[][3] = {{"initial", "承办人初审", "norm_clerk"},
                                          {"second", "处长复审", "norm_chief"},
                                          {"recheck", "分管副主任复核", "norm_deputy"},
                                          {"final", "主任终审", "norm_director"}};
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 4; i++) {
        snprintf(out->steps[i].code, sizeof out->steps[i].code, "%s", rows[i][0]);
        snprintf(out->steps[i].name, sizeof out->steps[i].name, "%s", rows[i][1]);
        snprintf(out->steps[i].roles[0], sizeof out->steps[i].roles[0], "%s", rows[i][2]);
        out->steps[i].n_roles = 1;
    }
    out->n = 4;
}

static int bad(ZfError *err, const char *why) { return zf_fail(err, 400, "invalid_value", "value", "审查流程设置有误：%s", why); }

static int step_parse(const json_t *o, NormStep *s, ZfError *err)
{
    const char *code = json_string_value(json_object_get(o, "step"));
    const char *name = json_string_value(json_object_get(o, "name"));
    const json_t *roles = json_object_get(o, "roles"), *r;
    size_t i;
    if (!code || !*code || strlen(code) >= sizeof s->code) return bad(err, "步骤代码缺失或过长");
    if (!name || !*name || strlen(name) >= sizeof s->name) return bad(err, "步骤名称缺失或过长");
    if (!json_is_array(roles) || !json_array_size(roles) || json_array_size(roles) > NORM_STEP_ROLES_MAX)
        return bad(err, "每一步应列出 1–6 个可办理的角色");
    snprintf(s->code, sizeof s->code, "%s", code);
    snprintf(s->name, sizeof s->name, "%s", name);
    json_array_foreach(roles, i, r) {
        const char *role = json_string_value(r);
        if (!role || !*role || strlen(role) >= sizeof s->roles[0]) return bad(err, "角色代码有误");
        snprintf(s->roles[s->n_roles++], sizeof s->roles[0], "%s", role);
    }
    return ZF_OK;
}

int norm_chain_parse(const char *text, NormChain *out, ZfError *err)
{
    json_t *a = json_loads(text ? text : "", 0, NULL), *o;
    size_t i;
    memset(out, 0, sizeof *out);
    if (!json_is_array(a) || !json_array_size(a) || json_array_size(a) > NORM_CHAIN_MAX) {
        json_decref(a);
        return bad(err, "应为 1–8 个步骤的列表");
    }
    json_array_foreach(a, i, o) {
        if (step_parse(o, &out->steps[i], err) != ZF_OK) return json_decref(a), ZF_ERR;
        if (norm_chain_index(out, out->steps[i].code) >= 0) return json_decref(a), bad(err, "步骤代码重复");
        out->n = (int)i + 1;
    }
    json_decref(a);
    return ZF_OK;
}

int norm_chain_index(const NormChain *c, const char *code)
{
    for (int i = 0; code && i < c->n; i++)
        if (strcmp(c->steps[i].code, code) == 0) return i;
    return -1;
}

bool norm_step_allows(const NormStep *s, const char *role)
{
    for (int i = 0; role && i < s->n_roles; i++)
        if (strcmp(s->roles[i], role) == 0) return true;
    return false;
}

/* Appends src to out at *len; false when it does not fit. */
static bool put(char *out, size_t cap, size_t *len, const char *src, size_t n)
{
    if (*len + n >= cap) return false;
    memcpy(out + *len, src, n);
    *len += n;
    out[*len] = '\0';
    return true;
}

int norm_reg_no_format(const char *pattern, const char *region_short, int year, long seq, char *out, size_t cap,
                       ZfError *err)
{
    char num[24];
    size_t len = 0;
    bool has_year = false, has_seq = false;
    if (!cap) return zf_fail(err, 500, "internal", NULL, "登记编号过长");
    out[0] = '\0';
    for (const char *p = pattern ? pattern : ""; *p;) {
        const char *text = NULL;
        size_t skip = 0;
        if (strncmp(p, "{region_short}", 14) == 0) text = region_short ? region_short : "", skip = 14;
        else if (strncmp(p, "{year}", 6) == 0) snprintf(num, sizeof num, "%d", year), text = num, skip = 6, has_year = true;
        else if (strncmp(p, "{seq}", 5) == 0) snprintf(num, sizeof num, "%ld", seq), text = num, skip = 5, has_seq = true;
        bool ok = text ? put(out, cap, &len, text, strlen(text)) : put(out, cap, &len, p, 1);
        if (!ok) return zf_fail(err, 500, "internal", NULL, "登记编号过长");
        p += text ? skip : 1;
    }
    if (!has_year || !has_seq)
        return zf_fail(err, 500, "bad_setting", "normative_reg_pattern", "登记编号格式应含 {year} 与 {seq}");
    return ZF_OK;
}

const char *norm_due_colour(zf_day today, zf_day due, int warn_days)
{
    if (due == ZF_DAY_NONE) return "green";
    if (today > due) return "red";
    return due - today <= warn_days ? "yellow" : "green";
}

int norm_quarter_parse(const char *q, zf_day *first, zf_day *last)
{
    if (!q || strlen(q) != 6 || q[4] != 'Q' || q[5] < '1' || q[5] > '4') return -1;
    for (int i = 0; i < 4; i++)
        if (q[i] < '0' || q[i] > '9') return -1;
    int year = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0'), n = q[5] - '0';
    if (year < 1900) return -1;
    int m0 = (n - 1) * 3 + 1;
    *first = date_from_ymd(year, m0, 1);
    *last = date_from_ymd(year, m0 + 2, date_days_in_month(year, m0 + 2));
    return 0;
}

void norm_quarter_of(zf_day d, int back, char out[8])
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    int idx = y * 4 + (m - 1) / 3 - back;
    unsigned year = (unsigned)(idx / 4) % 10000u, q = (unsigned)(idx % 4) + 1u;
    snprintf(out, 8, "%04uQ%u", year, q % 10u);
}

int norm_month_of_quarter(zf_day d)
{
    int y, m, day;
    date_to_ymd(d, &y, &m, &day);
    return (m - 1) % 3 + 1;
}
