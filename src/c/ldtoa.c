// SPDX-License-Identifier: Apache-2.0
// Exact decimal digits of m * 2^e2 for m < 2^128, as a stream (ldtoa.h).
//
// The integer part is printed from a 128-bit integer or, above 2^128, from a
// base-10^9 big integer, m shifted left 29 bits a pass (at most 549 limbs);
// the fraction f / 2^k is kept as a base-2^64 big fraction (at most 258
// limbs), and multiplying it by 10^19 pushes the next nineteen digits out of
// its top limb, as src/c/vfprintf.c does for doubles. Both live in one union:
// a value with a fraction has an integer part below 2^128. Rounding needs the
// digits up to the rounding position and whether any later one is non-zero;
// when the rounded digits do not fit the cache they are generated again
// while they are taken (the big integer is kept, the fraction rebuilt).
#include "ldtoa.h"

#include <string.h>

#include "decimal_digits.h"

typedef unsigned __int128 u128;

#define BILLION 1000000000u
#define TEN19   UINT64_C(10000000000000000000)

enum { P_INT_SMALL, P_INT_BIG, P_FRAC, P_APX, P_END };

// Decimal digits of v > 0 into out (at most 39); returns how many.
static int u128_digits(u128 v, char *out)
{
    if (!(v >> 64))
        return u64_digits((uint64_t)v, out);
    // base 10^9 by short division of 32-bit words: no 128-bit division call
    uint32_t w[4] = { (uint32_t)v, (uint32_t)(v >> 32), (uint32_t)(v >> 64), (uint32_t)(v >> 96) };
    uint32_t chunk[5];
    int      nc = 0, top = 3;
    while (top >= 0) {
        uint64_t r = 0;
        for (int i = top; i >= 0; i--) {
            uint64_t t = (r << 32) | w[i];
            w[i] = (uint32_t)(t / BILLION);
            r = t % BILLION;
        }
        chunk[nc++] = (uint32_t)r;
        while (top >= 0 && w[top] == 0)
            top--;
    }
    int n = u64_digits(chunk[nc - 1], out);
    for (int c = nc - 2; c >= 0; c--, n += 9)
        chunk9(chunk[c], out + n);
    return n;
}

// l = l * 2^sh, sh <= 29, leaving limbs below 2^32 rather than 10^9: each
// limb's quotient goes to the next limb without waiting for that limb's own
// carry, so the limbs of a pass are independent work (a pass that carried
// exactly waited for one multiplication and shift per limb in turn; this one
// builds the 4,933 digits of 2^16383 about 1.6 times faster). The bounds:
// l[i] < 2^32 gives t < 2^61, q < 2^61 / 10^9 < 2.4 * 10^9, and
// r + q < 3.4 * 10^9 < 2^32.
static void big_shift_lazy(struct __hl_ldtoa *s, int sh)
{
    uint32_t *l = s->w.il;
    uint32_t  q_below = 0;
    for (int i = 0; i < s->ilen; i++) {
        uint64_t t = (uint64_t)l[i] << sh;
        uint64_t q = t / BILLION;
        l[i] = (uint32_t)(t - q * BILLION) + q_below;
        q_below = (uint32_t)q;
    }
    if (q_below)
        l[s->ilen++] = q_below;
}

// l = l * 2^sh + add (add < 2^32), carried exactly: the limbs end below
// 10^9. Limbs below 10^9 take sh <= 33, limbs below 2^32 sh <= 29.
static void big_shift_add(struct __hl_ldtoa *s, int sh, uint32_t add)
{
    uint32_t *l = s->w.il;
    uint64_t  carry = add;
    // l[i] << sh < 2^63 either way, and so is t (carry < 2^34)
    for (int i = 0; i < s->ilen; i++) {
        uint64_t t = ((uint64_t)l[i] << sh) + carry;
        carry = t / BILLION;
        l[i] = (uint32_t)(t - carry * BILLION);
    }
    while (carry) {
        l[s->ilen++] = (uint32_t)(carry % BILLION);
        carry /= BILLION;
    }
}

