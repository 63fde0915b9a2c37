/*
 * Execution-level tests of accel/tcg in user mode, with a toy guest ISA so
 * they don't depend on the i386 front end: the translator loop, the TB
 * cache and chaining, indirect jumps, the TB-start exit check, exact state
 * restore after a helper exception and after a host fault in generated
 * code, and self-modifying code through host write protection.
 *
 * Toy ISA: 4-byte instructions [op, reg, imm16 little-endian]:
 *   01 ADDI r, imm    r += sign-extended imm
 *   02 JNZ  r, addr   if r != 0 goto addr (else next)
 *   03 HALT           pc = next; exception 0x99
 *   04 JMPR r         pc = r (indirect)
 *   05 STB  r, imm    guest byte [r] = imm
 *   06 TRAP r, imm    if r == imm: exception 0x42 at this instruction
 *   07 LD   r         r = guest dword [r]
 *   08 JMPI r         pc = r (indirect, inline jump-cache probe)
 */
/* This test is built like linux-user, against the user-mode accel/tcg. */
#define CONFIG_USER_ONLY 1

#include <glib.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "tcg/tcg.h"

static uint8_t *guest;

#define GUEST_SIZE 0x10000
#define CODE 0x1000
#define DATA 0x7000
#define HOLE 0x6000 /* an unmapped page (addresses are imm16) */
#define TOY_MMU_IDX 1

#include "toy-target.h"

void cpu_record_sigsegv(CPUState *cpu, uint64_t addr, MMUAccessType access_type, bool maperr,
                        uintptr_t ra)
{
    cpu->exception_index = 0x0e;
    toy.env.fault_addr = (uint32_t)addr;
}

static void helper_trap(CPUArchState *env)
{
    toy.parent.exception_index = 0x42;
    cpu_loop_exit_restore(&toy.parent, GETPC());
}

static const TCGHelperInfo trap_info = { (void *)helper_trap, "trap", 0, TM(dh_typecode_ptr, 1) };

/* The opcodes of this test beyond toy-target.h's: 04 JMPR r (pc = r,
 * through the lookup helper), 06 TRAP r, imm (exception 0x42 at this insn
 * if r == imm), 08 JMPI r (pc = r, inline jump-cache probe). */
static bool toy_translate_more(DisasContextBase *db, unsigned op, unsigned r, int32_t imm,
                               uint32_t next)
{
    TCGTemp *envarg[1] = { tcgv_ptr_temp(tcg_env) };

    switch (op) {
    case 4:
        tcg_gen_mov_i32(cpu_pc, cpu_r[r]);
        tcg_gen_lookup_and_goto_ptr();
        db->is_jmp = DISAS_NORETURN;
        return true;
    case 6: {
        TCGLabel *skip = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_r[r], imm, skip);
        tcg_gen_callN(&trap_info, NULL, envarg);
        gen_set_label(skip);
        return true;
    }
    case 8:
        tcg_gen_mov_i32(cpu_pc, cpu_r[r]);
        tcg_gen_lookup_and_goto_ptr_pc(cpu_pc);
        db->is_jmp = DISAS_NORETURN;
        return true;
    default:
        return false;
    }
}

/* ---- host fault handling, as linux-user does it ---- */

static void segv_handler(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t haddr = (uintptr_t)info->si_addr;
    CPUState *cpu = &toy.parent;
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;

    if (haddr < guest_base || haddr >= guest_base + GUEST_SIZE) {
        signal(sig, SIG_DFL);
        return;
    }
    uint32_t addr = h2g((void *)haddr);
    if (is_write && info->si_code == SEGV_ACCERR) {
        switch (page_unprotect(addr, pc)) {
        case 1:
            return;
        case 2:
            sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
            cpu_restore_state(cpu, pc);
            cpu_loop_exit_noexc(cpu);
        default:
            break;
        }
    }
    sigprocmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    cpu_loop_exit_sigsegv(cpu, addr, is_write ? MMU_DATA_STORE : MMU_DATA_LOAD, false, pc);
}

/* ---- set-up ---- */

