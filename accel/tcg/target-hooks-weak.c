/*
 * Weak fallbacks for the front-end hooks of exec/exec-all.h, so the
 * products link while target/i386 is being written.  Each stops with a
 * message naming the missing hook.  Remove once target/i386 provides them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "exec/exec-all.h"

static __attribute__((noreturn)) void missing(const char *hook)
{
    fprintf(stderr, "q86: the front end does not provide %s() yet\n", hook);
    abort();
}

#define WEAK __attribute__((weak))

WEAK void tcg_target_frontend_init(void)
{
    /* Creating no globals is valid: nothing to do. */
}

WEAK void cpu_get_tb_cpu_state(CPUArchState *env, uint64_t *pc, uint64_t *cs_base,
                               uint32_t *flags)
{
    missing(__func__);
}

WEAK void gen_intermediate_code(CPUState *cpu, TranslationBlock *tb, int *max_insns,
                                uint64_t pc, void *host_pc)
{
    missing(__func__);
}

WEAK void restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb, const uint64_t *data)
{
    missing(__func__);
}

WEAK void cpu_synchronize_from_tb(CPUState *cpu, const TranslationBlock *tb)
{
    missing(__func__);
}

WEAK void cpu_dump_state(CPUState *cpu, FILE *f, int flags)
{
    fprintf(f, "(the front end does not provide cpu_dump_state yet)\n");
}

WEAK void target_disas(FILE *f, CPUState *cpu, uint64_t pc, size_t size)
{
    fprintf(f, "0x%08llx: (%zu bytes; no guest disassembler yet)\n", (unsigned long long)pc,
            size);
}

WEAK bool cpu_exec_interrupt(CPUState *cpu, int interrupt_request)
{
    return false;
}

WEAK void cpu_do_interrupt(CPUState *cpu)
{
    missing(__func__);
}

WEAK void cpu_record_sigsegv(CPUState *cpu, uint64_t addr, MMUAccessType access_type,
                             bool maperr, uintptr_t ra)
{
    missing(__func__);
}
