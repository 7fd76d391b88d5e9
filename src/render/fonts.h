/* The fonts of every PDF the program draws (执法文书, the monthly bulletin): TrueType CJK faces from
 * Debian, named by their fontconfig family so cairo embeds them as TrueType subsets. Never Noto CJK:
 * it is CFF, and cairo's CFF subsetting loses glyphs. GB/T 9704 asks for 仿宋 (body) and 小标宋
 * (title); Debian has neither, so the body is AR PL UMing (fonts-arphic-uming, a 明体/宋体 face
 * whose coverage includes rare characters such as 龘) and headings WenQuanYi Micro Hei
 * (fonts-wqy-microhei). Sizes in points: GB/T 9704 号 sizes. */
#ifndef ZF_RENDER_FONTS_H
#define ZF_RENDER_FONTS_H

#include <pango/pangocairo.h>

#define RENDER_FONT_BODY "AR PL UMing CN"
#define RENDER_FONT_HEADING "WenQuanYi Micro Hei"

#define RENDER_PT_2HAO 22.0  /* 二号: the title */
#define RENDER_PT_3HAO 16.0  /* 三号: body text, 28 characters to the line */
#define RENDER_PT_4HAO 14.0  /* 四号: page numbers, table text */
#define RENDER_PT_5HAO 10.5  /* 五号: small print (the document number beside the QR code) */

/* A description of family at size points (caller frees with pango_font_description_free). */
PangoFontDescription *render_font(const char *family, double size_pt);

/* A layout on cr for text (UTF-8) in family at size, wrapped at width points (≤ 0: no wrap).
 * Caller unrefs. */
PangoLayout *render_text_layout(cairo_t *cr, const char *family, double size_pt, double width_pt, const char *text);

/* The same on a context made once for many layouts (pango_cairo_create_context): a context per
 * layout costs a font lookup each time. */
PangoLayout *render_context_layout(PangoContext *pc, const char *family, double size_pt, double width_pt,
                                   const char *text);

/* Draws text with its top-left corner at (x, y), unwrapped; returns its width in points. */
double render_text_at(cairo_t *cr, const char *family, double size_pt, double x, double y, const char *text);

/* The width text would take, in points. */
double render_text_width(cairo_t *cr, const char *family, double size_pt, const char *text);

#endif
