/* Password policy, 三员分立 invariants and data scope. Pure. */
#include "domain/authz.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int common_passwords_parse(const char *text, CommonPasswords *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n && p[n - 1] == '\r') n--;
        if (n && *p != '#') {
            if (out->count == cap) {
                cap = cap ? cap * 2 : 256;
                char **grown = realloc(out->items, cap * sizeof *grown);
                if (!grown) return -1;
                out->items = grown;
            }
            char *item = strndup(p, n);
            if (!item) return -1;
            for (char *c = item; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
            out->items[out->count++] = item;
        }
        p = end ? end + 1 : p + n;
    }
    qsort(out->items, out->count, sizeof *out->items, cmp_str);
    return 0;
}

void common_passwords_free(CommonPasswords *list)
{
    for (size_t i = 0; i < list->count; i++) free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static bool is_common(const CommonPasswords *list, const char *password)
{
    char lower[PASSWORD_MAX_BYTES + 1];
    size_t n = strlen(password);
    if (!list || n > PASSWORD_MAX_BYTES) return false;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)(password[i] >= 'A' && password[i] <= 'Z' ? password[i] + 32 : password[i]);
    const char *key = lower;
    return bsearch(&key, list->items, list->count, sizeof *list->items, cmp_str) != NULL;
}

int username_check(const char *u, ZfError *err)
{
    size_t n = u ? strlen(u) : 0;
    if (n < 3 || n > USERNAME_MAX_BYTES)
        return zf_fail(err, 400, "invalid_username", "username", "用户名应为 3–32 个字符");
    if (!(u[0] >= 'a' && u[0] <= 'z') || strspn(u, "abcdefghijklmnopqrstuvwxyz0123456789_.-") != n)
        return zf_fail(err, 400, "invalid_username", "username",
                       "用户名只能由小写字母、数字、下划线、点和连字符组成，并以字母开头");
    return ZF_OK;
}

/* Characters, not bytes: a Chinese passphrase of 10 characters is long enough. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int password_check(const char *username, const char *password, const CommonPasswords *common, ZfError *err)
{
    json_t *probe = password ? json_string(password) : NULL; /* rejects invalid UTF-8 */
    json_decref(probe);
    if (!probe) return zf_fail(err, 400, "weak_password", "password", "密码不能为空，且须为有效的 UTF-8 文本");
    if (strlen(password) > PASSWORD_MAX_BYTES)
        return zf_fail(err, 400, "weak_password", "password", "密码过长（最多 128 字节）");
    if (utf8_chars(password) < PASSWORD_MIN_CHARS)
        return zf_fail(err, 400, "weak_password", "password", "密码至少 10 个字符");
    if (username && strcasecmp(username, password) == 0)
        return zf_fail(err, 400, "weak_password", "password", "密码不能与用户名相同");
    if (is_common(common, password))
        return zf_fail(err, 400, "weak_password", "password", "密码过于常见，请换一个");
    return ZF_OK;
}

long long login_lock_seconds(const LoginPolicy *p, int failures)
{
    if (failures < p->lock_after || p->base_s <= 0) return 0;
    long long s = p->base_s;
    for (int doublings = failures - p->lock_after; doublings > 0 && s < p->max_s; doublings--) s *= 2;
    return s < p->max_s ? s : p->max_s;
}

static const char *const business_roles[] = {"officer",  "agency_head",       "legal_reviewer", "supervisor",
                                             "leader",   "social_supervisor", "lawyer",         "review_expert",
                                             /* 规范性文件备案审查 (migration 071) */
                                             "norm_clerk", "norm_chief", "norm_deputy", "norm_director",
                                             /* 行政复议机构 (issue 24): a region */
                                             "reconsideration_officer", "reconsideration_head", NULL};
static const char *const observer_roles[] = {"social_supervisor", "lawyer", NULL};
static const char *const admin_roles[] = {"sysadmin", "secadmin", "auditor", NULL};

static const char *const normative_roles[] = {"norm_clerk", "norm_chief", "norm_deputy", "norm_director", NULL};

static bool in(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0) return true;
    return false;
}

