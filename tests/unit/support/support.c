/* Test-only helpers: reading shipped data files. Tests may do I/O; the domain may not. */
#include "test_support.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/datadir.h"

const char *test_data_dir(void)
{
    const char *env = getenv("ZHIFA_DATA");
    return env && *env ? env : "data";
}

zf_day D(const char *ymd)
{
    zf_day d;
    if (!date_parse(ymd, &d)) {
        fprintf(stderr, "bad date literal in test: %s\n", ymd);
        abort();
    }
    return d;
}

Calendar *test_calendar(void)
{
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/holidays", test_data_dir());
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        abort();
    }
    Calendar *cal = calendar_new();
    struct dirent *e;
    while ((e = readdir(d))) {
        char *text;
        size_t len;
        if (!strstr(e->d_name, ".json")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (file_read_all(path, &text, &len) != 0 || calendar_load_json(cal, text, len) != 0) {
            fprintf(stderr, "cannot load %s\n", path);
            abort();
        }
        free(text);
    }
    closedir(d);
    return cal;
}
