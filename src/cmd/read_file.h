/* A whole file into memory, for the verbs that take a document. */
#ifndef ZF_CMD_READ_FILE_H
#define ZF_CMD_READ_FILE_H

#include <stddef.h>

#define CMD_PDF_MAX ((size_t)64 << 20)

/* malloc'd contents and *len; NULL when unreadable or longer than max. */
unsigned char *cmd_read_file(const char *path, size_t max, size_t *len);

#endif
