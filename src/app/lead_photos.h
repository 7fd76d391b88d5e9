/* Photos of a lead (issue 15, docs/leads.md "Photos"): up to LEAD_PHOTOS_MAX, sent soon after the
 * lead was filed — by the complainant with the tracking code (app/complaints.h) or by the observer
 * who filed it (app/observations.h) — and shown to whoever may see the lead. The file is already in
 * the ledger's file store under its SM3 (ledger_attachment_adopt); here its attachment.add event, its
 * row and a timeline entry are written in one transaction. */
#ifndef ZF_APP_LEAD_PHOTOS_H
#define ZF_APP_LEAD_PHOTOS_H

#include <jansson.h>

#include "app/context.h"

#define LEAD_PHOTOS_MAX 3
#define LEAD_PHOTO_TYPES "image/jpeg image/png image/webp"
#define LEAD_PHOTO_CEILING_MIB 50 /* the setting's maximum (migration 035) */

typedef struct {
    const char *name, *media_type, *sm3;
    long long size;
} LeadPhotoFile;

/* The largest photo accepted (setting lead_photo_max_mib), in bytes. */
size_t app_lead_photo_max_bytes(Store *st);

/* May a photo be added to lead `id` at now (unix seconds)? 409 unless the lead is still `received`,
 * was received at most lead_photo_minutes ago and has fewer than LEAD_PHOTOS_MAX photos; 404 when none. */
int app_lead_photo_check(const AppContext *cx, long long id, long long now, ZfError *err);

/* Records the photo against lead `id` (checks again inside the transaction): uploaded by cx->user,
 * or by the complainant when there is none. *count = the lead's photos now. */
int app_lead_photo_add(const AppContext *cx, long long id, const LeadPhotoFile *f, long long now, int *count,
                       ZfError *err);

/* Photo `pid` of lead `id` as stored ({id, name, media_type, size, sm3, …}); 404 unless cx->user may
 * see the lead and the photo is its. */
int app_lead_photo(const AppContext *cx, long long id, long long pid, json_t **out, ZfError *err);

#endif
