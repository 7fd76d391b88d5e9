/* PostgreSQL side of the exchange records (store.h): agencies, officers, powers, benchmarks,
 * cases, monthly reports. Cases live in a table partitioned by year of filing; case_keys keeps
 * each case_no once across the years (001_schema_as_of_060.sql). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* an unchanged body writes nothing (no updated_at, no ledger event): the row count tells */
#define TOUCH " updated_at = excluded.updated_at, body = excluded.body WHERE t.body IS DISTINCT FROM excluded.body"

typedef struct {
    const char *table, *key, *key2; /* key2: monthly_reports' second key column */
    const char *upsert;             /* $1 key, $2 key2, $3…$8 cols, $9 body */
} PgRecordTable;

static const PgRecordTable tables[REC_TYPE_COUNT] = {
    [REC_AGENCY] = {"agencies", "code", NULL,
                    "INSERT INTO agencies AS t (code, name, region, level, kind, sector, parent, body, updated_at)"
                    " VALUES ($1, $3, $4, $5, $6, $7, $8, $9, " PG_NOW ") ON CONFLICT (code) DO UPDATE SET"
                    " name = excluded.name, region = excluded.region, level = excluded.level, kind = excluded.kind,"
                    " sector = excluded.sector, parent = excluded.parent," TOUCH},
    [REC_OFFICER] = {"officers", "cert_no", NULL,
                     "INSERT INTO officers AS t (cert_no, name, agency, cert_valid_to, status, body, updated_at)"
                     " VALUES ($1, $3, $4, $5, $6, $9, " PG_NOW ") ON CONFLICT (cert_no) DO UPDATE SET"
                     " name = excluded.name, agency = excluded.agency, cert_valid_to = excluded.cert_valid_to,"
                     " status = excluded.status," TOUCH},
    [REC_POWER] = {"powers", "code", NULL,
                   "INSERT INTO powers AS t (code, name, kind, body, updated_at) VALUES ($1, $3, $4, $9, " PG_NOW ")"
                   " ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind," TOUCH},
    [REC_BENCHMARK] = {"benchmarks", "power", NULL,
                       "INSERT INTO benchmarks AS t (power, body, updated_at) VALUES ($1, $9, " PG_NOW ")"
                       " ON CONFLICT (power) DO UPDATE SET" TOUCH},
    [REC_CASE] = {"cases", "case_no", NULL, NULL}, /* put_case */
    [REC_MONTHLY_REPORT] = {"monthly_reports", "agency", "month",
                            "INSERT INTO monthly_reports AS t (agency, month, body, updated_at)"
                            " VALUES ($1, $2, $9, " PG_NOW ") ON CONFLICT (agency, month) DO UPDATE SET" TOUCH},
};

/* The columns 案件查询 reads, taken from the body in the one statement writing the row (as the
 * SQLite backend does): $1 case_no, $3 agency, $4 kind, $9 body, $10 the year of filing. */
#define CASE_VALUES                                                                                             \
    "$1, $10::int, $3, $4, $9, " PG_NOW ", (SELECT region FROM agencies WHERE code = $3), j ->> 'procedure',"    \
    " j ->> 'filed_on', j ->> 'decided_on', j ->> 'closed_on', round((j #>> '{decision,fine}')::numeric * 100)::bigint," \
    " j #>> '{party,name}', j #>> '{decision,doc_no}', j ->> 'filing_no'"
#define CASE_COLUMNS                                                                                     \
    "case_no, filed_year, agency, kind, body, updated_at, region, procedure, filed_on, decided_on, closed_on," \
    " fine_fen, party_name, doc_no, filing_no"

int pg_case_filed_year(const char *body, size_t len)
{
    json_t *rec = json_loadb(body, len, 0, NULL);
    const char *on = json_string_value(json_object_get(rec, "filed_on"));
    int year = on && strlen(on) >= 4 && strspn(on, "0123456789") >= 4 ? (on[0] - '0') * 1000 + (on[1] - '0') * 100 +
                                                                           (on[2] - '0') * 10 + (on[3] - '0')
                                                                     : 0;
    json_decref(rec);
    return year;
}

/* A new case_no claims its key first (a concurrent writer of the same case waits on it), then
 * inserts; a known one is updated in place — moving partitions when its year of filing changed. */
