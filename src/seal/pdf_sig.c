/* See pdf_sig.h. The writer trusts its input (a PDF the program just rendered) only as far as
 * it must, and checks every offset it reads; the finder trusts nothing. */
#include "seal/pdf_sig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANGE_PLACEHOLDER "[0 0000000000 0000000000 0000000000]"

/* ---- byte helpers, all bounded by [from, to) ---- */

static bool is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

static bool is_delim(unsigned char c)
{
    return is_space(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '/' || c == '%';
}

static long rfind(const unsigned char *b, size_t from, size_t to, const char *needle)
{
    size_t n = strlen(needle);
    if (to < from || to - from < n) return -1;
    for (size_t i = to - n + 1; i-- > from;)
        if (memcmp(b + i, needle, n) == 0) return (long)i;
    return -1;
}

static long find(const unsigned char *b, size_t from, size_t to, const char *needle)
{
    size_t n = strlen(needle);
    if (to < from || to - from < n) return -1;
    const unsigned char *p = memmem(b + from, to - from, needle, n);
    return p ? (long)(p - b) : -1;
}

static size_t skip_space(const unsigned char *b, size_t i, size_t to)
{
    while (i < to && is_space(b[i])) i++;
    return i;
}

/* An unsigned decimal of at most 15 digits at b[*i]; advances *i. */
static bool read_uint(const unsigned char *b, size_t *i, size_t to, unsigned long long *v)
{
    size_t j = *i, digits = 0;
    *v = 0;
    while (j < to && b[j] >= '0' && b[j] <= '9' && digits < 16) *v = *v * 10 + (unsigned)(b[j++] - '0'), digits++;
    if (digits == 0 || digits > 15) return false;
    *i = j;
    return true;
}

/* The value of key (followed by a delimiter) in [from, to): the index after the key and its
 * white space, or -1. */
static long key_value(const unsigned char *b, size_t from, size_t to, const char *key)
{
    size_t n = strlen(key);
    for (long at = find(b, from, to, key); at >= 0; at = find(b, (size_t)at + 1, to, key)) {
        size_t after = (size_t)at + n;
        if (after < to && is_delim(b[after])) return (long)skip_space(b, after, to);
    }
    return -1;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A hex string <...> at b[*i] into out (at most cap bytes); *i ends after the '>'. */
static bool read_hex(const unsigned char *b, size_t *i, size_t to, unsigned char *out, size_t cap, size_t *len)
{
    size_t j = *i, n = 0;
    int hi = -1;
    if (j >= to || b[j] != '<') return false;
    for (j++; j < to && b[j] != '>'; j++) {
        if (is_space(b[j])) continue;
        int v = hexval(b[j]);
        if (v < 0) return false;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n >= cap) return false;
        out[n++] = (unsigned char)(hi << 4 | v);
        hi = -1;
    }
    if (j >= to || hi >= 0) return false;
    *i = j + 1;
    *len = n;
    return true;
}

/* A literal string (...) of printable ASCII without escapes or parentheses into out. */
static bool read_text(const unsigned char *b, size_t i, size_t to, char out[PDF_SIG_TEXT_MAX + 1])
{
    size_t n = 0;
    if (i >= to || b[i] != '(') return false;
    for (i++; i < to && b[i] != ')'; i++) {
        if (b[i] < 0x20 || b[i] > 0x7e || b[i] == '\\' || b[i] == '(' || n >= PDF_SIG_TEXT_MAX) return false;
        out[n++] = (char)b[i];
    }
    out[n] = '\0';
    return i < to;
}

/* ---- the finder ---- */

static bool read_range(const unsigned char *b, size_t i, size_t to, unsigned long long r[4])
{
    if (i >= to || b[i] != '[') return false;
    i++;
    for (int k = 0; k < 4; k++) {
        i = skip_space(b, i, to);
        if (!read_uint(b, &i, to, &r[k])) return false;
    }
    i = skip_space(b, i, to);
    return i < to && b[i] == ']';
}

PdfSigFind pdf_sig_find(const unsigned char *pdf, size_t len, PdfSig *out)
{
    memset(out, 0, sizeof *out);
    long br = rfind(pdf, 0, len, "/ByteRange");
    if (br < 0) return PDF_SIG_ABSENT;
    size_t lo = (size_t)br > PDF_SIG_WINDOW ? (size_t)br - PDF_SIG_WINDOW : 0;
    size_t hi = len - (size_t)br > PDF_SIG_WINDOW ? (size_t)br + PDF_SIG_WINDOW : len;
    long start = rfind(pdf, lo, (size_t)br, " obj"), end = find(pdf, (size_t)br, hi, "endobj");
    size_t from = start >= 0 ? (size_t)start : lo, to = end >= 0 ? (size_t)end : hi;
    long sub = key_value(pdf, from, to, "/SubFilter");
    size_t sn = strlen(PDF_SIG_SUBFILTER);
    if (sub < 0 || (size_t)sub + 1 + sn > to || pdf[sub] != '/' || memcmp(pdf + sub + 1, PDF_SIG_SUBFILTER, sn) != 0 ||
        ((size_t)sub + 1 + sn < to && !is_delim(pdf[sub + 1 + (long)sn])))
        return PDF_SIG_ABSENT;
    long r = key_value(pdf, from, to, "/ByteRange"), c = key_value(pdf, from, to, "/Contents"),
         cert = key_value(pdf, from, to, "/Cert"), m = key_value(pdf, from, to, "/M"),
         doc = key_value(pdf, from, to, "/ZhifaDocument");
    if (r < 0 || c < 0 || cert < 0 || m < 0 || doc < 0) return PDF_SIG_MALFORMED;
    if (!read_range(pdf, (size_t)r, to, out->range)) return PDF_SIG_MALFORMED;
    size_t i = (size_t)c;
    if (!read_hex(pdf, &i, to, out->contents, sizeof out->contents, &out->contents_len)) return PDF_SIG_MALFORMED;
    out->contents_in_gap = out->range[1] == (unsigned long long)c && out->range[2] == i;
    i = (size_t)cert;
    if (!read_hex(pdf, &i, to, out->cert, sizeof out->cert, &out->cert_len)) return PDF_SIG_MALFORMED;
    if (!read_text(pdf, (size_t)m, to, out->time) || !read_text(pdf, (size_t)doc, to, out->document))
        return PDF_SIG_MALFORMED;
    return PDF_SIG_FOUND;
}

/* ---- the writer ---- */

typedef struct {
    unsigned long long size, root, root_gen, info, info_gen, prev;
    bool has_info;
} Trailer;

static bool trailer_number(const unsigned char *b, size_t from, size_t to, const char *key, unsigned long long *v,
                           unsigned long long *gen)
{
    long at = key_value(b, from, to, key);
    size_t i = at >= 0 ? (size_t)at : to;
    if (!read_uint(b, &i, to, v)) return false;
    if (!gen) return true;
    i = skip_space(b, i, to);
    return read_uint(b, &i, to, gen);
}

static int read_trailer(const unsigned char *pdf, size_t len, Trailer *t, ZfError *err)
{
    long sx = rfind(pdf, 0, len, "startxref");
    size_t i = sx >= 0 ? skip_space(pdf, (size_t)sx + 9, len) : len;
    if (sx < 0 || !read_uint(pdf, &i, len, &t->prev) || t->prev >= len)
        return zf_fail(err, 422, "pdf_invalid", NULL, "PDF 文件结构不完整（缺少 startxref）");
    if (len - t->prev < 4 || memcmp(pdf + t->prev, "xref", 4) != 0)
        return zf_fail(err, 422, "pdf_unsupported", NULL, "不支持使用交叉引用流的 PDF");
    long tr = rfind(pdf, (size_t)t->prev, (size_t)sx, "trailer");
    if (tr < 0) return zf_fail(err, 422, "pdf_invalid", NULL, "PDF 文件缺少 trailer");
    if (!trailer_number(pdf, (size_t)tr, (size_t)sx, "/Size", &t->size, NULL) ||
        !trailer_number(pdf, (size_t)tr, (size_t)sx, "/Root", &t->root, &t->root_gen))
        return zf_fail(err, 422, "pdf_invalid", NULL, "PDF 的 trailer 缺少 /Size 或 /Root");
    t->has_info = trailer_number(pdf, (size_t)tr, (size_t)sx, "/Info", &t->info, &t->info_gen);
    return ZF_OK;
}

/* The catalog's dictionary body, between its outer << and >>, from its last definition. */
static int catalog_body(const unsigned char *pdf, size_t len, const Trailer *t, size_t *from, size_t *to, ZfError *err)
{
    char head[64];
    snprintf(head, sizeof head, "%llu %llu obj", t->root, t->root_gen);
    long at = -1;
    for (long p = rfind(pdf, 0, len, head); p >= 0; p = p > 0 ? rfind(pdf, 0, (size_t)p + strlen(head) - 1, head) : -1)
        if (p == 0 || is_space(pdf[p - 1])) {
            at = p;
            break;
        }
    long open = at >= 0 ? find(pdf, (size_t)at, len, "<<") : -1;
    if (open < 0) return zf_fail(err, 422, "pdf_invalid", NULL, "找不到 PDF 的目录对象");
    int depth = 0;
    for (size_t i = (size_t)open; i + 1 < len; i++) {
        if (pdf[i] == '<' && pdf[i + 1] == '<') depth++, i++;
        else if (pdf[i] == '>' && pdf[i + 1] == '>') {
            if (--depth == 0) {
                *from = (size_t)open + 2, *to = i;
                if (find(pdf, *from, *to, "/AcroForm") >= 0)
                    return zf_fail(err, 409, "pdf_has_form", NULL, "该 PDF 已含表单或签名，不能再加盖电子印章");
                return ZF_OK;
            }
            i++;
        } else if (len - i >= 6 && memcmp(pdf + i, "endobj", 6) == 0) {
            break;
        }
    }
    return zf_fail(err, 422, "pdf_invalid", NULL, "PDF 的目录对象不完整");
}

static void put_hex(FILE *f, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) fprintf(f, "%02X", b[i]);
}

