#include "check.h"
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <wchar.h>

// Big decimal numbers: base 10^9 limbs, little-endian.
static uint32_t limb[1400];
static int limbs;

static void limbs_set(uint64_t v)
{
    limbs = 0;
    do {
        limb[limbs++] = (uint32_t)(v % 1000000000u);
        v /= 1000000000u;
    } while (v);
}

static void limbs_mul(uint32_t m, int times)
{
    while (times-- > 0) {
        uint64_t carry = 0;
        for (int j = 0; j < limbs; j++) {
            uint64_t v = limb[j] * (uint64_t)m + carry;
            limb[j] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry)
            limb[limbs++] = (uint32_t)carry;
    }
}

static char *limbs_text(char *out)
{
    char *q = out + sprintf(out, "%u", limb[limbs - 1]);
    for (int j = limbs - 2; j >= 0; j--)
        q += sprintf(q, "%09u", limb[j]);
    return q;
}

// Decimal digits of (2^p + 1) * 5^(p + k), the halfway point between 2^-k and
// its successor in a format of p-bit significands, times 10^(p + k).
static char *halfway_digits(int p, int k, char *out)
{
    limbs_set(1);
    limbs_mul(2, p);
    limb[0]++; // 2^p + 1 (limb[0] is even)
    limbs_mul(5, p + k);
    return limbs_text(out);
}

// sscanf's %Lf of s, which must take all of it.
static long double scan_ld(const char *s)
{
    long double v = -1;
    int n = -1;
    CHECK(sscanf(s, "%Lf%n", &v, &n) == 1 && n == (int)strlen(s));
    return v;
}

// Long double halfway cases of more than 800 significant digits (the first
// 800 alone do not decide them): on, above and below the halfway point
// between 2^-k and its successor, through strtold and scanf's %Lf. With k
// 16000 the cases above and below run past the 11,600 digits scanf keeps.
static void long_halfway(int k)
{
    static char buf[16384];
    int p = LDBL_MANT_DIG, nd = (p - 1 + 3) / 4;
    char hex[64];
    snprintf(hex, sizeof hex, "0x1p-%d", k);
    long double low = strtold(hex, NULL);
    char z[40]; // the hex digits of 2^-(p-1) after the point: zeros, then one digit
    memset(z, '0', (size_t)nd - 1);
    z[nd - 1] = 0;
    snprintf(hex, sizeof hex, "0x1.%s%xp-%d", z, 1u << (4 * nd - (p - 1)), k);
    long double up = strtold(hex, NULL);
    CHECK(up > low && low > 0);
    char *end = halfway_digits(p, k, buf);
    size_t len = (size_t)(end - buf);
    CHECK(len > 800 || LDBL_MANT_DIG == 53);
    sprintf(end, "e-%d", p + k);
    CHECK(strtold(buf, NULL) == low); // a tie: to the even one
    CHECK(scan_ld(buf) == low);
    memset(end, '0', 900);
    sprintf(end + 900, "1e-%d", p + k + 901);
    CHECK(strtold(buf, NULL) == up);
    CHECK(scan_ld(buf) == up);
    size_t i = len;
    while (buf[--i] == '0')
        buf[i] = '9';
    buf[i]--;
    memset(end, '9', 901);
    CHECK(strtold(buf, NULL) == low);
    CHECK(scan_ld(buf) == low);
}

// An exactly representable subnormal long double spelt out to its last digit
// (m * 2^-k = m * 5^k * 10^-k) is no underflow: errno stays 0; one more digit
// after it makes the value inexact (ERANGE), rounding to the same result.
static void exact_subnormal(uint64_t m)
{
    static char buf[16384];
    int k = LDBL_MANT_DIG - LDBL_MIN_EXP; // the smallest subnormal is 2^-k
    long double want = (long double)m * strtold(LDBL_MANT_DIG == 53 ? "0x1p-1074" : LDBL_MANT_DIG == 64 ? "0x1p-16445" : "0x1p-16494", NULL);
    CHECK(want > 0 && want < LDBL_MIN);
    limbs_set(m);
    limbs_mul(5, k);
    char *end = limbs_text(buf);
    sprintf(end, "e-%d", k);
    errno = 0;
    CHECK(strtold(buf, NULL) == want && errno == 0);
    CHECK(scan_ld(buf) == want);
    sprintf(end, "1e-%d", k + 1);
    errno = 0;
    CHECK(strtold(buf, NULL) == want && errno == ERANGE);
}

int main(void)
{
    long_halfway(LDBL_MAX_EXP > 1024 ? 3000 : 1000);
    if (LDBL_MAX_EXP > 1024)
        long_halfway(16000);
    exact_subnormal(3);
    exact_subnormal((UINT64_C(1) << (LDBL_MANT_DIG == 53 ? 51 : 62)) - 1);
    char *end;
    CHECK(strtol("  -123abc", &end, 10) == -123 && strcmp(end, "abc") == 0);
    CHECK(strtol("0x1f", NULL, 16) == 31 && strtol("0x1f", NULL, 0) == 31 && strtol("017", NULL, 0) == 15);
    CHECK(strtoul("4294967295", NULL, 10) == 4294967295ul);
    CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN);
    CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX);
    errno = 0;
    CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
    errno = 0;
    CHECK(strtol("-99999999999999999999", NULL, 10) == LONG_MIN && errno == ERANGE);
    CHECK(strtol("zz", &end, 36) == 35 * 36 + 35);
    CHECK(atoi("  42") == 42 && atol("-7") == -7 && atoll("1234567890123") == 1234567890123LL);

    CHECK(strtod("3.5", NULL) == 3.5);
    CHECK(strtod("-1e-3", &end) == -1e-3 && *end == 0);
    CHECK(strtod("0x1p4", NULL) == 16.0);          // C99 hex float
    CHECK(strtod("0x1.8p-1", NULL) == 0.75);
    CHECK(strtof("0x1p-2", NULL) == 0.25f);
    CHECK(strtold("0x1p4", NULL) == 16.0L);
    CHECK(isinf(strtod("inf", NULL)) && isnan(strtod("nan", NULL)));
    CHECK(strtod("1.7976931348623157e308", NULL) == DBL_MAX);
    errno = 0;
    CHECK(isinf(strtod("1e400", NULL)) && errno == ERANGE);
    errno = 0;
    CHECK(strtod("1e-400", NULL) == 0.0 && errno == ERANGE);
    CHECK(strtod("abc", &end) == 0.0 && strcmp(end, "abc") == 0);
    CHECK(atof("2.5") == 2.5);
    CHECK(strtod("0.1", NULL) == 0.1 && strtod("123456789.125", NULL) == 123456789.125);
    CHECK(wcstod(L"0x1p4", NULL) == 16.0 && wcstol(L"-42", NULL, 10) == -42);
    DONE();
}
