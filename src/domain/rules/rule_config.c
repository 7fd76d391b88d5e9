/* The rule engine's thresholds as data (rules.md §6): one table of defaults, each with the
 * article it rests on, plus per-sector/region overrides. Pure: no storage, no clock. */
#include <stdio.h>
#include <string.h>

#include "domain/rules/rules_internal.h"

typedef struct {
    const char *name;
    long long value;
    const char *article;
} ParamInfo;

static const ParamInfo PARAMS[RULE_PARAM_COUNT] = {
    [RP_HEARING_PERSON_FEN] = {"hearing_person_fen", 1000000,
                               "《中华人民共和国行政处罚法》第六十三条（较大数额，公民 10,000 元）"},
    [RP_HEARING_ORG_FEN] = {"hearing_org_fen", 10000000,
                            "《中华人民共和国行政处罚法》第六十三条（较大数额，组织 100,000 元）"},
    [RP_SIMPLE_MAX_PERSON_FEN] = {"simple_max_person_fen", 20000,
                                  "《中华人民共和国行政处罚法》第五十一条（公民 200 元以下）"},
    [RP_SIMPLE_MAX_ORG_FEN] = {"simple_max_org_fen", 300000,
                               "《中华人民共和国行政处罚法》第五十一条（组织 3,000 元以下）"},
    [RP_HEARING_NOTICE_WD] = {"hearing_notice_wd", 7,
                              "《中华人民共和国行政处罚法》第六十四条、第八十五条"},
    [RP_DECISION_DAYS] = {"decision_days", 90, "《中华人民共和国行政处罚法》第六十条"},
    [RP_DECISION_WARNING_DAYS] = {"decision_warning_days", 10, "预警窗口（监督配置）"},
    [RP_SERVICE_WD] = {"service_wd", 7, "《中华人民共和国行政处罚法》第六十一条、第八十五条"},
    [RP_PUBLICITY_WD] = {"publicity_wd", 7, "双公示：行政处罚决定七个工作日内公示"},
    [RP_LIMITATION_YEARS] = {"limitation_years", 2, "《中华人民共和国行政处罚法》第三十六条"},
    [RP_LIMITATION_YEARS_GRAVE] = {"limitation_years_grave", 5,
                                   "《中华人民共和国行政处罚法》第三十六条（生命健康、金融安全）"},
    [RP_FILING_LIMIT_WD] = {"filing_limit_wd", 0, "立案期限（仅有规定的行业）"},
    [RP_FILING_EXTENSION_WD] = {"filing_extension_wd", 15,
                                "《市场监督管理行政处罚程序规定》第十八条（延长十五个工作日）"},
    [RP_ENFORCEMENT_MONTHS] = {"enforcement_months", 9,
                               "《中华人民共和国行政诉讼法》第四十六条（六个月）；"
                               "《中华人民共和国行政强制法》第五十三条（三个月）"},
    [RP_SEAL_DAYS] = {"seal_days", 30, "《中华人民共和国行政强制法》第二十五条"},
    [RP_SEAL_MAX_EXTENSION_DAYS] = {"seal_max_extension_days", 30,
                                    "《中华人民共和国行政强制法》第二十五条"},
    [RP_NIGHT_START_MINUTE] = {"night_start_minute", 22 * 60,
                               "《中华人民共和国行政强制法》第四十三条（夜间）"},
    [RP_NIGHT_END_MINUTE] = {"night_end_minute", 6 * 60,
                             "《中华人民共和国行政强制法》第四十三条（夜间）"},
    [RP_LICENSE_WD] = {"license_wd", 20, "《中华人民共和国行政许可法》第四十二条、第八十二条"},
    [RP_LICENSE_MAX_EXTENSION_WD] = {"license_max_extension_wd", 10,
                                     "《中华人民共和国行政许可法》第四十二条"},
    [RP_CORRECTION_WD] = {"correction_wd", 5, "《中华人民共和国行政许可法》第三十二条"},
    [RP_JOINT_WINDOW_DAYS] = {"joint_window_days", 30, "综合查一次（地方规定）"},
    [RP_JOINT_MIN_AGENCIES] = {"joint_min_agencies", 3, "综合查一次（地方规定）"},
    [RP_CERT_WARNING_DAYS] = {"cert_warning_days", 30, "执法证件管理（到期预警）"},
    [RP_ZERO_ENFORCEMENT_DAYS] = {"zero_enforcement_days", 365, "执法监督（零执法）"},
    [RP_WITHDRAWAL_WD] = {"withdrawal_wd", 3,
                          "《中华人民共和国行政处罚法》第四十八条第二款、第八十五条；"
                          "《市场监督管理行政处罚信息公示规定》第十一条"},
    [RP_PAY_DAYS] = {"pay_days", 15, "《中华人民共和国行政处罚法》第六十七条（收到决定书之日起十五日内缴纳）"},
    [RP_LATE_FEE_PCT_PER_DAY] = {"late_fee_pct_per_day", 3,
                                 "《中华人民共和国行政处罚法》第七十二条（每日按罚款数额的百分之三加处罚款）"},
    [RP_HEARING_REQUEST_WD] = {"hearing_request_wd", 5,
                               "《中华人民共和国行政处罚法》第六十四条（告知后五日内提出）、第八十五条"},
    [RP_REPEAT_MIN_OTHERS] = {"repeat_min_others", 2,
                              "《中华人民共和国行政处罚法》第二十八条（以罚代管：同一当事人、事项一年内另有两次处罚）"},
    [RP_REPEAT_WINDOW_DAYS] = {"repeat_window_days", 365, "《中华人民共和国行政处罚法》第二十八条（统计窗口）"},
    [RP_URGENT_APPROVAL_DAYS] = {"urgent_approval_days", 1,
                                 "《中华人民共和国行政强制法》第十九条（二十四小时内报告并补办批准手续）"},
    [RP_LICENSE_SERVICE_WD] = {"license_service_wd", 10,
                               "《中华人民共和国行政许可法》第四十四条（十日内颁发、送达）、第八十二条"},
    [RP_AGENCY_WINDOW_DAYS] = {"agency_window_days", 365, "行政执法监督（风险模型统计窗口）"},
    [RP_TOP_FINE_MIN_DECISIONS] = {"top_fine_min_decisions", 10,
                                   "《中华人民共和国行政处罚法》第五条（过罚相当；顶格处罚风险，最少决定数）"},
    [RP_TOP_FINE_SHARE_PCT] = {"top_fine_share_pct", 50,
                               "《中华人民共和国行政处罚法》第五条（过罚相当；顶格处罚占比）"},
    [RP_REMOTE_MIN_DECISIONS] = {"remote_min_decisions", 5,
                                 "《中华人民共和国行政处罚法》第二十二条；行政执法监督条例（违规异地执法风险，最少决定数）"},
    [RP_REMOTE_SHARE_PCT] = {"remote_share_pct", 30,
                             "《中华人民共和国行政处罚法》第二十二条；行政执法监督条例（异地当事人占比）"},
};

