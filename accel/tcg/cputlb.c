/*
 * The softmmu TLB: guest virtual page -> host RAM or the memory API, one
 * table per mmu_idx (see include/exec/cputlb-defs.h for the layout the
 * inline fast path reads), filled by the front end's page walk
 * (cpu_tlb_fill) and consulted by the slow-path helpers, cpu_ld/st for C
 * helpers and the translator's code fetch.
 *
 * Pages holding translated code are entered with TLB_NOTDIRTY on their
 * write comparator (the DIRTY_MEMORY_CODE bit of the page is clear), so a
 * guest store to them reaches notdirty_write(), which invalidates the
 * page's TBs first.  Writes by devices (DMA) and by the page walker reach
 * the TB cache through the RAM code-write hook (exec/ram_addr.h).
 */
#ifndef CONFIG_USER_ONLY

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "exec/page-protection.h"
#include "exec/ram_addr.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "tcg/tcg-types.h"

/* Per entry, what the fast path does not need. */
typedef struct CPUTLBEntryFull {
    hwaddr phys_page;        /* physical address of the page (in as) */
    ram_addr_t ram_page;     /* RAM_ADDR_INVALID unless RAM/ROM */
    MemTxAttrs attrs;
    int asidx;
    int prot;
} CPUTLBEntryFull;

struct CPUTLB {
    CPUTLBEntry table[CPU_TLB_MAX_MMU_MODES][CPU_TLB_ENTRIES];
    CPUTLBEntryFull full[CPU_TLB_MAX_MMU_MODES][CPU_TLB_ENTRIES];
    /* The large pages entered per mmu_idx, as one covering range (a
     * flush_page inside it flushes the whole mmu_idx). */
    uint64_t large_page_addr[CPU_TLB_MAX_MMU_MODES];
    uint64_t large_page_mask[CPU_TLB_MAX_MMU_MODES];
    AddressSpace *as[2];
    MemoryListener listener[2];
};

static inline CPUTLB *cpu_tlb(CPUState *cpu)
{
    return cpu->tlb;
}

/* accel/tcg does not know the target's CPU layout: find the CPU by env. */
static inline CPUState *tlb_env_cpu(CPUArchState *env)
{
    CPUState *cpu = current_cpu;
    if (cpu && cpu->env_ptr == env) {
        return cpu;
    }
    for (cpu = first_cpu; cpu && cpu->env_ptr != env; cpu = cpu->next_cpu) {
    }
    return cpu;
}

static inline unsigned tlb_index(uint64_t addr)
{
    return (unsigned)(addr >> TARGET_PAGE_BITS) & (CPU_TLB_ENTRIES - 1);
}

static inline bool tlb_hit_page(uint64_t cmp, uint64_t page)
{
    return cmp == page;
}

static void tlb_flush_idx_locked(CPUState *cpu, int idx)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    memset(tlb->table[idx], 0xff, sizeof(tlb->table[idx]));
    tlb->large_page_addr[idx] = (uint64_t)-1;
    tlb->large_page_mask[idx] = (uint64_t)-1;
}

/* TBs are found by virtual pc in the jump cache: it must not outlive a
 * mapping it was filled under. */
static void tlb_jmp_cache_clear(CPUState *cpu)
{
    memset(cpu->tb_jmp_cache, 0, sizeof(cpu->tb_jmp_cache));
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    if (!cpu->tlb) {
        return;
    }
    for (int i = 0; i < CPU_TLB_MAX_MMU_MODES; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_idx_locked(cpu, i);
        }
    }
    tlb_jmp_cache_clear(cpu);
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, (1u << CPU_TLB_MAX_MMU_MODES) - 1);
}

void tlb_flush_nonglobal(CPUState *cpu)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    if (!tlb) {
        return;
    }
    for (int i = 0; i < CPU_TLB_MAX_MMU_MODES; i++) {
        for (unsigned e = 0; e < CPU_TLB_ENTRIES; e++) {
            if (!(tlb->full[i][e].prot & PAGE_TLB_GLOBAL)) {
                memset(&tlb->table[i][e], 0xff, sizeof(CPUTLBEntry));
            }
        }
        /* Large pages may be global or not: keep the range; a later
         * flush_page inside it still flushes the whole mmu_idx. */
    }
    tlb_jmp_cache_clear(cpu);
}

