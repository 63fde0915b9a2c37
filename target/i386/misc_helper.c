/*
 * CPUID, RDTSC, and the system instructions that are not about segments,
 * control registers or MSRs: port I/O with the TSS I/O permission bitmap,
 * HLT, RDPMC.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"

#ifndef CONFIG_USER_ONLY
#include "exec/memory.h"
#include "exec/memattrs.h"
#include "qemu/main-loop.h"
#endif

#define HELPER_H "target/i386/helper.h"
#include "exec/helper-proto.h"

void HELPER(cpuid)(CPUX86State *env)
{
    uint32_t a, b, c, d;

    x86_cpuid(env, env->regs[R_EAX], env->regs[R_ECX], &a, &b, &c, &d);
    env->regs[R_EAX] = a;
    env->regs[R_EBX] = b;
    env->regs[R_ECX] = c;
    env->regs[R_EDX] = d;
}

/* The guest sees the host's TSC plus an offset: monotonic and fast, which
 * is what user-mode programs rely on.  CR4.TSD is checked at translation. */
void HELPER(rdtsc)(CPUX86State *env)
{
    uint64_t t = __builtin_ia32_rdtsc() + env->tsc_offset;

    env->regs[R_EAX] = (uint32_t)t;
    env->regs[R_EDX] = (uint32_t)(t >> 32);
}

/*
 * The I/O permission bitmap check, made by the translator only when
 * CPL > IOPL or in virtual-8086 mode (SDM vol. 1, 19.5.2 and 19.5.1).
 * The TSS must be a 32-bit one (a 16-bit TSS has no bitmap); the 16-bit
 * bitmap offset is at byte 66h; every bit of ports port..port+size-1 must
 * be clear, and the processor reads the two bytes holding them, so both
 * must lie within the TSS limit.  Any failure is #GP(0).  The TSS is read
 * with an implicit supervisor access.
 */
void HELPER(check_io)(CPUX86State *env, uint32_t port, int size)
{
    uintptr_t ra = GETPC();
    int type = (env->tr.flags >> DESC_TYPE_SHIFT) & 0xf;
    int mmu_idx = (env->hflags & HF_SMM_MASK) ? MMU_SMM_IDX : MMU_KSMAP_IDX;
    uint32_t map, byte, bits;

    /* type 9: available 32-bit TSS, 11: busy 32-bit TSS */
    if (!(env->tr.flags & DESC_P_MASK) || (type != 9 && type != 11) || env->tr.limit < 0x67) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    map = cpu_lduw_mmuidx_ra(env, env->tr.base + 0x66, mmu_idx, ra);
    byte = map + (port >> 3);
    if (byte + 1 > env->tr.limit) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
    bits = cpu_lduw_mmuidx_ra(env, env->tr.base + byte, mmu_idx, ra);
    if ((bits >> (port & 7)) & ((1u << size) - 1)) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
}

#ifndef CONFIG_USER_ONLY
/* Port I/O runs device code: under the BQL, which the vCPU thread does
 * not hold while it runs guest code (it may already hold it when called
 * from a path that took it, e.g. qtest). */
static bool io_lock(void)
{
    if (bql_locked()) {
        return false;
    }
    bql_lock();
    return true;
}

uint32_t HELPER(port_in)(CPUX86State *env, uint32_t port, int ot)
{
    bool unlock = io_lock();
    uint32_t v = (uint32_t)address_space_load(&address_space_io, port & 0xffff, 1u << ot, false,
                                              MEMTXATTRS_UNSPECIFIED, NULL);

    if (unlock) {
        bql_unlock();
    }
    return v;
}

void HELPER(port_out)(CPUX86State *env, uint32_t port, uint32_t val, int ot)
{
    bool unlock = io_lock();

    address_space_store(&address_space_io, port & 0xffff, val, 1u << ot, false,
                        MEMTXATTRS_UNSPECIFIED, NULL);
    if (unlock) {
        bql_unlock();
    }
}

/* HLT: the CPU stops after the instruction (the saved EIP is the next
 * one, SDM vol. 2A, HLT) until an interrupt, NMI, SMI or INIT wakes it;
 * cpu_exec sees EXCP_HLT.  A halt ends any interrupt shadow (STI; HLT). */
void HELPER(hlt)(CPUX86State *env, int next_eip_addend)
{
    CPUState *cs = env_cpu(env);

    env->eip += next_eip_addend;
    env->hflags &= ~HF_INHIBIT_IRQ_MASK;
    cs->halted = true;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

/* RDPMC: the P6 has two counters (ECX 0 or 1, SDM vol. 2B, RDPMC); we
 * count no events, so they read 0.  Other counters are #GP(0).  CR4.PCE
 * and CPL were checked at translation. */
void HELPER(rdpmc)(CPUX86State *env)
{
    if (env->regs[R_ECX] > 1) {
        raise_exception_err_ra(env, EXCP0D_GPF, 0, GETPC());
    }
    env->regs[R_EAX] = 0;
    env->regs[R_EDX] = 0;
}
#endif
