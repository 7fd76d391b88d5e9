/* CLI verbs: one file per verb, each exporting a Command. Exit codes: 0 ok, 1 failed, 2 usage. */
#ifndef ZF_CMD_H
#define ZF_CMD_H

#include "domain/authz.h"
#include "domain/calendar.h"
#include "domain/regions.h"
#include "app/sweep.h"
#include "store/store.h"

#define EXIT_USAGE 2

typedef struct {
    const char *db_path;
} GlobalOpts;

typedef struct {
    const char *name;
    const char *summary; /* one line, Chinese */
    const char *usage;   /* full help text */
    int (*run)(const GlobalOpts *g, int argc, char **argv);
} Command;

extern const Command cmd_init, cmd_serve, cmd_version, cmd_import, cmd_export, cmd_check, cmd_sweep, cmd_escalate, cmd_orders, cmd_user, cmd_token, cmd_routes, cmd_gen, cmd_review;
extern const Command cmd_rollup, cmd_bulletin; /* statistics */
extern const Command cmd_inspection; /* random inspections */
extern const Command cmd_sth, cmd_proof, cmd_verify, cmd_dossier, cmd_verify_dossier, cmd_attach; /* ledger */
extern const Command cmd_ca, cmd_verify_doc; /* electronic seal */
extern const Command cmd_document; /* 执法文书 */
extern const Command cmd_normative; /* 规范性文件备案审查 */
extern const Command cmd_node, cmd_sync; /* 多级汇聚 */
extern const Command cmd_backup, cmd_restore; /* docs/backup.md */

/* One --flag of a verb: a switch (value == NULL) or a flag taking a value. */
typedef struct {
    const char *name; /* "--demo" */
    const char **value;
    int *set;
} Flag;

/* Parses argv[1..] against flags, the rest into positional (at most max_positional).
 * Returns ZF_OK, or prints the usage and returns EXIT_USAGE. */
int cmd_parse_flags(const Command *c, int argc, char **argv, Flag *flags, const char **positional,
                    int max_positional);

/* Prints "zhifa: <msg>" and the verb's usage on stderr; returns EXIT_USAGE. */
int cmd_usage_error(const Command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens the database named by --db, printing a Chinese error on failure. */
int cmd_open_store(const GlobalOpts *g, StoreOpenMode mode, Store **out);
/* Loads every data/holidays/YYYY.json into a new calendar; prints the error on failure. */
int cmd_load_calendar(Calendar **out);
/* data/regions.tsv (GB/T 2260); ZF_ERR when it cannot be read. Free with regions_free. */
int cmd_load_regions(Regions **out);

/* data/common-passwords.txt, for the password policy. */
int cmd_load_common_passwords(CommonPasswords *out);
/* Runs a full sweep as of a date, printing errors; the result for cmd_print_sweep. */
int cmd_run_sweep(Store *st, zf_day as_of, SweepResult *out);
int cmd_print_sweep(const SweepResult *r);

#endif
