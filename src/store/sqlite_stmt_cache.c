/* Prepared statements kept per connection (sqlite_internal.h): compiling SQL was a third of the time
 * of a case read (docs/scale.md). sqlite_prepare hands out a cached statement for the same SQL text
 * when one is idle; sqlite3_finalize — redefined for the store's files — resets a cached statement
 * and keeps it, and finalizes any other. A statement in use is never handed out twice: a query run
 * inside the loop of the same query gets one of its own. */
#include "store/sqlite_internal.h"

#undef sqlite3_finalize
#undef sqlite3_prepare_v2

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 96  /* the statements of a busy request path and then some */
#define REGISTRY 512    /* connections open at once in one process: server workers, jobs, exports */

struct SqliteStmtCache {
    struct {
        sqlite3_stmt *stmt;
        unsigned long long hash; /* of its SQL text: most slots are passed over without a strcmp */
        unsigned long long used; /* the tick of its last hand-out, for eviction */
        bool busy;
    } slot[CACHE_SLOTS];
    unsigned long long tick;
};

/* db → cache, for sqlite3_finalize, which is given only the statement. */
static struct {
    sqlite3 *db;
    SqliteStmtCache *cache;
} registry[REGISTRY];
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

void sqlite_stmt_cache_open(Store *st)
{
    SqliteStmtCache *c = calloc(1, sizeof *c);
    if (!c) return; /* no cache: every statement compiled as before */
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < REGISTRY; i++)
        if (!registry[i].db) {
            registry[i].db = st->db, registry[i].cache = c, st->stmt_cache = c;
            break;
        }
    pthread_mutex_unlock(&registry_lock);
    if (!st->stmt_cache) free(c);
}

void sqlite_stmt_cache_close(Store *st)
{
    SqliteStmtCache *c = st->stmt_cache;
    if (!c) return;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < REGISTRY; i++)
        if (registry[i].db == st->db) registry[i].db = NULL, registry[i].cache = NULL;
    pthread_mutex_unlock(&registry_lock);
    for (int i = 0; i < CACHE_SLOTS; i++) sqlite3_finalize(c->slot[i].stmt);
    free(c);
    st->stmt_cache = NULL;
}

static SqliteStmtCache *cache_of(sqlite3 *db)
{
    SqliteStmtCache *c = NULL;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < REGISTRY && !c; i++)
        if (registry[i].db == db) c = registry[i].cache;
    pthread_mutex_unlock(&registry_lock);
    return c;
}

static unsigned long long fnv1a(const char *s)
{
    unsigned long long h = 14695981039346656037ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static sqlite3_stmt *take(SqliteStmtCache *c, const char *sql)
{
    if (!c) return NULL;
    unsigned long long h = fnv1a(sql);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        sqlite3_stmt *s = c->slot[i].stmt;
        if (s && c->slot[i].hash == h && !c->slot[i].busy && strcmp(sqlite3_sql(s), sql) == 0) {
            c->slot[i].busy = true, c->slot[i].used = ++c->tick;
            return s;
        }
    }
    return NULL;
}

/* Keeps a newly prepared statement in the least recently used idle slot. */
static void put(SqliteStmtCache *c, sqlite3_stmt *s)
{
    int victim = -1;
    if (!c) return;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (c->slot[i].busy) continue;
        if (!c->slot[i].stmt) { victim = i; break; }
        if (victim < 0 || c->slot[i].used < c->slot[victim].used) victim = i;
    }
    if (victim < 0) return; /* every slot in use: this one is finalized for real when done */
    sqlite3_finalize(c->slot[victim].stmt);
    c->slot[victim].stmt = s, c->slot[victim].hash = fnv1a(sqlite3_sql(s));
    c->slot[victim].busy = true, c->slot[victim].used = ++c->tick;
}

int sqlite_finalize(sqlite3_stmt *s)
{
    if (!s) return SQLITE_OK;
    SqliteStmtCache *c = cache_of(sqlite3_db_handle(s));
    for (int i = 0; c && i < CACHE_SLOTS; i++)
        if (c->slot[i].stmt == s) {
            int rc = sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            c->slot[i].busy = false;
            return rc;
        }
    return sqlite3_finalize(s);
}

int sqlite_prepare_cached(sqlite3 *db, const char *sql, int n, sqlite3_stmt **q, const char **tail)
{
    /* a statement of a longer text (tail) or of a length is compiled as asked, never kept */
    if (tail || n >= 0) return sqlite3_prepare_v2(db, sql, n, q, tail);
    SqliteStmtCache *c = cache_of(db);
    if ((*q = take(c, sql))) return SQLITE_OK;
    int rc = sqlite3_prepare_v3(db, sql, -1, c ? SQLITE_PREPARE_PERSISTENT : 0, q, NULL);
    if (rc == SQLITE_OK && *q && c) put(c, *q);
    return rc;
}
