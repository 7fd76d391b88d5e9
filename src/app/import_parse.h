/* The parsing half of an import, on its own thread: reads the lines, parses and validates each,
 * and copies out what the storing half needs — keys, the line as received and, for a case, the
 * head of its ledger event with the event's leaf hash begun. Chunks are handed over in input
 * order; the storing half (import.c) holds the database and never parses JSON. */
#ifndef ZF_IMPORT_PARSE_H
#define ZF_IMPORT_PARSE_H

#include <stdbool.h>
#include <stdio.h>

#include "domain/exchange.h"
#include "ledger/merkle.h"
#include "util/error.h"

typedef struct {
    long long line;             /* 1-based line number in the input */
    const char *error;          /* NULL: a valid record; else the Chinese reason it is rejected */
    const char *reject_key;     /* with error: the record's key when it has one, else "" */
    RecordKeys keys;            /* valid records: strings live in the chunk */
    const char *body;           /* the line as received (BOM and line end removed) */
    size_t body_len;
    const char *event_head;     /* case records: ledger_event_head of the record */
    size_t event_head_len;
    MerkleLeafDraft *draft;     /* case records: SM3 begun over 0x00 || event_head */
} ParsedLine;

typedef struct ParsedChunk ParsedChunk;
typedef struct ImportParser ImportParser;

/* Starts the thread reading `in` (which must stay open until import_parser_finish). */
int import_parser_start(FILE *in, ImportParser **out, ZfError *err);
/* The next chunk in input order and its lines; NULL when the input is exhausted (or failed). */
ParsedChunk *import_parser_next(ImportParser *p, const ParsedLine **lines, size_t *n);
/* Waits up to timeout_ms for a chunk (or the end of the input); true when import_parser_next
 * would not wait. */
bool import_parser_wait(ImportParser *p, long timeout_ms);
/* Gives a chunk back to the parser once its lines are used. */
void import_parser_done(ImportParser *p, ParsedChunk *c);
/* Stops the thread (early if the storing half gave up) and frees everything. *lines = lines read;
 * ZF_ERR when reading the input failed. */
int import_parser_finish(ImportParser *p, long long *lines, ZfError *err);

/* Lines parsed one at a time on the calling thread into one reused chunk, for a caller that makes
 * its lines itself (the Excel intake) or stores one record inside its own transaction (a form
 * entry, a workflow step). The result lives until the next call; NULL when memory ran out. Free
 * with import_line_parser_free. */
ImportParser *import_line_parser_new(void);
const ParsedLine *import_line_parse(ImportParser *p, long long line, const char *text, size_t len);
void import_line_parser_free(ImportParser *p);

#endif
