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

void HELPER(rep_movs)(CPUX86State *env, int mode)
{
    uintptr_t ra = GETPC();
    StringMode m = decode_mode(env, mode);
    int32_t step = m.size * env->df;

    while (env->regs[R_ECX] & m.amask) {
        uint32_t v = load_elem(env, m.src_base + (env->regs[R_ESI] & m.amask), m.size, ra);
        store_elem(env, m.es_base + (env->regs[R_EDI] & m.amask), v, m.size, ra);
        advance(env, R_ESI, m.amask, step);
        advance(env, R_EDI, m.amask, step);
        advance(env, R_ECX, m.amask, -1);
    }
}

void HELPER(rep_stos)(CPUX86State *env, int mode)
{
    uintptr_t ra = GETPC();
    StringMode m = decode_mode(env, mode);
    int32_t step = m.size * env->df;
    uint32_t v = env->regs[R_EAX];

    while (env->regs[R_ECX] & m.amask) {
        store_elem(env, m.es_base + (env->regs[R_EDI] & m.amask), v, m.size, ra);
        advance(env, R_EDI, m.amask, step);
        advance(env, R_ECX, m.amask, -1);
    }
}
