/* Reads .xlsx cells with libzip and Expat. Every part is streamed through the parser in chunks,
 * and the bytes inflated are counted against XLSX_MAX_UNCOMPRESSED whatever the archive claims,
 * so a zip bomb stops at the cap instead of filling memory. A cell referring to a shared string
 * borrows it (never a copy per cell) and its length counts against XLSX_MAX_TEXT, so a few bytes
 * of XML repeating one long string cannot multiply it either. */
#include "util/xlsx_read.h"

#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/date.h"

#define CHUNK 65536
#define LEGACY_MESSAGE "这是旧版 .xls 文件或设置了密码的 Excel 文件，无法读取：请在 Excel 中取消密码，另存为“Excel 工作簿 (*.xlsx)”后再上传"

typedef struct {
    char *name;
    char *path; /* part name inside the archive */
} Sheet;

typedef struct {
    char *s;
    size_t len;
} SharedString;

struct XlsxBook {
    zip_source_t *src;
    zip_t *za;
    size_t inflated; /* bytes read from every part so far */
    bool date1904;
    Sheet *sheets;
    int nsheets;
    SharedString *shared;
    size_t nshared, shared_cap;
    size_t produced; /* cell text handed out so far (xlsx_text_produced) */
};

/* ---- growable text ---- */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static bool buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *grown = realloc(b->s, cap);
        if (!grown) return false;
        b->s = grown, b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return true;
}

static void buf_reset(Buf *b)
{
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

static const char *buf_text(const Buf *b) { return b->s ? b->s : ""; }

/* Appends s with its NUL, so the buffer holds one string after another. */
static bool buf_add_string(Buf *b, const char *s, size_t n)
{
    if (!buf_add(b, s, n)) return false;
    b->len++;
    return true;
}

/* ---- shared parser plumbing ---- */
typedef struct {
    XML_Parser parser;
    ZfError *err;
    const char *part;
    bool failed;  /* err filled */
    bool stopped; /* the row callback asked to stop */
} Parse;

/* Namespaced names come as "uri|local": compare the local part only (transitional and strict
 * OOXML differ in namespace URIs, not in local names). */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0) return atts[i + 1];
    return NULL;
}

static void parse_fail(Parse *p, int status, const char *code, const char *message)
{
    if (!p->failed) zf_fail(p->err, status, code, NULL, "%s", message);
    p->failed = true;
    XML_StopParser(p->parser, XML_FALSE);
}

/* A workbook has no DTD; one here could only be an entity-expansion attack. */
static void on_doctype(void *ctx, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    parse_fail(ctx, 400, "xlsx_malformed", "Excel 文件内容损坏：含有不允许的 DTD 声明");
}

static XML_Parser parser_new(void *ctx, XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p) return NULL;
    XML_SetUserData(p, ctx);
    XML_SetElementHandler(p, start, end);
    if (text) XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    return p;
}

static int too_large(ZfError *err)
{
    return zf_fail(err, 422, "xlsx_too_large", NULL,
                   "Excel 文件解压后超过 %u MiB 上限（可能是异常的压缩文件），请拆分后分批上传", XLSX_MAX_UNCOMPRESSED >> 20);
}

