/* Unit tests for domain/laws (numerals, parsing law markdown) and domain/law_terms (bigram index
 * text, query parsing, snippets). Inline fixtures, plus one pass over the shipped data/laws. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/law_terms.h"
#include "domain/laws.h"
#include "test_support.h"
#include "util/datadir.h"

static int numeral(const char *s)
{
    int n = -1;
    return law_numeral_parse(s, strlen(s), &n) == 0 ? n : -1;
}

static void test_numerals_parse_article_numbers(void **state)
{
    (void)state;
    assert_int_equal(numeral("一"), 1);
    assert_int_equal(numeral("十"), 10);
    assert_int_equal(numeral("十五"), 15);
    assert_int_equal(numeral("二十"), 20);
    assert_int_equal(numeral("六十四"), 64);
    assert_int_equal(numeral("一百"), 100);
    assert_int_equal(numeral("一百零五"), 105);
    assert_int_equal(numeral("一百一十"), 110);
    assert_int_equal(numeral("一百二十四"), 124);
    assert_int_equal(numeral("二百零三"), 203);
    assert_int_equal(numeral("三百零六"), 306);
    assert_int_equal(numeral("一千零五"), 1005);
    assert_int_equal(numeral("一千零五十"), 1050);
    assert_int_equal(numeral("一千二百六十"), 1260);
    assert_int_equal(numeral("二〇"), -1);
}

static void test_numerals_reject_malformed(void **state)
{
    (void)state;
    assert_int_equal(numeral(""), -1);
    assert_int_equal(numeral("零"), -1);
    assert_int_equal(numeral("百"), -1);        /* a unit needs its digit */
    assert_int_equal(numeral("一一"), -1);      /* two digits */
    assert_int_equal(numeral("十百"), -1);      /* units must descend */
    assert_int_equal(numeral("一百零"), -1);    /* a dangling 零 */
    assert_int_equal(numeral("一百五"), -1);    /* colloquial 150, never in statutes */
    assert_int_equal(numeral("一百十"), -1);    /* 一百一十 is the form */
    assert_int_equal(numeral("六十四条"), -1);
}

static void test_numerals_round_trip_1_to_9999(void **state)
{
    (void)state;
    char buf[64];
    for (int n = 1; n <= 9999; n++) {
        assert_int_equal(law_numeral_format(n, buf, sizeof buf), 0);
        int back = -1;
        if (law_numeral_parse(buf, strlen(buf), &back) != 0 || back != n) fail_msg("%d → %s → %d", n, buf, back);
    }
    assert_int_equal(law_numeral_format(0, buf, sizeof buf), -1);
    assert_int_equal(law_numeral_format(10000, buf, sizeof buf), -1);
}

static void test_numerals_format_statute_forms(void **state)
{
    (void)state;
    char buf[64];
    law_numeral_format(10, buf, sizeof buf), assert_string_equal(buf, "十");
    law_numeral_format(15, buf, sizeof buf), assert_string_equal(buf, "十五");
    law_numeral_format(105, buf, sizeof buf), assert_string_equal(buf, "一百零五");
    law_numeral_format(110, buf, sizeof buf), assert_string_equal(buf, "一百一十");
    law_numeral_format(1005, buf, sizeof buf), assert_string_equal(buf, "一千零五");
    law_numeral_format(1010, buf, sizeof buf), assert_string_equal(buf, "一千零一十");
}

static void test_article_labels_both_ways(void **state)
{
    (void)state;
    char buf[64];
    int n, sub;
    assert_int_equal(law_article_label(105, 0, buf, sizeof buf), 0);
    assert_string_equal(buf, "第一百零五条");
    assert_int_equal(law_article_label(10, 1, buf, sizeof buf), 0);
    assert_string_equal(buf, "第十条之一");
    assert_int_equal(law_article_label_parse("第六十四条", strlen("第六十四条"), &n, &sub), 0);
    assert_int_equal(n, 64);
    assert_int_equal(sub, 0);
    assert_int_equal(law_article_label_parse("第二十条之二", strlen("第二十条之二"), &n, &sub), 0);
    assert_int_equal(n, 20);
    assert_int_equal(sub, 2);
    assert_int_equal(law_article_label_parse("第六十四条规定", strlen("第六十四条规定"), &n, &sub), -1);
    assert_int_equal(law_article_label_parse("六十四", strlen("六十四"), &n, &sub), -1);
}

