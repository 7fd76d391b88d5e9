/* A background thread that runs a task every N seconds with its own store connection, and
 * stops promptly (condition variable, not sleep). The sweeper and the head signer use it. */
#ifndef ZF_PERIODIC_H
#define ZF_PERIODIC_H

#include "store/store.h"

typedef struct Periodic Periodic;
/* Called with an open store; a failure inside is the task's to log — the next tick retries. */
typedef void (*PeriodicTask)(Store *st, void *ctx);

/* Runs task at once and then every `seconds`; on stop, runs final_task (may be NULL) once more.
 * ctx is the caller's and outlives the thread. NULL on failure. */
Periodic *periodic_start(const char *db_path, unsigned seconds, PeriodicTask task, PeriodicTask final_task, void *ctx);
/* The same for a job only one process on the database may run at a time (docs/scale.md): before
 * each run the thread takes or renews the job's lease (store/web_tier.h) for 3 intervals (at least
 * PERIODIC_LEASE_MIN_S) and runs only while it holds it; the final task runs only in the holder,
 * which then releases the lease so another process takes the job over at its next tick. */
#define PERIODIC_LEASE_MIN_S 15
Periodic *periodic_start_elected(const char *job, const char *db_path, unsigned seconds, PeriodicTask task,
                                 PeriodicTask final_task, void *ctx);
/* "<host>:<pid>:<random>": this process as a lease holder. */
const char *periodic_holder(void);
/* Wakes the thread, lets a running task finish, runs the final task, frees. */
void periodic_stop(Periodic *p);

#endif
