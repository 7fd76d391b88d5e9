/* A 12345 hotline line (domain/hotline.h): JSON object → HotlineOrder, each field validated with
 * the message the hotline's operators read back. Pure: no I/O, no clock. */
#include "domain/hotline.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "util/text.h"

void hotline_order_clear(HotlineOrder *o)
{
    free(o->content);
    memset(o, 0, sizeof *o);
}

/* A string field: present (unless optional), a string, not blank, at most max characters, no
 * control characters but (when multiline) line breaks and tabs. NULL with *s = NULL when absent. */
static int text_field(json_t *obj, const char *key, const char *label, size_t max, bool optional, bool multiline,
                      const char **s, ZfError *err)
{
    json_t *v = json_object_get(obj, key);
    *s = NULL;
    if (!v || json_is_null(v)) {
        if (optional) return ZF_OK;
        return zf_fail(err, 400, "missing_field", key, "缺少%s（%s）", label, key);
    }
    if (!json_is_string(v)) return zf_fail(err, 400, "invalid_field", key, "%s（%s）应为字符串", label, key);
    const char *t = json_string_value(v);
    if (strlen(t) != json_string_length(v)) return zf_fail(err, 400, "invalid_field", key, "%s不能含有空字符", label);
    if (text_blank(t)) {
        if (optional) return ZF_OK;
        return zf_fail(err, 400, "missing_field", key, "%s（%s）不能为空", label, key);
    }
    if (text_utf8_chars(t) > max) return zf_fail(err, 400, "too_long", key, "%s不能超过 %zu 个字符", label, max);
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t'))) || *p == 0x7F)
            return zf_fail(err, 400, "invalid_field", key, "%s含有控制字符", label);
    *s = t;
    return ZF_OK;
}

static bool order_no_valid(const char *s)
{
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_') return false;
    return true;
}

static int two(const char *s) { return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1; }

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC), "YYYY-MM-DDTHH:MM:SS+08:00" or "YYYY-MM-DD HH:MM:SS" (北京时间) →
 * UTC text, and the day in China (for the not-in-the-future check). */
static bool received_at_parse(const char *s, char utc[21], zf_day *china_day)
{
    char date[11];
    zf_day d;
    size_t n = strlen(s);
    if (n < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return false;
    memcpy(date, s, 10), date[10] = '\0';
    if (!date_parse(date, &d)) return false;
    int hh = two(s + 11), mm = two(s + 14), ss = two(s + 17);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
    const char *zone = s + 19;
    long long minutes = (long long)d * 1440 + hh * 60 + mm;
    if (strcmp(zone, "Z") == 0 && s[10] == 'T') {
        *china_day = (zf_day)((minutes + 480) / 1440);
    } else if (strcmp(zone, "+08:00") == 0 || (zone[0] == '\0' && s[10] == ' ')) {
        *china_day = d;
        minutes -= 480;
    } else {
        return false;
    }
    zf_day ud = (zf_day)(minutes / 1440);
    int um = (int)(minutes % 1440);
    char day_text[ZF_DATE_LEN], text[48];
    date_format(ud, day_text);
    int len = snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", day_text, um / 60, um % 60, ss);
    if (len != 20) return false; /* a year past 9999 */
    memcpy(utc, text, 21);
    return true;
}

static bool phone_valid(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) digits++;
        else if (*s != '-' && *s != '+' && *s != ' ') return false;
    }
    return digits >= 3;
}

