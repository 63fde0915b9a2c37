/*
 * User mode (linux-user) memory: guest_base, the guest page flags table,
 * write protection of pages holding translated code (self-modifying code),
 * and the cpu_ld/cpu_st accessors helpers use.
 *
 * Guest address a is host address guest_base + a.  Page flags follow
 * QEMU's convention: PAGE_WRITE_ORG marks every guest-writable page;
 * PAGE_WRITE is cleared (and the host page made read-only) while the page
 * holds translated code, and set again by page_unprotect().
 */
#ifdef CONFIG_USER_ONLY

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"

/* Weak so that a definition by linux-user (if it keeps one) wins without
 * a clash; this is the canonical one. */
__attribute__((weak)) uintptr_t guest_base;
__thread uintptr_t helper_retaddr;

#define GUEST_PAGES (1u << (32 - TARGET_PAGE_BITS))

static uint8_t *page_flags;

static uint8_t *flags_table(void)
{
    if (!page_flags) {
        void *p = mmap(NULL, GUEST_PAGES, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            perror("q86: page flags table");
            exit(1);
        }
        page_flags = p;
        if (sysconf(_SC_PAGESIZE) != TARGET_PAGE_SIZE) {
            fprintf(stderr, "q86: host page size must be %u\n", TARGET_PAGE_SIZE);
            exit(1);
        }
    }
    return page_flags;
}

void page_set_flags(uint32_t start, uint32_t last, int flags)
{
    uint8_t *pf = flags_table();
    uint32_t first = start >> TARGET_PAGE_BITS, end = last >> TARGET_PAGE_BITS;

    if (flags & PAGE_WRITE) {
        flags |= PAGE_WRITE_ORG;
    }
    tb_lock();
    for (uint32_t p = first;; p++) {
        /* Whatever changes (new mapping, protection), translated code of
         * the page can no longer be trusted or protected. */
        if (page_has_tbs((uint64_t)p << TARGET_PAGE_BITS)) {
            tb_invalidate_page((uint64_t)p << TARGET_PAGE_BITS, 0);
        }
        pf[p] = (uint8_t)flags;
        if (p == end) {
            break;
        }
    }
    tb_unlock();
}

int page_get_flags(uint32_t addr)
{
    return flags_table()[addr >> TARGET_PAGE_BITS];
}

bool page_check_range(uint32_t start, uint32_t len, int flags)
{
    if (len == 0) {
        return true;
    }
    if ((uint64_t)start + len - 1 > 0xffffffffull) {
        return false;
    }
    uint8_t *pf = flags_table();
    uint32_t last = start + len - 1;
    for (uint32_t p = start >> TARGET_PAGE_BITS; p <= (last >> TARGET_PAGE_BITS); p++) {
        int f = pf[p];
        if (!(f & PAGE_VALID)) {
            return false;
        }
        if ((flags & PAGE_READ) && !(f & PAGE_READ)) {
            return false;
        }
        if ((flags & PAGE_EXEC) && !(f & PAGE_EXEC)) {
            return false;
        }
        if (flags & PAGE_WRITE) {
            if (!(f & PAGE_WRITE_ORG)) {
                return false;
            }
            if (!(f & PAGE_WRITE)) {
                /* Holds code: the caller (e.g. the kernel, for a syscall)
                 * is about to write, so drop the code. */
                page_unprotect(p << TARGET_PAGE_BITS, 0);
            }
        }
        if (p == 0xfffff) {
            break;
        }
    }
    return true;
}

void page_protect_for_tb(uint64_t page_addr)
{
    uint8_t *pf = flags_table();
    uint32_t p = (uint32_t)(page_addr >> TARGET_PAGE_BITS);

    if (pf[p] & PAGE_WRITE) {
        pf[p] &= ~PAGE_WRITE;
        if (mprotect(g2h_untagged((uint32_t)page_addr), TARGET_PAGE_SIZE, PROT_READ) != 0) {
            perror("q86: write-protecting a code page");
            abort();
        }
    }
}