// (Re)starts the digit stream; the big integer is built only once.
static void gen_start(struct __hl_ldtoa *s)
{
    u128 m = s->m;
    int  e2 = s->e2;
    s->started = 0;
    s->lead = 0;
    s->plen = s->ppos = 0;
    s->L = s->lo = s->hi = 0;
    if (e2 >= 0) {
        int bits = m >> 64 ? 128 - __builtin_clzll((uint64_t)(m >> 64)) : 64 - __builtin_clzll((uint64_t)m);
        if (bits + e2 <= 128) {
            s->ismall = m << e2;
            s->phase = P_INT_SMALL;
            return;
        }
        if (!s->ibuilt) {
            s->ilen = 0;
            for (int i = 3; i >= 0; i--)
                big_shift_add(s, 32, (uint32_t)(m >> (32 * i)));
            int left = e2;
            for (; left > 29; left -= 29)
                big_shift_lazy(s, 29);
            big_shift_add(s, left, 0); // the last bits, carried exactly
            s->ibuilt = 1;
        }
        s->inext = s->ilen - 1;
        s->phase = P_INT_BIG;
        return;
    }
    int  k = -e2; // the value is m / 2^k
    u128 fr = k < 128 ? m & (((u128)1 << k) - 1) : m;
    s->ismall = k < 128 ? m >> k : 0;
    s->phase = s->ismall ? P_INT_SMALL : P_FRAC;
    if (fr) {
        // fr * 2^sh / 2^(64L), sh < 64: fr fills at most the three lowest limbs
        int L = (k + 63) / 64, sh = 64 * L - k;
        memset(s->w.f, 0, sizeof(s->w.f[0]) * (size_t)L);
        uint64_t f3[3] = { (uint64_t)fr << sh, sh ? (uint64_t)(fr >> (64 - sh)) : (uint64_t)(fr >> 64),
                           sh ? (uint64_t)(fr >> (128 - sh)) : 0 };
        for (int i = 0; i < 3 && i < L; i++)
            s->w.f[i] = f3[i];
        s->L = L;
        s->hi = L < 3 ? L : 3;
        while (s->hi > 0 && s->w.f[s->hi - 1] == 0)
            s->hi--;
        while (s->lo < s->hi && s->w.f[s->lo] == 0)
            s->lo++;
    }
}

// Far from 1 the exact digits cost a big integer or a long fraction (about
// 0.16 ms for 10^4932), though %Le and %Lg want only the first few. So they
// are first taken from an approximation: F = m * 2^e2 / 10^sdec < 1 to 320
// bits, from 5^-sdec by repeated squaring with every product rounded down.
// F is then known from below to within 2^20 units of 2^-320 (the relative
// error of 0.2^4966 computed so is below 2^-303), so its first 76 digits are
// exact unless adding that error carries into them, and the rounding
// direction is certain unless the digits after the rounding position are
// zero and so is what is left of F: then, and when more digits are needed,
// the exact digits decide (APX_* below).
#define APX_LIMBS  5
#define APX_CHUNKS 4
#define APX_DIGITS (19 * APX_CHUNKS)

struct apx {
    uint64_t w[APX_LIMBS]; // w[APX_LIMBS - 1] has its top bit set
    int      e;            // the value is w * 2^e
};

