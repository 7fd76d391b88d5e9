/* Magic-number sniffing for evidence files (《行政处罚法》第四十七条 全过程记录: photos, audio,
 * video, PDFs). Pure: no I/O. Each test reads only bytes it has checked are there. */
#include "domain/media_sniff.h"

#include <string.h>

enum { JPEG, PNG, WEBP, HEIC, HEIF, MP3, AAC, M4A, WAV, AMR, AMR_WB, MP4, MOV, PDF, ZIP, ELF, PE, HTML, N_TYPES };

static const MediaType TYPES[N_TYPES] = {
    [JPEG] = {"image/jpeg", "JPEG 图片", ".jpg", true},
    [PNG] = {"image/png", "PNG 图片", ".png", true},
    [WEBP] = {"image/webp", "WebP 图片", ".webp", true},
    [HEIC] = {"image/heic", "HEIC 图片", ".heic", true},
    [HEIF] = {"image/heif", "HEIF 图片", ".heif", true},
    [MP3] = {"audio/mpeg", "MP3 音频", ".mp3", true},
    [AAC] = {"audio/aac", "AAC 音频", ".aac", true},
    [M4A] = {"audio/mp4", "M4A 音频", ".m4a", true},
    [WAV] = {"audio/wav", "WAV 音频", ".wav", true},
    [AMR] = {"audio/amr", "AMR 录音", ".amr", true},
    [AMR_WB] = {"audio/amr-wb", "AMR-WB 录音", ".awb", true},
    [MP4] = {"video/mp4", "MP4 视频", ".mp4", true},
    [MOV] = {"video/quicktime", "MOV 视频", ".mov", true},
    [PDF] = {"application/pdf", "PDF 文档", ".pdf", true},
    [ZIP] = {"application/zip", "ZIP 压缩包（含 Office 文档）", ".zip", false},
    [ELF] = {"application/x-executable", "可执行程序", "", false},
    [PE] = {"application/x-msdownload", "Windows 可执行程序", ".exe", false},
    [HTML] = {"text/html", "网页（HTML）", ".html", false},
};

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

/* ISO base media (MP4, MOV, M4A, HEIC): a first box "ftyp" whose major brand names the format. */
static const MediaType *sniff_ftyp(const unsigned char *d, size_t len)
{
    static const struct {
        const char brand[5];
        int type;
    } BRANDS[] = {
        {"heic", HEIC}, {"heix", HEIC}, {"hevc", HEIC}, {"hevx", HEIC}, {"heim", HEIC}, {"heis", HEIC},
        {"mif1", HEIF}, {"msf1", HEIF}, {"M4A ", M4A},  {"M4B ", M4A},  {"qt  ", MOV},  {"isom", MP4},
        {"iso2", MP4},  {"iso4", MP4},  {"iso5", MP4},  {"iso6", MP4},  {"mp41", MP4},  {"mp42", MP4},
        {"avc1", MP4},  {"M4V ", MP4},  {"MSNV", MP4},  {"dash", MP4},
    };
    if (len < 16 || memcmp(d + 4, "ftyp", 4) != 0) return NULL;
    unsigned long box = (unsigned long)d[0] << 24 | (unsigned long)d[1] << 16 | (unsigned long)d[2] << 8 | d[3];
    if (box < 16 || box > 4096) return NULL; /* size, type, major brand, minor version, brands */
    for (size_t i = 0; i < sizeof BRANDS / sizeof *BRANDS; i++)
        if (memcmp(d + 8, BRANDS[i].brand, 4) == 0) return &TYPES[BRANDS[i].type];
    return NULL;
}

/* An MPEG audio frame header (ISO 11172-3): 11 sync bits, then version, layer, bitrate and
 * sampling rate fields that must not hold their reserved values. Layer III is MP3; the
 * 12-bit-sync "layer 0" header is AAC in ADTS framing (ISO 13818-7). */
