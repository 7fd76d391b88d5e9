/* zhifa sync publish (cmd/sync_publish.c), called by cmd/sync.c: exactly one of the members set. */
#ifndef ZF_CMD_SYNC_PUBLISH_H
#define ZF_CMD_SYNC_PUBLISH_H

#include <stdbool.h>

#include "cmd/cmd.h"

typedef struct {
    const char *law, *records, *regions; /* files */
    bool rule_config;
} PublishWhat;

int cmd_sync_publish(const GlobalOpts *g, const PublishWhat *w);

#endif
