/* What the audit log's action codes, HTTP-method records and personal-data fields mean, in
 * Chinese (审计日志 is read by the 安全审计员, not by programmers). Pure: tables and matching. */
#ifndef ZF_DOMAIN_AUDIT_NAMES_H
#define ZF_DOMAIN_AUDIT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The i-th named action (login, workflow_action …); false past the end. */
bool audit_action_at(size_t i, const char **code, const char **name);
/* The i-th personal-data field a read_personal record names (party.id_no …). */
bool audit_field_at(size_t i, const char **code, const char **name);
/* The i-th refusal code a denied record carries in its detail (forbidden …). */
bool audit_denial_at(size_t i, const char **code, const char **name);
/* The name of a record: a named action, or an HTTP method with the request's path ("POST",
 * "/api/v1/users" → 新建用户). Writes into buf and returns it; "" when nothing matches. */
const char *audit_record_name(const char *action, const char *target, char *buf, size_t size);

#endif
