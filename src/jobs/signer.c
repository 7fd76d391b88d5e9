/* Background head signer (see signer.h), on the periodic runner. A failed signing is logged
 * and retried at the next tick: the events stay in the log and the next head covers them. */
#include "jobs/signer.h"

#include <inttypes.h>
#include <stdlib.h>

#include "jobs/periodic.h"
#include "ledger/ledger.h"
#include "util/log.h"

struct Signer {
    Periodic *runner;
    const char *db_path;
};

static void sign_once(Store *st, void *ctx)
{
    Signer *s = ctx;
    ZfError err;
    SignedHead h;
    int signed_new;
    if (ledger_sign_head(st, s->db_path, &h, &signed_new, &err) != ZF_OK) {
        log_error("sign_failed", "%s", err.message);
        return;
    }
    if (signed_new) log_info("sth_signed", "tree_size=%" PRIu64, h.tree_size);
}

Signer *signer_start(const char *db_path, unsigned seconds)
{
    Signer *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->db_path = db_path;
    /* the final run on stop: nothing the server accepted stays unsigned */
    if (!(s->runner = periodic_start_elected("signer", db_path, seconds ? seconds : 60, sign_once, sign_once, s))) {
        free(s);
        return NULL;
    }
    return s;
}

void signer_stop(Signer *s)
{
    if (!s) return;
    periodic_stop(s->runner);
    free(s);
}
