/* See passphrase.h. */
#include "cmd/passphrase.h"

#include <stdio.h>
#include <string.h>

int cmd_read_passphrase(char out[PASSPHRASE_CAP], size_t min)
{
    if (!fgets(out, PASSPHRASE_CAP, stdin)) {
        fputs("zhifa: 请在标准输入的第一行给出备份口令\n", stderr);
        return -1;
    }
    out[strcspn(out, "\r\n")] = '\0';
    if (strlen(out) < min) {
        fprintf(stderr, "zhifa: 备份口令太短，至少 %zu 个字符\n", min);
        return -1;
    }
    return 0;
}
