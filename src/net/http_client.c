/* libcurl behind net/http_client.h. curl_global_init is not thread-safe: once, under pthread_once. */
#include "net/http_client.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define REPLY_MAX (64u << 20) /* an answer larger than this is not a sync reply */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static size_t collect(char *data, size_t size, size_t n, void *ctx)
{
    NetReply *r = ctx;
    size_t len = size * n;
    if (r->body_len + len > REPLY_MAX) return 0;
    char *grown = realloc(r->body, r->body_len + len + 1);
    if (!grown) return 0;
    memcpy(grown + r->body_len, data, len);
    r->body = grown;
    r->body_len += len;
    r->body[r->body_len] = '\0';
    return len;
}

static struct curl_slist *header_list(const char *const *headers)
{
    struct curl_slist *list = NULL;
    for (size_t i = 0; headers && headers[i]; i++) {
        struct curl_slist *next = curl_slist_append(list, headers[i]);
        if (!next) return curl_slist_free_all(list), NULL;
        list = next;
    }
    return curl_slist_append(list, "Expect:"); /* no 100-continue round trip */
}

int net_http_request(const char *method, const char *url, const char *const *headers, const void *body,
                     size_t body_len, long timeout_s, NetReply *out, ZfError *err)
{
    pthread_once(&curl_once, curl_init);
    memset(out, 0, sizeof *out);
    CURL *c = curl_easy_init();
    struct curl_slist *list = c ? header_list(headers) : NULL;
    if (!c || !list) {
        curl_easy_cleanup(c);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    curl_slist_free_all(list);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK) return ZF_OK;
    net_reply_free(out);
    return zf_fail(err, 503, "upper_unreachable", NULL, "无法连接上级节点 %s：%s", url, curl_easy_strerror(rc));
}

void net_reply_free(NetReply *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}
