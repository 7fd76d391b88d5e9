/* Data directory discovery. Configuration state set once at start-up, read afterwards. */
#include "util/datadir.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char data_dir[PATH_MAX];
static char root_dir[PATH_MAX];

static int is_data_dir(const char *dir)
{
    char probe[PATH_MAX * 2 + 32];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/holidays", dir);
    return stat(probe, &st) == 0 && S_ISDIR(st.st_mode);
}

static void set_found(const char *dir)
{
    char *real = realpath(dir, NULL);
    snprintf(data_dir, sizeof data_dir, "%s", real ? real : dir);
    free(real);
    snprintf(root_dir, sizeof root_dir, "%s", data_dir);
    char *slash = strrchr(root_dir, '/');
    if (slash && slash != root_dir) *slash = '\0';
}

void datadir_set(const char *dir)
{
    data_dir[0] = '\0';
    if (dir) set_found(dir);
}

static int search_beside_exe(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = '\0';
    char *dir = dirname(exe);
    static const char *const rel[] = {"data", "../data", "../share/zhifa/data"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char cand[PATH_MAX * 2];
        snprintf(cand, sizeof cand, "%s/%s", dir, rel[i]);
        if (is_data_dir(cand)) {
            set_found(cand);
            return 0;
        }
    }
    return -1;
}

const char *datadir_get(void)
{
    if (data_dir[0]) return data_dir;
    const char *env = getenv("ZHIFA_DATA");
    if (env && is_data_dir(env)) {
        set_found(env);
        return data_dir;
    }
    return search_beside_exe() == 0 ? data_dir : NULL;
}

const char *datadir_root(void) { return datadir_get() ? root_dir : NULL; }

int file_read_all(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1) break;
        char *grown = realloc(buf, cap *= 2);
        if (!grown) free(buf);
        buf = grown;
    }
    int failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = errno ? errno : ENOMEM;
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    if (len) *len = n;
    return 0;
}
