/*
 * -d in_asm: guest code through capstone, AT&T syntax like QEMU's logs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <capstone/capstone.h>

#include "target/i386/cpu.h"
#include "exec/exec-all.h"
#include "exec/cpu-ldst.h"
#ifndef CONFIG_USER_ONLY
#include "exec/cputlb.h"
#endif

/* Copies guest code; it was just translated, so it is readable. */
static void read_guest_code(CPUState *cpu, uint64_t pc, uint8_t *buf, size_t size)
{
#ifdef CONFIG_USER_ONLY
    const uint8_t *p = g2h_untagged((uint32_t)pc);
    for (size_t i = 0; i < size; i++) {
        buf[i] = p[i];
    }
#else
    CPUX86State *env = cpu_env(cpu);
    int mmu = cpu_mmu_index(env, true);   /* as the code fetch (SMM included) */
    for (size_t i = 0; i < size; i++) {
        buf[i] = (uint8_t)cpu_ldub_mmuidx_ra(env, (uint32_t)(pc + i), mmu, 0);
    }
#endif
}

void target_disas(FILE *f, CPUState *cpu, uint64_t pc, size_t size)
{
    CPUX86State *env = cpu_env(cpu);
    bool code32 = env->hflags & HF_CS32_MASK;
    csh handle;
    cs_insn *insn;
    uint8_t buf[4096];
    size_t count;

    if (size > sizeof(buf)) {
        size = sizeof(buf);
    }
    if (cs_open(CS_ARCH_X86, code32 ? CS_MODE_32 : CS_MODE_16, &handle) != CS_ERR_OK) {
        fprintf(f, "0x%08" PRIx64 ": (capstone unavailable)\n", pc);
        return;
    }
    cs_option(handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
    cs_option(handle, CS_OPT_SKIPDATA, CS_OPT_ON);
    read_guest_code(cpu, pc, buf, size);
    count = cs_disasm(handle, buf, size, pc, 0, &insn);
    for (size_t i = 0; i < count; i++) {
        char hex[3 * 16 + 1];
        size_t n = 0;
        for (size_t j = 0; j < insn[i].size && j < 15; j++) {
            n += (size_t)snprintf(hex + n, sizeof(hex) - n, "%02x ", insn[i].bytes[j]);
        }
        fprintf(f, "0x%08" PRIx64 ":  %-24s %-8s %s\n", insn[i].address, hex,
                insn[i].mnemonic, insn[i].op_str);
    }
    if (count) {
        cs_free(insn, count);
    }
    cs_close(&handle);
}
