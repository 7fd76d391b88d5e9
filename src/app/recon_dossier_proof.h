/* The proof part of a reconsideration's e-dossier: the case dossier's own ledger dossier of subject
 * reconsideration:<id> (events, inclusion proofs, the signed tree head, its README and verify.sh —
 * src/ledger/dossier.c, unchanged) under 存证/, and at the root a verify.sh that checks every file of
 * the catalogue against SM3SUMS.txt, each digest against the proven events, then runs 存证/verify.sh. */
#ifndef ZF_APP_RECON_DOSSIER_PROOF_H
#define ZF_APP_RECON_DOSSIER_PROOF_H

#include <jansson.h>

#include "app/context.h"
#include "util/zipstream.h"

/* sums: [[sm3, entry]] of the files the catalogue lists. */
int recon_dossier_add_proof(const AppContext *cx, long long id, const json_t *sums, ZipStream *z, ZfError *err);

#endif
