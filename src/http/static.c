/* Static files of the built console. Never serves outside root: ".." segments and non-regular
 * files are refused. Hashed assets are cached for a year; index.html is always revalidated. */
#include "http/static.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/response.h"

static const struct {
    const char *ext;
    const char *type;
} mime_types[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},             {".png", "image/png"},
    {".jpg", "image/jpeg"},                {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},              {".woff", "font/woff"},
    {".ttf", "font/ttf"},                  {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
};

static const char *mime_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof mime_types / sizeof mime_types[0]; i++)
        if (strcmp(dot, mime_types[i].ext) == 0) return mime_types[i].type;
    return "application/octet-stream";
}

static bool safe_path(const char *p)
{
    if (p[0] != '/' || strstr(p, "/..") || strstr(p, "//") || strchr(p, '\\')) return false;
    return true;
}

static int open_regular(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

static int reply_file(HttpRequest *req, int fd, const struct stat *st, const char *name, bool immutable)
{
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st->st_size, fd);
    MHD_add_response_header(resp, "Content-Type", mime_of(name));
    MHD_add_response_header(resp, "Cache-Control",
                            immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return http_queue(req, 200, resp);
}

int static_serve(HttpRequest *req, const char *root)
{
    char path[4096];
    struct stat st;
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return http_reply_error(req, 405, "method_not_allowed", NULL, "不支持的请求方法");
    if (!safe_path(req->path)) return http_reply_error(req, 400, "bad_path", NULL, "非法的路径");
    int fd = -1;
    bool is_dir_root = strcmp(req->path, "/") == 0;
    if (!is_dir_root && snprintf(path, sizeof path, "%s%s", root, req->path) < (int)sizeof path)
        fd = open_regular(path, &st);
    if (fd >= 0) return reply_file(req, fd, &st, path, strncmp(req->path, "/assets/", 8) == 0);
    const char *last = strrchr(req->path, '/');
    if (strchr(last, '.')) return http_reply_error(req, 404, "not_found", NULL, "文件不存在");
    /* SPA fallback: the router in the browser owns every other path. */
    snprintf(path, sizeof path, "%s/index.html", root);
    fd = open_regular(path, &st);
    if (fd >= 0) return reply_file(req, fd, &st, path, false);
    return http_reply_error(req, 503, "console_not_built", NULL,
                            "网页控制台尚未构建（缺少 web/dist），请运行 make build");
}
