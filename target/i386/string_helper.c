/*
 * REP MOVS / REP STOS as one helper call: the common memcpy/memset loops
 * of libc.  Each element updates ECX/ESI/EDI in env before the next, so a
 * fault mid-way leaves the instruction restartable exactly as the hardware
 * does (SDM vol. 2B, REP: "the registers are updated as the repetitions
 * proceed").  The other string instructions are translated inline.
 *
 * `mode` packs: bits 0..1 operand size (MO_8/16/32), bit 2 32-bit
 * addressing, bit 3 add the ES base, bits 4..7 source segment + 1 (0: no
 * base to add).
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#ifndef CONFIG_USER_ONLY
#include "exec/cputlb.h"
#endif

#include <string.h>

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

typedef struct StringMode {
    int size;        /* bytes per element */
    uint32_t amask;  /* address (and count) mask: 16 or 32 bits */
    uint32_t es_base;
    uint32_t src_base;
} StringMode;

static StringMode decode_mode(CPUX86State *env, int mode)
{
    StringMode m;
    int src_seg = (mode >> 4) & 0xf;

    m.size = 1 << (mode & 3);
    m.amask = (mode & 4) ? 0xffffffffu : 0xffffu;
    m.es_base = (mode & 8) ? env->segs[R_ES].base : 0;
    m.src_base = src_seg ? env->segs[src_seg - 1].base : 0;
    return m;
}

static inline void advance(CPUX86State *env, int reg, uint32_t amask, int32_t delta)
{
    env->regs[reg] = (env->regs[reg] & ~amask) | ((env->regs[reg] + delta) & amask);
}

static uint32_t load_elem(CPUX86State *env, uint32_t addr, int size, uintptr_t ra)
{
    switch (size) {
    case 1:
        return cpu_ldub_data_ra(env, addr, ra);
    case 2:
        return cpu_lduw_data_ra(env, addr, ra);
    default:
        return cpu_ldl_data_ra(env, addr, ra);
    }
}

static void store_elem(CPUX86State *env, uint32_t addr, uint32_t v, int size, uintptr_t ra)
{
    switch (size) {
    case 1:
        cpu_stb_data_ra(env, addr, v, ra);
        break;
    case 2:
        cpu_stw_data_ra(env, addr, v, ra);
        break;
    default:
        cpu_stl_data_ra(env, addr, v, ra);
        break;
    }
}

/*
 * Fast path: whole runs that stay within one source and one destination
 * page are copied (or filled) through host memory, and the registers
 * advance after each run.  A fault can only happen at the first access to
 * a page, where the registers already describe the elements done: the
 * state the element-by-element loop (and the hardware) reports.  Only for
 * 32-bit addressing, and copies where a destination run does not overlap
 * its source on the side the elements move towards (the hardware's element
 * order would then replicate data, which memmove does not).  User mode
 * reaches guest memory at guest_base; system mode asks the TLB for the
 * page (probe_access: faults, code pages) and leaves MMIO to the element
 * loop.
 */
#ifdef CONFIG_USER_ONLY
static inline void *host_begin(CPUX86State *env, uint32_t addr, uint32_t bytes,
                               MMUAccessType type, uintptr_t ra)
{
    helper_retaddr = ra;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return g2h_untagged(addr);
}

static inline void host_end(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    helper_retaddr = 0;
}
#else
static inline void *host_begin(CPUX86State *env, uint32_t addr, uint32_t bytes,
                               MMUAccessType type, uintptr_t ra)
{
    return probe_access(env, addr, (int)bytes, type, cpu_mmu_index(env, false), false, ra);
}

static inline void host_end(void)
{
}
#endif

static inline uint32_t min3(uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t m = a < b ? a : b;
    return m < c ? m : c;
}

static uint32_t run_bytes(uint32_t addr)
{
    return TARGET_PAGE_SIZE - (addr & (TARGET_PAGE_SIZE - 1));
}

/* Copies runs while it can; returns when done or when an element straddles
 * a page or overlaps badly (the caller's element loop then takes a step). */
static void movs_runs(CPUX86State *env, const StringMode *m, uint32_t *left, uintptr_t ra)
{
    while (env->regs[R_ECX] != 0 && *left != 0) {
        uint32_t src = m->src_base + env->regs[R_ESI];
        uint32_t dst = m->es_base + env->regs[R_EDI];
        uint32_t bytes = run_bytes(src) < run_bytes(dst) ? run_bytes(src) : run_bytes(dst);
        uint32_t n = bytes / m->size;

        n = min3(n, env->regs[R_ECX], *left);
        bytes = n * m->size;
        if (n == 0 || (dst > src && dst - src < bytes)) {
            return;
        }
        void *s_host = host_begin(env, src, bytes, MMU_DATA_LOAD, ra);
        void *d_host = s_host ? host_begin(env, dst, bytes, MMU_DATA_STORE, ra) : NULL;
        if (!d_host) {
            host_end();
            return;     /* MMIO: element by element */
        }
        memmove(d_host, s_host, bytes);
        host_end();
        env->regs[R_ESI] += bytes;
        env->regs[R_EDI] += bytes;
        env->regs[R_ECX] -= n;
        *left -= n;
    }
}

/* DF=1: runs go down from the current element to the start of its page;
 * the element order (highest first) equals memmove unless the destination
 * lies below an overlapping source. */
