/*
 * Translation: tcg_exec_init, tb_gen_code (front end -> IR -> host code),
 * the restore data that maps a host pc back to a guest instruction,
 * cpu_restore_state, tb_flush, and the lock around all of it.
 *
 * Layout of one TB in the code buffer (all reset by tb_flush):
 *     [TranslationBlock][host code][restore data]
 * Restore data, one record per guest insn, each field LEB128-encoded as a
 * delta from the previous record (the first from {tb->pc, 0, 0}):
 *     insn_start word 0 (signed), word 1 (signed), host end offset (unsigned)
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "qemu/log.h"
#include "tcg/tcg.h"

unsigned tb_flush_count;
bool tb_flush_pending;

/* ---- the lock ---- */

static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread int tb_lock_depth;

void tb_lock(void)
{
    if (tb_lock_depth++ == 0) {
        pthread_mutex_lock(&tb_mutex);
    }
}

void tb_unlock(void)
{
    if (--tb_lock_depth == 0) {
        pthread_mutex_unlock(&tb_mutex);
    }
}

bool tb_lock_held(void)
{
    return tb_lock_depth > 0;
}

void tb_lock_reset(void)
{
    if (tb_lock_depth > 0) {
        tb_lock_depth = 0;
        pthread_mutex_unlock(&tb_mutex);
    }
    tcg_ctx->jmp_trans = NULL;
}

/* ---- TBs sorted by host address, for host pc -> TB ---- */

static TranslationBlock **tb_by_addr;
static size_t nb_tbs, tb_by_addr_cap;

static void tb_by_addr_append(TranslationBlock *tb)
{
    if (nb_tbs == tb_by_addr_cap) {
        size_t cap = tb_by_addr_cap ? tb_by_addr_cap * 2 : 4096;
        TranslationBlock **n = realloc(tb_by_addr, cap * sizeof(*n));
        if (!n) {
            abort();
        }
        tb_by_addr = n;
        tb_by_addr_cap = cap;
    }
    tb_by_addr[nb_tbs++] = tb;
}

bool in_code_gen_buffer(const void *p)
{
    const uint8_t *b = tcg_ctx->code_gen_buffer;
    return b && (const uint8_t *)p >= b && (const uint8_t *)p < b + tcg_ctx->code_gen_buffer_size;
}

static TranslationBlock *tcg_tb_lookup_locked(uintptr_t host_pc)
{
    size_t lo = 0, hi = nb_tbs;
    /* Last TB whose code starts at or before host_pc. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((uintptr_t)tb_by_addr[mid]->tc_ptr <= host_pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    TranslationBlock *tb = tb_by_addr[lo - 1];
    if (host_pc > (uintptr_t)tb->tc_ptr + tb->tc_size) {
        return NULL;
    }
    return tb;
}

TranslationBlock *tcg_tb_lookup(uintptr_t host_pc)
{
    if (!in_code_gen_buffer((const void *)host_pc)) {
        return NULL;
    }
    /* Another thread may be appending (and reallocating the array). */
    tb_lock();
    TranslationBlock *tb = tcg_tb_lookup_locked(host_pc);
    tb_unlock();
    return tb;
}

/* ---- restore data ---- */

static uint8_t *encode_sleb128(uint8_t *p, int64_t val)
{
    bool more;
    do {
        uint8_t byte = val & 0x7f;
        val >>= 7;
        more = !((val == 0 && !(byte & 0x40)) || (val == -1 && (byte & 0x40)));
        *p++ = byte | (more ? 0x80 : 0);
    } while (more);
    return p;
}

static int64_t decode_sleb128(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    int64_t val = 0;
    int shift = 0;
    uint8_t byte;
    do {
        byte = *p++;
        val |= (int64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40)) {
        val |= -((int64_t)1 << shift);
    }
    *pp = p;
    return val;
}

