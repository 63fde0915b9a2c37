/*
 * The softmmu TLB (accel/tcg/cputlb.c) and the back end's inline fast path,
 * with a toy guest ISA and a toy page table so the tests do not depend on
 * the i386 front end: loads and stores through the fast path and the slow
 * path, page-crossing accesses (and their all-or-nothing faults), MMIO
 * dispatch into the memory API, TLB flushes after a remap, TBs keyed by the
 * physical page, self-modifying code through guest stores and code
 * rewritten by a device (address_space_write, i.e. DMA).
 *
 * Toy ISA: 4-byte instructions [op, reg, imm16 little-endian]:
 *   01 ADDI r, imm    r += sign-extended imm
 *   02 JNZ  r, addr   if r != 0 goto addr (else next)
 *   03 HALT           pc = next; exception 0x99
 *   05 STB  r, imm    byte [r] = imm
 *   07 LD   r         r = dword [r]
 *   09 ST   r, s      dword [r] = r[s]  (imm = s)
 *   0a LUI  r, imm    r = imm << 16
 *   0b ORI  r, imm    r |= zero-extended imm
 *   0c MOV  r, s      r = r[s]
 *   0d ADD  r, s      r += r[s]
 *   0e LDX  r, idx    r = dword [r] through mmu_idx idx, as a whole-atomic access
 * Virtual pages map to physical pages through toy_map[] (all-or-nothing
 * rights); an access to an unmapped page raises exception 0x0e at the
 * instruction with the address in env.fault_addr.
 */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "accel/tcg/internal.h"
#include "exec/cpu-ldst.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "exec/page-protection.h"
#include "exec/translator.h"
#include "tcg/tcg.h"

#define RAM_SIZE (1u << 20)
#define MMIO_BASE 0x100000u
#define NPAGES 1024                 /* virtual space: 4 MiB */
#define UNMAPPED 0xffffffffu
#define TOY_MMU_IDX 0

#include "toy-target.h"

static uint32_t toy_map[NPAGES];    /* virtual page -> physical page address */
static MemoryRegion sysmem, ram, mmio;
static AddressSpace as;
static uint8_t *ram_host;

static unsigned mmio_reads, mmio_writes;
static uint64_t mmio_last_addr, mmio_last_val;
static unsigned mmio_last_size;

/* ---- system-mode front-end hooks ---- */

bool cpu_exec_interrupt(CPUState *cpu, int interrupt_request)
{
    return false;
}

/* System mode delivers exceptions and goes on; the toy stops instead:
 * it records the exception and asks cpu_exec to return. */
static int toy_exception = -1;

void cpu_do_interrupt(CPUState *cpu)
{
    toy_exception = cpu->exception_index;
    cpu_exit(cpu);
}

int cpu_mmu_index(CPUArchState *env, bool ifetch)
{
    return 0;
}

static int last_fill_mmu_idx = -1;

bool cpu_tlb_fill(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                  int mmu_idx, bool probe, uintptr_t retaddr)
{
    last_fill_mmu_idx = mmu_idx;
    uint32_t vpn = (uint32_t)(addr >> TARGET_PAGE_BITS);
    if (vpn >= NPAGES || toy_map[vpn] == UNMAPPED) {
        if (probe) {
            return false;
        }
        toy.env.fault_addr = (uint32_t)addr;
        cpu->exception_index = 0x0e;
        cpu_loop_exit_restore(cpu, retaddr);
    }
    tlb_set_page_with_attrs(cpu, addr & TARGET_PAGE_MASK, toy_map[vpn], MEMTXATTRS_UNSPECIFIED,
                            PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, TARGET_PAGE_SIZE);
    return true;
}

/* The opcodes of this test beyond toy-target.h's (see the header comment). */
static bool toy_translate_more(DisasContextBase *db, unsigned op, unsigned r, int32_t imm,
                               uint32_t next)
{
    switch (op) {
    case 9:
        tcg_gen_qemu_st_i32(cpu_r[imm & 3], cpu_r[r], TOY_MMU_IDX, MO_UL);
        return true;
    case 0xa:
        tcg_gen_movi_i32(cpu_r[r], (uint32_t)(uint16_t)imm << 16);
        return true;
    case 0xb:
        tcg_gen_ori_i32(cpu_r[r], cpu_r[r], (uint16_t)imm);
        return true;
    case 0xc:
        tcg_gen_mov_i32(cpu_r[r], cpu_r[imm & 3]);
        return true;
    case 0xd:
        tcg_gen_add_i32(cpu_r[r], cpu_r[r], cpu_r[imm & 3]);
        return true;
    case 0xe:
        tcg_gen_qemu_ld_i32(cpu_r[r], cpu_r[r], imm & 7, MO_UL | MO_ATOM_WHOLE);
        return true;
    default:
        return false;
    }
}