bool role_is_admin(const char *role) { return in(role, admin_roles); }
bool role_is_observer(const char *role) { return in(role, observer_roles); }
bool role_may_use_region(const char *role)
{
    return role && (strcmp(role, "supervisor") == 0 || strcmp(role, "leader") == 0 || role_is_observer(role) ||
                    strcmp(role, "review_expert") == 0 || /* 特邀评查专家 (issue 16): a region, or one agency */
                    in(role, normative_roles) || role_is_reconsideration(role));
}
bool role_is_reconsideration(const char *role)
{
    return role && (strcmp(role, "reconsideration_officer") == 0 || strcmp(role, "reconsideration_head") == 0);
}
bool role_is_known(const char *role) { return in(role, admin_roles) || in(role, business_roles); }

bool authz_may_manage_role(const char *actor_role, const char *target_role)
{
    return actor_role && strcmp(actor_role, "sysadmin") == 0 && in(target_role, business_roles);
}

bool authz_duty_may_hold(const char *role_duty, const char *perm_owner, const char *const *shared_with)
{
    if (!role_duty || !perm_owner || !*duty_label(role_duty)) return false;
    return strcmp(role_duty, perm_owner) == 0 || (shared_with && in(role_duty, shared_with));
}

const char *duty_label(const char *duty)
{
    static const char *const labels[][2] = {
        {"business", "业务角色"}, {"sysadmin", "系统管理员"}, {"secadmin", "安全保密管理员"}, {"auditor", "安全审计员"}};
    for (size_t i = 0; duty && i < sizeof labels / sizeof *labels; i++)
        if (strcmp(duty, labels[i][0]) == 0) return labels[i][1];
    return "";
}

void scope_for_region(DataScope *s, const char *region)
{
    memset(s, 0, sizeof *s);
    s->kind = SCOPE_REGION;
    size_t n = region ? strlen(region) : 0;
    if (n != 6) n = 0;
    memcpy(s->region_prefix, region ? region : "", n);
    while (n >= 2 && s->region_prefix[n - 1] == '0' && s->region_prefix[n - 2] == '0') s->region_prefix[n -= 2] = '\0';
}

void scope_for_agency(DataScope *s, const char *agency)
{
    memset(s, 0, sizeof *s);
    s->kind = SCOPE_AGENCY;
    if (agency) strncpy(s->agency, agency, sizeof s->agency - 1);
}

void scope_for_user(DataScope *s, const char *role, const char *agency, const char *region, const char *agency_region)
{
    if (strcmp(role, "supervisor") == 0 || strcmp(role, "leader") == 0 || in(role, normative_roles) ||
        role_is_reconsideration(role))
        scope_for_region(s, region && region[0] ? region : agency_region);
    else if ((role_is_observer(role) || strcmp(role, "review_expert") == 0) && region && region[0])
        /* assigned a region, else his one agency */
        scope_for_region(s, region);
    else if (!role_is_admin(role))
        scope_for_agency(s, agency);
    else {
        memset(s, 0, sizeof *s);
        s->kind = SCOPE_NONE;
    }
}

bool scope_allows(const DataScope *s, const char *agency, const char *agency_region)
{
    switch (s->kind) {
    case SCOPE_AGENCY: return agency && s->agency[0] && strcmp(agency, s->agency) == 0;
    case SCOPE_REGION:
        return agency_region && strncmp(agency_region, s->region_prefix, strlen(s->region_prefix)) == 0;
    case SCOPE_NONE: return false;
    }
    return false;
}

/* region's code with its trailing "00" pairs dropped: the prefix every region below it starts with. */
static size_t region_prefix_len(const char *region)
{
    size_t n = region ? strlen(region) : 0;
    if (n != 6) return 0;
    while (n >= 2 && region[n - 1] == '0' && region[n - 2] == '0') n -= 2;
    return n;
}

bool scope_names_user(const DataScope *s, const char *self_region, const char *agency, const char *agency_region,
                      const char *region)
{
    if (s->kind == SCOPE_NONE) return true;
    if (agency && *agency) return scope_allows(s, agency, agency_region);
    size_t n = region_prefix_len(region);
    if (n == 0) return false; /* a region-bound user without a valid region: nobody's concern */
    bool covers = self_region && strncmp(self_region, region, n) == 0;
    bool within = s->kind == SCOPE_REGION && strncmp(region, s->region_prefix, strlen(s->region_prefix)) == 0;
    return covers || within;
}
