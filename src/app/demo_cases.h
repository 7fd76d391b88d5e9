/* The living demo's online cases (data/demo/workflow.jsonl): penalty cases at every stage, with
 * timelines, published and withdrawn decisions, dated relative to the day of `zhifa init`.
 * Each line is a script of steps; every step passes the same pure workflow gates the API uses
 * (a refused step stops the load), and the row, timeline, 文号, publicity and the case record are
 * written through the same store functions and the import path as the API writes them. */
#ifndef ZF_JOBS_DEMO_CASES_H
#define ZF_JOBS_DEMO_CASES_H

#include <stdio.h>

#include "domain/calendar.h"
#include "store/store.h"

/* A line {"doc_numbers_taken": {"agency","year","used"}} says 文号 1..used of that year are
 * taken by imported demo decisions, so the online ones continue after them.
 * Dates in the file are "@-N" (the N-th working day before today), "@0" (today) or "@+N".
 * An agency that already has online cases gets none (init --demo run again adds nothing twice).
 * *loaded counts the cases stored. ZF_ERR with err (line number in the message) otherwise. */
int demo_cases_load(Store *st, const Calendar *cal, zf_day today, FILE *in, long *loaded, ZfError *err);

#endif