int pdf_sig_prepare(const unsigned char *pdf, size_t len, const PdfSigFields *f, unsigned char **out,
                    size_t *out_len, size_t *contents_at, ZfError *err)
{
    Trailer t = {0};
    size_t cat_from = 0, cat_to = 0;
    if (read_trailer(pdf, len, &t, err) != ZF_OK || catalog_body(pdf, len, &t, &cat_from, &cat_to, err) != ZF_OK)
        return ZF_ERR;
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (!m) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    unsigned long long sig = t.size, widget = t.size + 1;
    fwrite(pdf, 1, len, m);
    if (len && pdf[len - 1] != '\n') fputc('\n', m);
    /* The catalog's copied body goes before the signature dictionary: it is the input's bytes
     * and may hold a "/ByteRange" of its own, and the finder takes the last one in the file. */
    long cat_at = ftell(m);
    fprintf(m, "%llu %llu obj\n<<", t.root, t.root_gen);
    fwrite(pdf + cat_from, 1, cat_to - cat_from, m);
    fprintf(m, " /AcroForm << /Fields [%llu 0 R] /SigFlags 3 >> >>\nendobj\n", widget);
    long sig_at = ftell(m);
    fprintf(m, "%llu 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /%s /M (%s) /ZhifaDocument (%s)\n/Cert <",
            sig, PDF_SIG_SUBFILTER, f->time, f->document);
    put_hex(m, f->cert_der, f->cert_len);
    fputs(">\n/ByteRange ", m);
    long range_at = ftell(m);
    fprintf(m, RANGE_PLACEHOLDER " /Contents ");
    long hex_at = ftell(m);
    fputc('<', m);
    for (int i = 0; i < 2 * PDF_SIG_CONTENTS_MAX; i++) fputc('0', m);
    fputs(">\n>>\nendobj\n", m);
    long widget_at = ftell(m);
    fprintf(m, "%llu 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (zhifa-seal) /V %llu 0 R /Rect [0 0 0 0] /F 132 >>\nendobj\n",
            widget, sig);
    long xref_at = ftell(m);
    fprintf(m, "xref\n%llu 1\n%010ld %05llu n \n%llu 2\n%010ld 00000 n \n%010ld 00000 n \n", t.root, cat_at, t.root_gen, sig,
            sig_at, widget_at);
    fprintf(m, "trailer\n<< /Size %llu /Root %llu %llu R", t.size + 2, t.root, t.root_gen);
    if (t.has_info) fprintf(m, " /Info %llu %llu R", t.info, t.info_gen);
    fprintf(m, " /Prev %llu >>\nstartxref\n%ld\n%%%%EOF\n", t.prev, xref_at);
    if (fclose(m) != 0 || !buf) {
        free(buf);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    size_t gap_end = (size_t)hex_at + 2 + 2 * PDF_SIG_CONTENTS_MAX;
    char range[sizeof RANGE_PLACEHOLDER];
    snprintf(range, sizeof range, "[0 %-10ld %-10zu %-10zu]", hex_at, gap_end, n - gap_end);
    memcpy(buf + range_at, range, strlen(range));
    *out = (unsigned char *)buf, *out_len = n, *contents_at = (size_t)hex_at;
    return ZF_OK;
}

void pdf_sig_fill(unsigned char *pdf, size_t contents_at, const unsigned char *contents, size_t len)
{
    static const char digits[] = "0123456789ABCDEF";
    unsigned char *p = pdf + contents_at + 1;
    for (size_t i = 0; i < PDF_SIG_CONTENTS_MAX; i++) {
        p[2 * i] = i < len ? (unsigned char)digits[contents[i] >> 4] : ' ';
        p[2 * i + 1] = i < len ? (unsigned char)digits[contents[i] & 15] : ' ';
    }
}
