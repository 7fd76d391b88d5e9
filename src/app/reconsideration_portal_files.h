/* The applicant's own files on the portal (第二十二条: 行政复议申请书及有关材料; 第三十一条: 补正材料):
 * his ID copy, the contested decision and his evidence while the application is reviewed (received
 * or correcting), and after a 补正通知 the correction's files (correcting only). No login: he is
 * identified as the track page identifies him (复议案号 + ID number + phone; a miss counts toward
 * portal_track_misses_per_hour and answers 404), each upload counts toward
 * recon_portal_uploads_per_hour per address, and a case takes at most recon_portal_files_max of
 * them (settings of migration 084; the size limit recon_portal_file_max_mib is the route's).
 * The files go where the organ's go (body.attachments, reconsideration_files.c), uploaded_by
 * "portal", so staff see them on the case page. */
#ifndef ZF_APP_RECONSIDERATION_PORTAL_FILES_H
#define ZF_APP_RECONSIDERATION_PORTAL_FILES_H

#include "app/reconsideration.h"

#define RECON_PORTAL_TYPES "application/pdf image/jpeg image/png"

/* id_copy 身份证明, act_copy 被申请复议的行政行为文书, proof 申请人提交的证据, correction 补正材料;
 * NULL for any other purpose. */
const char *recon_portal_purpose_name(const char *purpose);
/* The size limit of one file (setting recon_portal_file_max_mib). */
size_t recon_portal_file_max_bytes(Store *st);

/* Before the upload is adopted: the limits, the applicant, the purpose, the status and the count;
 * *id the reconsideration. 404 (a counted miss) when the identity differs, 429 over the hourly
 * count, 400 an unknown purpose, 409 the status, 422 over the count. */
int app_recon_public_file_check(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                                const char *purpose, const char *addr, long long now, long long *id, ZfError *err);
/* Records it (the same checks again, in the transaction): *out {id, purpose, purpose_name, name,
 * media_type, size} — nothing internal. */
int app_recon_public_file_add(const AppContext *cx, long long id, const ReconFile *f, json_t **out, ZfError *err);

/* The portal's lookup (reconsideration_portal.c), shared with the track page. */
int recon_public_find(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                      const char *addr, long long now, long long *id, ZfError *err);
/* reconsideration_files.c: the file's event, its entry in body.attachments and a timeline line. */
int recon_file_record(const AppContext *cx, json_t *row, const ReconFile *f, json_t **out, ZfError *err);

#endif
