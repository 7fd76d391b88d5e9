/* zhifa user add|passwd: accounts from the command line — the only way to create the three
 * administrators (三员分立), and the installer's way in before anyone can log in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/codes.h"
#include "store/approval.h"
#include "store/identity.h"
#include "util/datadir.h"

static int run_user(const GlobalOpts *g, int argc, char **argv);

const Command cmd_user = {
    "user", "管理用户账号（add 新增、passwd 改密码）",
    "用法：zhifa --db FILE user add --username U --role ROLE (--agency CODE | --region CODE)\n"
    "                                [--display-name 名称] [--approval-level deputy|principal]\n"
    "                                [--must-change] --password-stdin\n"
    "      zhifa --db FILE user passwd --username U [--must-change] --password-stdin\n\n"
    "角色：officer 执法人员  agency_head 执法机构负责人  legal_reviewer 法制审核人员\n"
    "      supervisor 执法监督人员  leader 司法局领导\n"
    "      social_supervisor 特邀监督员  lawyer 派驻律师  review_expert 特邀评查专家\n"
    "      reconsideration_officer 行政复议承办人  reconsideration_head 行政复议机构负责人（--region）\n"
    "      sysadmin 系统管理员  secadmin 安全保密管理员  auditor 安全审计员\n"
    "执法人员、负责人、法制审核人员须指定 --agency（统一社会信用代码）；监督人员、领导、\n"
    "特邀监督员、派驻律师和特邀评查专家可只指定 --region（6 位行政区划代码）：特邀监督员和派驻律师的范围是\n"
    "指定的行政区划，或只指定 --agency 时的那一个执法主体。密码从标准输入读取一行，至少 10 个字符，\n"
    "不能与用户名相同，也不能是常见密码。--must-change 要求首次登录时修改密码。\n"
    "--approval-level 设定机构负责人的审批层级（审批分级 approval_policy 中的代码，默认\n"
    "deputy 分管负责人、principal 主要负责人）；不设定时按 unassigned_head_level。\n",
    run_user};

int cmd_load_common_passwords(CommonPasswords *out)
{
    char path[4096], *text;
    const char *data = datadir_get();
    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/common-passwords.txt", data ? data : "data");
    if (file_read_all(path, &text, NULL) != 0) {
        fprintf(stderr, "zhifa: 无法读取常见密码表 %s\n", path);
        return ZF_ERR;
    }
    int rc = common_passwords_parse(text, out);
    free(text);
    return rc == 0 ? ZF_OK : ZF_ERR;
}

static int read_password(char *out, size_t cap)
{
    if (!fgets(out, (int)cap, stdin)) return ZF_ERR;
    out[strcspn(out, "\r\n")] = '\0';
    return ZF_OK;
}

static int check_password(const char *username, const char *password)
{
    CommonPasswords common;
    ZfError err;
    if (cmd_load_common_passwords(&common) != ZF_OK) return ZF_ERR;
    int rc = password_check(username, password, &common, &err);
    common_passwords_free(&common);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: %s\n", err.message);
    return rc;
}

typedef struct {
    const char *username, *role, *agency, *region, *display, *approval_level;
    int password_stdin, must_change;
} UserArgs;

static int validate_add(const UserArgs *a)
{
    ZfError err;
    if (!a->username || !a->role || !a->password_stdin) return cmd_usage_error(&cmd_user, "缺少 --username、--role 或 --password-stdin");
    if (username_check(a->username, &err) != ZF_OK) return cmd_usage_error(&cmd_user, "%s", err.message);
    if (!role_is_known(a->role)) return cmd_usage_error(&cmd_user, "未知角色 %s", a->role);
    if (a->agency && !uscc_valid(a->agency))
        return cmd_usage_error(&cmd_user, "--agency 应为执法主体的统一社会信用代码（校验位正确）");
    if (a->region && !region_code_format_valid(a->region)) return cmd_usage_error(&cmd_user, "--region 应为 6 位行政区划代码");
    bool regional = role_may_use_region(a->role);
    if (!role_is_admin(a->role) && !regional && !a->agency) return cmd_usage_error(&cmd_user, "角色 %s 须指定 --agency", a->role);
    if (regional && !a->agency && !a->region) return cmd_usage_error(&cmd_user, "角色 %s 须指定 --region 或 --agency", a->role);
    if (a->approval_level && strcmp(a->role, "agency_head") != 0)
        return cmd_usage_error(&cmd_user, "--approval-level 只适用于 agency_head 角色");
    return ZF_OK;
}

/* The head's approver level, by its code in the approval policy. */
static int set_approval_level(Store *st, const UserArgs *a)
{
    ApprovalPolicy p;
    ZfError err;
    int level;
    if (store_approval_policy(st, &p, &err) != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), ZF_ERR;
    if (approval_level_by_code(&p, a->approval_level, &level) != ZF_OK)
        return fprintf(stderr, "zhifa: 审批分级中没有层级 %s\n", a->approval_level), ZF_ERR;
    if (store_user_set_approval_level(st, a->username, level, &err) != ZF_OK)
        return fprintf(stderr, "zhifa: %s\n", err.message), ZF_ERR;
    return ZF_OK;
}

