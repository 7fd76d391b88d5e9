/* POST /api/v1/workflow/cases/{case_no}/discretion (裁量建议) and the record of the officer's
 * choice (see workflow_discretion.h). The scoring is domain/workflow/discretion.c's alone;
 * this file parses facts, reads the benchmark through the case state and never writes. */
#include "app/workflow_discretion.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/workflow_state.h"
#include "util/text.h"

#define LAW_34 "（《行政处罚法》第三十四条）"

static const struct {
    const char *key, *label;
    size_t offset;
} FLAGS[] = {
    {"first_offence", "初次违法", offsetof(DiscretionFacts, first_offence)},
    {"cooperated", "配合调查", offsetof(DiscretionFacts, cooperated)},
    {"rectified", "主动改正", offsetof(DiscretionFacts, rectified)},
    {"repeat_offence", "屡教不改", offsetof(DiscretionFacts, repeat_offence)},
    {"obstructed", "阻碍执法", offsetof(DiscretionFacts, obstructed)},
};

int wf_discretion_facts_parse(const json_t *o, DiscretionFacts *out, ZfError *err)
{
    const char *key;
    json_t *v;
    memset(out, 0, sizeof *out);
    out->harm = HARM_GENERAL;
    if (!json_is_object(o))
        return zf_fail(err, 400, "invalid_field", "discretion_facts", "裁量情节应为对象");
    json_object_foreach((json_t *)o, key, v) {
        if (strcmp(key, "harm") == 0) {
            if (discretion_harm_by_code(json_string_value(v), &out->harm) != ZF_OK)
                return zf_fail(err, 400, "invalid_field", "harm", "危害后果应为 minor（轻微）、general（一般）或 serious（严重）");
            continue;
        }
        size_t i = 0, n = sizeof FLAGS / sizeof *FLAGS;
        while (i < n && strcmp(FLAGS[i].key, key) != 0) i++;
        if (i == n) return zf_fail(err, 400, "unknown_field", key, "无法识别的裁量情节“%s”", key);
        if (!json_is_boolean(v)) return zf_fail(err, 400, "invalid_field", key, "%s应为是或否", FLAGS[i].label);
        *(bool *)((char *)out + FLAGS[i].offset) = json_is_true(v);
    }
    return ZF_OK;
}

static json_t *yuan_or_null(int64_t fen) { return fen == INT64_MAX ? json_null() : json_real((double)fen / 100.0); }

json_t *wf_discretion_advice_json(const CaseState *cs, const DiscretionAdvice *a)
{
    json_t *reasons = json_array(), *tiers = json_array();
    for (size_t i = 0; i < a->applied_count; i++)
        json_array_append_new(reasons, json_pack("{s:s, s:i}", "label", a->applied[i].label, "weight",
                                                 a->applied[i].weight));
    for (size_t i = 0; i < cs->tier_count; i++)
        json_array_append_new(tiers, json_pack("{s:s, s:o, s:o, s:b}", "tier", cs->tiers[i].name, "fine_min",
                                               yuan_or_null(cs->tiers[i].min_fen), "fine_max",
                                               yuan_or_null(cs->tiers[i].max_fen), "recommended",
                                               i == a->tier_index));
    return json_pack("{s:s, s:o, s:o, s:i, s:o, s:s, s:o}", "tier", a->tier->name, "fine_min",
                     yuan_or_null(a->tier->min_fen), "fine_max", yuan_or_null(a->tier->max_fen), "score", a->score,
                     "reasons", reasons, "reasons_text", a->reasons, "tiers", tiers);
}

int wf_discretion_settle(const CaseState *cs, json_t *state, const char *step_note, char *note, size_t size,
                         ZfError *err)
{
    json_t *d = json_object_get(state, "discretion");
    json_t *facts_json = json_object_get(d, "facts");
    if (!facts_json) return ZF_OK;
    DiscretionFacts facts;
    DiscretionAdvice a;
    if (wf_discretion_facts_parse(facts_json, &facts, err) != ZF_OK ||
        discretion_recommend(cs->tiers, cs->tier_count, &facts, &a, err) != ZF_OK)
        return ZF_ERR;
    const char *reason = json_string_value(json_object_get(state, "tier_reason"));
    bool differs = cs->tier[0] && strcmp(cs->tier, a.tier->name) != 0;
    if (differs && text_blank(reason))
        return zf_fail(err, 422, "tier_reason_required", "tier_reason",
                       "所选裁量阶次“%s”与裁量建议“%s”不同，须填写裁量理由" LAW_34, cs->tier, a.tier->name);
    json_t *advice = wf_discretion_advice_json(cs, &a);
    json_object_del(advice, "tiers");
    json_object_set_new(d, "recommended", advice);
    json_object_set_new(d, "chosen_tier", cs->tier[0] ? json_string(cs->tier) : json_null());
    json_object_set_new(d, "tier_reason", differs ? json_string(reason) : json_null());
    snprintf(note, size, "%s%s裁量建议：%s（%s）；选择：%s%s%s", step_note && *step_note ? step_note : "",
             step_note && *step_note ? "。" : "", a.tier->name, a.applied_count ? a.reasons : "无从轻从重情节",
             cs->tier[0] ? cs->tier : "未选择", differs ? "，理由：" : "", differs ? reason : "");
    return ZF_OK;
}