/* Streams one part through pp->parser. A missing part is an error only when required. */
static int parse_part(XlsxBook *b, const char *name, Parse *pp, bool required)
{
    zip_int64_t idx = zip_name_locate(b->za, name, 0);
    if (idx < 0) {
        if (!required) return ZF_OK;
        return zf_fail(pp->err, 400, "xlsx_malformed", NULL, "Excel 文件不完整：缺少 %s", name);
    }
    zip_file_t *zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
    if (!zf) return zf_fail(pp->err, 400, "xlsx_malformed", NULL, "Excel 文件损坏：无法解压 %s", name);
    char *chunk = malloc(CHUNK);
    int rc = chunk ? ZF_OK : zf_fail(pp->err, 500, "out_of_memory", NULL, "内存不足");
    pp->part = name;
    while (rc == ZF_OK) {
        zip_int64_t n = zip_fread(zf, chunk, CHUNK);
        if (n < 0) {
            rc = zf_fail(pp->err, 400, "xlsx_malformed", NULL, "Excel 文件损坏：无法解压 %s", name);
            break;
        }
        b->inflated += (size_t)n;
        if (b->inflated > XLSX_MAX_UNCOMPRESSED) {
            rc = too_large(pp->err);
            break;
        }
        if (XML_Parse(pp->parser, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (pp->stopped) break;
            if (!pp->failed)
                zf_fail(pp->err, 400, "xlsx_malformed", NULL, "Excel 文件内容损坏：%s 第 %lu 行 XML 格式错误（%s）", name,
                        (unsigned long)XML_GetCurrentLineNumber(pp->parser), XML_ErrorString(XML_GetErrorCode(pp->parser)));
            rc = ZF_ERR;
            break;
        }
        if (n == 0) break;
    }
    free(chunk);
    zip_fclose(zf);
    return rc;
}

/* ---- workbook.xml and its relationships ---- */
typedef struct {
    Parse p;
    XlsxBook *b;
    char **rids; /* per sheet, until resolved */
} WorkbookParse;

static char *dup_or_fail(Parse *p, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) parse_fail(p, 500, "out_of_memory", "内存不足");
    return d;
}

static void workbook_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    WorkbookParse *w = ctx;
    const char *el = local(name);
    if (strcmp(el, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        w->b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(el, "sheet") == 0) {
        XlsxBook *b = w->b;
        if (b->nsheets >= XLSX_MAX_ENTRIES) return parse_fail(&w->p, 400, "xlsx_malformed", "Excel 文件工作表过多");
        Sheet *grown = realloc(b->sheets, sizeof *grown * (size_t)(b->nsheets + 1));
        char **rids = realloc(w->rids, sizeof *rids * (size_t)(b->nsheets + 1));
        if (grown) b->sheets = grown;
        if (rids) w->rids = rids;
        if (!grown || !rids) return parse_fail(&w->p, 500, "out_of_memory", "内存不足");
        b->sheets[b->nsheets] = (Sheet){dup_or_fail(&w->p, attr(atts, "name")), NULL};
        w->rids[b->nsheets++] = dup_or_fail(&w->p, attr(atts, "id"));
    }
}

static void ignore_end(void *ctx, const XML_Char *name) { (void)ctx, (void)name; }

typedef struct {
    Parse p;
    WorkbookParse *w;
    char *shared_path;
} RelsParse;

/* Relationship targets are relative to xl/ unless absolute. */
static char *part_path(Parse *p, const char *target)
{
    char path[512];
    if (target[0] == '/') snprintf(path, sizeof path, "%s", target + 1);
    else snprintf(path, sizeof path, "xl/%s", target);
    return dup_or_fail(p, path);
}

static void rels_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    RelsParse *r = ctx;
    if (strcmp(local(name), "Relationship") != 0) return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target"), *type = attr(atts, "Type");
    if (!id || !target) return;
    size_t tl = type ? strlen(type) : 0;
    if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0 && !r->shared_path) {
        r->shared_path = part_path(&r->p, target);
        return;
    }
    XlsxBook *b = r->w->b;
    for (int i = 0; i < b->nsheets; i++)
        if (!b->sheets[i].path && r->w->rids[i] && strcmp(r->w->rids[i], id) == 0)
            b->sheets[i].path = part_path(&r->p, target);
}

/* ---- sharedStrings.xml ---- */
typedef struct {
    Parse p;
    XlsxBook *b;
    Buf text;
    bool in_si, in_t;
    int phonetic; /* depth inside <rPh>: furigana runs are not part of the value */
} SharedParse;

static void shared_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    SharedParse *s = ctx;
    const char *el = local(name);
    if (strcmp(el, "si") == 0) s->in_si = true, buf_reset(&s->text);
    else if (strcmp(el, "rPh") == 0) s->phonetic++;
    else if (strcmp(el, "t") == 0 && s->in_si && !s->phonetic) s->in_t = true;
}

