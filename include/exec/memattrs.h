/*
 * Attributes travelling with every memory transaction, and its result.
 * Modelled on the bus-level facts a device may need (who asked, secure or
 * not); the result says why an access failed so a CPU can decide what to do.
 */
#ifndef EXEC_MEMATTRS_H
#define EXEC_MEMATTRS_H

#include <stdint.h>

typedef struct MemTxAttrs {
    unsigned int unspecified:1;   /* the caller had no attributes to give */
    unsigned int secure:1;
    unsigned int user:1;          /* access from CPL 3 */
    unsigned int requester_id:16; /* PCI requester (bus/devfn) for DMA */
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){ .unspecified = 1 })

/* A bit mask: several pieces of one access may fail for different reasons. */
typedef uint32_t MemTxResult;
#define MEMTX_OK            0
#define MEMTX_ERROR         (1U << 0) /* the device signalled an error */
#define MEMTX_DECODE_ERROR  (1U << 1) /* nothing decodes this address/size */
#define MEMTX_ACCESS_ERROR  (1U << 2) /* the access was refused (permissions) */

#endif
