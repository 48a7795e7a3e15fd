#include "check.h"
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <wchar.h>

int main(void)
{
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
