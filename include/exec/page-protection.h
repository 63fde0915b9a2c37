/*
 * User mode: the guest's page table of protections, kept by accel/tcg and
 * updated by linux-user's mmap/mprotect/munmap/brk.  Pages holding
 * translated code are write-protected on the host; a guest write to one
 * faults, and page_unprotect() invalidates the TBs and re-enables writes.
 */
#ifndef EXEC_PAGE_PROTECTION_H
#define EXEC_PAGE_PROTECTION_H

#include <stdbool.h>
#include <stdint.h>

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1u << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(uint64_t)(TARGET_PAGE_SIZE - 1))

#define PAGE_READ      0x0001
#define PAGE_WRITE     0x0002
#define PAGE_EXEC      0x0004
#define PAGE_VALID     0x0008  /* mapped */
#define PAGE_WRITE_ORG 0x0010  /* guest-writable, host write-protected for SMC */
#define PAGE_ANON      0x0020
/* Part of a MAP_SHARED mapping (set by linux-user): another mapping of the
 * same memory may rewrite it unseen, so TBs from it compare their guest
 * bytes with a saved copy each time they are entered (CF_VERIFY). */
#define PAGE_SHARED_MAP 0x0040

#ifdef CONFIG_USER_ONLY
/* Sets the flags of guest pages [start, last] (inclusive; page aligned). */
void page_set_flags(uint32_t start, uint32_t last, int flags);
int page_get_flags(uint32_t addr);
/* True if every page of [start, start+len) has all of `flags`. */
bool page_check_range(uint32_t start, uint32_t len, int flags);
/* Called from the host SIGSEGV handler for a write fault at guest address
 * `addr`: 0 = not a code-protected page (a real guest fault); 1 = pages
 * unprotected, retry the access; 2 = unprotected and the TB being run was
 * invalidated (the caller must cpu_loop_exit_noexc after restoring state). */
int page_unprotect(uint32_t addr, uintptr_t host_pc);
/* Finds the lowest free guest range of `len` bytes at or above `start`. */
uint32_t page_find_free_range(uint32_t start, uint32_t len);
#endif

#endif