static void shared_end(void *ctx, const XML_Char *name)
{
    SharedParse *s = ctx;
    const char *el = local(name);
    if (strcmp(el, "t") == 0) s->in_t = false;
    else if (strcmp(el, "rPh") == 0) s->phonetic--;
    else if (strcmp(el, "si") == 0) {
        XlsxBook *b = s->b;
        s->in_si = false;
        if (b->nshared == b->shared_cap) {
            size_t cap = b->shared_cap ? b->shared_cap * 2 : 256;
            SharedString *grown = realloc(b->shared, cap * sizeof *grown);
            if (!grown) return parse_fail(&s->p, 500, "out_of_memory", "内存不足");
            b->shared = grown, b->shared_cap = cap;
        }
        char *copy = dup_or_fail(&s->p, buf_text(&s->text));
        if (copy) b->shared[b->nshared++] = (SharedString){copy, s->text.len};
    }
}

static void text_too_long(Parse *p) { parse_fail(p, 400, "xlsx_cell_too_long", "Excel 单元格内容超过 32767 个字符"); }

static void shared_text(void *ctx, const XML_Char *s, int len)
{
    SharedParse *sp = ctx;
    if (!sp->in_t) return;
    if (sp->text.len + (size_t)len > XLSX_MAX_CELL) return text_too_long(&sp->p);
    if (!buf_add(&sp->text, s, (size_t)len)) parse_fail(&sp->p, 500, "out_of_memory", "内存不足");
}

/* ---- open ---- */
bool xlsx_looks_like_workbook(const void *buf, size_t len)
{
    static const unsigned char zip_magic[4] = {'P', 'K', 3, 4};
    static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    return (len >= 4 && memcmp(buf, zip_magic, 4) == 0) || (len >= 8 && memcmp(buf, ole_magic, 8) == 0);
}

static int check_archive(XlsxBook *b, ZfError *err)
{
    zip_int64_t n = zip_get_num_entries(b->za, 0);
    if (n < 0 || n > XLSX_MAX_ENTRIES)
        return zf_fail(err, 422, "xlsx_too_many_parts", NULL, "Excel 文件包含的部件超过 %d 个（可能是异常的压缩文件）", XLSX_MAX_ENTRIES);
    uint64_t declared = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t zs;
        if (zip_stat_index(b->za, (zip_uint64_t)i, 0, &zs) < 0)
            return zf_fail(err, 400, "xlsx_malformed", NULL, "Excel 文件损坏：无法读取压缩目录");
        if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE)
            return zf_fail(err, 422, "xlsx_encrypted", NULL, LEGACY_MESSAGE);
        if (zs.valid & ZIP_STAT_SIZE) declared += zs.size;
    }
    if (declared > XLSX_MAX_UNCOMPRESSED) return too_large(err);
    if (zip_name_locate(b->za, "xl/workbook.xml", 0) < 0)
        return zf_fail(err, 400, "not_xlsx", NULL, "上传的压缩文件不是 Excel 工作簿（缺少 xl/workbook.xml），请上传 .xlsx 或 .jsonl 文件");
    return ZF_OK;
}

