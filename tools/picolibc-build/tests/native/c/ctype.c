#include "check.h"
#include <ctype.h>
#include <wctype.h>

int main(void)
{
    int alpha = 0, digit = 0, space = 0, punct = 0, upper = 0, xdigit = 0;
    for (int c = 0; c < 128; c++) {
        alpha += !!isalpha(c);
        digit += !!isdigit(c);
        space += !!isspace(c);
        punct += !!ispunct(c);
        upper += !!isupper(c);
        xdigit += !!isxdigit(c);
    }
    CHECK(alpha == 52 && digit == 10 && space == 6 && punct == 32 && upper == 26 && xdigit == 22);
    CHECK(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1');
    CHECK(isalnum('a') && !isalnum('-') && isprint(' ') && !isprint('\n') && iscntrl(0x7f) && isgraph('!'));
    CHECK(!isalpha(EOF) && !isalpha(200));
    CHECK(iswalpha(L'a') && iswdigit(L'5') && towupper(L'b') == L'B');
    DONE();
}