/* Sector defaults that differ from the general ones. */
static const struct {
    const char *sector;
    RuleParam param;
    long long value;
    const char *article;
} SECTOR_DEFAULTS[] = {
    {"market_regulation", RP_PUBLICITY_WD, 20, "《市场监督管理行政处罚信息公示规定》第九条"},
    {"market_regulation", RP_FILING_LIMIT_WD, 15, "《市场监督管理行政处罚程序规定》第十八条"},
};

RuleConfig rule_config_defaults(void)
{
    RuleConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.version = 1;
    for (int p = 0; p < RULE_PARAM_COUNT; p++) cfg.value[p] = PARAMS[p].value;
    for (size_t i = 0; i < sizeof SECTOR_DEFAULTS / sizeof *SECTOR_DEFAULTS; i++)
        rule_config_set(&cfg, SECTOR_DEFAULTS[i].param, SECTOR_DEFAULTS[i].sector, NULL,
                        SECTOR_DEFAULTS[i].value);
    return cfg;
}

static bool same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

int rule_config_set(RuleConfig *cfg, RuleParam param, const char *sector, const char *region,
                    long long value)
{
    if ((unsigned)param >= RULE_PARAM_COUNT) return ZF_ERR;
    if ((sector && strlen(sector) >= sizeof cfg->override[0].sector) ||
        (region && strlen(region) >= sizeof cfg->override[0].region))
        return ZF_ERR;
    if ((!sector || !*sector) && (!region || !*region)) {
        cfg->value[param] = value;
        return ZF_OK;
    }
    RuleOverride *o = NULL;
    for (size_t i = 0; i < cfg->override_count && !o; i++)
        if (cfg->override[i].param == param && same(cfg->override[i].sector, sector) &&
            same(cfg->override[i].region, region))
            o = &cfg->override[i];
    if (!o) {
        if (cfg->override_count == RULE_CONFIG_MAX_OVERRIDES) return ZF_ERR;
        o = &cfg->override[cfg->override_count++];
        snprintf(o->sector, sizeof o->sector, "%s", sector ? sector : "");
        snprintf(o->region, sizeof o->region, "%s", region ? region : "");
        o->param = param;
    }
    o->value = value;
    return ZF_OK;
}

/* Length of the override region once trailing "00" pairs are dropped, if agency_region starts
 * with it; -1 when it does not match. "" matches everything with length 0. */
static int region_match(const char *want, const char *agency_region)
{
    size_t n = strlen(want);
    while (n >= 2 && want[n - 1] == '0' && want[n - 2] == '0') n -= 2;
    if (n == 0) return 0;
    if (!agency_region || strncmp(want, agency_region, n) != 0) return -1;
    return (int)n;
}

long long rule_config_get(const RuleConfig *cfg, RuleParam param, const char *sector,
                          const char *region)
{
    if ((unsigned)param >= RULE_PARAM_COUNT) return 0;
    long long value = cfg->value[param];
    int best = -1;
    for (size_t i = 0; i < cfg->override_count; i++) {
        const RuleOverride *o = &cfg->override[i];
        if (o->param != param) continue;
        if (o->sector[0] && !(sector && strcmp(o->sector, sector) == 0)) continue;
        int r = region_match(o->region, region);
        if (r < 0) continue;
        int score = (o->sector[0] ? 100 : 0) + r;
        if (score > best) {
            best = score;
            value = o->value;
        }
    }
    return value;
}

const char *rule_param_name(RuleParam p)
{
    return (unsigned)p < RULE_PARAM_COUNT ? PARAMS[p].name : NULL;
}

const char *rule_param_article(RuleParam p)
{
    return (unsigned)p < RULE_PARAM_COUNT ? PARAMS[p].article : NULL;
}

int rule_param_by_name(const char *name, RuleParam *out)
{
    for (int p = 0; name && p < RULE_PARAM_COUNT; p++)
        if (strcmp(PARAMS[p].name, name) == 0) {
            *out = (RuleParam)p;
            return ZF_OK;
        }
    return ZF_ERR;
}
