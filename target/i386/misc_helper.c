/*
 * CPUID and RDTSC.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"

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
