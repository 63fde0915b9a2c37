/*
 * The softmmu TLB (system mode, accel/tcg/cputlb.c).
 *
 * Each CPU has one TLB per mmu_idx (i386: kernel, user, SMM...).  An entry
 * maps one guest virtual page to a host address (RAM/ROM) or to the memory
 * API (MMIO); generated code probes it inline and calls the slow-path
 * helpers on a miss.  The front end fills entries from its page walk in
 * cpu_tlb_fill (the hook below), through tlb_set_page_with_attrs.
 *
 * Flushes may be requested from any thread: for another CPU they are
 * posted and done by that CPU before it runs its next TB.
 */
#ifndef EXEC_CPUTLB_H
#define EXEC_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/exec-all.h"
#include "exec/hwaddr.h"
#include "exec/memattrs.h"

typedef struct AddressSpace AddressSpace;

/* prot bits for tlb_set_page_with_attrs (page-protection.h has READ/WRITE/EXEC). */
#define PAGE_TLB_GLOBAL 0x0100  /* survives tlb_flush_nonglobal (x86 PTE.G with CR4.PGE) */

/* Creates cpu's TLB.  as[0] is the CPU's normal address space; as[1], if
 * not NULL, the one used when the MemTxAttrs of a fill say secure (x86:
 * SMM, which also sees SMRAM). */
void tlb_init(CPUState *cpu, AddressSpace *as, AddressSpace *as_secure);

/* The address space tlb_init gave for asidx 0 (normal) or 1 (secure/SMM;
 * falls back to 0 when none was given).  For page walks and descriptor
 * accesses through physical memory. */
AddressSpace *cpu_get_address_space(CPUState *cpu, int asidx);

/* Maps the page of vaddr (size >= TARGET_PAGE_SIZE for large pages: only
 * the 4 KiB page of vaddr is entered, a later flush_page of any address in
 * the large page flushes it) to the page of paddr in the address space
 * attrs selects.  prot: PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_TLB_GLOBAL. */
void tlb_set_page_with_attrs(CPUState *cpu, uint64_t vaddr, hwaddr paddr, MemTxAttrs attrs,
                             int prot, int mmu_idx, uint64_t size);

void tlb_flush(CPUState *cpu);                          /* every entry, every mmu_idx */
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
void tlb_flush_nonglobal(CPUState *cpu);                /* entries without PAGE_TLB_GLOBAL */
void tlb_flush_page(CPUState *cpu, uint64_t addr);       /* one page, every mmu_idx */
/* Every CPU (memory map changes: PAM, SMRAM, BAR moves). */
void tlb_flush_all_cpus(void);

/* Probes for an access by a helper: returns the host address for RAM (NULL
 * for MMIO or when nonfault and the access would fault); raises the guest
 * fault (restoring state from ra) unless nonfault. */
void *probe_access(CPUArchState *env, uint64_t addr, int size, MMUAccessType access_type,
                   int mmu_idx, bool nonfault, uintptr_t ra);

/* ---- provided by the front end ---- */

/* Fills the TLB for addr or, unless probe, raises the guest's fault
 * (restoring state from retaddr; does not return).  Returns false if
 * probe and the access would fault.  The front end calls
 * tlb_set_page_with_attrs on success. */
bool cpu_tlb_fill(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                  int mmu_idx, bool probe, uintptr_t retaddr);
/* The mmu_idx of the CPU's current mode for data accesses (code fetch
 * uses the same). */
int cpu_mmu_index(CPUArchState *env, bool ifetch);

#endif
