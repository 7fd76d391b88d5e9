/* The demo's filings made in time (data/demo/filings.jsonl): a major decision of the imported demo
 * cases filed on the day the line gives, as the filing run would have filed it then. The other
 * major decisions are filed by the sweep after the demo loads — late, as imported ones are. */
#ifndef ZF_APP_DEMO_FILINGS_H
#define ZF_APP_DEMO_FILINGS_H

#include <stdio.h>

#include "domain/calendar.h"
#include "store/store.h"

/* Lines {"case_no","filed_on"}; a case already filed or not major is skipped. *loaded counts the
 * lines read. ZF_ERR with err (the line number in the message) on a bad line. */
int demo_filings_load(Store *st, const Calendar *cal, FILE *in, long *loaded, ZfError *err);

#endif
