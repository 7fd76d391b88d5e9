/* Deadlines of a penalty case (rules.md §1 and §3 P08–P10; 处罚法 60, 61, 64, 48, 67). Pure. */
#include "domain/workflow/deadlines.h"

/* 处罚法 64: the hearing request period; 67: fifteen days to pay (natural days: art. 85 lists
 * only the 2, 3, 5, 7-day periods as working days). */
static const int HEARING_REQUEST_WD = 5;
static const int PAYMENT_DAYS = 15;

void deadline_put(Deadline out[], size_t n, size_t *count, DeadlineKind kind, const char *name,
                  const char *article, zf_day due, zf_day done, zf_day today, long long warn)
{
    if (*count < n) {
        Deadline *d = &out[*count];
        d->kind = kind;
        d->name = name;
        d->article = article;
        d->due = due;
        d->done_on = done;
        d->days_left = (int)(due - today);
        if (case_has(done))
            d->colour = done > due ? DL_RED : DL_GREEN;
        else if (today > due)
            d->colour = DL_RED;
        else
            d->colour = d->days_left <= warn ? DL_YELLOW : DL_GREEN;
    }
    (*count)++;
}

size_t workflow_deadlines(const CaseState *cs, zf_day today, const Calendar *cal,
                          const RuleConfig *cfg, Deadline out[], size_t n)
{
    size_t count = 0;
    long long warn = rule_config_get(cfg, RP_DECISION_WARNING_DAYS, cs->sector, cs->region);
    if (cs->procedure >= WF_PROC_INSPECTION) return workflow_kind_deadlines(cs, today, cal, warn, out, n);
    bool ordinary = cs->procedure == WF_PROC_ORDINARY;
    if (ordinary && case_has(cs->filed_on)) {
        int days = (int)rule_config_get(cfg, RP_DECISION_DAYS, cs->sector, cs->region) +
                   cs->extension_days + cs->suspended_days;
        deadline_put(out, n, &count, DL_DECISION, "作出处罚决定", "《中华人民共和国行政处罚法》第六十条",
            add_nd(cal, cs->filed_on, days), cs->decided_on, today, warn);
    }
    if (ordinary && case_has(cs->notified_on) && cs->hearing_right_notified &&
        !cs->hearing_waived && !case_has(cs->decided_on)) {
        deadline_put(out, n, &count, DL_HEARING_REQUEST, "当事人申请听证",
            "《中华人民共和国行政处罚法》第六十四条、第八十五条",
            add_wd(cal, cs->notified_on, HEARING_REQUEST_WD), cs->hearing_requested_on, today,
            warn);
        /* the party's period: past it, the right lapsed (or came late) — nothing the agency owes */
        if (count <= n && out[count - 1].colour == DL_RED) out[count - 1].colour = DL_GREY;
    }
    if (case_has(cs->decided_on)) {
        zf_day due = ordinary ? add_wd(cal, cs->decided_on,
                                       (int)rule_config_get(cfg, RP_SERVICE_WD, cs->sector,
                                                            cs->region))
                              : cs->decided_on;
        deadline_put(out, n, &count, DL_SERVICE, "送达处罚决定书",
            ordinary ? "《中华人民共和国行政处罚法》第六十一条、第八十五条"
                     : "《中华人民共和国行政处罚法》第五十二条",
            due, cs->served_on, today, warn);
    }
    /* A decision revoked before it was published is no longer to be published. */
    if (ordinary && case_has(cs->decided_on) && (case_has(cs->published_on) || !case_has(cs->revoked_on))) {
        int wd = (int)rule_config_get(cfg, RP_PUBLICITY_WD, cs->sector, cs->region);
        deadline_put(out, n, &count, DL_PUBLICITY, "公示处罚决定",
            "《中华人民共和国行政处罚法》第四十八条；公示期限按行业规定",
            add_wd(cal, cs->decided_on, wd), cs->published_on, today, warn);
    }
    if (case_has(cs->served_on) && cs->fine_fen > 0)
        deadline_put(out, n, &count, DL_PAYMENT, "缴纳罚款", "《中华人民共和国行政处罚法》第六十七条",
            add_nd(cal, cs->served_on, PAYMENT_DAYS), cs->paid_on, today, warn);
    if (case_has(cs->published_on) && case_has(cs->revoked_on))
        deadline_put(out, n, &count, DL_WITHDRAWAL, "撤回公示信息",
            "《中华人民共和国行政处罚法》第四十八条第二款、第八十五条",
            add_wd(cal, cs->revoked_on, (int)rule_config_get(cfg, RP_WITHDRAWAL_WD, cs->sector, cs->region)),
            cs->withdrawn_on, today, warn);
    return count;
}

const Deadline *workflow_next_deadline(const Deadline *list, size_t count)
{
    const Deadline *best = NULL;
    for (size_t i = 0; i < count; i++)
        if (!case_has(list[i].done_on) && list[i].colour != DL_GREY && (!best || list[i].due < best->due))
            best = &list[i];
    return best;
}

const char *deadline_colour_code(DeadlineColour c)
{
    return c == DL_RED ? "red" : c == DL_YELLOW ? "yellow" : c == DL_GREY ? "grey" : "green";
}
