/* The installation's certificate authority for electronic seals (docs/documents.md): one root SM2
 * key with a self-signed X.509 certificate (SM2 with SM3), and per agency an SM2 key with a
 * certificate the root issued (CN = the agency's name, organizationIdentifier = its code). All of
 * it lives in one directory beside the database (util/paths.h, 0700): root.key, root.crt,
 * agency-<code>.key, agency-<code>.crt. Keys are 0600 and never leave that directory. */
#ifndef ZF_SEAL_CA_H
#define ZF_SEAL_CA_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"

#define SEAL_ROOT_YEARS 20
#define SEAL_AGENCY_YEARS 10
#define SEAL_CODE_MAX 64

/* Creates dir and the root key and certificate; *created = 0 (and nothing changes) when the root
 * exists already. name is the root's CN (the installation's name). */
int seal_ca_init(const char *dir, const char *name, int *created, ZfError *err);
bool seal_ca_has_root(const char *dir);
bool seal_ca_has_agency(const char *dir, const char *code);
/* Issues the agency's key and certificate from the root, valid [not_before, not_after]; fails
 * when the agency has one already or the code is not [0-9A-Za-z_-]. */
int seal_ca_issue(const char *dir, const char *code, const char *agency_name, time_t not_before, time_t not_after,
                  ZfError *err);
/* seal_ca_issue valid from a minute ago for SEAL_AGENCY_YEARS. */
int seal_ca_issue_now(const char *dir, const char *code, const char *agency_name, ZfError *err);
/* "<dir>/root.crt", "<dir>/agency-<code>.key|.crt". */
void seal_ca_root_cert_path(const char *dir, char *out, size_t cap);
void seal_ca_agency_paths(const char *dir, const char *code, char *key, char *crt, size_t cap);
bool seal_code_valid(const char *code);

#endif
