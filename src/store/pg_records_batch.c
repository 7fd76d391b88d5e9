/* PostgreSQL bulk writes of exchange records (store_put_records, for the import): a run of
 * records of one type is one upsert over arrays (unnest … WITH ORDINALITY), where
 * pg_store_put_record is one statement per record. The same rows, triggers, changed flags and
 * errors as the one-at-a-time path (pg_records.c); each row still passes its row triggers
 * (regions, rollups, the sync outbox) in the records' order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define TOUCH " updated_at = excluded.updated_at, body = excluded.body WHERE t.body IS DISTINCT FROM excluded.body"
/* rows per statement: large enough that a round trip is rare, small enough to scan for repeats */
#define RUN_MAX 500

/* $1 keys, $2 key2s, $3…$8 the six columns, $9 bodies: one row per record, i its place in the run. */
#define ROWS                                                                                               \
    "WITH v AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]," \
    " $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(k, k2, c0, c1, c2, c3, c4, c5, body, i)), w AS ("
/* …the upsert RETURNING the key; the answer is the places of the rows it wrote */
#define CHANGED(key) ") SELECT v.i FROM v JOIN w ON w." key " = v.k"

static const struct {
    const char *table, *sql;
} upserts[REC_TYPE_COUNT] = {
    [REC_AGENCY] = {"agencies", ROWS "INSERT INTO agencies AS t (code, name, region, level, kind, sector, parent, body,"
                                " updated_at) SELECT k, c0, c1, c2, c3, c4, c5, body, " PG_NOW " FROM v ORDER BY i"
                                " ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region,"
                                " level = excluded.level, kind = excluded.kind, sector = excluded.sector,"
                                " parent = excluded.parent," TOUCH " RETURNING t.code" CHANGED("code")},
    [REC_OFFICER] = {"officers", ROWS "INSERT INTO officers AS t (cert_no, name, agency, cert_valid_to, status, body,"
                                 " updated_at) SELECT k, c0, c1, c2, c3, body, " PG_NOW " FROM v ORDER BY i"
                                 " ON CONFLICT (cert_no) DO UPDATE SET name = excluded.name, agency = excluded.agency,"
                                 " cert_valid_to = excluded.cert_valid_to, status = excluded.status," TOUCH
                                 " RETURNING t.cert_no" CHANGED("cert_no")},
    [REC_POWER] = {"powers", ROWS "INSERT INTO powers AS t (code, name, kind, body, updated_at) SELECT k, c0, c1, body, "
                             PG_NOW " FROM v ORDER BY i ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                             " kind = excluded.kind," TOUCH " RETURNING t.code" CHANGED("code")},
    [REC_BENCHMARK] = {"benchmarks", ROWS "INSERT INTO benchmarks AS t (power, body, updated_at) SELECT k, body, " PG_NOW
                                     " FROM v ORDER BY i ON CONFLICT (power) DO UPDATE SET" TOUCH
                                     " RETURNING t.power" CHANGED("power")},
    [REC_MONTHLY_REPORT] = {"monthly_reports",
                            ROWS "INSERT INTO monthly_reports AS t (agency, month, body, updated_at) SELECT k, k2, body, "
                            PG_NOW " FROM v ORDER BY i ON CONFLICT (agency, month) DO UPDATE SET" TOUCH
                            " RETURNING t.agency, t.month) SELECT v.i FROM v JOIN w ON w.agency = v.k AND w.month = v.k2"},
};

/* Cases (pg_records.c put_case, for a run): first each new case_no claims its key — a statement
 * of its own, so that the write below, in a new snapshot, sees a case a concurrent writer
 * committed while this one waited on its key — then the claimed are inserted and the others
 * updated where their body differs, moving partitions (and their key's year) with their year. */
static const char CASE_CLAIM[] =
    "WITH v AS (SELECT * FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS u(k, y, i)),"
    " c AS (INSERT INTO case_keys(case_no, filed_year) SELECT k, y FROM v ORDER BY i ON CONFLICT DO NOTHING"
    " RETURNING case_no) SELECT v.i FROM v JOIN c ON c.case_no = v.k";
#define CASE_COLUMNS                                                                                     \
    "case_no, filed_year, agency, kind, body, updated_at, region, procedure, filed_on, decided_on, closed_on," \
    " fine_fen, party_name, doc_no, filing_no"
#define CASE_VALUES                                                                                               \
    "v.k, v.y, v.c0, v.c1, v.body, " PG_NOW ", (SELECT region FROM agencies a WHERE a.code = v.c0),"              \
    " v.j ->> 'procedure', v.j ->> 'filed_on', v.j ->> 'decided_on', v.j ->> 'closed_on',"                        \
    " round((v.j #>> '{decision,fine}')::numeric * 100)::bigint, v.j #>> '{party,name}', v.j #>> '{decision,doc_no}'," \
    " v.j ->> 'filing_no'"
#define CASE_ROWS                                                                                            \
    "WITH v AS (SELECT u.*, u.body::jsonb AS j FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]," \
    " $6::bool[]) WITH ORDINALITY AS u(k, c0, c1, body, y, claimed, i)),"                                              \
    " ins AS (INSERT INTO cases(" CASE_COLUMNS ") SELECT " CASE_VALUES " FROM v WHERE v.claimed ORDER BY v.i"          \
    " RETURNING case_no)"
/* A run of new cases only (a first import): the update below is planned over every partition and
 * its indexes each time, so it is left out when there is nothing for it. */
static const char CASE_INSERT[] = CASE_ROWS " SELECT v.i FROM v JOIN ins ON ins.case_no = v.k";
static const char CASE_WRITE[] =
    CASE_ROWS ","
    " upd AS (UPDATE cases AS t SET (" CASE_COLUMNS ") = (SELECT " CASE_VALUES ") FROM v"
    " WHERE NOT v.claimed AND t.case_no = v.k AND t.body IS DISTINCT FROM v.body RETURNING t.case_no, t.filed_year),"
    " ky AS (UPDATE case_keys AS ck SET filed_year = upd.filed_year FROM upd"
    " WHERE ck.case_no = upd.case_no AND ck.filed_year <> upd.filed_year)"
    " SELECT v.i FROM v JOIN (SELECT case_no FROM ins UNION ALL SELECT case_no FROM upd) x ON x.case_no = v.k";

/* A PostgreSQL array literal built as text: {"a","b",NULL}, each element quoted and escaped. */
typedef struct {
    char *text;
    size_t len, cap;
    bool failed;
} ArrayText;

static void grow(ArrayText *a, size_t more)
{
    if (a->failed || a->len + more + 2 <= a->cap) return;
    size_t cap = a->cap ? a->cap : 256;
    while (cap < a->len + more + 2) cap *= 2;
    char *t = realloc(a->text, cap);
    if (!t) a->failed = true;
    else a->text = t, a->cap = cap;
}

static void put_raw(ArrayText *a, const char *s, size_t n)
{
    grow(a, n + 1);
    if (a->failed) return;
    char sep = a->len ? ',' : '{';
    a->text[a->len++] = sep;
    memcpy(a->text + a->len, s, n);
    a->len += n;
}

static void put_text(ArrayText *a, const char *s, size_t n)
{
    if (!s) return put_raw(a, "NULL", 4);
    grow(a, 2 * n + 3);
    if (a->failed) return;
    char sep = a->len ? ',' : '{';
    a->text[a->len++] = sep;
    a->text[a->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') a->text[a->len++] = '\\';
        a->text[a->len++] = s[i];
    }
    a->text[a->len++] = '"';
}

/* The literal, closed (an empty run never happens); NULL when memory ran out. */
static const char *finish(ArrayText *a)
{
    grow(a, 1);
    if (a->failed) return NULL;
    a->text[a->len] = '}';
    a->text[a->len + 1] = '\0';
    return a->text;
}

#define ARRAYS 10
typedef struct {
    ArrayText a[ARRAYS];
} Arrays;

static void arrays_free(Arrays *arr)
{
    for (int i = 0; i < ARRAYS; i++) free(arr->a[i].text);
}

static int same_key(const StoredRecord *x, const StoredRecord *y)
{
    return strcmp(x->keys.key, y->keys.key) == 0 &&
           strcmp(x->keys.key2 ? x->keys.key2 : "", y->keys.key2 ? y->keys.key2 : "") == 0;
}

/* How many records from recs[0] go in one statement: one type, no key twice (an upsert may not
 * touch a row twice, and the later record must see the earlier one written). */
static size_t run_length(const StoredRecord *recs, size_t n)
{
    size_t len = 1;
    for (; len < n && len < RUN_MAX && recs[len].keys.type == recs[0].keys.type; len++)
        for (size_t j = 0; j < len; j++)
            if (same_key(&recs[j], &recs[len])) return len;
    return len;
}

/* Runs sql over the arrays; each row answered is the 1-based place of a record it wrote. */
static int write_run(Store *st, const char *sql, Arrays *arr, int nargs, const char *what, int *changed, size_t n,
                     ZfError *err)
{
    const char *args[ARRAYS];
    for (int i = 0; i < nargs; i++)
        if (!(args[i] = finish(&arr->a[i]))) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    PGresult *r = pg_query(st, sql, nargs, args, what, err);
    if (!r) return ZF_ERR;
    for (int row = 0; row < PQntuples(r); row++) {
        long long i = pg_ll(r, row, 0);
        if (changed && i >= 1 && (size_t)i <= n) changed[i - 1] = 1;
    }
    PQclear(r);
    return ZF_OK;
}

static int put_plain_run(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err)
{
    Arrays arr = {0};
    for (size_t i = 0; i < n; i++) {
        const RecordKeys *k = &recs[i].keys;
        put_text(&arr.a[0], k->key, strlen(k->key));
        put_text(&arr.a[1], k->key2, k->key2 ? strlen(k->key2) : 0);
        for (int c = 0; c < 6; c++) put_text(&arr.a[2 + c], k->cols[c], k->cols[c] ? strlen(k->cols[c]) : 0);
        put_text(&arr.a[8], recs[i].body, recs[i].body_len);
    }
    RecordType type = recs[0].keys.type;
    int rc = write_run(st, upserts[type].sql, &arr, 9, upserts[type].table, changed, n, err);
    arrays_free(&arr);
    return rc;
}

static int put_case_run(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err)
{
    Arrays keys = {0}, arr = {0};
    int *claimed = calloc(n, sizeof *claimed);
    char(*years)[24] = malloc(n * sizeof *years);
    if (!claimed || !years) {
        free(claimed), free(years);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    for (size_t i = 0; i < n; i++) {
        pg_int(years[i], pg_case_filed_year(recs[i].body, recs[i].body_len));
        put_text(&keys.a[0], recs[i].keys.key, strlen(recs[i].keys.key));
        put_raw(&keys.a[1], years[i], strlen(years[i]));
    }
    int rc = write_run(st, CASE_CLAIM, &keys, 2, "case_keys", claimed, n, err);
    bool all_new = true;
    for (size_t i = 0; i < n; i++) all_new = all_new && claimed[i];
    for (size_t i = 0; i < n && rc == ZF_OK; i++) {
        const char *const *c = recs[i].keys.cols;
        put_text(&arr.a[0], recs[i].keys.key, strlen(recs[i].keys.key));
        put_text(&arr.a[1], c[0], c[0] ? strlen(c[0]) : 0);
        put_text(&arr.a[2], c[1], c[1] ? strlen(c[1]) : 0);
        put_text(&arr.a[3], recs[i].body, recs[i].body_len);
        put_raw(&arr.a[4], years[i], strlen(years[i]));
        put_raw(&arr.a[5], claimed[i] ? "t" : "f", 1);
    }
    if (rc == ZF_OK) rc = write_run(st, all_new ? CASE_INSERT : CASE_WRITE, &arr, 6, "cases", changed, n, err);
    free(claimed), free(years);
    arrays_free(&keys);
    arrays_free(&arr);
    return rc;
}

int pg_store_put_records(Store *st, const StoredRecord *recs, size_t n, int *changed, ZfError *err)
{
    if (changed) memset(changed, 0, n * sizeof *changed);
    for (size_t at = 0; at < n;) {
        size_t len = run_length(recs + at, n - at);
        int *ch = changed ? changed + at : NULL;
        int rc = recs[at].keys.type == REC_CASE ? put_case_run(st, recs + at, len, ch, err)
                                                : put_plain_run(st, recs + at, len, ch, err);
        if (rc != ZF_OK) return ZF_ERR;
        at += len;
    }
    return ZF_OK;
}
