/* The arena behind util/json_arena.h: a per-thread list of blocks, bump allocation aligned for
 * any jansson value, and a free hook that ignores pointers inside this thread's blocks. */
#include "util/json_arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define ARENA_ALIGN 16
#define ARENA_BLOCK (64u << 10)
#define ARENA_KEEP (4u << 20) /* a block this big or smaller survives a reset */

typedef struct Block {
    struct Block *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} Block;

static bool installed;
static _Thread_local Block *blocks; /* newest first */
static _Thread_local bool active;

static Block *block_new(size_t at_least)
{
    size_t size = at_least > ARENA_BLOCK ? at_least : ARENA_BLOCK;
    Block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->size = size;
    b->used = 0;
    b->next = blocks;
    blocks = b;
    return b;
}

static void *arena_malloc(size_t size)
{
    if (!active) return malloc(size);
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    Block *b = blocks;
    if (need < size) return NULL;
    if (!b || b->size - b->used < need) {
        /* doubling keeps a 10 MB line to a handful of blocks */
        size_t grow = b ? b->size * 2 : ARENA_BLOCK;
        if (!(b = block_new(need > grow ? need : grow))) return NULL;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}

static bool in_arena(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    for (const Block *b = blocks; b; b = b->next)
        if (a >= (uintptr_t)b->data && a < (uintptr_t)b->data + b->size) return true;
    return false;
}

static void arena_free(void *p)
{
    if (!in_arena(p)) free(p);
}

void json_arena_install(void)
{
    json_set_alloc_funcs(arena_malloc, arena_free);
    installed = true;
}

void json_arena_enter(void) { active = installed; }

void json_arena_leave(void) { active = false; }

void json_arena_reset(void)
{
    Block *keep = NULL;
    while (blocks) {
        Block *b = blocks;
        blocks = b->next;
        if (!keep && b->size <= ARENA_KEEP) keep = b;
        else free(b);
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
        blocks = keep;
    }
}

void json_arena_release(void)
{
    while (blocks) {
        Block *b = blocks;
        blocks = b->next;
        free(b);
    }
}