static int read_structure(XlsxBook *b, ZfError *err)
{
    WorkbookParse w = {{.err = err}, b, NULL};
    RelsParse r = {{.err = err}, &w, NULL};
    SharedParse s = {{.err = err}, b, {0}, false, false, 0};
    int rc = ZF_ERR;
    w.p.parser = parser_new(&w, workbook_start, ignore_end, NULL);
    r.p.parser = parser_new(&r, rels_start, ignore_end, NULL);
    s.p.parser = parser_new(&s, shared_start, shared_end, shared_text);
    if (!w.p.parser || !r.p.parser || !s.p.parser) zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    else if (parse_part(b, "xl/workbook.xml", &w.p, true) == ZF_OK &&
             parse_part(b, "xl/_rels/workbook.xml.rels", &r.p, true) == ZF_OK &&
             parse_part(b, r.shared_path ? r.shared_path : "xl/sharedStrings.xml", &s.p, r.shared_path != NULL) == ZF_OK)
        rc = ZF_OK;
    if (rc == ZF_OK && b->nsheets == 0) rc = zf_fail(err, 400, "xlsx_malformed", NULL, "Excel 文件中没有工作表");
    for (int i = 0; i < b->nsheets; i++) free(w.rids ? w.rids[i] : NULL);
    free(w.rids);
    free(r.shared_path);
    free(s.text.s);
    if (w.p.parser) XML_ParserFree(w.p.parser);
    if (r.p.parser) XML_ParserFree(r.p.parser);
    if (s.p.parser) XML_ParserFree(s.p.parser);
    return rc;
}

int xlsx_open(const void *buf, size_t len, XlsxBook **book, ZfError *err)
{
    *book = NULL;
    if (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return zf_fail(err, 422, "xlsx_legacy", NULL, LEGACY_MESSAGE);
    XlsxBook *b = calloc(1, sizeof *b);
    if (!b) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    zip_error_t ze;
    zip_error_init(&ze);
    b->src = zip_source_buffer_create(buf, len, 0, &ze);
    b->za = b->src ? zip_open_from_source(b->src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    zip_error_fini(&ze);
    if (!b->za) {
        zip_source_free(b->src);
        b->src = NULL;
        xlsx_close(b);
        return zf_fail(err, 400, "xlsx_malformed", NULL, "文件不是有效的 .xlsx（压缩包损坏或不完整）");
    }
    if (check_archive(b, err) != ZF_OK || read_structure(b, err) != ZF_OK) {
        xlsx_close(b);
        return ZF_ERR;
    }
    *book = b;
    return ZF_OK;
}

void xlsx_close(XlsxBook *b)
{
    if (!b) return;
    if (b->za) zip_discard(b->za); /* frees its source too */
    for (int i = 0; i < b->nsheets; i++) free(b->sheets[i].name), free(b->sheets[i].path);
    free(b->sheets);
    for (size_t i = 0; i < b->nshared; i++) free(b->shared[i].s);
    free(b->shared);
    free(b);
}

int xlsx_sheet_count(const XlsxBook *b) { return b->nsheets; }
const char *xlsx_sheet_name(const XlsxBook *b, int i) { return b->sheets[i].name; }
bool xlsx_date1904(const XlsxBook *b) { return b->date1904; }
size_t xlsx_text_produced(const XlsxBook *b) { return b->produced; }

/* ---- worksheets ---- */
typedef struct {
    Parse p;
    XlsxBook *b;
    XlsxRowFn fn;
    void *ctx;
    long row, next_row;
    int next_col;
    /* the row being read: cells whose own text sits in row_text at text_at[i] (SIZE_MAX: a
     * borrowed shared string), pointed at once the row is complete (row_text may move) */
    XlsxCell *cells;
    size_t *text_at;
    int ncells, cells_cap;
    Buf row_text;
    size_t row_len; /* text of every cell of the row, borrowed ones included */
    bool too_long;
    /* the cell being read */
    int col;
    char type[16];
    Buf text;
    bool in_v, in_is, in_t, has_value;
    int phonetic;
} SheetParse;

/* "BC12" → 54; -1 when there are no letters or too many. */
static int column_of(const char *ref)
{
    int col = 0, n = 0;
    for (; *ref >= 'A' && *ref <= 'Z' && n <= 3; ref++, n++) col = col * 26 + (*ref - 'A' + 1); /* 4 letters: refused, no overflow */
    if (n == 0 || n > 3 || col > XLSX_MAX_COLS) return -1;
    return col - 1;
}

static void clear_row(SheetParse *s)
{
    s->ncells = 0;
    buf_reset(&s->row_text);
    s->row_len = 0;
    s->too_long = false;
}

static void too_much_text(Parse *p)
{
    if (!p->failed)
        zf_fail(p->err, 422, "xlsx_too_large", NULL,
                "Excel 文件的单元格内容合计超过 %u MiB 上限（大量单元格重复引用同一长文本，可能是异常的文件），请拆分后分批上传",
                XLSX_MAX_TEXT >> 20);
    p->failed = true;
    XML_StopParser(p->parser, XML_FALSE);
}

static void sheet_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
    SheetParse *s = ctx;
    const char *el = local(name);
    if (strcmp(el, "row") == 0) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : s->next_row;
        if (n < 1 || n > 1048576) return parse_fail(&s->p, 400, "xlsx_malformed", "Excel 文件内容损坏：行号无效");
        s->row = n, s->next_row = n + 1, s->next_col = 0;
        clear_row(s);
    } else if (strcmp(el, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        s->col = r ? column_of(r) : s->next_col;
        if (s->col < 0 || s->col >= XLSX_MAX_COLS) return parse_fail(&s->p, 400, "xlsx_malformed", "Excel 文件内容损坏：单元格位置无效");
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        buf_reset(&s->text);
        s->has_value = false;
    } else if (strcmp(el, "v") == 0) s->in_v = true;
    else if (strcmp(el, "is") == 0) s->in_is = true;
    else if (strcmp(el, "rPh") == 0) s->phonetic++;
    else if (strcmp(el, "t") == 0 && s->in_is && !s->phonetic) s->in_t = true;
}

/* The finished cell's type and text (*len bytes; *shared when it is the book's), or false when
 * its value is malformed. */
static bool cell_value(SheetParse *s, XlsxCell *c, size_t *len, bool *shared)
{
    const char *v = buf_text(&s->text);
    c->col = s->col;
    c->number = 0;
    c->text = NULL;
    *len = s->text.len, *shared = false;
    if (strcmp(s->type, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= s->b->nshared) return false;
        c->type = XLSX_CELL_STRING, c->text = s->b->shared[i].s;
        *len = s->b->shared[i].len, *shared = true;
    } else if (strcmp(s->type, "inlineStr") == 0 || strcmp(s->type, "str") == 0 || strcmp(s->type, "d") == 0) {
        c->type = XLSX_CELL_STRING, c->text = v;
    } else if (strcmp(s->type, "b") == 0) {
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) return false;
        c->type = XLSX_CELL_BOOL, c->text = v;
    } else if (strcmp(s->type, "e") == 0) {
        c->type = XLSX_CELL_ERROR, c->text = v;
    } else {
        char *end;
        c->number = strtod(v, &end);
        if (end == v || *end || !isfinite(c->number)) return false;
        c->type = XLSX_CELL_NUMBER, c->text = v;
    }
    return true;
}

