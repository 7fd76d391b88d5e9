/* The one error value passed up from store, domain validators and handlers:
 * HTTP-ish status, a snake_case code for tools, a Chinese message for people, the field concerned. */
#ifndef ZF_ERROR_H
#define ZF_ERROR_H

#define ZF_OK 0
#define ZF_ERR (-1)

typedef struct {
    int status;       /* HTTP status it maps to: 400, 404, 409, 422, 500, 503 … */
    char code[48];    /* e.g. "invalid_date" */
    char message[512];/* 中文说明 */
    char field[64];   /* offending field, "" when none */
} ZfError;

/* Fills err (when non-NULL) and returns ZF_ERR so callers can `return zf_fail(...)`. */
int zf_fail(ZfError *err, int status, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void zf_error_clear(ZfError *err);

#endif