void tlb_flush_page(CPUState *cpu, uint64_t addr)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    uint64_t page = addr & TARGET_PAGE_MASK;

    if (!tlb) {
        return;
    }
    for (int i = 0; i < CPU_TLB_MAX_MMU_MODES; i++) {
        if ((page & tlb->large_page_mask[i]) == tlb->large_page_addr[i]) {
            tlb_flush_idx_locked(cpu, i);
            continue;
        }
        CPUTLBEntry *e = &tlb->table[i][tlb_index(page)];
        if ((e->addr_read & TARGET_PAGE_MASK) == page ||
            (e->addr_write & TARGET_PAGE_MASK) == page ||
            (e->addr_code & TARGET_PAGE_MASK) == page) {
            memset(e, 0xff, sizeof(*e));
        }
    }
    tlb_jmp_cache_clear(cpu);
}

void tlb_flush_all_cpus(void)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu) {
        if (!cpu->tlb) {
            continue;
        }
        if (cpu == current_cpu) {
            tlb_flush(cpu);
        } else {
            __atomic_store_n(&cpu->tlb_flush_pending, 1, __ATOMIC_RELEASE);
            cpu_exit(cpu);
        }
    }
}

/* Called by cpu_exec before each TB lookup. */
void tlb_flush_if_pending(CPUState *cpu)
{
    if (__atomic_exchange_n(&cpu->tlb_flush_pending, 0, __ATOMIC_ACQUIRE)) {
        tlb_flush(cpu);
    }
}

static void tlb_map_changed(MemoryListener *listener)
{
    /* PAM, SMRAM, BAR moves: every cached translation may be stale. */
    tlb_flush_all_cpus();
}

AddressSpace *cpu_get_address_space(CPUState *cpu, int asidx)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    if (!tlb) {
        return NULL;
    }
    return asidx == 1 && tlb->as[1] ? tlb->as[1] : tlb->as[0];
}

/* A write through the memory API (DMA, page-walker A/D bits, a store
 * crossing into MMIO) to RAM whose pages hold code: drop their TBs, since
 * the CODE bits are about to be set (exec/ram_addr.h). */
static void tlb_code_write_hook(ram_addr_t start, ram_addr_t len)
{
    tb_lock();
    for (uint64_t p = start & TARGET_PAGE_MASK; p < start + len; p += TARGET_PAGE_SIZE) {
        tb_invalidate_page(p, 0);
    }
    tb_unlock();
}

void tlb_init(CPUState *cpu, AddressSpace *as, AddressSpace *as_secure)
{
    CPUTLB *tlb = calloc(1, sizeof(*tlb));
    if (!tlb) {
        fprintf(stderr, "q86: out of memory for the TLB\n");
        exit(1);
    }
    cpu->tlb = tlb;
    tlb->as[0] = as;
    tlb->as[1] = as_secure;
    for (int i = 0; i < CPU_TLB_MAX_MMU_MODES; i++) {
        cpu->neg->tlb_fast[i].mask = (uintptr_t)(CPU_TLB_ENTRIES - 1) << CPU_TLB_ENTRY_BITS;
        cpu->neg->tlb_fast[i].table = tlb->table[i];
        tlb_flush_idx_locked(cpu, i);
    }
    for (int i = 0; i < 2; i++) {
        if (tlb->as[i]) {
            tlb->listener[i].commit = tlb_map_changed;
            tlb->listener[i].name = "tlb";
            memory_listener_register(&tlb->listener[i], tlb->as[i]);
        }
    }
    ram_set_code_write_hook(tlb_code_write_hook);
}

/* Sets TLB_NOTDIRTY on every write entry of every CPU that maps ram_page
 * (it just became a code page). */
