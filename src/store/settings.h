/* System settings (the settings table): named values with defaults in migrations, read by the
 * features that use them, edited on the 系统参数 page within the bounds each row declares. */
#ifndef ZF_STORE_SETTINGS_H
#define ZF_STORE_SETTINGS_H

#include <jansson.h>
#include <stddef.h>

#include "domain/setting_check.h"
#include "store/store.h"

/* A named setting as an integer; dflt when absent or not a number in 1..999. */
int store_setting_int(Store *st, const char *name, int dflt);
/* A text setting into out (size bytes); dflt when absent. */
void store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size);

/* Every setting, by name: [{"name","value","description","kind","min","max","basis",
 * "updated_at","updated_by"}]. */
int store_settings_list(Store *st, json_t **items, ZfError *err);
/* How the setting's value is checked: spec->kind points into kind_buf (kind_size bytes).
 * ZF_ERR 404 when there is no such setting. */
int store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size,
                       ZfError *err);
/* Stores a value already checked with setting_check, recording who and when. */
int store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err);

#endif
