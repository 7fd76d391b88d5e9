/* Working days from official holiday/调休 lists; date periods per spec/rules.md §1.
 * Pure: never reads files or the clock. Entries kept sorted for binary search. */
#include "domain/calendar.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    zf_day day;
    bool off;
} CalendarEntry;

struct Calendar {
    CalendarEntry *entries;
    size_t count, cap;
};

Calendar *calendar_new(void) { return calloc(1, sizeof(Calendar)); }

void calendar_free(Calendar *cal)
{
    if (!cal) return;
    free(cal->entries);
    free(cal);
}

size_t calendar_entry_count(const Calendar *cal) { return cal->count; }

/* Index of the first entry with day >= d. */
static size_t lower_bound(const Calendar *cal, zf_day d)
{
    size_t lo = 0, hi = cal->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->entries[mid].day < d) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int calendar_set(Calendar *cal, zf_day day, bool off)
{
    size_t i = lower_bound(cal, day);
    if (i < cal->count && cal->entries[i].day == day) {
        cal->entries[i].off = off;
        return 0;
    }
    if (cal->count == cal->cap) {
        size_t cap = cal->cap ? cal->cap * 2 : 64;
        CalendarEntry *grown = realloc(cal->entries, cap * sizeof *grown);
        if (!grown) return -1;
        cal->entries = grown;
        cal->cap = cap;
    }
    memmove(cal->entries + i + 1, cal->entries + i, (cal->count - i) * sizeof *cal->entries);
    cal->entries[i] = (CalendarEntry){day, off};
    cal->count++;
    return 0;
}

static int load_day(Calendar *cal, json_t *item)
{
    json_t *date = json_object_get(item, "date");
    json_t *off = json_object_get(item, "isOffDay");
    zf_day d;
    if (!json_is_string(date) || !json_is_boolean(off)) return -1;
    if (!date_parse(json_string_value(date), &d)) return -1;
    return calendar_set(cal, d, json_is_true(off));
}

int calendar_load_json(Calendar *cal, const char *text, size_t len)
{
    json_t *root = json_loadb(text, len, 0, NULL);
    json_t *days = json_object_get(root, "days");
    int rc = json_is_array(days) ? 0 : -1;
    size_t i;
    json_t *item;
    json_array_foreach(days, i, item) {
        if (rc == 0) rc = load_day(cal, item);
    }
    json_decref(root);
    return rc;
}

bool calendar_is_workday(const Calendar *cal, zf_day d)
{
    size_t i = lower_bound(cal, d);
    if (i < cal->count && cal->entries[i].day == d) return !cal->entries[i].off;
    return date_weekday(d) < 5;
}

zf_day roll_forward(const Calendar *cal, zf_day d)
{
    while (!calendar_is_workday(cal, d)) d++;
    return d;
}

zf_day add_wd(const Calendar *cal, zf_day d, int n)
{
    while (n > 0) {
        d++;
        if (calendar_is_workday(cal, d)) n--;
    }
    return d;
}

zf_day add_nd(const Calendar *cal, zf_day d, int n) { return roll_forward(cal, d + n); }

zf_day add_months(zf_day d, int m)
{
    int y, mo, day;
    date_to_ymd(d, &y, &mo, &day);
    int total = y * 12 + (mo - 1) + m;
    int ny = total / 12, nm = total % 12 + 1;
    int last = date_days_in_month(ny, nm);
    return date_from_ymd(ny, nm, day > last ? last : day);
}

zf_day add_months_deadline(const Calendar *cal, zf_day d, int m)
{
    return roll_forward(cal, add_months(d, m));
}

zf_day add_years(zf_day d, int y) { return add_months(d, 12 * y); }
