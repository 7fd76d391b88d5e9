/* A4 PDF documents laid out after GB/T 9704-2012 (党政机关公文格式), drawn to memory with cairo:
 * 版心 156 × 225 mm (top margin 37 mm, left 28 mm), body text 三号 on a fixed line pitch (22 lines
 * to the page), page numbers "— 1 —" in 四号 below the 版心 (odd pages at the right, even at the
 * left, one character in). Text flows in paragraphs from the top of the 版心 and breaks onto new
 * pages line by line. Each page optionally carries a document number and a QR code in the bottom
 * margin (执法文书: the verify URL). Shared by the documents and the monthly bulletin.
 *
 *     RenderDoc d;
 *     render_doc_begin(&d, &(RenderPageMarks){"南市监处罚〔2026〕1号", "https://…/verify?doc=7"}, "标题");
 *     render_paragraph(&d, &RENDER_STYLE_TITLE, "行政处罚决定书");
 *     render_paragraph(&d, &RENDER_STYLE_BODY, "当事人：……");
 *     render_doc_end(&d, &pdf, &len, &pages);   // or render_doc_abort(&d)
 */
#ifndef ZF_RENDER_PAGE_H
#define ZF_RENDER_PAGE_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>

#define RENDER_MM (72.0 / 25.4) /* points per millimetre */
#define RENDER_PAGE_W (210.0 * RENDER_MM)
#define RENDER_PAGE_H (297.0 * RENDER_MM)
#define RENDER_TEXT_X (28.0 * RENDER_MM)  /* 版心 left edge */
#define RENDER_TEXT_Y (37.0 * RENDER_MM)  /* 版心 top edge */
#define RENDER_TEXT_W (156.0 * RENDER_MM) /* 版心 width */
#define RENDER_TEXT_H (225.0 * RENDER_MM) /* 版心 height */
#define RENDER_LINE_PITCH (RENDER_TEXT_H / 22.0)

typedef enum { RENDER_LEFT, RENDER_CENTER, RENDER_RIGHT, RENDER_JUSTIFY } RenderAlign;

typedef struct {
    const char *family;   /* fonts.h */
    double size_pt;
    RenderAlign align;
    double indent_chars;  /* first-line indent in characters of the style's size (GB/T 9704: 2) */
    double pitch_pt;      /* line pitch; 0: RENDER_LINE_PITCH */
    double space_after;   /* points after the paragraph */
    double left_chars;    /* the whole paragraph indented from the left, in characters */
} RenderStyle;

extern const RenderStyle RENDER_STYLE_TITLE;   /* 二号 heading face, centred */
extern const RenderStyle RENDER_STYLE_DOC_NO;  /* 三号 body face, centred (the 文号 line) */
extern const RenderStyle RENDER_STYLE_BODY;    /* 三号 body face, justified, indented two characters */
extern const RenderStyle RENDER_STYLE_PLAIN;   /* 三号 body face, left, no indent */
extern const RenderStyle RENDER_STYLE_HEADING; /* 三号 heading face, left, indented two characters */
extern const RenderStyle RENDER_STYLE_RIGHT;   /* 三号 body face, right-aligned (落款) */
extern const RenderStyle RENDER_STYLE_SMALL;   /* 四号 body face, left, tighter pitch (tables, notes) */

/* What every page carries besides its number; either may be NULL. */
typedef struct {
    const char *doc_no;  /* printed small at the bottom left of each page */
    const char *qr_text; /* drawn as a QR code at the bottom right of each page */
} RenderPageMarks;

typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pango; /* one for every paragraph's layout */
    double y;          /* next free position, points from the top of the page */
    int page;          /* pages begun, 1-based */
    char *doc_no, *qr_text;
    unsigned char *buf; /* the PDF as written */
    size_t len, cap;
    bool failed;
} RenderDoc;

/* Begins a document with its first page. title: the PDF's metadata title (may be NULL). 0 or -1. */
int render_doc_begin(RenderDoc *d, const RenderPageMarks *marks, const char *title);

/* Replaces the marks of the current page and the pages after it (a print run of several documents). */
void render_set_marks(RenderDoc *d, const RenderPageMarks *marks);

/* One paragraph in style, broken into lines across pages as needed. */
void render_paragraph(RenderDoc *d, const RenderStyle *style, const char *text);

/* Moves down pt points (a new page when that leaves the 版心). */
void render_space(RenderDoc *d, double pt);

/* Starts a new page when less than pt points of the 版心 remain (keeps a block together). */
void render_need(RenderDoc *d, double pt);

/* Points left on this page's 版心. */
double render_remaining(const RenderDoc *d);

/* Finishes the current page and starts the next. */
void render_new_page(RenderDoc *d);

/* Finishes the document: *pdf (malloc'd, *len bytes), *pages. 0, or -1 (nothing to free). */
int render_doc_end(RenderDoc *d, unsigned char **pdf, size_t *len, int *pages);

/* Drops a document begun (after an error). */
void render_doc_abort(RenderDoc *d);

/* GB/T 9704 date: 2026-05-20 → "2026年5月20日" (Arabic numerals, no leading zeros). out ≥ 32. -1
 * when iso is not YYYY-MM-DD. */
int render_date_cn(const char *iso, char *out, size_t cap);

#endif