static void movs_runs_down(CPUX86State *env, const StringMode *m, uint32_t *left, uintptr_t ra)
{
    while (env->regs[R_ECX] != 0 && *left != 0) {
        uint32_t src = m->src_base + env->regs[R_ESI];
        uint32_t dst = m->es_base + env->regs[R_EDI];
        uint32_t sb = (src & (TARGET_PAGE_SIZE - 1)) + m->size;
        uint32_t db = (dst & (TARGET_PAGE_SIZE - 1)) + m->size;
        uint32_t n, bytes, slo, dlo;

        if (sb > TARGET_PAGE_SIZE || db > TARGET_PAGE_SIZE) {
            return;   /* the element straddles a page end */
        }
        n = (sb < db ? sb : db) / m->size;
        n = min3(n, env->regs[R_ECX], *left);
        bytes = n * m->size;
        slo = src + m->size - bytes;
        dlo = dst + m->size - bytes;
        if (n == 0 || (dlo < slo && slo - dlo < bytes)) {
            return;
        }
        void *s_host = host_begin(env, slo, bytes, MMU_DATA_LOAD, ra);
        void *d_host = s_host ? host_begin(env, dlo, bytes, MMU_DATA_STORE, ra) : NULL;
        if (!d_host) {
            host_end();
            return;
        }
        memmove(d_host, s_host, bytes);
        host_end();
        env->regs[R_ESI] -= bytes;
        env->regs[R_EDI] -= bytes;
        env->regs[R_ECX] -= n;
        *left -= n;
    }
}

static void stos_fill(uint8_t *p, uint32_t v, uint32_t bytes, int size)
{
    if (size == 1) {
        memset(p, (int)(v & 0xff), bytes);
    } else {
        for (uint32_t i = 0; i < bytes; i += size) {
            memcpy(p + i, &v, size);   /* little-endian host */
        }
    }
}

static void stos_runs_down(CPUX86State *env, const StringMode *m, uint32_t v, uint32_t *left,
                           uintptr_t ra)
{
    while (env->regs[R_ECX] != 0 && *left != 0) {
        uint32_t dst = m->es_base + env->regs[R_EDI];
        uint32_t db = (dst & (TARGET_PAGE_SIZE - 1)) + m->size;
        uint32_t n, bytes;

        if (db > TARGET_PAGE_SIZE) {
            return;
        }
        n = db / m->size;
        n = min3(n, env->regs[R_ECX], *left);
        bytes = n * m->size;
        uint8_t *p = host_begin(env, dst + m->size - bytes, bytes, MMU_DATA_STORE, ra);
        if (!p) {
            host_end();
            return;
        }
        stos_fill(p, v, bytes, m->size);
        host_end();
        env->regs[R_EDI] -= bytes;
        env->regs[R_ECX] -= n;
        *left -= n;
    }
}

static void stos_runs(CPUX86State *env, const StringMode *m, uint32_t v, uint32_t *left,
                      uintptr_t ra)
{
    while (env->regs[R_ECX] != 0 && *left != 0) {
        uint32_t dst = m->es_base + env->regs[R_EDI];
        uint32_t n = run_bytes(dst) / m->size, bytes;
        uint8_t *p;

        n = min3(n, env->regs[R_ECX], *left);
        if (n == 0) {
            return;
        }
        bytes = n * m->size;
        p = host_begin(env, dst, bytes, MMU_DATA_STORE, ra);
        if (!p) {
            host_end();
            return;
        }
        stos_fill(p, v, bytes, m->size);
        host_end();
        env->regs[R_EDI] += bytes;
        env->regs[R_ECX] -= n;
        *left -= n;
    }
}

/*
 * At most REP_BUDGET elements per call: with ECX left the translated code
 * runs the instruction again, so pending interrupts and exit requests are
 * seen between the passes (the hardware takes interrupts between
 * iterations, SDM vol. 2B, REP).  Without it a REP with ECX near 4G over
 * unassigned memory ran for hours in one call and ignored even SIGTERM.
 */
#define REP_BUDGET 65536u

void HELPER(rep_movs)(CPUX86State *env, int mode)
{
    uintptr_t ra = GETPC();
    StringMode m = decode_mode(env, mode);
    int32_t step = m.size * env->df;
    uint32_t left = REP_BUDGET;

    while ((env->regs[R_ECX] & m.amask) && left != 0) {
        if (m.amask == 0xffffffffu) {
            if (step > 0) {
                movs_runs(env, &m, &left, ra);
            } else {
                movs_runs_down(env, &m, &left, ra);
            }
            if (env->regs[R_ECX] == 0 || left == 0) {
                break;
            }
        }
        uint32_t v = load_elem(env, m.src_base + (env->regs[R_ESI] & m.amask), m.size, ra);
        store_elem(env, m.es_base + (env->regs[R_EDI] & m.amask), v, m.size, ra);
        advance(env, R_ESI, m.amask, step);
        advance(env, R_EDI, m.amask, step);
        advance(env, R_ECX, m.amask, -1);
        left--;
    }
}

void HELPER(rep_stos)(CPUX86State *env, int mode)
{
    uintptr_t ra = GETPC();
    StringMode m = decode_mode(env, mode);
    int32_t step = m.size * env->df;
    uint32_t v = env->regs[R_EAX];
    uint32_t left = REP_BUDGET;

    while ((env->regs[R_ECX] & m.amask) && left != 0) {
        if (m.amask == 0xffffffffu) {
            if (step > 0) {
                stos_runs(env, &m, v, &left, ra);
            } else {
                stos_runs_down(env, &m, v, &left, ra);
            }
            if (env->regs[R_ECX] == 0 || left == 0) {
                break;
            }
        }
        store_elem(env, m.es_base + (env->regs[R_EDI] & m.amask), v, m.size, ra);
        advance(env, R_EDI, m.amask, step);
        advance(env, R_ECX, m.amask, -1);
        left--;
    }
}
