/* zhifa gen: synthetic province data as exchange-v1 lines, deterministic by --seed — for
 * benchmarks, load tests and demos. Valid codes and dates; about one case in five breaks a rule. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/codes.h"

static int run_gen(const GlobalOpts *g, int argc, char **argv);

const Command cmd_gen = {
    "gen", "生成确定性的模拟数据（exchange-v1）",
    "用法：zhifa gen [--seed N] [--cases N] [--agencies N]\n\n"
    "向标准输出写出模拟的执法主体、执法人员、权责事项、裁量基准和案件（默认 10000 件），\n"
    "同一 --seed 总是得到同样的数据。可直接管道给 zhifa import -。\n",
    run_gen};

static const char *const sectors[] = {"market_regulation", "transport", "urban_management", "ecology", "emergency", "agriculture"};
#define N_SECTORS (sizeof sectors / sizeof *sectors)
#define OFFICERS_PER_AGENCY 8

typedef struct {
    uint64_t s;
} Rng;

static uint64_t next(Rng *r) /* splitmix64 */
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int below(Rng *r, int n) { return (int)(next(r) % (uint64_t)n); }

static void agency_code(int i, char out[19])
{
    char first[96];
    snprintf(first, sizeof first, "113702%02dMB%07d", i % 100, i % 10000000);
    memcpy(out, first, 17);
    out[17] = uscc_check_char(first);
    out[18] = '\0';
}

static void region_of(int i, char out[7]) { snprintf(out, 7, "3702%02d", 2 + i % 12); }

/* One power of a kind per sector, held by every agency of that sector. */
static void print_power(size_t sector, const char *suffix, const char *kind, int n_agencies)
{
    printf("{\"type\":\"power\",\"code\":\"GEN-%zu-%s\",\"name\":\"模拟%s事项%zu\",\"kind\":\"%s\",\"agencies\":[",
           sector, suffix, kind, sector, kind);
    for (int i = (int)sector; i < n_agencies; i += (int)N_SECTORS) {
        char code[19];
        agency_code(i, code);
        printf("%s\"%s\"", i == (int)sector ? "" : ",", code);
    }
    printf("],\"basis\":[{\"law\":\"中华人民共和国行政处罚法\",\"article\":\"第二十八条\"}]}\n");
}

static void print_elements(int n_agencies)
{
    for (int i = 0; i < n_agencies; i++) {
        char code[19], region[7];
        agency_code(i, code), region_of(i, region);
        printf("{\"type\":\"agency\",\"code\":\"%s\",\"name\":\"模拟执法主体%d\",\"region\":\"%s\",\"level\":\"county\","
               "\"kind\":\"department\",\"sector\":\"%s\"}\n", code, i, region, sectors[(size_t)i % N_SECTORS]);
        for (int k = 0; k < OFFICERS_PER_AGENCY; k++)
            printf("{\"type\":\"officer\",\"cert_no\":\"G%05d%03d\",\"name\":\"执法人员%d-%d\",\"agency\":\"%s\","
                   "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"%s\",\"status\":\"active\"}\n",
                   i, k, i, k, code, k == 0 ? "2026-12-01" : "2029-12-31");
    }
    for (size_t s = 0; s < N_SECTORS; s++) {
        print_power(s, "CF", "penalty", n_agencies);
        print_power(s, "JC", "inspection", n_agencies);
        print_power(s, "QZ", "coercion", n_agencies);
        printf("{\"type\":\"benchmark\",\"power\":\"GEN-%zu-CF\",\"tiers\":[{\"tier\":\"light\",\"fine_min\":0,\"fine_max\":5000},"
               "{\"tier\":\"ordinary\",\"fine_min\":5000,\"fine_max\":30000},{\"tier\":\"heavy\",\"fine_min\":30000,\"fine_max\":100000}]}\n", s);
    }
}

static void day_text(zf_day d, char out[ZF_DATE_LEN]) { date_format(d, out); }

/* Parties live where the agency is (a company registered in its district: no 异地执法, A02). */
static void party(Rng *r, int agency, char out[256])
{
    char first[96], region[7];
    region_of(agency, region);
    if (below(r, 2)) {
        snprintf(first, sizeof first, "91%s%09d", region, below(r, 1000000000));
        first[17] = '\0';
        snprintf(out, 256, "{\"kind\":\"org\",\"name\":\"模拟企业\",\"id_no\":\"%s%c\"}", first, uscc_check_char(first));
    } else {
        snprintf(first, sizeof first, "370202%04d%02d%02d%03d", 1960 + below(r, 40), 1 + below(r, 12), 1 + below(r, 28), below(r, 1000));
        snprintf(out, 256, "{\"kind\":\"person\",\"name\":\"张某\",\"id_no\":\"%s%c\"}", first, cnid_check_char(first));
    }
}

