/* The schema migrations compiled into the binary (generated from src/store/migrations/NNN_*.sql). */
#ifndef ZF_MIGRATIONS_H
#define ZF_MIGRATIONS_H

typedef struct {
    int version;
    const char *name;
    const char *sql;
} Migration;

extern const Migration zf_migrations[];
extern const int zf_migration_count;
/* the PostgreSQL backend's own (src/store/migrations_pg/NNN_*.sql) */
extern const Migration zf_pg_migrations[];
extern const int zf_pg_migration_count;

#endif