static void end_cell(SheetParse *s)
{
    if (!s->has_value || s->text.len == 0) return; /* a styled or emptied cell: no value */
    XlsxCell c;
    size_t len;
    bool shared;
    if (!cell_value(s, &c, &len, &shared)) return parse_fail(&s->p, 400, "xlsx_malformed", "Excel 文件内容损坏：单元格的值与其类型不符");
    s->next_col = s->col + 1;
    s->b->produced += len;
    if (s->b->produced > XLSX_MAX_TEXT) return too_much_text(&s->p);
    s->row_len += len;
    if (s->too_long || s->row_len > XLSX_MAX_ROW_TEXT) { /* the row is reported, its cells dropped */
        s->too_long = true;
        s->ncells = 0;
        buf_reset(&s->row_text);
        return;
    }
    if (s->ncells >= XLSX_MAX_COLS) return parse_fail(&s->p, 400, "xlsx_malformed", "Excel 文件内容损坏：一行的单元格过多");
    if (s->ncells == s->cells_cap) {
        int cap = s->cells_cap ? s->cells_cap * 2 : 32;
        XlsxCell *grown = realloc(s->cells, sizeof *grown * (size_t)cap);
        if (grown) s->cells = grown;
        size_t *at = realloc(s->text_at, sizeof *at * (size_t)cap);
        if (at) s->text_at = at;
        if (!grown || !at) return parse_fail(&s->p, 500, "out_of_memory", "内存不足");
        s->cells_cap = cap;
    }
    s->text_at[s->ncells] = shared ? SIZE_MAX : s->row_text.len;
    if (!shared && !buf_add_string(&s->row_text, c.text, len)) return parse_fail(&s->p, 500, "out_of_memory", "内存不足");
    s->cells[s->ncells++] = c;
}

