/* Query-string validators shared by every list handler: each either fills *out or replies 400
 * with the field and a Chinese message and returns ZF_ERR, so handlers stay short. */
#ifndef ZF_PARAMS_H
#define ZF_PARAMS_H

#include "http/request.h"

/* Optional text ≤ max_len bytes (UTF-8 checked); *out = NULL when absent or empty. */
int param_text(HttpRequest *req, const char *name, size_t max_len, const char **out);
/* Optional value among choices (NULL-terminated); *out = NULL when absent. */
int param_enum(HttpRequest *req, const char *name, const char *const *choices, const char **out);
/* Optional integer in [min, max]; *out = dflt when absent. */
int param_int(HttpRequest *req, const char *name, long min, long max, long dflt, long *out);
/* Optional characters of a charset (e.g. digits), length in [min_len, max_len]. */
int param_code(HttpRequest *req, const char *name, const char *charset, size_t min_len,
               size_t max_len, const char **out);
/* Optional date YYYY-MM-DD that exists (2026-02-30 refused). */
int param_date(HttpRequest *req, const char *name, const char **out);
/* Optional GB/T 2260 region code (6 digits) as the prefix its region and everything below share
 * (370200 → "3702"), written into prefix; *out = prefix, or NULL when absent. */
int param_region(HttpRequest *req, const char *name, char prefix[7], const char **out);
/* A path parameter that names a record by its positive integer id; anything else names nothing:
 * 404 with `what` ("监督文书不存在"), as for an id that does not exist. */
int param_path_id(HttpRequest *req, const char *name, const char *what, long long *out);
/* page (≥1) and size (1..200, default 20) as DESIGN.md's list convention. */
int param_page(HttpRequest *req, int *page, int *size);

#endif
