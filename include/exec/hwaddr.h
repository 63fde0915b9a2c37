/* Guest physical addresses and sizes in system mode. */
#ifndef EXEC_HWADDR_H
#define EXEC_HWADDR_H

#include <inttypes.h>
#include <stdint.h>

typedef uint64_t hwaddr;
#define HWADDR_MAX UINT64_MAX
#define HWADDR_FMT_plx "%016" PRIx64

/* Sizes of regions: a region may span the whole 2^64 address space. */
typedef unsigned __int128 Int128;

#endif