/* ---- a device: returns 0x5a000000 | offset, records writes ---- */

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    mmio_reads++;
    mmio_last_addr = addr;
    mmio_last_size = size;
    return 0x5a000000u | (uint32_t)addr;
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    mmio_writes++;
    mmio_last_addr = addr;
    mmio_last_val = val;
    mmio_last_size = size;
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- set-up and a tiny assembler ---- */

static void map_identity(void)
{
    for (uint32_t i = 0; i < NPAGES; i++) {
        toy_map[i] = i < RAM_SIZE / TARGET_PAGE_SIZE + 1 ? i << TARGET_PAGE_BITS : UNMAPPED;
    }
}

static void setup(void)
{
    static bool done;
    if (!done) {
        done = true;
        memory_map_init();
        memory_region_init(&sysmem, "toy-system", UINT64_MAX);
        memory_region_init_ram(&ram, "toy-ram", RAM_SIZE);
        memory_region_add_subregion(&sysmem, 0, &ram);
        memory_region_init_io(&mmio, &mmio_ops, NULL, "toy-mmio", TARGET_PAGE_SIZE);
        memory_region_add_subregion(&sysmem, MMIO_BASE, &mmio);
        address_space_init(&as, &sysmem, "toy-memory");
        ram_host = memory_region_get_ram_ptr(&ram);

        toy.parent.env_ptr = &toy.env;
        toy.parent.neg = &toy.neg;
        toy.parent.exception_index = -1;
        first_cpu = &toy.parent;
        tcg_exec_init(0);
        tlb_init(&toy.parent, &as, NULL);
    }
    map_identity();
    tlb_flush(&toy.parent);
    memset(ram_host, 0, RAM_SIZE);
    memset(toy.env.r, 0, sizeof(toy.env.r));
    mmio_reads = mmio_writes = 0;
}

static uint32_t emit_at;

static void asm_start(uint32_t addr)
{
    emit_at = addr;
}

static uint32_t asm_insn(unsigned op, unsigned r, int imm)
{
    uint32_t at = emit_at;
    uint32_t w = op | (r << 8) | ((uint32_t)(uint16_t)imm << 16);
    /* Through the memory API, as a loader would: translated code on the
     * page is dropped. */
    address_space_write(&as, at, MEMTXATTRS_UNSPECIFIED, &w, 4);
    emit_at += 4;
    return at;
}

/* r = a 32-bit constant */
static void asm_li(unsigned r, uint32_t v)
{
    asm_insn(0xa, r, (int)(v >> 16));
    asm_insn(0xb, r, (int)(v & 0xffff));
}

static int run_from(uint32_t pc)
{
    int ret;
    toy.env.pc = pc;
    toy_exception = -1;
    do {
        /* EXCP_INTERRUPT: an exit request (ours, or a memory-map change
         * posting a TLB flush, on which the vCPU thread would go on). */
        ret = cpu_exec(&toy.parent);
    } while (ret == EXCP_INTERRUPT && toy_exception < 0);
    return ret == EXCP_INTERRUPT ? toy_exception : ret;
}

static uint32_t ram_ld32(uint32_t pa)
{
    uint32_t v;
    memcpy(&v, ram_host + pa, 4);
    return v;
}

static void ram_st32(uint32_t pa, uint32_t v)
{
    memcpy(ram_host + pa, &v, 4);
}

/* ---- tests ---- */

/* Sums 100 dwords with LD in a loop (the inline fast path after the
 * first miss per page) and stores the sum. */
static void test_fast_path_loop(void)
{
    setup();
    uint32_t expect = 0;
    for (uint32_t i = 0; i < 100; i++) {
        ram_st32(0x20000 + 4 * i, i * 7 + 1);
        expect += i * 7 + 1;
    }
    asm_start(0x1000);
    asm_li(1, 0x20000);      /* r1 = pointer */
    asm_li(2, 100);          /* r2 = count */
    asm_li(3, 0);            /* r3 = sum */
    uint32_t loop = asm_insn(0xc, 0, 1);   /* r0 = r1 */
    asm_insn(7, 0, 0);       /* r0 = [r0] */
    asm_insn(0xd, 3, 0);     /* r3 += r0 */
    asm_insn(1, 1, 4);       /* r1 += 4 */
    asm_insn(1, 2, -1);      /* r2 -= 1 */
    asm_insn(2, 2, (int)loop);
    asm_li(0, 0x30000);
    asm_insn(9, 0, 3);       /* [0x30000] = r3 */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmphex(toy.env.r[1], ==, 0x20000 + 400);
    g_assert_cmpuint(toy.env.r[2], ==, 0);
    g_assert_cmpuint(toy.env.r[3], ==, expect);
    g_assert_cmpuint(ram_ld32(0x30000), ==, expect);
    g_assert_cmpuint(mmio_reads + mmio_writes, ==, 0);
}

