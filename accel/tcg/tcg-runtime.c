/*
 * TCG runtime helpers that belong to accel/tcg: the fast indirect-jump
 * lookup behind tcg_gen_lookup_and_goto_ptr().
 */
#include <inttypes.h>

#include "accel/tcg/internal.h"
#include "qemu/log.h"
#include "tcg/tcg.h"

/* Returns the host code of the TB for the CPU's current state, or the
 * epilogue (exit to cpu_exec, which translates) on a miss.  Reads the
 * guest pc and flags from env, writes nothing. */
static const void *helper_lookup_tb_ptr(CPUArchState *env)
{
    CPUState *cpu = current_cpu;
    uint64_t pc, cs_base;
    uint32_t flags;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    TranslationBlock *tb = tb_lookup(cpu, pc, cs_base, flags, curr_cflags(cpu));
    if (!tb || (tb->cflags & CF_VERIFY)) {
        return tcg_ctx->code_gen_epilogue; /* cpu_exec translates / verifies */
    }
    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        qemu_log("Trace %d: %p [%08" PRIx64 "/%016" PRIx64 "/%08x/%08x] (goto_ptr)\n",
                 cpu->cpu_index, tb->tc_ptr, tb->cs_base, tb->pc, tb->flags, tb->cflags);
    }
    return tb->tc_ptr;
}

const TCGHelperInfo helper_lookup_tb_ptr_info = {
    .func = (void *)helper_lookup_tb_ptr,
    .name = "lookup_tb_ptr",
    .flags = TCG_CALL_NO_WG_SE,
    .typemask = dh_typecode_ptr | (dh_typecode_ptr << 3),
};
