/* See pdf_text.h. */
#include "util/pdf_text.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <poppler.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The child's verdicts, as its exit status (the text itself goes through the pipe). */
#define EXIT_TEXT 0
#define EXIT_DAMAGED 3
#define EXIT_ENCRYPTED 4

/* The wall-clock deadline, as a multiple of the CPU limit: the machine may be loaded, and a child
 * forked from a threaded server could in principle block on a lock another thread held at the
 * fork (it then burns no CPU, so RLIMIT_CPU alone would never end it). */
#define WALL_PER_CPU_SECOND 4

#define UNREADABLE "无法读取该 PDF 的文字：文件可能已损坏，或内容过于复杂"

/* ---- the child ---- */

/* What the process already maps: the address-space limit is on top of it (a server's threads and
 * libraries may map more than the budget itself, and a lower limit would fail at once). */
static size_t mapped_bytes(void)
{
    char buf[64] = {0};
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    return (size_t)strtoull(buf, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE);
}

static void limit(__rlimit_resource_t resource, rlim_t soft, rlim_t hard)
{
    struct rlimit r = {soft, hard};
    if (setrlimit(resource, &r) != 0) _exit(EXIT_DAMAGED);
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) _exit(EXIT_DAMAGED);
        s += w, n -= (size_t)w;
    }
}

static void quiet_stderr(void)
{
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) dup2(null, STDERR_FILENO);
}

/* The child keeps no descriptor of the server's — its database, its sockets, another request's
 * pipe (whose reader would otherwise wait for this child too) — but stdio and its own pipe. */
static void close_others(int keep)
{
    if (keep > 3) close_range(3, (unsigned)keep - 1, 0);
    close_range((unsigned)keep + 1, ~0U, 0);
}

/* Never returns: parses buf and streams each page's text to fd, pages joined by a line feed. */
static void child(int fd, const void *buf, size_t len, size_t as_bytes, unsigned cpu)
{
    limit(RLIMIT_CORE, 0, 0);
    limit(RLIMIT_CPU, cpu, cpu + 1);
    limit(RLIMIT_AS, as_bytes, as_bytes);
    quiet_stderr(); /* poppler reports syntax errors there: the verdict is the exit status */
    close_others(fd);
    GError *ge = NULL;
    GBytes *bytes = g_bytes_new_static(buf, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!doc) _exit(ge && g_error_matches(ge, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED) ? EXIT_ENCRYPTED : EXIT_DAMAGED);
    int pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *text = page ? poppler_page_get_text(page) : NULL;
        if (i > 0) write_all(fd, "\n", 1);
        if (text) write_all(fd, text, strlen(text));
        g_free(text);
        if (page) g_object_unref(page);
    }
    _exit(EXIT_TEXT); /* no atexit handlers: they belong to the server */
}

/* ---- the parent ---- */

typedef struct {
    char *s;
    size_t len, cap, max;
    bool too_large;
} Text;

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static bool append(Text *t, const char *s, size_t n)
{
    if (t->len + n > t->max) {
        t->too_large = true;
        return false;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + n + 1) cap *= 2;
        char *grown = realloc(t->s, cap);
        if (!grown) return false;
        t->s = grown, t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return true;
}

/* Reads the child's text until end of file: false on the deadline, too much text or no memory. */
static bool drain(int fd, Text *t, long long deadline)
{
    char chunk[16384];
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) return false;
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        if (!append(t, chunk, (size_t)n)) return false;
    }
}

static int reap(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return status;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n\f\v", s[i])) return false;
    return true;
}

static int verdict(int status, bool drained, Text *t, ZfError *err)
{
    if (t->too_large) return zf_fail(err, 422, "pdf_too_large", NULL, "PDF 的文字过多，超过文件全文的上限");
    if (drained && WIFEXITED(status) && WEXITSTATUS(status) == EXIT_ENCRYPTED)
        return zf_fail(err, 422, "pdf_encrypted", NULL, "该 PDF 设有打开密码，无法读取其文字：请上传未加密的文件");
    if (!drained || !WIFEXITED(status) || WEXITSTATUS(status) != EXIT_TEXT)
        return zf_fail(err, 422, "pdf_unreadable", NULL, UNREADABLE);
    if (blank(t->s, t->len))
        return zf_fail(err, 422, "pdf_no_text", NULL, "该 PDF 没有文字层（可能是扫描件），无法读取其文字：请上传含文字的 PDF 或 Word 文件");
    return ZF_OK;
}

int pdf_text(const void *buf, size_t len, size_t max_text, const PdfTextLimits *limits, char **out, size_t *out_len,
             ZfError *err)
{
    int fds[2];
    *out = NULL, *out_len = 0;
    size_t as_bytes = mapped_bytes() + limits->memory_bytes;
    if (pipe2(fds, O_CLOEXEC) != 0) return zf_fail(err, 500, "pdf_child", NULL, "无法启动 PDF 文字提取");
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], buf, len, as_bytes, limits->cpu_seconds);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return zf_fail(err, 500, "pdf_child", NULL, "无法启动 PDF 文字提取");
    }
    Text t = {.max = max_text};
    bool drained = drain(fds[0], &t, now_ms() + (long long)limits->cpu_seconds * WALL_PER_CPU_SECOND * 1000);
    close(fds[0]);
    if (!drained) kill(pid, SIGKILL);
    int rc = verdict(reap(pid), drained, &t, err);
    if (rc != ZF_OK) {
        free(t.s);
        return rc;
    }
    *out = t.s ? t.s : strdup("");
    *out_len = t.len;
    return ZF_OK;
}
