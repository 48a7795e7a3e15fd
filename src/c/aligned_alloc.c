// SPDX-License-Identifier: Apache-2.0
// The aligned-allocation entry points picolibc's headers declare, on top of
// the guest's aligned_alloc (hyperlight-guest-bin defines malloc, calloc,
// realloc, free and aligned_alloc, so this file must not). Memory from all
// of them is released with free().
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

#define PAGE_SIZE 4096

int posix_memalign(void **out, size_t alignment, size_t size)
{
    // POSIX: a power of two multiple of sizeof(void *); errors are returned, errno untouched.
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    int saved = errno;
    void *p = aligned_alloc(alignment, size);
    errno = saved;
    if (!p && size)
        return ENOMEM;
    *out = p;
    return 0;
}

void *memalign(size_t alignment, size_t size)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    return aligned_alloc(alignment, size);
}

void *valloc(size_t size)
{
    return aligned_alloc(PAGE_SIZE, size);
}

void *pvalloc(size_t size)
{
    if (size > SIZE_MAX - (PAGE_SIZE - 1)) {
        errno = ENOMEM;
        return NULL;
    }
    return aligned_alloc(PAGE_SIZE, (size + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1));
}