static void tlb_protect_code(ram_addr_t ram_page)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next_cpu) {
        CPUTLB *tlb = cpu_tlb(cpu);
        if (!tlb) {
            continue;
        }
        for (int i = 0; i < CPU_TLB_MAX_MMU_MODES; i++) {
            for (unsigned e = 0; e < CPU_TLB_ENTRIES; e++) {
                CPUTLBEntry *ent = &tlb->table[i][e];
                if (tlb->full[i][e].ram_page == ram_page &&
                    !(ent->addr_write & (TLB_INVALID_MASK | TLB_MMIO))) {
                    __atomic_store_n(&ent->addr_write, ent->addr_write | TLB_NOTDIRTY,
                                     __ATOMIC_RELAXED);
                }
            }
        }
    }
}

/* A TB is being made from ram_page: watch writes to it. */
void tlb_note_code_page(ram_addr_t ram_page)
{
    if (cpu_physical_memory_test_and_clear_dirty(ram_page, TARGET_PAGE_SIZE,
                                                 DIRTY_MEMORY_CODE)) {
        tlb_protect_code(ram_page);
    }
}

void tlb_set_page_with_attrs(CPUState *cpu, uint64_t vaddr, hwaddr paddr, MemTxAttrs attrs,
                             int prot, int mmu_idx, uint64_t size)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    hwaddr ppage = paddr & TARGET_PAGE_MASK;
    int asidx = attrs.secure && tlb->as[1] ? 1 : 0;
    hwaddr xlat, plen = TARGET_PAGE_SIZE;
    bool readonly = false;

    if (size > TARGET_PAGE_SIZE) {
        uint64_t mask = ~(size - 1);
        if (tlb->large_page_addr[mmu_idx] == (uint64_t)-1) {
            tlb->large_page_addr[mmu_idx] = page & mask;
            tlb->large_page_mask[mmu_idx] = mask;
        } else {
            /* Grow the covering range until it holds both. */
            uint64_t lp_mask = tlb->large_page_mask[mmu_idx] & mask;
            while (((tlb->large_page_addr[mmu_idx] ^ page) & lp_mask) != 0) {
                lp_mask <<= 1;
            }
            tlb->large_page_mask[mmu_idx] = lp_mask;
            tlb->large_page_addr[mmu_idx] &= lp_mask;
        }
    }

    MemoryRegion *mr = address_space_translate(tlb->as[asidx], ppage, &xlat, &plen, false,
                                               &readonly);
    CPUTLBEntry *e = &tlb->table[mmu_idx][tlb_index(page)];
    CPUTLBEntryFull *f = &tlb->full[mmu_idx][tlb_index(page)];
    CPUTLBEntry n;
    bool direct_read = mr && plen >= TARGET_PAGE_SIZE &&
                       (memory_region_is_ram(mr) || memory_region_is_romd(mr));
    bool direct_write = direct_read && memory_region_is_ram(mr) && !readonly;

    f->phys_page = ppage;
    f->attrs = attrs;
    f->asidx = asidx;
    f->prot = prot;
    f->ram_page = RAM_ADDR_INVALID;
    n.addend = 0;
    if (direct_read) {
        n.addend = (uintptr_t)((uint8_t *)memory_region_get_ram_ptr(mr) + xlat) - (uintptr_t)page;
        f->ram_page = memory_region_get_ram_addr(mr) + xlat;
    }
    n.addr_read = (prot & PAGE_READ) ? page | (direct_read ? 0 : TLB_MMIO) : (uint64_t)-1;
    n.addr_code = (prot & PAGE_EXEC) ? page | (direct_read ? 0 : TLB_MMIO) : (uint64_t)-1;
    n.addr_write = (uint64_t)-1;
    if (prot & PAGE_WRITE) {
        n.addr_write = page;
        if (!direct_write) {
            n.addr_write |= TLB_MMIO;
        } else if (!cpu_physical_memory_get_dirty_flag(f->ram_page, DIRTY_MEMORY_CODE)) {
            n.addr_write |= TLB_NOTDIRTY;
        }
    }
    *e = n;
}

/* ---- lookups ---- */

static inline uint64_t entry_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    return type == MMU_DATA_LOAD ? e->addr_read
         : type == MMU_DATA_STORE ? e->addr_write : e->addr_code;
}