/* Dword loads and stores straddling a page boundary, both pages mapped to
 * non-adjacent physical pages. */
static void test_page_crossing(void)
{
    setup();
    toy_map[0x40] = 0x50000;   /* virtual 0x40000 -> physical 0x50000 */
    toy_map[0x41] = 0x70000;   /* virtual 0x41000 -> physical 0x70000 */
    memcpy(ram_host + 0x50ffe, "\x11\x22", 2);
    memcpy(ram_host + 0x70000, "\x33\x44", 2);
    asm_start(0x1000);
    asm_li(0, 0x40ffe);
    asm_insn(7, 0, 0);        /* r0 = [0x40ffe] */
    asm_li(1, 0xa1b2c3d4);
    asm_li(2, 0x40fff);
    asm_insn(9, 2, 1);        /* [0x40fff] = r1 */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmphex(toy.env.r[0], ==, 0x44332211);
    g_assert_cmphex(ram_host[0x50fff], ==, 0xd4);
    g_assert_cmphex(ram_host[0x70000], ==, 0xc3);
    g_assert_cmphex(ram_host[0x70001], ==, 0xb2);
    g_assert_cmphex(ram_host[0x70002], ==, 0xa1);
}

/* A store straddling into an unmapped page faults before writing any
 * byte, at the storing instruction, with the address of the second page. */
static void test_crossing_fault_is_atomic(void)
{
    setup();
    toy_map[0x42] = UNMAPPED;
    ram_st32(0x41ffc, 0x01020304);
    asm_start(0x1000);
    asm_li(1, 0xdeadbeef);
    asm_li(2, 0x41ffe);
    uint32_t st = asm_insn(9, 2, 1);
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x0e);
    g_assert_cmphex(toy.env.pc, ==, st);
    g_assert_cmphex(toy.env.fault_addr, ==, 0x42000);
    g_assert_cmphex(ram_ld32(0x41ffc), ==, 0x01020304);
}

/* Loads and stores to an MMIO page reach the device with the offset,
 * size and value; RAM next to it stays on the fast path. */
static void test_mmio_dispatch(void)
{
    setup();
    asm_start(0x1000);
    asm_li(0, MMIO_BASE + 0x10);
    asm_insn(7, 0, 0);            /* r0 = [mmio + 0x10] */
    asm_li(1, MMIO_BASE + 0x24);
    asm_insn(5, 1, 0x7e);         /* byte [mmio + 0x24] = 0x7e */
    asm_li(2, MMIO_BASE + 0x30);
    asm_li(3, 0xcafef00d);
    asm_insn(9, 2, 3);            /* dword [mmio + 0x30] = r3 */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmphex(toy.env.r[0], ==, 0x5a000010);
    g_assert_cmpuint(mmio_reads, ==, 1);
    g_assert_cmpuint(mmio_writes, ==, 2);
    g_assert_cmphex(mmio_last_addr, ==, 0x30);
    g_assert_cmphex(mmio_last_val, ==, 0xcafef00d);
    g_assert_cmpuint(mmio_last_size, ==, 4);
}

/* After a remap, tlb_flush_page makes loads see the new physical page;
 * without a flush the old translation may be used (as on hardware). */
static void test_remap_and_flush(void)
{
    setup();
    toy_map[0x60] = 0x80000;
    ram_st32(0x80000, 111);
    ram_st32(0x90000, 222);
    asm_start(0x1000);
    asm_li(0, 0x60000);
    asm_insn(7, 0, 0);
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 111);
    toy_map[0x60] = 0x90000;
    tlb_flush_page(&toy.parent, 0x60123);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 222);
}

/* The same virtual code address backed by two physical pages runs the
 * right code after a flush: TBs are keyed by the physical page. */
