/* The one place that names the files kept beside the database: every file path derived from the
 * database path is made here, so moving them (or a PostgreSQL backend with no database file) is
 * one change. The SQLite store's own -wal/-shm/-journal are SQLite's and stay in the store. */
#ifndef ZF_UTIL_PATHS_H
#define ZF_UTIL_PATHS_H

#include <stddef.h>

/* "<db>.sm2.pem": the ledger's SM2 private key (0600). */
void paths_key_file(const char *db_path, char *out, size_t cap);
/* "<db>.ca": the electronic seal's root and agency keys and certificates (0700; keys 0600). */
void paths_ca_dir(const char *db_path, char *out, size_t cap);
/* "<db>.files": attachments by digest, and upload temp files beside them (0700). */
void paths_files_dir(const char *db_path, char *out, size_t cap);
/* "<db>.files/<sm3 hex>": one attachment's content. */
void paths_attachment_file(const char *db_path, const char *sm3_hex, char *out, size_t cap);

#endif
