/* A bump arena for jansson values parsed on a hot path (`zhifa import` reads a million lines):
 * jansson mallocs every value, string and hash bucket; inside the arena they come from one reused
 * block per thread and cost nothing to free. Values parsed inside must be released
 * (json_decref) on the same thread before json_arena_reset(); never pass them to free(). */
#ifndef ZF_JSON_ARENA_H
#define ZF_JSON_ARENA_H

/* Installs the arena-aware allocator into jansson. Once, at program start, before any jansson
 * allocation; without it the other calls are harmless no-ops and jansson uses malloc. */
void json_arena_install(void);
/* Until leave, jansson allocations on this thread come from the thread's arena. */
void json_arena_enter(void);
void json_arena_leave(void);
/* Reuses the arena's memory: no value allocated in it may still be alive. */
void json_arena_reset(void);
/* Frees the thread's arena blocks (at the end of a job or a thread). */
void json_arena_release(void);

#endif