static void test_tbs_keyed_by_physical_page(void)
{
    setup();
    toy_map[0x10] = 0xa0000;
    asm_start(0xa0000);
    asm_li(0, 1111);
    asm_insn(3, 0, 0);
    asm_start(0xb0000);
    asm_li(0, 2222);
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x10000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 1111);
    toy_map[0x10] = 0xb0000;
    tlb_flush(&toy.parent);
    g_assert_cmphex(run_from(0x10000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 2222);
    toy_map[0x10] = 0xa0000;
    tlb_flush(&toy.parent);
    g_assert_cmphex(run_from(0x10000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 1111);
}

/* A guest store rewrites a later instruction of the running block: the
 * new instruction runs (the block is cut and redone insn by insn). */
static void test_smc_within_block(void)
{
    setup();
    asm_start(0x2000);
    asm_li(2, 0x2000 + 4 * 4 + 2);  /* the imm16 low byte of the ADDI below */
    asm_insn(5, 2, 0x41);           /* byte [r2] = 0x41 */
    asm_insn(1, 3, 0);              /* filler */
    asm_insn(1, 0, 1);              /* at 0x2010: ADDI r0, 1 -> ADDI r0, 0x41 */
    asm_insn(3, 0, 0);
    toy.env.r[0] = 0;
    g_assert_cmphex(run_from(0x2000), ==, 0x99);
    g_assert_cmphex(toy.env.r[0], ==, 0x41);
    /* Again from the patched code. */
    toy.env.r[0] = 0;
    g_assert_cmphex(run_from(0x2000), ==, 0x99);
    g_assert_cmphex(toy.env.r[0], ==, 0x41);
}

/* Code run once, then rewritten by a guest store from other code, then
 * by a device (address_space_write): each time the new code runs. */
static void test_smc_store_and_dma(void)
{
    setup();
    asm_start(0x3000);
    uint32_t li = asm_insn(1, 0, 10);   /* r0 += 10 */
    asm_insn(3, 0, 0);
    toy.env.r[0] = 0;
    g_assert_cmphex(run_from(0x3000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 10);

    asm_start(0x1000);
    asm_li(1, li + 2);
    asm_insn(5, 1, 20);                 /* imm = 20 */
    asm_insn(3, 0, 0);
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    toy.env.r[0] = 0;
    g_assert_cmphex(run_from(0x3000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 20);

    uint8_t v = 30;
    address_space_write(&as, li + 2, MEMTXATTRS_UNSPECIFIED, &v, 1);
    toy.env.r[0] = 0;
    g_assert_cmphex(run_from(0x3000), ==, 0x99);
    g_assert_cmpuint(toy.env.r[0], ==, 30);
}

/* The slow path gets the op's mmu_idx whatever MemOp flags it carries
 * (a whole-atomic access once reached the walk as another mmu_idx). */
static void test_mmu_idx_reaches_fill(void)
{
    setup();
    ram_st32(0x45000, 0x600d600d);
    asm_start(0x1000);
    asm_li(1, 0x45000);
    asm_insn(0xe, 1, 2);
    asm_insn(3, 0, 0);
    last_fill_mmu_idx = -1;
    g_assert_cmphex(run_from(0x1000), ==, 0x99);
    g_assert_cmphex(toy.env.r[1], ==, 0x600d600d);
    g_assert_cmpint(last_fill_mmu_idx, ==, 2);
}

/* cpu_ld/st for C helpers share the TLB and its faults. */
static void test_helper_accessors(void)
{
    setup();
    toy_map[0x70] = 0xc0000;
    cpu_stl_mmuidx_ra(&toy.env, 0x70ffe, 0x55667788, 0, 0);
    g_assert_cmphex(cpu_ldl_mmuidx_ra(&toy.env, 0x70ffe, 0, 0), ==, 0x55667788);
    g_assert_cmphex(ram_host[0xc0ffe], ==, 0x88);
    g_assert_cmphex(ram_host[0x71000], ==, 0x66);   /* virtual 0x71000 is identity */
    g_assert_cmphex(cpu_lduw_mmuidx_ra(&toy.env, MMIO_BASE + 6, 0, 0), ==, 0x0006);
    g_assert_null(probe_access(&toy.env, 0x300000, 4, MMU_DATA_LOAD, 0, true, 0));
    g_assert_nonnull(probe_access(&toy.env, 0x1000, 4, MMU_DATA_LOAD, 0, true, 0));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cputlb/fast-path-loop", test_fast_path_loop);
    g_test_add_func("/cputlb/page-crossing", test_page_crossing);
    g_test_add_func("/cputlb/crossing-fault-is-atomic", test_crossing_fault_is_atomic);
    g_test_add_func("/cputlb/mmio-dispatch", test_mmio_dispatch);
    g_test_add_func("/cputlb/remap-and-flush", test_remap_and_flush);
    g_test_add_func("/cputlb/tbs-keyed-by-physical-page", test_tbs_keyed_by_physical_page);
    g_test_add_func("/cputlb/smc-within-block", test_smc_within_block);
    g_test_add_func("/cputlb/smc-store-and-dma", test_smc_store_and_dma);
    g_test_add_func("/cputlb/helper-accessors", test_helper_accessors);
    g_test_add_func("/cputlb/mmu-idx-reaches-fill", test_mmu_idx_reaches_fill);
    return g_test_run();
}