static void setup(void)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    guest = mmap(NULL, GUEST_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(guest != MAP_FAILED);
    guest_base = (uintptr_t)guest;
    page_set_flags(0, GUEST_SIZE - 1, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    page_set_flags(HOLE, HOLE + TARGET_PAGE_SIZE - 1, 0);
    g_assert_cmpint(mprotect(guest + HOLE, TARGET_PAGE_SIZE, PROT_NONE), ==, 0);

    toy.parent.env_ptr = &toy.env;
    toy.parent.neg = &toy.neg;
    toy.parent.exception_index = -1;
    first_cpu = &toy.parent;
    tcg_exec_init(16 * 1024 * 1024);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
}

static uint32_t emit_at;

static void asm_start(uint32_t addr)
{
    emit_at = addr;
}

static uint32_t asm_insn(unsigned op, unsigned r, int imm)
{
    uint32_t at = emit_at;
    uint32_t insn = op | (r << 8) | ((uint32_t)(uint16_t)imm << 16);
    memcpy(guest + at, &insn, 4);
    emit_at += 4;
    return at;
}

static int run_from(uint32_t pc)
{
    toy.env.pc = pc;
    return cpu_exec(&toy.parent);
}

/* ---- tests ---- */

static void test_loop_runs_and_chains(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(CODE);
    asm_insn(1, 0, 1000);                /* r0 = 1000 */
    uint32_t loop = asm_insn(1, 1, 3);   /* loop: r1 += 3 */
    asm_insn(1, 0, -1);                  /* r0 -= 1 */
    asm_insn(2, 0, (int)loop);           /* jnz r0, loop */
    uint32_t end = asm_insn(3, 0, 0);    /* halt */
    g_assert_cmphex(run_from(CODE), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 0);
    g_assert_cmpuint(toy.env.r[1], ==, 3000);
    g_assert_cmphex(toy.env.pc, ==, end + 4);
    /* The loop TB jumps to itself directly after the first iteration. */
    TranslationBlock *tb = tb_htable_lookup(loop, 0, 0, curr_cflags(&toy.parent), loop);
    g_assert_nonnull(tb);
    g_assert_true(tb->jmp_dest[1] == tb);
}

static void test_indirect_jump_through_lookup(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(CODE + 0x100);
    asm_insn(1, 2, CODE + 0x200);        /* r2 = target */
    asm_insn(4, 2, 0);                   /* jmpr r2 */
    asm_start(CODE + 0x200);
    asm_insn(1, 3, 5);                   /* r3 += 5 */
    asm_insn(1, 2, -4);                  /* r2 = target - 4: loop back 3 times */
    asm_insn(1, 1, 1);
    asm_insn(2, 1, CODE + 0x300);
    asm_start(CODE + 0x300);
    asm_insn(3, 0, 0);
    /* Run twice: the second time everything is translated and the indirect
     * jump is found by lookup_tb_ptr. */
    for (int i = 0; i < 2; i++) {
        memset(toy.env.r, 0, sizeof(toy.env.r));
        g_assert_cmphex(run_from(CODE + 0x100), ==, 0x99);
        g_assert_cmpuint(toy.env.r[3], ==, 5);
        g_assert_cmphex(toy.env.pc, ==, CODE + 0x304);
    }
}


static void test_inline_jump_cache_probe(void)
{
    setup();
    /* A loop whose back edge is an indirect jump: r0 counts down, r1 sums.
     *   top: r1 += 2; r0 -= 1; jnz r0, body; halt
     *   body: jmpi r2 (= top) */
    asm_start(CODE + 0xc00);
    uint32_t top = asm_insn(1, 1, 2);
    asm_insn(1, 0, -1);
    asm_insn(2, 0, CODE + 0xd00);
    uint32_t halt = asm_insn(3, 0, 0);
    asm_start(CODE + 0xd00);
    asm_insn(8, 2, 0);
    for (int run = 0; run < 2; run++) {
        memset(toy.env.r, 0, sizeof(toy.env.r));
        toy.env.r[0] = 500;
        toy.env.r[2] = top;
        g_assert_cmphex(run_from(top), ==, 0x99);
        g_assert_cmpuint(toy.env.r[1], ==, 1000);
        g_assert_cmphex(toy.env.pc, ==, halt + 4);
    }
    /* Invalidate the target: the probe must miss and retranslate. */
    tb_invalidate_phys_range(top, top + 4);
    guest[top + 2] = 3; /* r1 += 3 from now on */
    memset(toy.env.r, 0, sizeof(toy.env.r));
    toy.env.r[0] = 10;
    toy.env.r[2] = top;
    g_assert_cmphex(run_from(top), ==, 0x99);
    g_assert_cmpuint(toy.env.r[1], ==, 30);
}

static void test_code_on_shared_mapping_reverified(void)
{
    setup();
    /* A read-only, executable, "shared" page: no write protection can see
     * changes, so the TB compares its bytes at each entry. */
    const uint32_t page = 0x5000;
    page_set_flags(page, page + TARGET_PAGE_SIZE - 1,
                   PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_SHARED_MAP);
    asm_start(page);
    asm_insn(1, 1, 4);
    asm_insn(3, 0, 0);
    for (int v = 4; v < 8; v++) {
        guest[page + 2] = (uint8_t)v;   /* rewritten "through another mapping" */
        memset(toy.env.r, 0, sizeof(toy.env.r));
        g_assert_cmphex(run_from(page), ==, 0x99);
        g_assert_cmpuint(toy.env.r[1], ==, (unsigned)v);
    }
    /* Also when entered by an indirect jump from another TB. */
    asm_start(CODE + 0xe00);
    asm_insn(1, 2, page);
    asm_insn(8, 2, 0);
    for (int v = 9; v < 12; v++) {
        guest[page + 2] = (uint8_t)v;
        memset(toy.env.r, 0, sizeof(toy.env.r));
        g_assert_cmphex(run_from(CODE + 0xe00), ==, 0x99);
        g_assert_cmpuint(toy.env.r[1], ==, (unsigned)v);
    }
}

static void test_code_fetch_fault_at_exact_insn(void)
{
    setup();
    /* 0x3000 executable, 0x4000 readable but not executable. */
    page_set_flags(0x3000, 0x3fff, PAGE_VALID | PAGE_READ | PAGE_EXEC);
    page_set_flags(0x4000, 0x4fff, PAGE_VALID | PAGE_READ);

    /* Four insns up to the boundary, the fifth on the next page. */
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(0x3ff0);
    for (int i = 0; i < 4; i++) {
        asm_insn(1, 1, 1);
    }
    asm_insn(1, 1, 1);
    g_assert_cmphex(run_from(0x3ff0), ==, 0x0e);
    g_assert_cmphex(toy.env.pc, ==, 0x4000);
    g_assert_cmphex(toy.env.fault_addr, ==, 0x4000);
    g_assert_cmpuint(toy.env.r[1], ==, 4);

    /* An insn straddling the boundary: the TB before it is cut short (it
     * was translated as the 4th insn), then the insn itself faults. */
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(0x3ff2);
    for (int i = 0; i < 4; i++) {
        asm_insn(1, 1, 1); /* the last one at 0x3ffe spans into 0x4000 */
    }
    g_assert_cmphex(run_from(0x3ff2), ==, 0x0e);
    g_assert_cmphex(toy.env.pc, ==, 0x3ffe);
    g_assert_cmphex(toy.env.fault_addr, ==, 0x4000);
    g_assert_cmpuint(toy.env.r[1], ==, 3);
    page_set_flags(0x3000, 0x4fff, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
}

static void test_exit_request_stops_before_any_insn(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(CODE + 0x400);
    asm_insn(1, 0, 1);
    asm_insn(3, 0, 0);
    cpu_exit(&toy.parent);
    g_assert_cmphex(run_from(CODE + 0x400), ==, EXCP_INTERRUPT);
    g_assert_cmpuint(toy.env.r[0], ==, 0);
    g_assert_cmphex(toy.env.pc, ==, CODE + 0x400);
    g_assert_cmpint(toy.neg.exit_request, ==, 0);
    /* Translated now: the request fires inside the TB's own check. */
    cpu_exit(&toy.parent);
    g_assert_cmphex(run_from(CODE + 0x400), ==, EXCP_INTERRUPT);
    g_assert_cmpuint(toy.env.r[0], ==, 0);
    g_assert_cmphex(run_from(CODE + 0x400), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 1);
}

static void test_helper_exception_restores_exact_pc(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(CODE + 0x500);
    asm_insn(1, 0, 7);                         /* r0 = 7 */
    asm_insn(1, 1, 1);                         /* r1 = 1 */
    uint32_t trap = asm_insn(6, 0, 7);         /* trap if r0 == 7 */
    asm_insn(1, 1, 100);                       /* must not run */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(CODE + 0x500), ==, 0x42);
    g_assert_cmphex(toy.env.pc, ==, trap);
    g_assert_cmpuint(toy.env.r[0], ==, 7);     /* globals written back first */
    g_assert_cmpuint(toy.env.r[1], ==, 1);
}

static void test_host_fault_in_generated_code_restores_pc(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    guest[DATA] = 0x5a;
    asm_start(CODE + 0x600);
    asm_insn(1, 2, DATA);                      /* r2 = DATA */
    asm_insn(7, 2, 0);                         /* r2 = [r2]: fine */
    asm_insn(1, 3, HOLE);                      /* r3 = HOLE */
    uint32_t ld = asm_insn(7, 3, 0);           /* r3 = [HOLE]: faults */
    asm_insn(1, 1, 1);
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(CODE + 0x600), ==, 0x0e);
    g_assert_cmphex(toy.env.pc, ==, ld);
    g_assert_cmphex(toy.env.fault_addr, ==, HOLE);
    g_assert_cmphex(toy.env.r[2], ==, 0x5a);
    g_assert_cmphex(toy.env.r[3], ==, HOLE);
    g_assert_cmpuint(toy.env.r[1], ==, 0);
}

