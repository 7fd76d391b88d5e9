/* Filling ZfError; never allocates. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int zf_fail(ZfError *err, int status, const char *code, const char *field, const char *fmt, ...)
{
    if (!err) return ZF_ERR;
    err->status = status;
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return ZF_ERR;
}

void zf_error_clear(ZfError *err)
{
    if (err) memset(err, 0, sizeof *err);
}
