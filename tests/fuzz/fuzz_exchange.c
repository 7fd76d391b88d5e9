/* One input = one exchange-v1 JSON line, taken through the path `zhifa import` takes for a line:
 * the reader's line end and BOM handling, then import_line_parse (jansson with duplicate keys
 * rejected, exchange_validate, keys and the ledger event head copied out).
 * Invariants: a line is either rejected with a reason or accepted with its body and key; an
 * accepted line, parsed again, is accepted with the same keys, and so is the same record
 * serialised again by jansson; a rejected one is rejected again for the same reason. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "app/import_parse.h"

static ImportParser *parser;

static bool same_str(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

static void assert_same_keys(const RecordKeys *a, const RecordKeys *b)
{
    FUZZ_CHECK(a->type == b->type);
    FUZZ_CHECK(same_str(a->key, b->key));
    FUZZ_CHECK(same_str(a->key2, b->key2));
    for (int i = 0; i < 6; i++) FUZZ_CHECK(same_str(a->cols[i], b->cols[i]));
}

/* What import_parse.c's reader does to a line before parsing it (getline, trim_end, BOM). */
static size_t line_of(const char *data, size_t size, size_t *skip)
{
    const char *nl = memchr(data, '\n', size);
    size_t len = nl ? (size_t)(nl - data) : size;
    while (len && (data[len - 1] == '\r' || data[len - 1] == ' ' || data[len - 1] == '\t')) len--;
    *skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!parser) FUZZ_CHECK((parser = import_line_parser_new()) != NULL);
    size_t skip, len = line_of((const char *)data, size, &skip);
    if (len == skip) return 0; /* a blank line: the reader skips it */
    char *text = malloc(len - skip);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data + skip, len - skip);
    len -= skip;

    const ParsedLine *pl = import_line_parse(parser, 7, text, len);
    FUZZ_CHECK(pl != NULL);
    FUZZ_CHECK(pl->line == 7);
    if (pl->error) {
        FUZZ_CHECK(pl->reject_key != NULL && pl->error[0] != '\0');
        char *why = strdup(pl->error);
        FUZZ_CHECK(why != NULL);
        pl = import_line_parse(parser, 7, text, len);
        FUZZ_CHECK(pl != NULL && pl->error != NULL && strcmp(pl->error, why) == 0);
        free(why);
        free(text);
        return 0;
    }
    FUZZ_CHECK(pl->keys.key != NULL && pl->reject_key != NULL);
    FUZZ_CHECK(pl->body_len == len && memcmp(pl->body, text, len) == 0);
    FUZZ_CHECK((pl->keys.type == REC_CASE) == (pl->event_head != NULL && pl->draft != NULL));

    /* the parse result lives until the next call: keep what is compared */
    json_t *rec = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    FUZZ_CHECK(rec != NULL);
    RecordKeys first = pl->keys;
    char *kept[9] = {0};
    kept[0] = first.key ? strdup(first.key) : NULL, first.key = kept[0];
    kept[1] = first.key2 ? strdup(first.key2) : NULL, first.key2 = kept[1];
    for (int i = 0; i < 6; i++) kept[2 + i] = first.cols[i] ? strdup(first.cols[i]) : NULL, first.cols[i] = kept[2 + i];

    /* the same line again */
    pl = import_line_parse(parser, 8, text, len);
    FUZZ_CHECK(pl != NULL && pl->error == NULL);
    assert_same_keys(&first, &pl->keys);

    /* the same record written out again (as the Excel intake and `zhifa export` write lines) */
    char *again = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    FUZZ_CHECK(again != NULL);
    pl = import_line_parse(parser, 9, again, strlen(again));
    FUZZ_CHECK(pl != NULL);
    if (pl->error) fprintf(stderr, "re-serialised record rejected: %s\n%s\n", pl->error, again);
    FUZZ_CHECK(pl->error == NULL);
    assert_same_keys(&first, &pl->keys);

    free(again);
    for (int i = 0; i < 9; i++) free(kept[i]);
    json_decref(rec);
    free(text);
    return 0;
}
