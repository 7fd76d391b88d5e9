/* app_bulletin_file (bulletin.h): the figures, drawn in the format asked for. */
#include <stdlib.h>
#include <string.h>

#include "app/bulletin.h"
#include "render/bulletin_pdf.h"
#include "render/bulletin_xlsx.h"

int app_bulletin_file(const AppContext *cx, const char *month, const char *region, BulletinFormat format, void **out,
                      size_t *len, ZfError *err)
{
    json_t *b;
    if (app_bulletin(cx, month, region, &b, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (format == BULLETIN_PDF) {
        rc = bulletin_pdf(b, (unsigned char **)out, len, err);
    } else if (format == BULLETIN_XLSX) {
        rc = bulletin_xlsx(b, out, len, err);
    } else {
        char *text = json_dumps(b, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (!text) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        else *out = text, *len = strlen(text);
    }
    json_decref(b);
    return rc;
}
