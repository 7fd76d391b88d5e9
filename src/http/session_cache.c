/* See session_cache.h. A direct-mapped table under one mutex: a slot is chosen by the token hash's
 * first hex digits (the hash of a random token, so evenly spread), a collision replaces the older
 * entry. The generation is read before the database lookup, so an entry can only ever be stored with
 * a number at or below the one in force when it was read: a revocation committed in between makes
 * the next request miss and look again. */
#include "http/session_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/web_tier.h"

#define SLOTS 4096 /* sessions of one web process's busy hour; a miss costs one lookup */

typedef struct {
    char token_hash[65];
    long long generation;
    AuthUser user;
} Slot;

static Slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The generation this thread read for its current request; -1 when none. */
static _Thread_local long long request_generation = -1;

#define PERM_SLOTS 512 /* roles × permissions: 11 × ~60 */
typedef struct {
    char role[24], perm[64];
    long long generation;
    bool has;
} PermSlot;
static PermSlot perms[PERM_SLOTS];

static Slot *slot_of(const char *token_hash)
{
    unsigned long h = strtoul((char[9]){token_hash[0], token_hash[1], token_hash[2], token_hash[3], token_hash[4],
                                        token_hash[5], token_hash[6], token_hash[7], '\0'},
                              NULL, 16);
    return &slots[h % SLOTS];
}

static bool cached(const char *token_hash, long long generation, AuthUser *u)
{
    pthread_mutex_lock(&lock);
    Slot *s = slot_of(token_hash);
    bool hit = s->generation == generation && strcmp(s->token_hash, token_hash) == 0;
    if (hit) *u = s->user;
    pthread_mutex_unlock(&lock);
    return hit;
}

static void remember(const char *token_hash, long long generation, const AuthUser *u)
{
    pthread_mutex_lock(&lock);
    Slot *s = slot_of(token_hash);
    memcpy(s->token_hash, token_hash, sizeof s->token_hash);
    s->generation = generation;
    s->user = *u;
    pthread_mutex_unlock(&lock);
}

int session_cache_lookup(Store *st, const char *token_hash, AuthUser *u, ZfError *err)
{
    long long generation;
    if (strlen(token_hash) != 64) return store_session_lookup(st, token_hash, u, err);
    if (store_auth_generation(st, &generation, err) != ZF_OK) return store_session_lookup(st, token_hash, u, err);
    request_generation = generation;
    if (cached(token_hash, generation, u)) return ZF_OK;
    if (store_session_lookup(st, token_hash, u, err) != ZF_OK) return ZF_ERR;
    remember(token_hash, generation, u);
    return ZF_OK;
}

void session_cache_touched(const char *token_hash, long long now)
{
    if (strlen(token_hash) != 64) return;
    pthread_mutex_lock(&lock);
    Slot *s = slot_of(token_hash);
    if (strcmp(s->token_hash, token_hash) == 0 && s->user.session_seen < now) s->user.session_seen = now;
    pthread_mutex_unlock(&lock);
}

void session_cache_forget(const char *token_hash)
{
    if (strlen(token_hash) != 64) return;
    pthread_mutex_lock(&lock);
    Slot *s = slot_of(token_hash);
    if (strcmp(s->token_hash, token_hash) == 0) memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&lock);
}

void session_cache_request_start(void) { request_generation = -1; }

static PermSlot *perm_slot(const char *role, const char *perm)
{
    unsigned long h = 5381;
    for (const char *p = role; *p; p++) h = h * 33 + (unsigned char)*p;
    for (const char *p = perm; *p; p++) h = h * 33 + (unsigned char)*p;
    return &perms[h % PERM_SLOTS];
}

bool session_cache_role_has_perm(Store *st, const char *role, const char *perm)
{
    long long generation = request_generation;
    if (generation < 0 || strlen(role) >= sizeof perms[0].role || strlen(perm) >= sizeof perms[0].perm)
        return store_role_has_perm(st, role, perm);
    pthread_mutex_lock(&lock);
    PermSlot *s = perm_slot(role, perm);
    bool hit = s->generation == generation && strcmp(s->role, role) == 0 && strcmp(s->perm, perm) == 0, has = s->has;
    pthread_mutex_unlock(&lock);
    if (hit) return has;
    has = store_role_has_perm(st, role, perm);
    if (!has) return false; /* a refusal may be a failed query: never kept */
    pthread_mutex_lock(&lock);
    s = perm_slot(role, perm);
    strcpy(s->role, role);
    strcpy(s->perm, perm);
    s->generation = generation, s->has = has;
    pthread_mutex_unlock(&lock);
    return has;
}