/* Returns the end of the encoded data, or NULL if it would pass `limit`. */
static uint8_t *encode_restore_data(TranslationBlock *tb, uint8_t *p, uint8_t *limit)
{
    TCGContext *s = tcg_ctx;
    uint64_t prev[3] = { tb->pc, 0, 0 };

    for (int i = 0; i < s->nb_insns; i++) {
        uint64_t cur[3] = { s->insn_data[i][0], s->insn_data[i][1], s->insn_end_off[i] };
        if (p + 3 * 10 > limit) {
            return NULL;
        }
        for (int j = 0; j < 3; j++) {
            p = encode_sleb128(p, (int64_t)(cur[j] - prev[j]));
            prev[j] = cur[j];
        }
    }
    return p;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t host_pc)
{
    TranslationBlock *tb;

#ifdef CONFIG_USER_ONLY
    /* A fault inside a helper's guest access: its caller's return address. */
    if (!in_code_gen_buffer((const void *)host_pc) && helper_retaddr) {
        host_pc = helper_retaddr;
    }
#endif
    tb = tcg_tb_lookup(host_pc);
    if (!tb) {
        return false;
    }
    /* host_pc is either a return address (GETPC) or the address of a
     * faulting instruction.  The back end never lets a call end exactly at
     * an insn boundary, so "first insn whose host code ends after host_pc"
     * is right for both. */
    uintptr_t off = host_pc - (uintptr_t)tb->tc_ptr;
    const uint8_t *p = tb->restore_data;
    uint64_t data[3] = { tb->pc, 0, 0 };
    for (unsigned i = 0; i < tb->icount; i++) {
        for (int j = 0; j < 3; j++) {
            data[j] += (uint64_t)decode_sleb128(&p);
        }
        if (data[2] > off) {
            restore_state_to_opc(cpu, tb, data);
            return true;
        }
    }
    return false;
}

/* ---- flush ---- */

void do_tb_flush(void)
{
    tb_lock();
    tb_maint_flush();
    nb_tbs = 0;
    tcg_code_buffer_reset();
    tb_flush_count++;
    tb_flush_pending = false;
    tb_unlock();
}

void tb_flush_if_pending(void)
{
    /* At the top of cpu_exec's loop, outside generated code: the other
     * CPUs are stopped first (they may be running code from the buffer),
     * and the flag is re-checked since one of them may have flushed. */
    start_exclusive();
    tb_lock();
    if (tb_flush_pending) {
        do_tb_flush();
    }
    tb_unlock();
    end_exclusive();
}

/* The code buffer is full while translating for cpu.  Alone, flush now
 * (the caller restarts the translation); with other CPUs about, leave the
 * translation and flush at the top of cpu_exec's loop, where the flush can
 * stop them first (tb_flush_if_pending). */
static void code_buffer_full(CPUState *cpu)
{
    if (!cpu || !first_cpu || !first_cpu->next_cpu) {
        do_tb_flush();
        return;
    }
    tb_flush_pending = true;
    tcg_ctx->jmp_trans = NULL;
    cpu_loop_exit_noexc(cpu);
}

void tb_flush(CPUState *cpu)
{
    /* Code may be running: flush at cpu_exec's next safe point. */
    tb_flush_pending = true;
    if (cpu) {
        cpu_exit(cpu);
    }
}

/* ---- translation ---- */

