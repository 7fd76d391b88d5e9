/* The background signer of `serve`: signs a tree head at least every `seconds` while there are
 * new events, and once more on stop, so a shutdown never leaves events unsigned. */
#ifndef ZF_SIGNER_H
#define ZF_SIGNER_H

typedef struct Signer Signer;

/* Starts the thread; it opens its own store connection. NULL on failure. */
Signer *signer_start(const char *db_path, unsigned seconds);
/* Wakes the thread, signs a last head, waits for it, frees. */
void signer_stop(Signer *s);

#endif