/* A penalty case; `late` pushes the decision past the 90-day limit. */
static void print_penalty(Rng *r, int no, int agency, bool late)
{
    char code[19], p[256], filed[11], notified[11], decided[11], served[11], published[11], found[11];
    zf_day start = date_from_ymd(2025, 1, 1) + below(r, 500);
    agency_code(agency, code), party(r, agency, p);
    day_text(start, found), day_text(start + 3, filed), day_text(start + 25, notified); /* ≥ 5 wd before deciding (P21) */
    day_text(start + (late ? 120 : 40), decided), day_text(start + (late ? 122 : 42), served);
    day_text(start + (late ? 125 : 44), published);
    int fine = 5000 + below(r, 25000);
    printf("{\"type\":\"case\",\"case_no\":\"模拟罚〔2026〕%d号\",\"agency\":\"%s\",\"kind\":\"penalty\",\"power\":\"GEN-%d-CF\","
           "\"party\":%s,\"officers\":[\"G%05d001\",\"G%05d002\"],\"procedure\":\"ordinary\",\"violation_ended_on\":\"%s\","
           "\"discovered_on\":\"%s\",\"filed_on\":\"%s\",\"notified_on\":\"%s\",\"hearing_right_notified\":true,"
           "\"decided_on\":\"%s\",\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":%d,\"tier\":\"ordinary\"},"
           "\"served_on\":\"%s\",\"paid_on\":\"%s\",\"published_on\":\"%s\"}\n",
           no, code, agency % (int)N_SECTORS, p, agency, agency, found, found, filed, notified, decided, fine, served,
           served, published);
}

static void print_other(Rng *r, int no, int agency)
{
    char code[19], p[256], d1[11], d2[11];
    zf_day start = date_from_ymd(2025, 1, 1) + below(r, 500);
    agency_code(agency, code), party(r, agency, p), day_text(start, d1), day_text(start + 20 + below(r, 20), d2);
    if (no % 2)
        printf("{\"type\":\"case\",\"case_no\":\"模拟查〔2026〕%d号\",\"agency\":\"%s\",\"kind\":\"inspection\",\"power\":\"GEN-%d-JC\","
               "\"party\":%s,\"officers\":[\"G%05d001\",\"G%05d002\"],\"inspected_on\":\"%s\",\"result\":\"ok\"}\n",
               no, code, agency % (int)N_SECTORS, p, agency, agency, d1);
    else
        printf("{\"type\":\"case\",\"case_no\":\"模拟强〔2026〕%d号\",\"agency\":\"%s\",\"kind\":\"coercion\",\"power\":\"GEN-%d-QZ\","
               "\"party\":%s,\"officers\":[\"G%05d001\",\"G%05d002\"],\"measure\":\"seal\",\"started_on\":\"%s\","
               "\"approved_on\":\"%s\",\"released_on\":\"%s\"}\n",
               no, code, agency % (int)N_SECTORS, p, agency, agency, d1, d1, d2);
}

static int run_gen(const GlobalOpts *g, int argc, char **argv)
{
    (void)g;
    const char *seed_s = "1", *cases_s = "10000", *agencies_s = "120";
    Flag flags[] = {{"--seed", &seed_s, NULL}, {"--cases", &cases_s, NULL}, {"--agencies", &agencies_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_gen, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    char *end;
    long cases = strtol(cases_s, &end, 10);
    if (*end || cases < 0 || cases > 100000000) return cmd_usage_error(&cmd_gen, "--cases 应为 0–100000000 的整数");
    long agencies = strtol(agencies_s, &end, 10);
    if (*end || agencies < 1 || agencies > 9999999) return cmd_usage_error(&cmd_gen, "--agencies 应为 1–9999999 的整数");
    Rng r = {strtoull(seed_s, NULL, 10)};
    print_elements((int)agencies);
    for (long i = 0; i < cases; i++) {
        int agency = below(&r, (int)agencies), roll = below(&r, 100);
        if (roll < 85) print_penalty(&r, (int)i, agency, roll < 15);
        else print_other(&r, (int)i, agency);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
