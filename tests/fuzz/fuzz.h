/* Shared by the libFuzzer targets: an invariant that must hold for every input. A broken one
 * aborts, so libFuzzer keeps the input as a crash artifact (make fuzz: tests/fuzz/README.md). */
#ifndef ZF_FUZZ_H
#define ZF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                            \
    do {                                                                                            \
        if (!(cond)) {                                                                              \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                                \
        }                                                                                           \
    } while (0)

#endif
