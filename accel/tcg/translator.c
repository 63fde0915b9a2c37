/*
 * The generic translator loop and guest code fetch.
 *
 * The loop emits, around the front end's hooks, the TB-start exit check:
 *     ld_i32 tmp, env, $exit_request_offset
 *     brcond_i32 tmp, $0, ne, $Lexit
 *     ... the TB ...
 *   Lexit:
 *     exit_tb $tb|TB_EXIT_REQUESTED
 * exit_request is CPUNegativeOffsetState.exit_request, which sits right
 * before env (hw/core/cpu.h); its offset from env is taken from the CPU
 * being translated for (cpu->neg - cpu->env_ptr), so no target header is
 * needed here.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "exec/gen-icount.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "qemu/log.h"
#include "tcg/tcg.h"

static TCGLabel *exitreq_label;

static intptr_t exit_request_offset(CPUState *cpu)
{
    if (cpu && cpu->neg && cpu->env_ptr) {
        return (intptr_t)((char *)&cpu->neg->exit_request - (char *)cpu->env_ptr);
    }
    /* The documented layout: neg immediately before env. */
    return -(intptr_t)sizeof(CPUNegativeOffsetState) +
           (intptr_t)offsetof(CPUNegativeOffsetState, exit_request);
}

void gen_tb_start(const TranslationBlock *tb)
{
    CPUState *cpu = current_cpu;

    tcg_ctx->gen_tb = tb;
    tcg_ctx->tlb_fast_env_offset =
        cpu && cpu->neg && cpu->env_ptr
            ? (intptr_t)((char *)&cpu->neg->tlb_fast[0] - (char *)cpu->env_ptr)
            : -(intptr_t)sizeof(CPUNegativeOffsetState) +
              (intptr_t)offsetof(CPUNegativeOffsetState, tlb_fast);
    tcg_ctx->jmp_cache_env_offset =
        cpu && cpu->env_ptr ? (intptr_t)((char *)cpu->tb_jmp_cache - (char *)cpu->env_ptr) : 0;
    /* -d exec logs TBs found by the lookup helper: keep it in the path. */
    tcg_ctx->inline_jmp_cache = !qemu_loglevel_mask(CPU_LOG_EXEC);
    exitreq_label = NULL;
    if (tb->cflags & CF_NOIRQ) {
        return;
    }
    TCGv_i32 flag = tcg_temp_ebb_new_i32();
    tcg_gen_ld_i32(flag, tcg_env, exit_request_offset(current_cpu));
    exitreq_label = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exitreq_label);
    tcg_temp_free_i32(flag);
}

void gen_tb_end(const TranslationBlock *tb, int num_insns)
{
    if (exitreq_label) {
        gen_set_label(exitreq_label);
        tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);
        exitreq_label = NULL;
    }
}

void tb_record_page(TranslationBlock *tb, uint64_t page_addr)
{
    if (tb->page_addr[0] == page_addr || tb->page_addr[1] == page_addr) {
        return;
    }
    if (tb->page_addr[0] == (uint64_t)-1) {
        tb->page_addr[0] = page_addr;
    } else if (tb->page_addr[1] == (uint64_t)-1) {
        tb->page_addr[1] = page_addr;
    } else {
        fprintf(stderr, "q86: TB at %#llx spans more than two pages\n",
                (unsigned long long)tb->pc);
        abort();
    }
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int *max_insns, uint64_t pc,
                     void *host_pc, const TranslatorOps *ops, DisasContextBase *db)
{
    db->tb = tb;
    db->pc_first = pc;
    db->pc_next = pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = *max_insns;
    db->singlestep_enabled = cpu->singlestep_enabled != 0;
    db->host_addr[0] = db->host_addr[1] = NULL;

    ops->init_disas_context(db, cpu);
    gen_tb_start(tb);
    ops->tb_start(db, cpu);

    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        /* Stop at the limits, and before an insn that starts on another
         * page (each TB's code lies on at most two pages). */
        if (db->num_insns >= db->max_insns || tcg_op_buf_full() ||
            ((db->pc_next ^ db->pc_first) & TARGET_PAGE_MASK) != 0) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    gen_tb_end(tb, db->num_insns);

    tb->size = (uint32_t)(db->pc_next - db->pc_first);
    tb->icount = (uint16_t)db->num_insns;
    *max_insns = db->num_insns;

    if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM)) {
        FILE *f = qemu_log_stream();
        fprintf(f, "----------------\nIN: \n");
        target_disas(f, cpu, db->pc_first, tb->size);
        fprintf(f, "\n");
    }
}

bool translator_use_goto_tb(DisasContextBase *db, uint64_t dest)
{
    if (db->tb->cflags & CF_NO_GOTO_TB) {
        return false;
    }
#ifdef CONFIG_USER_ONLY
    /* Any page: every change to a page's mapping or protection goes
     * through page_set_flags, which invalidates (and so unchains) its TBs,
     * and cpu_exec chains only to the TB it looked up for the real state. */
    return true;
#else
    /* System mode: the mapping of another page may change without the TB
     * noticing (the TLB is not consulted on a chained jump). */
    return ((db->pc_first ^ dest) & TARGET_PAGE_MASK) == 0;
#endif
}

