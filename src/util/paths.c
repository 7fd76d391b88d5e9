/* See paths.h. */
#include "util/paths.h"

#include <stdio.h>

void paths_key_file(const char *db_path, char *out, size_t cap) { snprintf(out, cap, "%s.sm2.pem", db_path); }

void paths_ca_dir(const char *db_path, char *out, size_t cap) { snprintf(out, cap, "%s.ca", db_path); }

void paths_files_dir(const char *db_path, char *out, size_t cap) { snprintf(out, cap, "%s.files", db_path); }

void paths_attachment_file(const char *db_path, const char *sm3_hex, char *out, size_t cap)
{
    snprintf(out, cap, "%s.files/%s", db_path, sm3_hex);
}