static const char SMALL_LAW[] =
    "# 中华人民共和国示例法\n"
    "\n"
    "2020年1月1日 第十三届全国人民代表大会常务委员会第一次会议通过\n"
    "\n"
    "2021年6月1日 第十三届全国人民代表大会常务委员会第二次会议修正　\n"
    "\n"
    "<!-- INFO END -->\n"
    "\n"
    "## 第一章  总  则\n"
    "\n"
    "第一条 为了示例，制定本法。\n"
    "\n"
    "第二条 本法所称罚款，是指：\n"
    "\n"
    "（一）第一项；\n"
    "\n"
    "（二）第二项。\n"
    "\n"
    "依照本法第一条规定的，从其规定。\n"
    "\n"
    "## 第二章 程序\n"
    "\n"
    "### 第一节 听证\n"
    "\n"
    "第十条 当事人可以要求听证。\n"
    "\n"
    "第十条之一 听证应当公开举行。\n"
    "\n"
    "### 第二节 执行\n"
    "\n"
    "第一百零五条 本法自公布之日起施行。\n";

static void test_parse_small_law_header_and_structure(void **state)
{
    (void)state;
    Law law;
    ZfError err;
    assert_int_equal(law_parse(SMALL_LAW, strlen(SMALL_LAW), "示例法(2021-06-01).md", &law, &err), ZF_OK);
    assert_string_equal(law.title, "中华人民共和国示例法");
    assert_string_equal(law.short_title, "示例法");
    assert_string_equal(law.kind, "法律");
    assert_string_equal(law.promulgated, "2021-06-01");
    assert_non_null(strstr(law.info, "第一次会议通过\n2021年6月1日"));
    assert_null(strstr(law.info, "　")); /* trailing 全角 spaces trimmed */
    assert_int_equal(law.n_articles, 5);
    assert_int_equal(law.n_headings, 4);
    assert_string_equal(law.articles[0].chapter, "第一章 总则"); /* typesetting spaces removed */
    assert_null(law.articles[0].section);
    assert_string_equal(law.articles[2].chapter, "第二章 程序");
    assert_string_equal(law.articles[2].section, "第一节 听证");
    assert_string_equal(law.articles[4].section, "第二节 执行");
    law_free(&law);
}

static void test_parse_article_boundaries_and_sub_articles(void **state)
{
    (void)state;
    Law law;
    ZfError err;
    assert_int_equal(law_parse(SMALL_LAW, strlen(SMALL_LAW), NULL, &law, &err), ZF_OK);
    assert_int_equal(law.articles[0].number, 1);
    assert_string_equal(law.articles[0].label, "第一条");
    assert_string_equal(law.articles[0].text, "为了示例，制定本法。");
    /* paragraphs run until the next article; "依照本法第一条规定" inside a paragraph is no article */
    assert_int_equal(law.articles[1].number, 2);
    assert_string_equal(law.articles[1].text, "本法所称罚款，是指：\n（一）第一项；\n（二）第二项。\n依照本法第一条规定的，从其规定。");
    assert_int_equal(law.articles[2].number, 10);
    assert_int_equal(law.articles[2].sub, 0);
    assert_int_equal(law.articles[3].number, 10);
    assert_int_equal(law.articles[3].sub, 1);
    assert_string_equal(law.articles[3].label, "第十条之一");
    assert_string_equal(law.articles[3].text, "听证应当公开举行。");
    assert_int_equal(law.articles[4].number, 105);
    assert_string_equal(law.articles[4].label, "第一百零五条");
    law_free(&law);
}

static void test_parse_promulgated_date_from_info_without_file_date(void **state)
{
    (void)state;
    Law law;
    ZfError err;
    assert_int_equal(law_parse(SMALL_LAW, strlen(SMALL_LAW), "示例法.md", &law, &err), ZF_OK);
    assert_string_equal(law.promulgated, "2021-06-01"); /* the last 通过/修正 line */
    law_free(&law);
}

/* 总则.md: the 民法典's first 编 published alone, with two title lines. */
static void test_parse_joins_book_title_lines(void **state)
{
    (void)state;
    static const char text[] = "# 中华人民共和国民法典\n\n# 总则\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n"
                               "2021年1月1日 施行\n\n<!-- INFO END -->\n\n## 第一章  基本规定\n\n第一条 为了保护民事主体的合法权益。\n";
    Law law;
    ZfError err;
    assert_int_equal(law_parse(text, strlen(text), "总则.md", &law, &err), ZF_OK);
    assert_string_equal(law.title, "中华人民共和国民法典·总则");
    assert_string_equal(law.short_title, "民法典·总则");
    assert_string_equal(law.kind, "法律");
    assert_string_equal(law.promulgated, "2020-05-28"); /* adopted, not the 施行 date */
    law_free(&law);
}

