#include "check.h"
#include <sys/time.h>
#include <time.h>

int main(void)
{
    time_t t = 1700000000; // 2023-11-14 22:13:20 UTC
    struct tm tm;
    CHECK(gmtime_r(&t, &tm) != NULL);
    CHECK(tm.tm_year == 123 && tm.tm_mon == 10 && tm.tm_mday == 14 && tm.tm_hour == 22 && tm.tm_min == 13 &&
          tm.tm_sec == 20 && tm.tm_wday == 2 && tm.tm_yday == 317);
    char buf[64];
    CHECK(strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j", &tm) > 0);
    CHECK_STR(buf, "2023-11-14 22:13:20 Tue Nov 318");
    struct tm in = { .tm_year = 100, .tm_mon = 0, .tm_mday = 1, .tm_isdst = 0 };
    CHECK(mktime(&in) == 946684800 && in.tm_wday == 6);
    CHECK(difftime(10, 4) == 6.0);
    char *s = asctime(&tm);
    CHECK_STR(s, "Tue Nov 14 22:13:20 2023\n");

    struct timespec ts;
    CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1600000000);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000 && tv.tv_usec < 1000000);
    time_t now = time(NULL);
    CHECK(now > 1600000000);
    DONE();
}