/* reporter: {"name","phone"} (each optional), a string (the name), or absent/null (anonymous). */
static int reporter_field(json_t *obj, HotlineOrder *out, ZfError *err)
{
    json_t *r = json_object_get(obj, "reporter");
    const char *name = NULL, *phone = NULL;
    if (!r || json_is_null(r)) return ZF_OK;
    if (json_is_string(r)) {
        json_t *wrap = json_pack("{s:O}", "name", r);
        int rc = text_field(wrap, "name", "反映人姓名", HOTLINE_NAME_MAX, true, false, &name, err);
        if (rc == ZF_OK && name) snprintf(out->reporter_name, sizeof out->reporter_name, "%s", name);
        json_decref(wrap);
        if (rc != ZF_OK) snprintf(err->field, sizeof err->field, "reporter");
        return rc;
    }
    if (!json_is_object(r))
        return zf_fail(err, 400, "invalid_field", "reporter", "反映人（reporter）应为 {\"name\",\"phone\"} 对象或姓名字符串");
    if (text_field(r, "name", "反映人姓名", HOTLINE_NAME_MAX, true, false, &name, err) != ZF_OK ||
        text_field(r, "phone", "反映人电话", HOTLINE_PHONE_MAX, true, false, &phone, err) != ZF_OK) {
        char inner[sizeof err->field];
        snprintf(inner, sizeof inner, "%s", err->field);
        snprintf(err->field, sizeof err->field, "reporter.%.40s", inner);
        return ZF_ERR;
    }
    if (phone && !phone_valid(phone))
        return zf_fail(err, 400, "invalid_phone", "reporter.phone", "反映人电话只能由数字、空格、“-”和“+”组成");
    if (name) snprintf(out->reporter_name, sizeof out->reporter_name, "%s", name);
    if (phone) snprintf(out->reporter_phone, sizeof out->reporter_phone, "%s", phone);
    return ZF_OK;
}

static int fields(json_t *obj, zf_day today, HotlineOrder *out, ZfError *err)
{
    const char *order_no, *received_at, *content, *agency, *category;
    zf_day china_day;
    if (text_field(obj, "order_no", "工单编号", HOTLINE_ORDER_NO_MAX, false, false, &order_no, err) != ZF_OK) return ZF_ERR;
    if (!order_no_valid(order_no))
        return zf_fail(err, 400, "invalid_order_no", "order_no", "工单编号只能由字母、数字、“-”和“_”组成");
    if (text_field(obj, "received_at", "受理时间", 25, false, false, &received_at, err) != ZF_OK) return ZF_ERR;
    if (!received_at_parse(received_at, out->received_at, &china_day))
        return zf_fail(err, 400, "invalid_datetime", "received_at",
                       "受理时间应为 YYYY-MM-DDTHH:MM:SSZ（UTC）、YYYY-MM-DDTHH:MM:SS+08:00 或 YYYY-MM-DD HH:MM:SS（北京时间）");
    if (china_day > today) return zf_fail(err, 400, "future_datetime", "received_at", "受理时间不能晚于今天");
    if (china_day < date_from_ymd(2000, 1, 1)) return zf_fail(err, 400, "invalid_datetime", "received_at", "受理时间过早（早于 2000 年）");
    if (text_field(obj, "content", "诉求内容", HOTLINE_CONTENT_MAX, false, true, &content, err) != ZF_OK) return ZF_ERR;
    if (text_field(obj, "agency", "承办执法主体", 18, false, false, &agency, err) != ZF_OK) return ZF_ERR;
    if (!uscc_valid(agency))
        return zf_fail(err, 400, "invalid_agency", "agency", "承办执法主体应为 18 位统一社会信用代码（校验位正确）");
    if (text_field(obj, "category", "诉求分类", HOTLINE_CATEGORY_MAX, false, false, &category, err) != ZF_OK) return ZF_ERR;
    if (reporter_field(obj, out, err) != ZF_OK) return ZF_ERR;
    snprintf(out->order_no, sizeof out->order_no, "%s", order_no);
    snprintf(out->agency, sizeof out->agency, "%s", agency);
    snprintf(out->category, sizeof out->category, "%s", category);
    return (out->content = strdup(content)) ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

int hotline_order_parse(const char *line, size_t n, zf_day today, HotlineOrder *out, ZfError *err)
{
    json_error_t jerr;
    memset(out, 0, sizeof *out);
    if (n > HOTLINE_LINE_MAX) return zf_fail(err, 400, "line_too_long", NULL, "该行超过 %d 字节", HOTLINE_LINE_MAX);
    if (!text_utf8_valid(line, n)) return zf_fail(err, 400, "invalid_utf8", NULL, "该行不是有效的 UTF-8 文本");
    json_t *obj = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj || !json_is_object(obj)) {
        json_decref(obj);
        return zf_fail(err, 400, "invalid_json", NULL, "该行不是一个 JSON 对象");
    }
    int rc = fields(obj, today, out, err);
    json_decref(obj);
    if (rc != ZF_OK) hotline_order_clear(out);
    return rc;
}
