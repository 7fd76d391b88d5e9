/* Electronic seal benchmark (issue 17: sealing and verifying < 20 ms each): a 3-page PDF as cairo
 * writes it (WenQuanYi text and the drawn seal), sealed with an agency key of a fresh CA and
 * verified against its root, each the median of RUNS. The baseline, measured in the same run on
 * the same bytes, is one SM3 over the sealed file (OpenSSL EVP): the part of the work no seal
 * can avoid; the ratio says what the key loading, the PDF update, SM2 and X.509 add on top.
 * Usage: bench_seal [RUNS]   (default 200) */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "seal/ca.h"
#include "seal/seal.h"
#include "tests/unit/support/sample_pdf.h"

#define TARGET_MS 20.0

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return v[n / 2];
}

static void die(const char *what, const ZfError *err)
{
    fprintf(stderr, "bench_seal: %s: %s\n", what, err ? err->message : "");
    exit(1);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 1) runs = 1;
    char dir[64] = "/tmp/zhifa-bench-seal-XXXXXX", ca[96];
    if (!mkdtemp(dir)) die("mkdtemp", NULL);
    snprintf(ca, sizeof ca, "%s/ca", dir);
    ZfError err;
    int created;
    if (seal_ca_init(ca, "基准根证书", &created, &err) != ZF_OK) die("ca init", &err);
    if (seal_ca_issue_now(ca, "BENCH", "青岛市市场监督管理局", &err) != ZF_OK) die("ca issue", &err);
    size_t len, sealed_len = 0;
    unsigned char *pdf = sample_pdf(3, "青岛市市场监督管理局", &len), *sealed = NULL;
    if (!pdf) die("sample pdf", NULL);
    double *sign = malloc((size_t)runs * sizeof *sign), *verify = malloc((size_t)runs * sizeof *verify),
           *sm3 = malloc((size_t)runs * sizeof *sm3);
    for (int i = 0; i < runs; i++) {
        free(sealed);
        double t0 = now_ms();
        if (seal_sign_pdf(ca, "BENCH", "1042", time(NULL), pdf, len, &sealed, &sealed_len, &err) != ZF_OK)
            die("seal", &err);
        sign[i] = now_ms() - t0;
        SealReport r;
        t0 = now_ms();
        seal_verify_pdf(ca, sealed, sealed_len, "1042", &r);
        verify[i] = now_ms() - t0;
        if (r.check != SEAL_OK) die(seal_check_message(r.check), NULL);
        unsigned char md[32];
        unsigned int n;
        t0 = now_ms();
        EVP_Digest(sealed, sealed_len, md, &n, EVP_sm3(), NULL);
        sm3[i] = now_ms() - t0;
    }
    double s = median(sign, runs), v = median(verify, runs), b = median(sm3, runs);
    printf("seal: 3-page PDF of %zu bytes, median of %d runs: seal %.2f ms, verify %.2f ms (target < %.0f ms each: %s); "
           "baseline SM3 of the sealed bytes %.3f ms; ratio seal %.0fx, verify %.0fx the SM3\n",
           sealed_len, runs, s, v, TARGET_MS, s < TARGET_MS && v < TARGET_MS ? "met" : "MISSED", b, s / b, v / b);
    free(sign), free(verify), free(sm3), free(sealed), free(pdf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 && s < TARGET_MS && v < TARGET_MS ? 0 : 1;
}