/* Makes sure the TLB holds the page of addr for this access type; returns
 * false only when probing and the access would fault. */
static bool tlb_fill_if_needed(CPUState *cpu, uint64_t addr, int size, MMUAccessType type,
                               int mmu_idx, bool probe, uintptr_t ra, CPUTLBEntry **pe,
                               CPUTLBEntryFull **pf)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    uint64_t page = addr & TARGET_PAGE_MASK;
    unsigned idx = tlb_index(addr);
    CPUTLBEntry *e = &tlb->table[mmu_idx][idx];

    if ((entry_cmp(e, type) & ~(uint64_t)(TLB_MMIO | TLB_NOTDIRTY)) != page) {
        if (!cpu_tlb_fill(cpu, addr, size, type, mmu_idx, probe, ra)) {
            return false;
        }
        if ((entry_cmp(e, type) & ~(uint64_t)(TLB_MMIO | TLB_NOTDIRTY)) != page) {
            /* The front end mapped the page without this access right:
             * its bug, not the guest's. */
            fprintf(stderr, "q86: TLB fill of %#llx (access %d) did not map it\n",
                    (unsigned long long)addr, (int)type);
            abort();
        }
    }
    *pe = e;
    *pf = &tlb->full[mmu_idx][idx];
    return true;
}

static uint64_t io_read(CPUState *cpu, CPUTLBEntryFull *f, uint64_t addr, unsigned size)
{
    bool locked = bql_locked();
    MemTxResult r;
    uint64_t v;

    if (!locked) {
        bql_lock();
    }
    v = address_space_load(cpu_tlb(cpu)->as[f->asidx], f->phys_page | (addr & ~TARGET_PAGE_MASK),
                           size, false, f->attrs, &r);
    if (!locked) {
        bql_unlock();
    }
    return v;
}

static void io_write(CPUState *cpu, CPUTLBEntryFull *f, uint64_t addr, uint64_t val,
                     unsigned size)
{
    bool locked = bql_locked();
    MemTxResult r;

    if (!locked) {
        bql_lock();
    }
    address_space_store(cpu_tlb(cpu)->as[f->asidx], f->phys_page | (addr & ~TARGET_PAGE_MASK),
                        val, size, false, f->attrs, &r);
    if (!locked) {
        bql_unlock();
    }
}

/* A store to a page holding code: invalidate the page's TBs first.  If
 * the running TB is among them (and is longer than one insn), the store is
 * redone by a one-insn TB (see tb_invalidate_page). */
static void notdirty_write(CPUState *cpu, CPUTLBEntry *e, CPUTLBEntryFull *f, uintptr_t ra)
{
    ram_addr_t page = f->ram_page;

    if (!cpu_physical_memory_get_dirty_flag(page, DIRTY_MEMORY_CODE)) {
        tb_lock();
        bool hit = tb_invalidate_page(page, ra);
        /* No TB is left on the page: stop watching it. */
        cpu_physical_memory_set_dirty_range(page, TARGET_PAGE_SIZE, DIRTY_CLIENTS_ALL);
        tb_unlock();
        if (hit) {
            cpu_restore_state(cpu, ra);
            cpu_loop_exit_noexc(cpu);
        }
    }
    __atomic_store_n(&e->addr_write, e->addr_write & ~(uint64_t)TLB_NOTDIRTY, __ATOMIC_RELAXED);
}

static uint64_t ld_page(CPUArchState *env, uint64_t addr, unsigned size, int mmu_idx,
                        MMUAccessType type, uintptr_t ra)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    tlb_fill_if_needed(cpu, addr, (int)size, type, mmu_idx, false, ra, &e, &f);
    if (entry_cmp(e, type) & TLB_MMIO) {
        return io_read(cpu, f, addr, size);
    }
    const uint8_t *host = (const uint8_t *)(e->addend + (uintptr_t)addr);
    switch (size) {
    case 1:
        return *host;
    case 2: {
        uint16_t v;
        memcpy(&v, host, 2);
        return v;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, host, 4);
        return v;
    }
    default: {
        uint64_t v;
        memcpy(&v, host, 8);
        return v;
    }
    }
}