static void test_parse_parts_chapters_sections(void **state)
{
    (void)state;
    static const char text[] = "# 中华人民共和国某诉讼法\n<!-- INFO END -->\n## 第一编 总 则\n### 第一章 任务\n第一条 甲。\n"
                               "### 第二章 管 辖\n#### 第一节 级别管辖\n第二条 乙。\n## 第二编 审判程序\n### 第三章 一审\n第三条 丙。\n";
    Law law;
    ZfError err;
    assert_int_equal(law_parse(text, strlen(text), NULL, &law, &err), ZF_OK);
    assert_string_equal(law.articles[1].part, "第一编 总则");
    assert_string_equal(law.articles[1].chapter, "第二章 管辖");
    assert_string_equal(law.articles[1].section, "第一节 级别管辖");
    assert_string_equal(law.articles[2].part, "第二编 审判程序");
    assert_string_equal(law.articles[2].chapter, "第三章 一审");
    assert_null(law.articles[2].section); /* a new 编 closes the old 节 */
    law_free(&law);
}

static void test_parse_rejects_duplicate_and_empty(void **state)
{
    (void)state;
    static const char dup[] = "# 某规定\n<!-- INFO END -->\n第一条 甲。\n第一条 乙。\n";
    static const char none[] = "# 某规定\n<!-- INFO END -->\n只有文字。\n";
    static const char untitled[] = "第一条 甲。\n";
    Law law;
    ZfError err;
    assert_int_equal(law_parse(dup, strlen(dup), NULL, &law, &err), ZF_ERR);
    assert_string_equal(err.code, "law_duplicate_article");
    assert_non_null(strstr(err.message, "第 4 行"));
    assert_int_equal(law_parse(none, strlen(none), NULL, &law, &err), ZF_ERR);
    assert_string_equal(err.code, "law_no_articles");
    assert_int_equal(law_parse(untitled, strlen(untitled), NULL, &law, &err), ZF_ERR);
    assert_string_equal(err.code, "law_no_title");
}

static void test_kind_follows_title(void **state)
{
    (void)state;
    static const char rule[] = "# 市场监督管理行政处罚信息公示规定\n<!-- INFO END -->\n第一条 甲。\n";
    static const char reg[] = "# 规章制定程序条例\n<!-- INFO END -->\n第一条 甲。\n";
    Law law;
    ZfError err;
    assert_int_equal(law_parse(rule, strlen(rule), NULL, &law, &err), ZF_OK);
    assert_string_equal(law.kind, "规章");
    law_free(&law);
    assert_int_equal(law_parse(reg, strlen(reg), NULL, &law, &err), ZF_OK);
    assert_string_equal(law.kind, "行政法规");
    law_free(&law);
}

/* Every shipped law parses, with articles numbered 1, 2, 3 … without gaps. */
static void test_shipped_laws_parse_with_consecutive_articles(void **state)
{
    (void)state;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/laws", test_data_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    int files = 0;
    size_t total = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strstr(e->d_name, ".md")) continue;
        char path[8192], *text;
        size_t len;
        Law law;
        ZfError err;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        assert_int_equal(file_read_all(path, &text, &len), 0);
        if (law_parse(text, len, e->d_name, &law, &err) != ZF_OK) fail_msg("%s: %s", e->d_name, err.message);
        for (size_t i = 0; i < law.n_articles; i++)
            if (law.articles[i].number != (int)i + 1 || law.articles[i].sub) fail_msg("%s: article %zu", e->d_name, i);
        assert_true(law.promulgated[0] != '\0');
        total += law.n_articles;
        files++;
        law_free(&law);
        free(text);
    }
    closedir(d);
    assert_int_equal(files, 11);
    assert_int_equal(total, 1051);
}

/* ---- law_terms ---------------------------------------------------------------------------- */

static void test_index_text_is_bigrams_with_breaks_and_unigrams(void **state)
{
    (void)state;
    char *bi, *uni;
    assert_int_equal(law_terms_index("处以罚款，没收。\n（一）Ａb", &bi, &uni), 0);
    assert_string_equal(bi, "处以 以罚 罚款 brk 没收 brk ab"); /* 全角 folded; "一" alone has no bigram */
    assert_string_equal(uni, "处 以 罚 款 没 收 一 a b");
    free(bi), free(uni);
}

