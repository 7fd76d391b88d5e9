/* The server's schedule of upward sync: every sync_push_every_s seconds (系统参数; 0 = never) a
 * push of what is pending, when the instance has an upper link (docs/sync.md). */
#ifndef ZF_JOBS_SYNC_PUSHER_H
#define ZF_JOBS_SYNC_PUSHER_H

typedef struct SyncPusher SyncPusher;

SyncPusher *sync_pusher_start(const char *db_path);
void sync_pusher_stop(SyncPusher *p);

#endif