static int user_add(Store *st, const UserArgs *a, const char *password)
{
    char hash[PASSWORD_HASH_MAX];
    long long id;
    ZfError err;
    if (password_hash(password, hash) != 0) return fputs("zhifa: 密码加密失败\n", stderr), ZF_ERR;
    NewUser nu = {a->username, a->display, a->role, a->agency, a->region, hash, a->must_change != 0};
    if (store_begin(st, &err) != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), ZF_ERR;
    if (store_user_create(st, &nu, &id, &err) != ZF_OK) {
        store_rollback(st);
        return fprintf(stderr, "zhifa: %s\n", err.message), ZF_ERR;
    }
    if ((a->approval_level && set_approval_level(st, a) != ZF_OK) || store_commit(st, &err) != ZF_OK) {
        store_rollback(st);
        return ZF_ERR;
    }
    printf("已创建用户 %s（%s，编号 %lld）\n", a->username, a->role, id);
    return ZF_OK;
}

static int user_passwd(Store *st, const UserArgs *a, const char *password)
{
    AuthUser u;
    char hash[PASSWORD_HASH_MAX];
    ZfError err;
    if (store_user_by_name(st, a->username, &u, NULL, &err) != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), ZF_ERR;
    if (password_hash(password, hash) != 0) return fputs("zhifa: 密码加密失败\n", stderr), ZF_ERR;
    /* the password, the end of the user's sessions and of his lockout: together or not at all */
    if (store_begin(st, &err) != ZF_OK || store_user_set_password(st, u.id, hash, a->must_change != 0, &err) != ZF_OK ||
        store_sessions_delete_user(st, u.id, &err) != ZF_OK || store_login_clear(st, a->username, &err) != ZF_OK ||
        store_commit(st, &err) != ZF_OK) {
        store_rollback(st);
        return fprintf(stderr, "zhifa: 修改密码失败：%s\n", err.message), ZF_ERR;
    }
    printf("已修改用户 %s 的密码\n", a->username);
    return ZF_OK;
}

static int run_user(const GlobalOpts *g, int argc, char **argv)
{
    UserArgs a = {0};
    const char *sub = NULL;
    Flag flags[] = {{"--username", &a.username, NULL}, {"--role", &a.role, NULL}, {"--agency", &a.agency, NULL},
                    {"--region", &a.region, NULL},     {"--display-name", &a.display, NULL},
                    {"--approval-level", &a.approval_level, NULL},
                    {"--password-stdin", NULL, &a.password_stdin}, {"--must-change", NULL, &a.must_change},
                    {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_user, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    bool add = sub && strcmp(sub, "add") == 0, passwd = sub && strcmp(sub, "passwd") == 0;
    if (!add && !passwd) return cmd_usage_error(&cmd_user, "请指定子命令 add 或 passwd");
    if (add && validate_add(&a) != ZF_OK) return EXIT_USAGE;
    if (passwd && (!a.username || !a.password_stdin)) return cmd_usage_error(&cmd_user, "缺少 --username 或 --password-stdin");
    char password[PASSWORD_MAX_BYTES + 2];
    if (read_password(password, sizeof password) != ZF_OK) return fputs("zhifa: 未从标准输入读到密码\n", stderr), 1;
    if (check_password(a.username, password) != ZF_OK) return 1;
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = add ? user_add(st, &a, password) : user_passwd(st, &a, password);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
