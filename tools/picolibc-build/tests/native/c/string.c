#include "check.h"
#include <stdlib.h>
#include <strings.h>
#include <wchar.h>

int main(void)
{
    char a[64], big[4096], big2[4096];
    CHECK(strlen("") == 0 && strlen("hello") == 5);
    CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
    CHECK(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abc", "abd", 3) < 0);
    CHECK(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABx", "aby", 2) == 0);
    strcpy(a, "foo");
    strcat(a, "bar");
    CHECK_STR(a, "foobar");
    strncpy(a, "xy", 5);
    CHECK(a[0] == 'x' && a[2] == 0 && a[4] == 0);
    CHECK(strchr("hello", 'l') == (char *)"hello" + 2 || strcmp(strchr("hello", 'l'), "llo") == 0);
    CHECK_STR(strrchr("hello", 'l'), "lo");
    CHECK_STR(strstr("haystack needle", "needle"), "needle");
    CHECK(strstr("abc", "zz") == NULL);
    CHECK(strspn("aabbc", "ab") == 4 && strcspn("hello", "lo") == 2);
    CHECK_STR(strpbrk("hello", "ol"), "llo");
    char tok[] = "a,b,,c";
    char *save, *t1 = strtok_r(tok, ",", &save), *t2 = strtok_r(NULL, ",", &save), *t3 = strtok_r(NULL, ",", &save);
    CHECK(strcmp(t1, "a") == 0 && strcmp(t2, "b") == 0 && strcmp(t3, "c") == 0 && strtok_r(NULL, ",", &save) == NULL);
    char *dup = strdup("copy");
    CHECK(dup && strcmp(dup, "copy") == 0);
    free(dup);
    CHECK(strnlen("abcdef", 3) == 3);
    CHECK(strlen(strerror(34)) > 0);

    for (int i = 0; i < 4096; i++)
        big[i] = (char)(i * 7);
    memcpy(big2, big, sizeof big);
    CHECK(memcmp(big, big2, sizeof big) == 0);
    big2[4000]++;
    CHECK(memcmp(big, big2, sizeof big) != 0);
    memset(big2, 0xAB, 1000);
    CHECK((unsigned char)big2[0] == 0xAB && (unsigned char)big2[999] == 0xAB && big2[1000] == big[1000]);
    memmove(big + 1, big, 100); // overlapping
    CHECK(big[1] == 0 && big[2] == 7 && big[100] == (char)(99 * 7));
    CHECK(memchr("abcdef", 'd', 6) != NULL && memchr("abcdef", 'z', 6) == NULL);
    CHECK(memrchr("abcabc", 'a', 6) == (const char *)"abcabc" + 3 || *(char *)memrchr("abcabc", 'b', 6) == 'b');
    CHECK(ffs(0x10) == 5 && ffs(0) == 0);
    CHECK(wcslen(L"wide") == 4 && wcscmp(L"a", L"b") < 0);
    DONE();
}
