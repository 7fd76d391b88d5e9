/* The e-dossier of a reconsideration (docs/reconsideration.md "电子卷宗"): one zip with the 卷内目录
 * (00-卷内目录.xlsx: every file with its kind, name, 文号 or submitter, date, place in the zip,
 * size and SM3 digest as the ledger recorded it; a second sheet the timeline), every 文书 PDF
 * (文书/), the applicant's materials (材料/) and the respondent's evidence (证据/) as stored, and the
 * timeline as JSON. For the organ's staff of the stored case's region. */
#ifndef ZF_APP_RECON_DOSSIER_H
#define ZF_APP_RECON_DOSSIER_H

#include <stddef.h>

#include "app/context.h"
#include "util/error.h"

/* The zip's bytes (malloc'd) and the 复议案号 for its file name; 404 out of scope, 403 for the
 * respondent (its own files reach it through the documents and attachments routes). */
int app_recon_dossier(const AppContext *cx, long long id, void **zip, size_t *len, char *case_no, size_t case_no_size,
                      ZfError *err);

#endif