// *r = a * b, its top 320 bits rounded down (r may be a or b).
static void apx_mul(struct apx *r, const struct apx *a, const struct apx *b)
{
    uint64_t p[2 * APX_LIMBS] = { 0 };
    for (int i = 0; i < APX_LIMBS; i++) {
        uint64_t c = 0;
        for (int j = 0; j < APX_LIMBS; j++) {
            u128 t = (u128)a->w[i] * b->w[j] + p[i + j] + c;
            p[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        p[i + APX_LIMBS] = c;
    }
    int sh = !(p[2 * APX_LIMBS - 1] >> 63); // the product is in [2^638, 2^640)
    for (int i = 0; i < APX_LIMBS; i++) {
        int k = i + APX_LIMBS;
        r->w[i] = sh ? p[k] << 1 | p[k - 1] >> 63 : p[k];
    }
    r->e = a->e + b->e + 64 * APX_LIMBS - sh;
}

// 5^q from below: from 5 exactly, or from 0.2 rounded down for q < 0.
static void apx_pow5(int q, struct apx *r)
{
    struct apx b;
    memset(&b, 0, sizeof b);
    memset(r, 0, sizeof *r);
    r->w[APX_LIMBS - 1] = UINT64_C(1) << 63;
    r->e = -(64 * APX_LIMBS - 1);
    if (q >= 0) {
        b.w[APX_LIMBS - 1] = UINT64_C(5) << 61;
        b.e = -(64 * APX_LIMBS - 3);
    } else {
        for (int i = 0; i < APX_LIMBS; i++)
            b.w[i] = UINT64_C(0xcccccccccccccccc); // 0.8 * 2^320, rounded down
        b.e = -(64 * APX_LIMBS + 2);
        q = -q;
    }
    for (; q; q >>= 1) {
        if (q & 1)
            apx_mul(r, r, &b);
        if (q > 1)
            apx_mul(&b, &b, &b);
    }
}

// The first APX_DIGITS digits of s->m * 2^s->e2 into s->w (as characters),
// the exponent of the first into s->exp10; 0 if adding the error bound
// could carry into them.
static int apx_start(struct __hl_ldtoa *s)
{
    u128 m = s->m;
    int  bits = m >> 64 ? 128 - __builtin_clzll((uint64_t)(m >> 64)) : 64 - __builtin_clzll((uint64_t)m);
    int  b = bits + s->e2; // the value is below 2^b
    // sdec >= b log10(2), so F < 1, and F >= 1/200: at most two leading zeros
    int        sdec = b >= 0 ? ((b * 78914) >> 18) + 1 : -((-b * 78913) >> 18);
    struct apx p;
    apx_pow5(-sdec, &p);
    uint64_t mm[2] = { (uint64_t)m, (uint64_t)(m >> 64) }, prod[APX_LIMBS + 3] = { 0 };
    for (int i = 0; i < 2; i++) {
        uint64_t c = 0;
        for (int j = 0; j < APX_LIMBS; j++) {
            u128 t = (u128)mm[i] * p.w[j] + prod[i + j] + c;
            prod[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        prod[i + APX_LIMBS] = c;
    }
    // F = prod * 2^(p.e + e2 - sdec); X = floor(F * 2^320) = prod >> sh
    int      sh = -(p.e + s->e2 - sdec) - 64 * APX_LIMBS;
    uint64_t x[APX_LIMBS];
    for (int i = 0; i < APX_LIMBS; i++) {
        int k = sh + 64 * i, w = k / 64, r = k % 64;
        uint64_t lo = w < APX_LIMBS + 3 ? prod[w] : 0, hi = w + 1 < APX_LIMBS + 3 ? prod[w + 1] : 0;
        x[i] = r ? lo >> r | hi << (64 - r) : lo;
    }
    char *d = (char *)s->w.f;
    for (int j = 0; j < APX_CHUNKS; j++) {
        uint64_t c = 0;
        for (int i = 0; i < APX_LIMBS; i++) {
            u128 t = (u128)x[i] * TEN19 + c;
            x[i] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        chunk19(c, d + 19 * j);
    }
    // after four chunks the error is below 2^20 * 10^76 < 2^273 units: the
    // digits are exact unless x >= 2^320 - 2^273
    if (x[APX_LIMBS - 1] >> 17 == UINT64_MAX >> 17)
        return 0;
    int z = 0;
    while (d[z] == '0')
        z++;
    s->exp10 = sdec - 1 - z;
    s->apx_next = z; // digits d[z..APX_DIGITS) are the stream
    s->apx_more = (x[0] | x[1] | x[2] | x[3] | x[4]) != 0;
    s->started = 1;
    s->phase = P_APX;
    return 1;
}

// Whether a digit after those generated so far is not zero.
static int gen_rest(const struct __hl_ldtoa *s)
{
    if (s->phase == P_APX) {
        const char *d = (const char *)s->w.f;
        for (int i = s->apx_next; i < APX_DIGITS; i++)
            if (d[i] != '0')
                return 1;
        return s->apx_more;
    }
    if (s->phase == P_INT_BIG)
        for (int i = s->inext; i >= 0; i--)
            if (s->w.il[i])
                return 1;
    return s->lo < s->hi;
}

// The next digits of the stream into out (at most 39); 0 at its end. The
// first digit of the stream is the first non-zero one; its exponent goes to
// s->exp10 when it is generated.
static int gen_chunk(struct __hl_ldtoa *s, char *out)
{
    switch (s->phase) {
    case P_INT_SMALL: {
        int n = u128_digits(s->ismall, out);
        s->exp10 = n - 1;
        s->started = 1;
        s->phase = s->lo < s->hi ? P_FRAC : P_END;
        return n;
    }
    case P_INT_BIG: {
        int n;
        if (s->inext == s->ilen - 1) {
            n = u64_digits(s->w.il[s->inext], out);
            s->exp10 = n - 1 + 9 * (s->ilen - 1);
            s->started = 1;
        } else {
            chunk9(s->w.il[s->inext], out);
            n = 9;
        }
        if (--s->inext < 0)
            s->phase = P_END;
        return n;
    }
    case P_APX: {
        // what is left of the approximation's digits, up to 19 at a time
        int n = APX_DIGITS - s->apx_next < 19 ? APX_DIGITS - s->apx_next : 19;
        memcpy(out, (const char *)s->w.f + s->apx_next, (size_t)n);
        s->apx_next += n;
        return n;
    }
    case P_FRAC:
        while (s->lo < s->hi) {
            uint64_t *f = s->w.f;
            uint64_t  c = 0, chunk = 0;
            for (int i = s->lo; i < s->hi; i++) {
                u128 t = (u128)f[i] * TEN19 + c;
                f[i] = (uint64_t)t;
                c = (uint64_t)(t >> 64);
            }
            if (s->hi < s->L) {
                if (c)
                    f[s->hi++] = c;
            } else {
                chunk = c;
            }
            while (s->lo < s->hi && f[s->lo] == 0)
                s->lo++;
            if (s->started) {
                chunk19(chunk, out);
                return 19;
            }
            if (chunk) {
                char tmp[19];
                int  z = 0;
                chunk19(chunk, tmp);
                while (tmp[z] == '0')
                    z++;
                memcpy(out, tmp + z, (size_t)(19 - z));
                s->exp10 = -(s->lead + z + 1);
                s->started = 1;
                return 19 - z;
            }
            s->lead += 19;
        }
        s->phase = P_END;
        return 0;
    default:
        return 0;
    }
}

// Rounds the stream from its start; 0 if it is the approximation and that
// cannot decide.
static int round_stream(struct __hl_ldtoa *s, int fmode, int ndig)
{
    int  apx = s->phase == P_APX;
    char buf[40];
    int  keep = 0, pos = 0, last_nz = -1, last_non9 = -1, sticky = 0;
    char r = 0, prev = '0';
    s->bump = -1;
    s->n = 0;
    for (;;) {
        int c = gen_chunk(s, buf);
        if (c == 0)
            break;
        if (pos == 0) {
            keep = fmode ? s->exp10 + ndig + 1 : ndig;
            if (keep < 0)
                return 1; // below half a unit of the last place: zero
            // A fraction m / 2^k (m odd) ends with a non-zero digit at 10^-k
            // (m * 5^k is odd): when every digit is kept there is nothing to
            // round, and the digits are generated once, while they are taken.
            int all = s->exp10 - s->e2 + 1;
            if (!apx && s->e2 < 0 && keep >= all && all > HL_LDTOA_CACHE) {
                s->n = all;
                gen_start(s); // keeps exp10
                return 1;
            }
        }
        // the chunk's kept digits: buf[0..k)
        int k = keep - pos < c ? keep - pos : c;
        if (k > 0) {
            if (pos < HL_LDTOA_CACHE)
                memcpy(s->cache + pos, buf, (size_t)(pos + k <= HL_LDTOA_CACHE ? k : HL_LDTOA_CACHE - pos));
            int i = k - 1;
            while (i >= 0 && buf[i] == '0')
                i--;
            if (i >= 0)
                last_nz = pos + i;
            i = k - 1;
            while (i >= 0 && buf[i] == '9')
                i--;
            if (i >= 0)
                last_non9 = pos + i;
            prev = buf[k - 1];
        }
        pos += c;
        if (pos > keep) {
            // the rounding digit, then whether any digit after it is non-zero
            r = buf[k];
            for (int i = k + 1; i < c && !sticky; i++)
                sticky = buf[i] != '0';
            sticky = sticky || gen_rest(s);
            break;
        }
    }
    // the approximation ran out of digits, or is all zeros after a 5
    if (apx && (pos <= keep || (r == '5' && !sticky)))
        return 0;
    int up = pos > keep && (r > '5' || (r == '5' && (sticky || (keep > 0 && (prev & 1)))));
    if (up && last_non9 < 0) {
        // every kept digit was a 9 (or none was kept): 10^(exp10 + 1)
        s->n = 1;
        s->exp10++;
        s->cache[0] = '1';
        return 1;
    }
    s->n = up ? last_non9 + 1 : last_nz + 1;
    if (up)
        s->bump = last_non9;
    if (s->n <= HL_LDTOA_CACHE) {
        if (up)
            s->cache[s->bump]++;
        s->bump = -1;
        return 1;
    }
    gen_start(s); // take() generates the digits again (exp10 stays)
    return 1;
}

void __hl_ldtoa_init(struct __hl_ldtoa *s, u128 m, int e2, int fmode, int ndig)
{
    // Precisions past these print nothing but exact digits and zeros.
    if (ndig > 17000)
        ndig = 17000;
    int tz = (uint64_t)m ? __builtin_ctzll((uint64_t)m) : 64 + __builtin_ctzll((uint64_t)(m >> 64));
    s->m = m >> tz;
    s->e2 = e2 + tz;
    s->ibuilt = 0;
    s->pos = 0;
    s->exp10 = 0;
    // the approximation where the exact digits are costly and few are wanted
    if ((s->e2 > 400 || s->e2 < -400) && (fmode || ndig < APX_DIGITS - 3) && apx_start(s) && round_stream(s, fmode, ndig))
        return;
    gen_start(s);
    round_stream(s, fmode, ndig);
}

void __hl_ldtoa_take(struct __hl_ldtoa *s, char *out, int k)
{
    if (s->n <= HL_LDTOA_CACHE) {
        memcpy(out, s->cache + s->pos, (size_t)k);
        s->pos += k;
        return;
    }
    while (k > 0) {
        if (s->ppos == s->plen) {
            s->plen = gen_chunk(s, s->part);
            s->ppos = 0;
        }
        int t = s->plen - s->ppos;
        if (t > k)
            t = k;
        memcpy(out, s->part + s->ppos, (size_t)t);
        if (s->bump >= s->pos && s->bump < s->pos + t)
            out[s->bump - s->pos]++;
        s->ppos += t;
        s->pos += t;
        out += t;
        k -= t;
    }
}