static void log_out_asm(TranslationBlock *tb)
{
    FILE *f = qemu_log_stream();
    fprintf(f, "OUT: [size=%zu]\n", tb->tc_size);
    tcg_disas_host(f, tb->tc_ptr, tb->tc_size);
    fprintf(f, "\n");
    fflush(f);
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base, uint32_t flags,
                              uint32_t cflags)
{
    TCGContext *s = tcg_ctx;
    sigjmp_buf jb;
    int max_insns = cflags & CF_COUNT_MASK;
    TranslationBlock *tb;

    if (max_insns == 0) {
        max_insns = TCG_MAX_INSNS;
    }
    if (cflags & CF_SINGLE_STEP) {
        max_insns = 1;
    }

    tb_lock();
    s->guest_base = tcg_guest_base_value();
    s->jmp_trans = &jb;

restart:
    tb = (TranslationBlock *)(((uintptr_t)s->code_gen_ptr + 63) & ~(uintptr_t)63);
    if ((uint8_t *)tb + sizeof(*tb) + 1024 > s->code_gen_highwater) {
        code_buffer_full(cpu);
        goto restart;
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = tb->page_addr[1] = (uint64_t)-1;
    tb->phys_pc = pc;   /* system mode: set by the first code fetch */
    s->tb_cflags = cflags;

    int r = sigsetjmp(jb, 0);
    if (r == TCG_OVERFLOW_CODE) {
        code_buffer_full(cpu);
        goto restart;
    } else if (r == TCG_OVERFLOW_TB) {
        if (max_insns <= 1) {
            fprintf(stderr, "q86: one guest instruction does not fit in a TB\n");
            abort();
        }
        max_insns = max_insns / 2;
        goto restart;
    } else if (r == TCG_TRUNCATE_TB) {
        max_insns = s->truncate_insns;
        goto restart;
    }

    tcg_func_start();
    /* The host code goes right after the TB structure. */
    s->code_gen_ptr = (uint8_t *)(((uintptr_t)(tb + 1) + 15) & ~(uintptr_t)15);
    gen_intermediate_code(cpu, tb, &max_insns, pc, NULL);

    int size = tcg_gen_code();
    if (size == -TCG_OVERFLOW_CODE) {
        code_buffer_full(cpu);
        goto restart;
    } else if (size < 0) {
        tcg_raise_overflow(-size);
    }
    if (s->nb_insns != tb->icount) {
        fprintf(stderr, "q86: TB at %#llx: %d insn_start ops for %u guest insns\n",
                (unsigned long long)pc, s->nb_insns, tb->icount);
        abort();
    }
    tb->tc_ptr = s->code_buf;
    tb->tc_size = (size_t)size;
    for (int n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = s->goto_tb_insn_off[n];
        tb->jmp_reset_offset[n] = s->goto_tb_reset_off[n];
    }
    uint8_t *rd = s->code_buf + size;
    uint8_t *end = encode_restore_data(tb, rd, s->code_gen_buffer + s->code_gen_buffer_size);
    if (!end) {
        code_buffer_full(cpu);
        goto restart;
    }
    tb->restore_data = rd;
#ifdef CONFIG_USER_ONLY
    /* Code on a shared mapping may change through another mapping: keep
     * the bytes to compare with at each entry. */
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] != (uint64_t)-1 &&
            (page_get_flags((uint32_t)tb->page_addr[n]) & PAGE_SHARED_MAP)) {
            tb->cflags |= CF_VERIFY;
        }
    }
    if (tb->cflags & CF_VERIFY) {
        if (end + tb->size > s->code_gen_buffer + s->code_gen_buffer_size) {
            code_buffer_full(cpu);
            goto restart;
        }
        memcpy(end, g2h_untagged((uint32_t)tb->pc), tb->size);
        tb->verify_copy = end;
        end += tb->size;
    }
#endif
    s->code_gen_ptr = end;
    s->jmp_trans = NULL;

    if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
        log_out_asm(tb);
    }

    tb_by_addr_append(tb);
    if (tb->cflags & CF_MMIO_CODE) {
        /* Run once by the caller, never found or chained to again. */
        tb->cflags |= CF_INVALID;
        tb_unlock();
        return tb;
    }
    tb_htable_insert(tb);
    tb_link_pages(tb);
    for (int n = 0; n < 2; n++) {
        if (tb->page_addr[n] != (uint64_t)-1) {
#ifdef CONFIG_USER_ONLY
            page_protect_for_tb(tb->page_addr[n]);
#else
            tlb_note_code_page(tb->page_addr[n]);
#endif
        }
    }
    tb_unlock();
    return tb;
}

void tcg_exec_init(size_t code_buffer_size)
{
    static bool done;
    if (done) {
        return;
    }
    done = true;
    if (code_buffer_size == 0) {
        /* Q86_TB_SIZE=N[k|m]: a smaller code buffer (less memory, more
         * flushes; the tests use it to flush while threads run). */
        const char *v = getenv("Q86_TB_SIZE");
        if (v && *v) {
            char *end;
            unsigned long long n = strtoull(v, &end, 0);
            if (*end == 'k' || *end == 'K') {
                n <<= 10;
                end++;
            } else if (*end == 'm' || *end == 'M') {
                n <<= 20;
                end++;
            }
            if (*end || n == 0 || n > (1ull << 31)) {
                fprintf(stderr, "q86: Q86_TB_SIZE=%s: not a size (e.g. 256k, 64m)\n", v);
                exit(1);
            }
            code_buffer_size = (size_t)n;
        }
    }
    tcg_context_init(code_buffer_size);
    tcg_ctx->softmmu = tcg_mode_is_softmmu();
#ifndef CONFIG_USER_ONLY
    tcg_ctx->tlb_ld_helper = (const void *)helper_ld_mmu;
    tcg_ctx->tlb_st_helper = (const void *)helper_st_mmu;
#endif
    tcg_ctx->lookup_tb_ptr_info = &helper_lookup_tb_ptr_info;
    tb_htable_init();
    tcg_target_frontend_init();
}
