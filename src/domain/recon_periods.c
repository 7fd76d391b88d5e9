/* See recon_periods.h. */
#include "domain/recon_periods.h"

void recon_periods_default(ReconPeriods *p)
{
    *p = (ReconPeriods){.apply_nd = 60, .review_wd = 5, .copy_wd = 7, .copy_wd_simple = 3, .answer_wd = 10,
                        .answer_wd_simple = 5, .decision_nd = 60, .decision_nd_simple = 30, .extension_max = 30,
                        .opinion_nd = 60};
}

static bool has(zf_day d) { return d != ZF_DAY_NONE; }

void recon_deadlines(const Calendar *cal, const ReconPeriods *p, const ReconDates *d, ReconDeadlines *out)
{
    *out = (ReconDeadlines){ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE};
    if (has(d->known_on)) out->apply_due = add_nd(cal, d->known_on, p->apply_nd);
    /* the review restarts from the correction's arrival (第三十一条第三款) */
    zf_day review_from = has(d->corrected_on) ? d->corrected_on : d->received_on;
    if (has(review_from) && (d->reviewing || has(d->accepted_on))) out->review_due = add_wd(cal, review_from, p->review_wd);
    if (!has(d->accepted_on)) return;
    out->copy_due = add_wd(cal, d->accepted_on, d->simple ? p->copy_wd_simple : p->copy_wd);
    if (has(d->copy_sent_on))
        out->answer_due = add_wd(cal, d->copy_sent_on, d->simple ? p->answer_wd_simple : p->answer_wd);
    int days = (d->simple ? p->decision_nd_simple : p->decision_nd) + d->extension_days + d->suspended_days;
    out->decision_due = add_nd(cal, d->accepted_on, days);
}

bool recon_application_late(const Calendar *cal, const ReconPeriods *p, zf_day known_on, zf_day received_on)
{
    return has(known_on) && has(received_on) && received_on > add_nd(cal, known_on, p->apply_nd);
}

bool recon_extension_allowed(const ReconPeriods *p, int so_far, int more)
{
    return more >= 1 && so_far >= 0 && so_far + more <= p->extension_max;
}

zf_day recon_opinion_due(const Calendar *cal, const ReconPeriods *p, zf_day received_on)
{
    return add_nd(cal, received_on, p->opinion_nd);
}