static inline bool crosses_page(uint64_t addr, unsigned size)
{
    return (addr & ~TARGET_PAGE_MASK) + size > TARGET_PAGE_SIZE;
}

/* An access crossing a page boundary: both pages must be accessible before
 * any byte is read or written, so a fault on either leaves no trace.  The
 * fault address on the second page is its first byte. */
static void fill_both_pages(CPUArchState *env, uint64_t addr, unsigned size,
                            MMUAccessType type, int mmu_idx, uintptr_t ra)
{
    CPUState *cpu = tlb_env_cpu(env);
    uint64_t second = (addr + size - 1) & 0xffffffffull & TARGET_PAGE_MASK;
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    tlb_fill_if_needed(cpu, addr, 1, type, mmu_idx, false, ra, &e, &f);
    tlb_fill_if_needed(cpu, second, 1, type, mmu_idx, false, ra, &e, &f);
}

static uint64_t ld_any(CPUArchState *env, uint64_t addr, unsigned size, int mmu_idx,
                       MMUAccessType type, uintptr_t ra)
{
    addr &= 0xffffffffull;  /* 32-bit linear addresses wrap */
    if (crosses_page(addr, size)) {
        /* Byte by byte once both pages are known to be accessible. */
        fill_both_pages(env, addr, size, type, mmu_idx, ra);
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= ld_page(env, (addr + i) & 0xffffffffull, 1, mmu_idx, type, ra) << (8 * i);
        }
        return v;
    }
    return ld_page(env, addr, size, mmu_idx, type, ra);
}

static void st_page(CPUArchState *env, uint64_t addr, uint64_t val, unsigned size, int mmu_idx,
                    uintptr_t ra)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    tlb_fill_if_needed(cpu, addr, (int)size, MMU_DATA_STORE, mmu_idx, false, ra, &e, &f);
    if (e->addr_write & TLB_MMIO) {
        io_write(cpu, f, addr, val, size);
        return;
    }
    if (e->addr_write & TLB_NOTDIRTY) {
        notdirty_write(cpu, e, f, ra);
    }
    uint8_t *host = (uint8_t *)(e->addend + (uintptr_t)addr);
    switch (size) {
    case 1:
        *host = (uint8_t)val;
        break;
    case 2: {
        uint16_t v = (uint16_t)val;
        memcpy(host, &v, 2);
        break;
    }
    case 4: {
        uint32_t v = (uint32_t)val;
        memcpy(host, &v, 4);
        break;
    }
    default:
        memcpy(host, &val, 8);
        break;
    }
}

static void st_any(CPUArchState *env, uint64_t addr, uint64_t val, unsigned size, int mmu_idx,
                   uintptr_t ra)
{
    addr &= 0xffffffffull;
    if (crosses_page(addr, size)) {
        /* Byte by byte once both pages are known to be writable: a
         * faulting instruction has no effect (SDM). */
        fill_both_pages(env, addr, size, MMU_DATA_STORE, mmu_idx, ra);
        for (unsigned i = 0; i < size; i++) {
            st_page(env, (addr + i) & 0xffffffffull, (val >> (8 * i)) & 0xff, 1, mmu_idx, ra);
        }
        return;
    }
    st_page(env, addr, val, size, mmu_idx, ra);
}

/* ---- the slow-path helpers of generated code ---- */

uint64_t helper_ld_mmu(void *env, uint64_t addr, uint32_t oi, uintptr_t ra)
{
    MemOp mop = (MemOp)MEMOP_IDX_MEMOP(oi);
    return ld_any(env, addr, memop_size(mop), MEMOP_IDX_MMU(oi), MMU_DATA_LOAD, ra);
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t ra)
{
    MemOp mop = (MemOp)MEMOP_IDX_MEMOP(oi);
    st_any(env, addr, val, memop_size(mop), MEMOP_IDX_MMU(oi), ra);
}

/* ---- cpu_ld/st for C helpers ---- */

#define LDM(name, ret, size, cast)                                                            \
    ret cpu_##name##_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra)  \
    {                                                                                         \
        return (ret)(cast)ld_any(env, addr, size, mmu_idx, MMU_DATA_LOAD, ra);                \
    }
