/* /api/v1/orders/{id}/attachments: the files of a supervision order — the supervisor's evidence and
 * the agency's answer (docs/orders.md), recorded by app/orders_attach.c; the upload itself is
 * api/subject_files.c. */
#include "api/api.h"
#include "api/subject_files.h"
#include "app/orders.h"

static int attach(const AppContext *cx, long long id, const UploadedFile *u, json_t **out, ZfError *err)
{
    OrderFile f = {u->purpose, u->name, u->media_type, u->sm3, u->size};
    return app_order_attach(cx, id, &f, out, err);
}

static const SubjectFiles ORDER_FILES = {"监督文书不存在", "order_attach", "order_attach_refused",
                                         "order_attachment_download", app_order_attach_check, attach,
                                         app_order_attachment};

int api_order_attachments_create(HttpRequest *req) { return api_subject_files_create(req, &ORDER_FILES); }
int api_order_attachment_get(HttpRequest *req) { return api_subject_file_get(req, &ORDER_FILES); }