/* The finished row to the caller, its own cell texts pointed into row_text now it stays put. */
static void deliver_row(SheetParse *s)
{
    for (int i = 0; i < s->ncells; i++)
        if (s->text_at[i] != SIZE_MAX) s->cells[i].text = s->row_text.s + s->text_at[i];
    XlsxRow row = {s->row, s->cells, s->ncells, s->too_long};
    int stop = s->fn(&row, s->ctx);
    clear_row(s);
    if (stop) s->p.stopped = true, XML_StopParser(s->p.parser, XML_FALSE);
}

static void sheet_end(void *ctx, const XML_Char *name)
{
    SheetParse *s = ctx;
    const char *el = local(name);
    if (strcmp(el, "v") == 0) s->in_v = false, s->has_value = true;
    else if (strcmp(el, "t") == 0 && s->in_t) s->in_t = false, s->has_value = true;
    else if (strcmp(el, "is") == 0) s->in_is = false;
    else if (strcmp(el, "rPh") == 0) s->phonetic--;
    else if (strcmp(el, "c") == 0) end_cell(s);
    else if (strcmp(el, "row") == 0 && (s->ncells || s->too_long)) deliver_row(s);
}

static void sheet_text(void *ctx, const XML_Char *t, int len)
{
    SheetParse *s = ctx;
    if (!s->in_v && !s->in_t) return;
    if (s->text.len + (size_t)len > XLSX_MAX_CELL) return text_too_long(&s->p);
    if (!buf_add(&s->text, t, (size_t)len)) parse_fail(&s->p, 500, "out_of_memory", "内存不足");
}

int xlsx_read_sheet(XlsxBook *b, int index, XlsxRowFn fn, void *ctx, ZfError *err)
{
    if (index < 0 || index >= b->nsheets || !b->sheets[index].path)
        return zf_fail(err, 400, "xlsx_malformed", NULL, "Excel 文件不完整：找不到第 %d 个工作表", index + 1);
    SheetParse s = {.p = {.err = err}, .b = b, .fn = fn, .ctx = ctx, .next_row = 1};
    s.p.parser = parser_new(&s, sheet_start, sheet_end, sheet_text);
    if (!s.p.parser) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = parse_part(b, b->sheets[index].path, &s.p, true);
    free(s.cells);
    free(s.text_at);
    free(s.row_text.s);
    free(s.text.s);
    XML_ParserFree(s.p.parser);
    return rc;
}

bool xlsx_serial_date(double serial, bool date1904, bool with_time, char out[20])
{
    if (!isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958466) return false;
    double whole = floor(serial);
    long minutes = lround((serial - whole) * 1440.0);
    long days = (long)whole;
    if (minutes >= 1440) days++, minutes -= 1440;
    int y, m, d;
    if (!date1904 && days == 60) {
        y = 1900, m = 2, d = 29; /* Lotus' leap day: kept, so validation reports it */
    } else {
        zf_day base = date1904 ? date_from_ymd(1904, 1, 1) : days < 60 ? date_from_ymd(1899, 12, 31) : date_from_ymd(1899, 12, 30);
        date_to_ymd(base + (zf_day)days, &y, &m, &d);
    }
    if (y > 9999) return false;
    /* the moduli only tell the compiler the widths the ranges above already guarantee */
    if (with_time)
        snprintf(out, 20, "%04u-%02u-%02uT%02u:%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
                 (unsigned)(minutes / 60) % 100, (unsigned)(minutes % 60) % 100);
    else snprintf(out, 20, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100);
    return true;
}
