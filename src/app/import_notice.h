/* The message an upload's uploader gets when lines of it were rejected (docs/messages.md). */
#ifndef ZF_APP_IMPORT_NOTICE_H
#define ZF_APP_IMPORT_NOTICE_H

#include "app/import.h"

/* import_rejects to `username` when sum->rejected > 0, in a transaction of its own: the import
 * itself committed chunk by chunk, so its end is the event, and nothing is left to share. */
int app_import_notice(Store *st, const char *username, const ImportSummary *sum, ZfError *err);

#endif