LDM(ldub, uint32_t, 1, uint8_t)
LDM(lduw, uint32_t, 2, uint16_t)
LDM(ldl, uint32_t, 4, uint32_t)
LDM(ldq, uint64_t, 8, uint64_t)

#define STM(name, vt, size)                                                                  \
    void cpu_##name##_mmuidx_ra(CPUArchState *env, uint64_t addr, vt val, int mmu_idx,       \
                                uintptr_t ra)                                                \
    {                                                                                        \
        st_any(env, addr, val, size, mmu_idx, ra);                                           \
    }
STM(stb, uint32_t, 1)
STM(stw, uint32_t, 2)
STM(stl, uint32_t, 4)
STM(stq, uint64_t, 8)

#define LD(name, ret, size, cast)                                                             \
    ret cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra)                  \
    {                                                                                         \
        return (ret)(cast)ld_any(env, addr, size, cpu_mmu_index(env, false), MMU_DATA_LOAD,  \
                                 ra);                                                         \
    }
LD(ldub, uint32_t, 1, uint8_t)
LD(ldsb, int32_t, 1, int8_t)
LD(lduw, uint32_t, 2, uint16_t)
LD(ldsw, int32_t, 2, int16_t)
LD(ldl, uint32_t, 4, uint32_t)
LD(ldq, uint64_t, 8, uint64_t)

#define ST(name, vt, size)                                                                    \
    void cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, vt val, uintptr_t ra)         \
    {                                                                                         \
        st_any(env, addr, val, size, cpu_mmu_index(env, false), ra);                          \
    }
ST(stb, uint32_t, 1)
ST(stw, uint32_t, 2)
ST(stl, uint32_t, 4)
ST(stq, uint64_t, 8)

void *probe_access(CPUArchState *env, uint64_t addr, int size, MMUAccessType access_type,
                   int mmu_idx, bool nonfault, uintptr_t ra)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    addr &= 0xffffffffull;
    if (!tlb_fill_if_needed(cpu, addr, size, access_type, mmu_idx, nonfault, ra, &e, &f)) {
        return NULL;
    }
    uint64_t cmp = entry_cmp(e, access_type);
    if (cmp & TLB_MMIO) {
        return NULL;
    }
    if (access_type == MMU_DATA_STORE && (cmp & TLB_NOTDIRTY)) {
        notdirty_write(cpu, e, f, ra);
    }
    return (void *)(e->addend + (uintptr_t)addr);
}

/* ---- code fetch for the translator ---- */

void *tlb_code_page(CPUArchState *env, uint64_t addr, int mmu_idx, bool probe,
                    ram_addr_t *ram_page)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    addr &= 0xffffffffull;
    *ram_page = 0;
    if (!tlb_fill_if_needed(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, probe, 0, &e, &f)) {
        return NULL;
    }
    if (e->addr_code & TLB_MMIO) {
        *ram_page = RAM_ADDR_INVALID;
        return NULL;
    }
    *ram_page = f->ram_page;
    return (void *)(e->addend + (uintptr_t)(addr & TARGET_PAGE_MASK));
}

uint8_t tlb_code_ldub_io(CPUArchState *env, uint64_t addr, int mmu_idx)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLBEntry *e = NULL;
    CPUTLBEntryFull *f = NULL;

    addr &= 0xffffffffull;
    tlb_fill_if_needed(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, false, 0, &e, &f);
    return (uint8_t)io_read(cpu, f, addr, 1);
}

ram_addr_t tlb_code_ram_page_nofill(CPUArchState *env, uint64_t addr, int mmu_idx)
{
    CPUState *cpu = tlb_env_cpu(env);
    CPUTLB *tlb = cpu_tlb(cpu);
    uint64_t page = addr & TARGET_PAGE_MASK;
    unsigned idx = tlb_index(addr);
    CPUTLBEntry *e = &tlb->table[mmu_idx][idx];

    if (e->addr_code != page) {
        return RAM_ADDR_INVALID;
    }
    return tlb->full[mmu_idx][idx].ram_page;
}

#endif /* !CONFIG_USER_ONLY */