static void test_query_parse_terms_and_limits(void **state)
{
    (void)state;
    LawQuery q;
    ZfError err;
    assert_int_equal(law_query_parse(" 罚款　听证 罚款 ", &q, &err), ZF_OK);
    assert_int_equal(q.n_terms, 2); /* 全角 space separates; the repeat is dropped */
    assert_int_equal(q.terms[0].n, 2);
    assert_int_equal(law_query_parse("罚", &q, &err), ZF_OK);
    assert_int_equal(q.n_terms, 1);
    assert_int_equal(law_query_parse("一二三四五六七八九十一二三四五六七八九十", &q, &err), ZF_OK); /* 20 */
    assert_int_equal(law_query_parse("一二三四五六七八九十一二三四五六七八九十一", &q, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_string_equal(err.field, "q");
    assert_non_null(strstr(err.message, "20"));
    assert_int_equal(law_query_parse("   ", &q, &err), ZF_ERR);
    assert_int_equal(law_query_parse("，。", &q, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
}

static void test_query_match_expression(void **state)
{
    (void)state;
    LawQuery q;
    ZfError err;
    char m[512];
    assert_int_equal(law_query_parse("当场收缴 罚", &q, &err), ZF_OK);
    assert_int_equal(law_query_match(&q, "bi", "uni", m, sizeof m), 0);
    assert_string_equal(m, "bi:\"当场 场收 收缴\" AND uni:\"罚\"");
    assert_int_equal(law_query_match(&q, "bi", "uni", m, 8), -1);
}

static void test_snippet_highlights_every_hit_in_window(void **state)
{
    (void)state;
    LawQuery q;
    ZfError err;
    assert_int_equal(law_query_parse("罚款", &q, &err), ZF_OK);
    char *s = law_snippet("作出罚款决定的行政机关应当与收缴罚款的机构分离。", &q, 80);
    assert_string_equal(s, "作出【罚款】决定的行政机关应当与收缴【罚款】的机构分离。");
    free(s);
    assert_int_equal(law_query_hits(&q, "罚款罚款，罚 款"), 2);
    /* a late hit in a long text: cut before and after, marked with … */
    char longer[2048] = "";
    for (int i = 0; i < 60; i++) strcat(longer, "甲");
    strcat(longer, "听证");
    for (int i = 0; i < 100; i++) strcat(longer, "乙");
    assert_int_equal(law_query_parse("听证", &q, &err), ZF_OK);
    s = law_snippet(longer, &q, 40);
    assert_true(strncmp(s, "…", 3) == 0);
    assert_non_null(strstr(s, "甲【听证】乙"));
    assert_true(strcmp(s + strlen(s) - 3, "…") == 0);
    free(s);
}

static void test_title_overlap(void **state)
{
    (void)state;
    LawQuery q;
    ZfError err;
    law_query_parse("罚款", &q, &err);
    assert_true(law_query_title_overlap(&q, "中华人民共和国行政处罚法") == 0.5);
    assert_true(law_query_title_overlap(&q, "中华人民共和国行政许可法") == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numerals_parse_article_numbers),
        cmocka_unit_test(test_numerals_reject_malformed),
        cmocka_unit_test(test_numerals_round_trip_1_to_9999),
        cmocka_unit_test(test_numerals_format_statute_forms),
        cmocka_unit_test(test_article_labels_both_ways),
        cmocka_unit_test(test_parse_small_law_header_and_structure),
        cmocka_unit_test(test_parse_article_boundaries_and_sub_articles),
        cmocka_unit_test(test_parse_promulgated_date_from_info_without_file_date),
        cmocka_unit_test(test_parse_joins_book_title_lines),
        cmocka_unit_test(test_parse_parts_chapters_sections),
        cmocka_unit_test(test_parse_rejects_duplicate_and_empty),
        cmocka_unit_test(test_kind_follows_title),
        cmocka_unit_test(test_shipped_laws_parse_with_consecutive_articles),
        cmocka_unit_test(test_index_text_is_bigrams_with_breaks_and_unigrams),
        cmocka_unit_test(test_query_parse_terms_and_limits),
        cmocka_unit_test(test_query_match_expression),
        cmocka_unit_test(test_snippet_highlights_every_hit_in_window),
        cmocka_unit_test(test_title_overlap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
