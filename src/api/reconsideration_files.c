/* /api/v1/reconsiderations/{id}/attachments: the respondent's evidence and the organ's materials,
 * recorded by app/reconsideration_files.c; the upload itself is api/subject_files.c. */
#include "api/api.h"
#include "api/subject_files.h"
#include "app/reconsideration.h"

static int attach(const AppContext *cx, long long id, const UploadedFile *u, json_t **out, ZfError *err)
{
    ReconFile f = {u->purpose, u->name, u->media_type, u->sm3, u->size};
    return app_recon_attach(cx, id, &f, out, err);
}

static const SubjectFiles RECON_FILES = {"行政复议案件不存在", "reconsideration_attach", "reconsideration_refused",
                                         "reconsideration_attachment_download", app_recon_attach_check, attach,
                                         app_recon_attachment};

int api_recon_attachments_create(HttpRequest *req) { return api_subject_files_create(req, &RECON_FILES); }
int api_recon_attachment_get(HttpRequest *req) { return api_subject_file_get(req, &RECON_FILES); }
