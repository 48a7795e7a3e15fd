// What the seeded differential test programs share: a xorshift64 step (each
// program keeps its own state and seed) and doubles as bit patterns.
#ifndef SEEDED_H
#define SEEDED_H
#include <stdint.h>
#include <string.h>

static inline uint64_t xorshift64(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static inline double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static inline uint64_t to_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}
#endif