static void test_self_modifying_code_next_insn(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    /* r0 = address of the imm byte of the next ADDI; STB patches it from
     * 1 to 9 inside the same TB, then the patched insn runs. */
    asm_start(CODE + 0x800);
    asm_insn(1, 0, CODE + 0x80a);              /* r0 = &insn[2].imm */
    asm_insn(5, 0, 9);                         /* stb [r0], 9 */
    asm_insn(1, 1, 1);                         /* r1 += 1 -> patched to += 9 */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(CODE + 0x800), ==, 0x99);
    g_assert_cmpuint(toy.env.r[1], ==, 9);
    /* Again: retranslated from the patched code, protected again, the
     * store faults again and is redone one insn at a time. */
    memset(toy.env.r, 0, sizeof(toy.env.r));
    g_assert_cmphex(run_from(CODE + 0x800), ==, 0x99);
    g_assert_cmpuint(toy.env.r[1], ==, 9);
    g_assert_true((page_get_flags(CODE + 0x800) & PAGE_WRITE_ORG) != 0);
}

static void test_tb_flush_and_retranslate(void)
{
    setup();
    memset(toy.env.r, 0, sizeof(toy.env.r));
    asm_start(CODE + 0xa00);
    asm_insn(1, 0, 2);
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(CODE + 0xa00), ==, 0x99);
    unsigned gen = tb_flush_count;
    tb_flush(&toy.parent);
    g_assert_cmphex(run_from(CODE + 0xa00), ==, EXCP_INTERRUPT); /* the request */
    g_assert_cmphex(run_from(CODE + 0xa00), ==, 0x99);
    g_assert_cmpuint(tb_flush_count, ==, gen + 1);
    g_assert_cmpuint(toy.env.r[0], ==, 4);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/exec/loop-runs-and-chains", test_loop_runs_and_chains);
    g_test_add_func("/tcg/exec/indirect-jump-through-lookup", test_indirect_jump_through_lookup);
    g_test_add_func("/tcg/exec/inline-jump-cache-probe", test_inline_jump_cache_probe);
    g_test_add_func("/tcg/exec/code-on-shared-mapping-reverified",
                    test_code_on_shared_mapping_reverified);
    g_test_add_func("/tcg/exec/code-fetch-fault-at-exact-insn",
                    test_code_fetch_fault_at_exact_insn);
    g_test_add_func("/tcg/exec/exit-request-stops-before-any-insn",
                    test_exit_request_stops_before_any_insn);
    g_test_add_func("/tcg/exec/helper-exception-restores-exact-pc",
                    test_helper_exception_restores_exact_pc);
    g_test_add_func("/tcg/exec/host-fault-in-generated-code-restores-pc",
                    test_host_fault_in_generated_code_restores_pc);
    g_test_add_func("/tcg/exec/self-modifying-code-next-insn", test_self_modifying_code_next_insn);
    g_test_add_func("/tcg/exec/tb-flush-and-retranslate", test_tb_flush_and_retranslate);
    return g_test_run();
}
