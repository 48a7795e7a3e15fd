// A small allocator standing in for hyperlight-guest-bin's: a bump arena with
// a size header, so realloc can copy; free only recycles the last block.
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_SIZE (64u << 20)
#define ALIGN      16u

static unsigned char arena[ARENA_SIZE] __attribute__((aligned(ALIGN)));
static size_t        used;

struct header {
    size_t size;
    size_t pad[1];
};

void *aligned_alloc(size_t align, size_t size)
{
    if (align < ALIGN)
        align = ALIGN;
    if (align & (align - 1)) {
        errno = EINVAL;
        return NULL;
    }
    // Align the address, not the offset: the arena itself is only ALIGN-aligned.
    uintptr_t base = (uintptr_t)arena;
    size_t start = ((base + used + sizeof(struct header) + align - 1) & ~(uintptr_t)(align - 1)) - base;
    if (size > ARENA_SIZE || start + size > ARENA_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    struct header *h = (struct header *)(arena + start) - 1;
    h->size = size;
    used = start + size;
    return arena + start;
}

void *malloc(size_t size) { return aligned_alloc(ALIGN, size); }

void *calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void free(void *p)
{
    if (!p)
        return;
    struct header *h = (struct header *)p - 1;
    if ((unsigned char *)p + h->size == arena + used)
        used = (size_t)((unsigned char *)h - arena);
}

void *realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    size_t old = ((struct header *)p - 1)->size;
    if (size <= old)
        return p;
    void *q = malloc(size);
    if (q)
        memcpy(q, p, old);
    return q;
}
