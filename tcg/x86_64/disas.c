/* Host disassembly for -d out_asm, with capstone. */
#include <capstone/capstone.h>
#include <inttypes.h>

#include "tcg/tcg.h"

void tcg_disas_host(FILE *f, const void *code, size_t size)
{
    csh handle;
    cs_insn *insn;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable: %zu bytes at %p)\n", size, code);
        return;
    }
    size_t count = cs_disasm(handle, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < count; i++) {
        fprintf(f, "  0x%012" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
        done += insn[i].size;
    }
    if (done < size) {
        fprintf(f, "  ... %zu undecodable bytes\n", size - done);
    }
    if (count) {
        cs_free(insn, count);
    }
    cs_close(&handle);
}