static const MediaType *sniff_mpeg_audio(const unsigned char *d, size_t len)
{
    if (len < 4 || d[0] != 0xFF || (d[1] & 0xE0) != 0xE0) return NULL;
    unsigned version = (d[1] >> 3) & 3, layer = (d[1] >> 1) & 3;
    if (layer == 0) return (d[1] & 0xF6) == 0xF0 && ((d[2] >> 2) & 0xF) < 13 ? &TYPES[AAC] : NULL;
    unsigned bitrate = d[2] >> 4, rate = (d[2] >> 2) & 3;
    if (layer != 1 || version == 1 || bitrate == 0 || bitrate == 15 || rate == 3) return NULL;
    return &TYPES[MP3];
}

/* A web page or other markup: optional BOM and whitespace, then "<". */
static bool looks_like_markup(const unsigned char *d, size_t len)
{
    size_t i = starts(d, len, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
    return i < len && d[i] == '<';
}

const MediaType *media_sniff(const unsigned char *d, size_t len)
{
    if (starts(d, len, "\xFF\xD8\xFF", 3)) return &TYPES[JPEG];
    if (starts(d, len, "\x89PNG\r\n\x1A\n", 8) && len >= 16 && memcmp(d + 12, "IHDR", 4) == 0) return &TYPES[PNG];
    if (starts(d, len, "%PDF-", 5)) return &TYPES[PDF];
    if (starts(d, len, "#!AMR\n", 6)) return &TYPES[AMR];
    if (starts(d, len, "#!AMR-WB\n", 9)) return &TYPES[AMR_WB];
    if (starts(d, len, "RIFF", 4) && len >= 12 && memcmp(d + 8, "WAVE", 4) == 0) return &TYPES[WAV];
    if (starts(d, len, "RIFF", 4) && len >= 16 && memcmp(d + 8, "WEBPVP8", 7) == 0) return &TYPES[WEBP];
    /* ID3v2 tag before the first MP3 frame: "ID3", major version 2–4, revision, flags */
    if (starts(d, len, "ID3", 3) && len >= 10 && d[3] >= 2 && d[3] <= 4) return &TYPES[MP3];
    const MediaType *t = sniff_ftyp(d, len);
    if (!t) t = sniff_mpeg_audio(d, len);
    if (t) return t;
    /* QuickTime files from before ftyp start with a moov or wide atom */
    if (len >= 8 && (memcmp(d + 4, "moov", 4) == 0 || memcmp(d + 4, "wide", 4) == 0)) return &TYPES[MOV];
    if (starts(d, len, "PK\x03\x04", 4) || starts(d, len, "PK\x05\x06", 4)) return &TYPES[ZIP];
    if (starts(d, len, "\x7F" "ELF", 4)) return &TYPES[ELF];
    if (starts(d, len, "MZ", 2)) return &TYPES[PE];
    if (looks_like_markup(d, len)) return &TYPES[HTML];
    return NULL;
}

const MediaType *media_type_at(size_t i) { return i < N_TYPES ? &TYPES[i] : NULL; }

const MediaType *media_by_mime(const char *mime)
{
    for (int i = 0; i < N_TYPES; i++)
        if (strcmp(TYPES[i].mime, mime) == 0) return &TYPES[i];
    return NULL;
}

const char *media_label(const char *mime)
{
    const MediaType *t = media_by_mime(mime);
    return t ? t->label : mime;
}

const char *media_list_word(const char **cursor, size_t *len)
{
    const char *p = *cursor ? *cursor + strspn(*cursor, " ,") : NULL;
    if (!p || !*p) return NULL;
    *len = strcspn(p, " ,");
    *cursor = p + *len;
    return p;
}

bool media_listed(const char *list, const char *mime)
{
    size_t n = strlen(mime), w;
    for (const char *p; (p = media_list_word(&list, &w));)
        if (w == n && n && strncmp(p, mime, n) == 0) return true;
    return false;
}