static int put_case(Store *st, const StoredRecord *rec, const char *body, int *changed, ZfError *err)
{
    char year[24];
    const char *const *c = rec->keys.cols;
    pg_int(year, pg_case_filed_year(body, strlen(body)));
    long long claimed = 0, n = 0;
    if (pg_exec(st, "INSERT INTO case_keys(case_no, filed_year) VALUES ($1, $2::int) ON CONFLICT DO NOTHING",
                PG_ARGS(rec->keys.key, year), "case_keys", &claimed, err) != ZF_OK)
        return ZF_ERR;
    const char *const args[10] = {rec->keys.key, NULL, c[0], c[1], c[2], c[3], c[4], c[5], body, year};
    if (claimed) {
        if (pg_exec_text(st, "INSERT INTO cases(" CASE_COLUMNS ") SELECT " CASE_VALUES " FROM (SELECT $9::jsonb AS j) v",
                    10, args, "cases", &n, err) != ZF_OK)
            return ZF_ERR;
    } else {
        if (pg_exec_text(st,
                    "UPDATE cases AS t SET (" CASE_COLUMNS ") = (SELECT " CASE_VALUES " FROM (SELECT $9::jsonb AS j) v)"
                    " WHERE t.case_no = $1 AND t.body IS DISTINCT FROM $9",
                    10, args, "cases", &n, err) != ZF_OK)
            return ZF_ERR;
        if (n && pg_exec(st, "UPDATE case_keys SET filed_year = $2::int WHERE case_no = $1 AND filed_year <> $2::int",
                         PG_ARGS(rec->keys.key, year), "case_keys", NULL, err) != ZF_OK)
            return ZF_ERR;
    }
    if (changed) *changed = n > 0;
    return ZF_OK;
}

int pg_store_put_record(Store *st, const StoredRecord *rec, int *changed, ZfError *err)
{
    char *body = strndup(rec->body, rec->body_len);
    if (!body) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc;
    if (rec->keys.type == REC_CASE) {
        rc = put_case(st, rec, body, changed, err);
    } else {
        const char *const *c = rec->keys.cols;
        const char *const args[9] = {rec->keys.key, rec->keys.key2, c[0], c[1], c[2], c[3], c[4], c[5], body};
        long long n = 0;
        rc = pg_exec_text(st, tables[rec->keys.type].upsert, 9, args, tables[rec->keys.type].table, &n, err);
        if (changed) *changed = rc == ZF_OK && n > 0;
    }
    free(body);
    return rc;
}

/* Keyset pages of 500: no cursor and no transaction held across the callback, which may use the
 * store itself. */
int pg_store_foreach_record_since(Store *st, RecordType type, const char *since, StoreRecordFn fn, void *ctx,
                                  ZfError *err)
{
    const PgRecordTable *t = &tables[type];
    char sql[512], last[256] = "", last2[256] = "";
    if (t->key2)
        snprintf(sql, sizeof sql,
                 "SELECT body, %s, %s FROM %s WHERE ($1::text IS NULL OR updated_at >= $1)"
                 " AND ($2::text IS NULL OR (%s, %s) > ($2, $3::text)) ORDER BY %s, %s LIMIT 500",
                 t->key, t->key2, t->table, t->key, t->key2, t->key, t->key2);
    else
        snprintf(sql, sizeof sql,
                 "SELECT body, %s FROM %s WHERE ($1::text IS NULL OR updated_at >= $1)"
                 " AND ($2::text IS NULL OR %s > $2) ORDER BY %s LIMIT 500",
                 t->key, t->table, t->key, t->key);
    for (bool first = true;; first = false) {
        const char *const args[3] = {since, first ? NULL : last, last2};
        PGresult *r = pg_query(st, sql, t->key2 ? 3 : 2, args, t->table, err);
        if (!r) return ZF_ERR;
        int rows = PQntuples(r), stop = 0;
        for (int i = 0; i < rows && !stop; i++)
            stop = fn(PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0), ctx);
        if (rows) {
            pg_copy(r, rows - 1, 1, last, sizeof last);
            if (t->key2) pg_copy(r, rows - 1, 2, last2, sizeof last2);
        }
        PQclear(r);
        if (stop || rows < 500) return ZF_OK;
    }
}

int pg_store_foreach_record(Store *st, RecordType type, StoreRecordFn fn, void *ctx, ZfError *err)
{
    return pg_store_foreach_record_since(st, type, NULL, fn, ctx, err);
}

long long pg_store_count_records(Store *st, RecordType type)
{
    char sql[96];
    ZfError err = {0};
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[type].table);
    PGresult *r = pg_query(st, sql, PG_NOARGS, tables[type].table, &err);
    long long n = r && PQntuples(r) ? pg_ll(r, 0, 0) : -1;
    PQclear(r);
    return n;
}

int pg_store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err)
{
    char sql[128];
    const PgRecordTable *t = &tables[type];
    snprintf(sql, sizeof sql, "SELECT body FROM %s WHERE %s = $1", t->table, t->key);
    PGresult *r = pg_query(st, sql, PG_ARGS(key), t->table, err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    *body = found ? strdup(PQgetvalue(r, 0, 0)) : NULL;
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "记录不存在");
}