int page_unprotect(uint32_t addr, uintptr_t host_pc)
{
    uint8_t *pf = flags_table();
    uint32_t p = addr >> TARGET_PAGE_BITS;
    int ret = 1;

    tb_lock();
    int f = pf[p];
    if (!(f & PAGE_WRITE_ORG)) {
        tb_unlock();
        return 0;
    }
    if (!(f & PAGE_WRITE)) {
        uint32_t page = p << TARGET_PAGE_BITS;
        pf[p] = (uint8_t)(f | PAGE_WRITE);
        if (mprotect(g2h_untagged(page), TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE) != 0) {
            perror("q86: unprotecting a code page");
            abort();
        }
        if (host_pc && !in_code_gen_buffer((const void *)host_pc)) {
            host_pc = helper_retaddr;
        }
        if (tb_invalidate_page(page, host_pc)) {
            ret = 2;
        }
    }
    tb_unlock();
    return ret;
}

uint32_t page_find_free_range(uint32_t start, uint32_t len)
{
    uint8_t *pf = flags_table();
    uint32_t need = (uint32_t)(((uint64_t)len + TARGET_PAGE_SIZE - 1) >> TARGET_PAGE_BITS);
    uint32_t run = 0;

    if (need == 0) {
        need = 1;
    }
    for (uint64_t p = start >> TARGET_PAGE_BITS; p < GUEST_PAGES; p++) {
        if (pf[p] & PAGE_VALID) {
            run = 0;
            continue;
        }
        if (++run == need) {
            return (uint32_t)((p + 1 - need) << TARGET_PAGE_BITS);
        }
    }
    return (uint32_t)-1;
}

/* ---- guest memory from helpers ---- */

static inline void *ldst_begin(uint64_t addr, uintptr_t ra)
{
    helper_retaddr = ra;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return g2h_untagged((uint32_t)addr);
}

static inline void ldst_end(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    helper_retaddr = 0;
}

#define DEF_LD(name, type, ret_type)                                              \
    ret_type cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, uintptr_t ra) \
    {                                                                             \
        type v;                                                                   \
        memcpy(&v, ldst_begin(addr, ra), sizeof(v));                              \
        ldst_end();                                                               \
        return (ret_type)v;                                                       \
    }
DEF_LD(ldub, uint8_t, uint32_t)
DEF_LD(ldsb, int8_t, int32_t)
DEF_LD(lduw, uint16_t, uint32_t)
DEF_LD(ldsw, int16_t, int32_t)
DEF_LD(ldl, uint32_t, uint32_t)
DEF_LD(ldq, uint64_t, uint64_t)

#define DEF_ST(name, type, val_type)                                                     \
    void cpu_##name##_data_ra(CPUArchState *env, uint64_t addr, val_type val, uintptr_t ra) \
    {                                                                                    \
        type v = (type)val;                                                              \
        memcpy(ldst_begin(addr, ra), &v, sizeof(v));                                     \
        ldst_end();                                                                      \
    }
DEF_ST(stb, uint8_t, uint32_t)
DEF_ST(stw, uint16_t, uint32_t)
DEF_ST(stl, uint32_t, uint32_t)
DEF_ST(stq, uint64_t, uint64_t)

uint32_t cpu_ldub_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra)
{
    return cpu_ldub_data_ra(env, addr, ra);
}

uint32_t cpu_lduw_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra)
{
    return cpu_lduw_data_ra(env, addr, ra);
}

uint32_t cpu_ldl_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra)
{
    return cpu_ldl_data_ra(env, addr, ra);
}

uint64_t cpu_ldq_mmuidx_ra(CPUArchState *env, uint64_t addr, int mmu_idx, uintptr_t ra)
{
    return cpu_ldq_data_ra(env, addr, ra);
}

void cpu_stb_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    cpu_stb_data_ra(env, addr, val, ra);
}

void cpu_stw_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    cpu_stw_data_ra(env, addr, val, ra);
}

void cpu_stl_mmuidx_ra(CPUArchState *env, uint64_t addr, uint32_t val, int mmu_idx, uintptr_t ra)
{
    cpu_stl_data_ra(env, addr, val, ra);
}

void cpu_stq_mmuidx_ra(CPUArchState *env, uint64_t addr, uint64_t val, int mmu_idx, uintptr_t ra)
{
    cpu_stq_data_ra(env, addr, val, ra);
}

void cpu_loop_exit_sigsegv(CPUState *cpu, uint64_t addr, MMUAccessType access_type, bool maperr,
                           uintptr_t ra)
{
    cpu_record_sigsegv(cpu, addr, access_type, maperr, ra);
    cpu_loop_exit_restore(cpu, ra);
}

#endif /* CONFIG_USER_ONLY */
