/* GB/T 2260 administrative regions (province / prefecture / county) as an immutable lookup table.
 * Pure: parses a buffer the caller read; never opens files, never changes a table after parsing. */
#ifndef ZHIFA_DOMAIN_REGIONS_H
#define ZHIFA_DOMAIN_REGIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Regions Regions;

/* Parses "code<TAB>name" lines ('#' comments, blank lines and CRLF allowed) from text[0..len).
 * Returns 0 and a table the caller frees with regions_free, or -1 on a malformed line,
 * a code that is not six digits or a duplicate code (then *out is NULL). */
int regions_parse(const char *text, size_t len, Regions **out);

void regions_free(Regions *r);

/* Name of a known code, or NULL. The string lives as long as the table. */
const char *regions_name(const Regions *r, const char *code);

/* Writes the parent's code into out and returns out; NULL for a province or an unknown code.
 * A county whose prefecture is not in the table (直辖市 districts, 省直辖县 such as 429004)
 * has the province as its parent. */
const char *regions_parent(const Regions *r, const char *code, char out[7]);

/* True if code is known and equals ancestor or lies below it. */
bool regions_is_within(const Regions *r, const char *code, const char *ancestor);

/* Stores up to max direct children of code (NULL or "" = the provinces) into out, in code order,
 * and returns how many there are in total (may exceed max, like snprintf). */
size_t regions_children(const Regions *r, const char *code, const char **out, size_t max);

#endif