#ifdef CONFIG_USER_ONLY
/* Checks that guest code at [pc, pc+len) is executable and records its
 * pages in the TB; faults the guest (first insn) or ends the TB before the
 * current insn (later insns). */
static void *translator_access(DisasContextBase *db, uint64_t pc, unsigned len)
{
    uint64_t first = pc & TARGET_PAGE_MASK, last = (pc + len - 1) & TARGET_PAGE_MASK;
    TranslationBlock *tb = db->tb;

    for (uint64_t page = first;; page += TARGET_PAGE_SIZE) {
        if (tb->page_addr[0] != page && tb->page_addr[1] != page) {
            int flags = page_get_flags((uint32_t)page);
            if ((flags & (PAGE_VALID | PAGE_EXEC)) != (PAGE_VALID | PAGE_EXEC) ||
                page > 0xffffffffull) {
                if (db->num_insns > 1) {
                    tcg_ctx->truncate_insns = db->num_insns - 1;
                    siglongjmp(*tcg_ctx->jmp_trans, TCG_TRUNCATE_TB);
                }
                uint64_t fault = page < pc ? pc : page;
                cpu_loop_exit_sigsegv(current_cpu, fault, MMU_INST_FETCH,
                                      !(flags & PAGE_VALID), 0);
            }
            tb_record_page(tb, page);
        }
        if (page == last) {
            break;
        }
    }
    return g2h_untagged((uint32_t)pc);
}
#else
/* System mode: code comes through the TLB (MMU_INST_FETCH); the TB records
 * the RAM pages, db->host_addr[] caches the host address of its (at most
 * two) virtual pages.  A later insn that would fault ends the TB before it,
 * so the fault is raised when that insn starts a TB.  Code from a page that
 * is not RAM/ROM (MMIO, or an unclaimed address: the bus answers) is read
 * through the memory API into a one-insn TB that runs once and is never
 * cached (CF_MMIO_CODE): the device may answer differently next time. */
#define HOST_ADDR_IO ((void *)1)

static void *translator_access(DisasContextBase *db, uint64_t pc, unsigned len)
{
    static __thread uint8_t io_byte;
    TranslationBlock *tb = db->tb;
    CPUArchState *env = current_cpu->env_ptr;
    uint64_t vpage = pc & TARGET_PAGE_MASK;
    int slot = vpage == (db->pc_first & TARGET_PAGE_MASK) ? 0 : 1;
    int mmu_idx = cpu_mmu_index(env, true);

    if (len != 1) {
        /* Multi-byte fetches go byte by byte (they may straddle pages). */
        fprintf(stderr, "q86: translator_access: %u-byte code fetch\n", len);
        abort();
    }
    if (!db->host_addr[slot]) {
        ram_addr_t ram_page;
        bool later = db->num_insns > 1;
        void *host = tlb_code_page(env, pc, mmu_idx, later, &ram_page);
        if (!host && (later || ram_page != RAM_ADDR_INVALID)) {
            /* a later insn that faults, or one from MMIO: end the TB before it */
            tcg_ctx->truncate_insns = db->num_insns - 1;
            siglongjmp(*tcg_ctx->jmp_trans, TCG_TRUNCATE_TB);
        }
        if (!host) {
            qemu_log_mask(LOG_GUEST_ERROR, "executing from non-RAM address %#llx\n",
                          (unsigned long long)pc);
            tb->cflags |= CF_MMIO_CODE;
            db->max_insns = 1;
            host = HOST_ADDR_IO;
        } else {
            tb_record_page(tb, ram_page);
            if (slot == 0) {
                tb->phys_pc = ram_page | (db->pc_first & ~TARGET_PAGE_MASK);
            }
        }
        db->host_addr[slot] = host;
    }
    if (db->host_addr[slot] == HOST_ADDR_IO) {
        io_byte = tlb_code_ldub_io(env, pc, mmu_idx);
        return &io_byte;
    }
    return (uint8_t *)db->host_addr[slot] + (pc & ~TARGET_PAGE_MASK);
}
#endif

uint8_t translator_ldub(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return *(uint8_t *)translator_access(db, pc, 1);
}

#ifdef CONFIG_USER_ONLY
uint16_t translator_lduw(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    uint16_t v;
    memcpy(&v, translator_access(db, pc, 2), 2);
    return v;
}

uint32_t translator_ldl(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    uint32_t v;
    memcpy(&v, translator_access(db, pc, 4), 4);
    return v;
}

uint64_t translator_ldq(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    uint64_t v;
    memcpy(&v, translator_access(db, pc, 8), 8);
    return v;
}
#else
/* Byte by byte: the bytes may lie on two pages (little-endian guest). */
static uint64_t translator_ld_bytes(CPUArchState *env, DisasContextBase *db, uint64_t pc,
                                    unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)translator_ldub(env, db, pc + i) << (8 * i);
    }
    return v;
}

uint16_t translator_lduw(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return (uint16_t)translator_ld_bytes(env, db, pc, 2);
}

uint32_t translator_ldl(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return (uint32_t)translator_ld_bytes(env, db, pc, 4);
}

uint64_t translator_ldq(CPUArchState *env, DisasContextBase *db, uint64_t pc)
{
    return translator_ld_bytes(env, db, pc, 8);
}
#endif
