/*
 * LOCKed read-modify-write instructions as single atomic operations on the
 * host, for TBs translated with CF_PARALLEL (guest threads on several host
 * threads).  SDM vol. 3A 8.1.2: a LOCKed instruction's read-modify-write is
 * atomic; XCHG with memory is locked implicitly.
 *
 * User mode: the guest address is a host address (g2h), so the host's own
 * atomic compare-and-swap does the work; a fault inside it becomes the
 * guest's fault at the instruction through helper_retaddr, as for the
 * cpu_ld/st helpers.  System mode runs one vCPU at a time for now, so a
 * plain load and store through the softmmu are atomic enough.
 *
 * atomic_rmw's `arg` packs the operation (bits 0..3, X86AtomicOp), the
 * operand size (bits 4..5, MO_8/16/32) and the carry-in of ADC/SBB (bit 8).
 */
#include <stdbool.h>

#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "target/i386/atomic-ops.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

static uint32_t rmw_result(int op, uint32_t old, uint32_t src, uint32_t carry)
{
    switch (op) {
    case ATOMIC_ADD: return old + src;
    case ATOMIC_OR: return old | src;
    case ATOMIC_ADC: return old + src + carry;
    case ATOMIC_SBB: return old - src - carry;
    case ATOMIC_AND: return old & src;
    case ATOMIC_SUB: return old - src;
    case ATOMIC_XOR: return old ^ src;
    case ATOMIC_NOT: return ~old;
    case ATOMIC_NEG: return -old;
    case ATOMIC_INC: return old + 1;
    case ATOMIC_DEC: return old - 1;
    case ATOMIC_XCHG: return src;
    case ATOMIC_BTS: return old | src;
    case ATOMIC_BTR: return old & ~src;
    case ATOMIC_BTC: return old ^ src;
    default: return old;
    }
}

#ifdef CONFIG_USER_ONLY

static inline void *atomic_begin(uint32_t addr, uintptr_t ra)
{
    helper_retaddr = ra;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return g2h_untagged(addr);
}

static inline void atomic_end(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    helper_retaddr = 0;
}

/* One compare-and-swap loop per access size. */
#define DEF_RMW(name, type)                                                      \
static uint32_t name(type *p, int op, uint32_t src, uint32_t carry)             \
{                                                                                \
    type old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;                        \
    do {                                                                         \
        nv = (type)rmw_result(op, old, src, carry);                              \
    } while (!__atomic_compare_exchange_n(p, &old, nv, false, __ATOMIC_SEQ_CST,  \
                                          __ATOMIC_SEQ_CST));                    \
    return old;                                                                  \
}
DEF_RMW(rmw8, uint8_t)
DEF_RMW(rmw16, uint16_t)
DEF_RMW(rmw32, uint32_t)

uint32_t HELPER(atomic_rmw)(CPUX86State *env, uint32_t addr, uint32_t src, uint32_t arg)
{
    void *p = atomic_begin(addr, GETPC());
    int op = arg & 0xf, size = (arg >> 4) & 3;
    uint32_t carry = (arg >> 8) & 1, old;

    if (size == 0) {
        old = rmw8(p, op, src, carry);
    } else if (size == 1) {
        old = rmw16(p, op, src, carry);
    } else {
        old = rmw32(p, op, src, carry);
    }
    atomic_end();
    return old;
}

uint32_t HELPER(atomic_cmpxchg)(CPUX86State *env, uint32_t addr, uint32_t cmp, uint32_t nv,
                                uint32_t size)
{
    void *p = atomic_begin(addr, GETPC());
    uint32_t old;

    if (size == 0) {
        uint8_t o = (uint8_t)cmp;
        __atomic_compare_exchange_n((uint8_t *)p, &o, (uint8_t)nv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        old = o;
    } else if (size == 1) {
        uint16_t o = (uint16_t)cmp;
        __atomic_compare_exchange_n((uint16_t *)p, &o, (uint16_t)nv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = o;
    } else {
        uint32_t o = cmp;
        __atomic_compare_exchange_n((uint32_t *)p, &o, nv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST);
        old = o;
    }
    atomic_end();
    return old;
}

/* CMPXCHG8B m64: compares EDX:EAX, stores ECX:EBX when equal. */
uint64_t HELPER(atomic_cmpxchg8b)(CPUX86State *env, uint32_t addr)
{
    uint64_t *p = atomic_begin(addr, GETPC());
    uint64_t o = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    uint64_t nv = ((uint64_t)env->regs[R_ECX] << 32) | env->regs[R_EBX];

    __atomic_compare_exchange_n(p, &o, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    atomic_end();
    return o;
}

#else /* system mode: one vCPU at a time */

static uint32_t ld_sized(CPUX86State *env, uint32_t addr, int size, uintptr_t ra)
{
    return size == 0 ? cpu_ldub_data_ra(env, addr, ra) :
           size == 1 ? cpu_lduw_data_ra(env, addr, ra) : cpu_ldl_data_ra(env, addr, ra);
}

static void st_sized(CPUX86State *env, uint32_t addr, uint32_t v, int size, uintptr_t ra)
{
    if (size == 0) {
        cpu_stb_data_ra(env, addr, v, ra);
    } else if (size == 1) {
        cpu_stw_data_ra(env, addr, v, ra);
    } else {
        cpu_stl_data_ra(env, addr, v, ra);
    }
}

uint32_t HELPER(atomic_rmw)(CPUX86State *env, uint32_t addr, uint32_t src, uint32_t arg)
{
    uintptr_t ra = GETPC();
    int op = arg & 0xf, size = (arg >> 4) & 3;
    uint32_t old = ld_sized(env, addr, size, ra);

    st_sized(env, addr, rmw_result(op, old, src, (arg >> 8) & 1), size, ra);
    return old;
}

uint32_t HELPER(atomic_cmpxchg)(CPUX86State *env, uint32_t addr, uint32_t cmp, uint32_t nv,
                                uint32_t size)
{
    uintptr_t ra = GETPC();
    uint32_t mask = size == 0 ? 0xff : size == 1 ? 0xffff : 0xffffffffu;
    uint32_t old = ld_sized(env, addr, size, ra);

    st_sized(env, addr, old == (cmp & mask) ? nv : old, size, ra);
    return old;
}

uint64_t HELPER(atomic_cmpxchg8b)(CPUX86State *env, uint32_t addr)
{
    uintptr_t ra = GETPC();
    uint64_t old = cpu_ldq_data_ra(env, addr, ra);
    uint64_t cmp = ((uint64_t)env->regs[R_EDX] << 32) | env->regs[R_EAX];
    uint64_t nv = ((uint64_t)env->regs[R_ECX] << 32) | env->regs[R_EBX];

    cpu_stq_data_ra(env, addr, old == cmp ? nv : old, ra);
    return old;
}

#endif
