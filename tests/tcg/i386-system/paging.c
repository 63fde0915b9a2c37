/* Paging (SDM Vol. 3A chapter 4): 32-bit paging with 4 KiB pages and
 * 4 MiB (PSE) pages, PAE paging with the XD/NX bit, accessed and dirty
 * bits set by the processor (4.8), #PF error codes and CR2 (4.7, 6.15
 * Interrupt 14), CR0.WP (4.6.1), user/supervisor protection (4.6),
 * INVLPG, CR3 reloads and global pages with CR4.PGE (4.10.4.1). */
#include "sys.h"

const char test_name[] = "paging";

#define P 1u
#define W 2u
#define U 4u
#define A 0x20u
#define D 0x40u
#define PS 0x80u
#define G 0x100u
#define TEST_VA 0x800000u                 /* PDE 2: the test page table */

static u32 pd[1024] __attribute__((aligned(4096)));
static u32 pt_low[2][1024] __attribute__((aligned(4096)));
static u32 pt_test[1024] __attribute__((aligned(4096)));
static u8 pg_a[4096] __attribute__((aligned(4096)));
static u8 pg_b[4096] __attribute__((aligned(4096)));
static u8 ustack[4096] __attribute__((aligned(4096)));
static volatile u32 user_err[4], user_cr2[4], user_took[4];

static volatile u32 rd(u32 va) { return *(volatile u32 *)va; }
static void wr(u32 va, u32 v) { *(volatile u32 *)va = v; }
static void flush_all(void) { write_cr3(read_cr3()); }

/* expect a #PF from a read (write=0) or write of va */
static void pf_access(u32 va, int write)
{
    __asm__ volatile("" ::: "memory");
    if (write) {
        try_count = caught.count;
        __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n"
                         "2:\tmovl $0x5a5a5a5a, (%0)\n1:\tmovl $0, fixup_eip" :: "r"(va) : "memory");
    } else {
        try_count = caught.count;
        __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n"
                         "2:\tmovl (%0), %%eax\n1:\tmovl $0, fixup_eip" :: "r"(va) : "eax", "memory");
    }
}

static void expect_pf(u32 va, u32 err, const char *what)
{
    check(TOOK() && caught.f.vec == 14, "%s: #PF delivered (vector %u)", what, caught.f.vec);
    check(caught.cr2 == va, "%s: CR2 %x (expected %x)", what, caught.cr2, va);
    check(caught.f.err == err, "%s: error code %x (expected %x)", what, caught.f.err, err);
    check(caught.f.eip == try_at, "%s: EIP at the faulting access", what);
}

/* At CPL3: touch the test pages; results land in user_* (no I/O here). */
static void user_code(void)
{
    static const u32 va[4] = { TEST_VA, TEST_VA + 0x3000, TEST_VA + 0x2000, TEST_VA + 0x3004 };
    for (int i = 0; i < 4; i++) {
        try_count = caught.count;
        if (i == 1) {       /* user page: must work */
            (void)rd(va[i]);
            user_took[i] = caught.count != try_count;
            continue;
        }
        if (i == 3)
            __asm__ volatile("movl $1f, fixup_eip\n\tmovl $0x1, (%0)\n1:\tmovl $0, fixup_eip" :: "r"(va[i]) : "memory");
        else
            __asm__ volatile("movl $1f, fixup_eip\n\tmovl (%0), %%eax\n1:\tmovl $0, fixup_eip" :: "r"(va[i]) : "eax", "memory");
        user_took[i] = caught.count != try_count;
        user_err[i] = caught.f.err;
        user_cr2[i] = caught.cr2;
    }
    __asm__ volatile("int $0x80" :: "a"(0));
}

static void paging32(void)
{
    u32 a, b, c, d;
    cpuid(1, &a, &b, &c, &d);

    puts("32-bit paging, 4 KiB pages: identity map of 0..8 MiB (user-accessible)\n");
    for (int i = 0; i < 2048; i++)
        pt_low[i / 1024][i % 1024] = (u32)i << 12 | P | W | U;
    pd[0] = (u32)pt_low[0] | P | W | U;
    pd[1] = (u32)pt_low[1] | P | W | U;
    pd[2] = (u32)pt_test | P | W | U;
    pt_test[0] = (u32)pg_a | P | W;          /* supervisor RW */
    pt_test[1] = (u32)pg_b | P;              /* supervisor read-only */
    pt_test[2] = 0;                          /* not present */
    pt_test[3] = (u32)pg_a | P | U;          /* user read-only */
    pt_test[4] = (u32)pg_a | P | W | G;      /* global */
    for (int i = 0; i < 1024; i++) { ((u32 *)pg_a)[i] = 0xa0000000 + i; ((u32 *)pg_b)[i] = 0xb0000000 + i; }
    write_cr3((u32)pd);
    write_cr0(read_cr0() | 0x80000000u);
    check(read_cr0() & 0x80000000u, "CR0.PG set, still running (identity map)");
    check(rd(TEST_VA + 8) == 0xa0000002, "read through a 4 KiB mapping: %x", rd(TEST_VA + 8));

    puts("accessed and dirty bits (SDM 4.8)\n");
    check((pt_test[0] & A) && !(pt_test[0] & D), "after a read: PTE.A set, PTE.D clear (PTE %x)", pt_test[0]);
    check(pd[2] & A, "after a read: PDE.A set (PDE %x)", pd[2]);
    wr(TEST_VA + 8, 0x12345678);
    check(pt_test[0] & D, "after a write: PTE.D set (PTE %x)", pt_test[0]);
    check(((u32 *)pg_a)[2] == 0x12345678, "the write reached the physical page");

    puts("#PF error codes and CR2 (SDM 4.7, Figure 4-12)\n");
    pf_access(TEST_VA + 0x2abc, 0);
    expect_pf(TEST_VA + 0x2abc, 0, "not-present read");
    pf_access(TEST_VA + 0x2ffc, 1);
    expect_pf(TEST_VA + 0x2ffc, W, "not-present write");

    puts("CR0.WP (SDM 4.6.1): supervisor writes to read-only pages\n");
    try_count = caught.count;
    wr(TEST_VA + 0x1000, 0x77);
    check(!TOOK() && ((u32 *)pg_b)[0] == 0x77, "WP=0: supervisor write to a read-only page succeeds");
    write_cr0(read_cr0() | 0x10000);
    pf_access(TEST_VA + 0x1010, 1);
    expect_pf(TEST_VA + 0x1010, P | W, "WP=1 write to read-only page");
    write_cr0(read_cr0() & ~0x10000u);

    puts("user/supervisor (SDM 4.6) at CPL3\n");
    flush_all();
    enter_user(user_code, (u32)ustack + sizeof(ustack));
    check(user_took[0] && user_err[0] == (P | U) && user_cr2[0] == TEST_VA,
          "CPL3 read of a supervisor page: #PF err %x (expected 5) CR2 %x", user_err[0], user_cr2[0]);
    check(!user_took[1], "CPL3 read of a user page: no fault");
    check(user_took[2] && user_err[2] == U, "CPL3 read of a not-present page: err %x (expected 4)", user_err[2]);
    check(user_took[3] && user_err[3] == (P | W | U) && user_cr2[3] == TEST_VA + 0x3004,
          "CPL3 write to a user read-only page: err %x (expected 7) CR2 %x", user_err[3], user_cr2[3]);

    puts("INVLPG and CR3 reloads (SDM 4.10.4.1)\n");
    (void)rd(TEST_VA);
    pt_test[0] = (u32)pg_b | P | W;
    invlpg(TEST_VA);
    check(rd(TEST_VA + 4) == 0xb0000001, "after INVLPG the new PTE is used (%x)", rd(TEST_VA + 4));
    pt_test[0] = (u32)pg_a | P | W;
    flush_all();
    check(rd(TEST_VA + 4) == 0xa0000001, "after a CR3 write a changed non-global PTE is used (%x)", rd(TEST_VA + 4));

    if (d & (1u << 13)) {
        puts("global pages (CR4.PGE, SDM 4.10.2.4)\n");
        write_cr4(read_cr4() | 0x80);
        (void)rd(TEST_VA + 0x4000);
        pt_test[4] = (u32)pg_b | P | W | G;
        flush_all();
        printf("  info a CR3 write %s the global translation (either is allowed)\n",
               rd(TEST_VA + 0x4004) == 0xa0000001 ? "kept" : "dropped");
        invlpg(TEST_VA + 0x4000);
        check(rd(TEST_VA + 0x4004) == 0xb0000001, "INVLPG drops a global translation");
        pt_test[4] = (u32)pg_a | P | W | G;
        write_cr4(read_cr4() & ~0x80u);
        write_cr4(read_cr4() | 0x80);
        check(rd(TEST_VA + 0x4004) == 0xa0000001, "toggling CR4.PGE flushes global translations");
        write_cr4(read_cr4() & ~0x80u);
    } else {
        puts("  skip global pages: CPUID.01H:EDX.PGE clear\n");
    }

    if (d & (1u << 3)) {
        puts("4 MiB pages (CR4.PSE, SDM 4.3)\n");
        write_cr4(read_cr4() | 0x10);
        pd[3] = 0 | P | W | PS;                  /* 0xc00000 -> physical 0 */
        flush_all();
        check(rd(0xc00000 + (u32)pg_a + 4) == 0xa0000001, "read through a 4 MiB page");
        check((pd[3] & A) && !(pd[3] & D), "PDE(4 MiB).A set, D clear (%x)", pd[3]);
        wr(0xc00000 + (u32)pg_a + 12, 0x4d4d4d4d);
        check(pd[3] & D, "PDE(4 MiB).D set after a write (%x)", pd[3]);
        check(((u32 *)pg_a)[3] == 0x4d4d4d4d, "the write reached physical memory");
        pd[3] = 0;
        flush_all();
        write_cr4(read_cr4() & ~0x10u);
    } else {
        puts("  skip PSE: CPUID.01H:EDX.PSE clear\n");
    }
    write_cr0(read_cr0() & ~0x80000000u);
}

static u64 pdpt[4] __attribute__((aligned(32)));
static u64 pae_pd[4][512] __attribute__((aligned(4096)));
static u64 pae_pt[512] __attribute__((aligned(4096)));

static void pae(void)
{
    u32 a, b, c, d, nx;
    cpuid(1, &a, &b, &c, &d);
    if (!(d & (1u << 6))) {
        puts("  skip PAE: CPUID.01H:EDX.PAE clear\n");
        return;
    }
    nx = cpu_has_nx();
    puts("PAE paging (SDM 4.4): 2 MiB identity pages, 4 KiB test pages\n");
    for (int i = 0; i < 4; i++)
        pdpt[i] = (u32)pae_pd[i] | P;
    for (int i = 0; i < 4; i++)
        pae_pd[0][i] = ((u64)i << 21) | P | W | PS;
    pae_pd[0][4] = (u32)pae_pt | P | W;
    pae_pt[0] = (u32)pg_a | P | W;
    pae_pt[1] = (u32)pg_b | P | W;
    if (nx) {
        wrmsr(0xc0000080, rdmsr(0xc0000080) | 0x800);    /* IA32_EFER.NXE */
        pae_pt[1] |= 1ull << 63;
    }
    write_cr4(read_cr4() | 0x20);
    write_cr3((u32)pdpt);
    write_cr0(read_cr0() | 0x80000000u);
    check(rd(TEST_VA + 4) == 0xa0000001, "PAE: read through a 4 KiB PAE mapping (%x)", rd(TEST_VA + 4));
    check(pae_pt[0] & A, "PAE: PTE.A set");
    pf_access(TEST_VA + 0x2010, 1);
    expect_pf(TEST_VA + 0x2010, W, "PAE not-present write");
    ((u8 *)pg_a)[0x100] = 0xc3;            /* ret */
    ((u8 *)pg_b)[0x100] = 0xc3;
    try_count = caught.count;
    ((void (*)(void))(TEST_VA + 0x100))();
    check(!TOOK(), "PAE: code runs from an executable page");
    if (nx) {
        puts("XD/NX (IA32_EFER.NXE, SDM 4.6.2): instruction fetch from an XD page\n");
        try_count = caught.count;
        __asm__ volatile("movl $3f, fixup_eip\n\tmovl %0, try_at\n\tcall *%0\n\tjmp 1f\n"
                         "3:\tadd $4, %%esp\n"     /* the CALL's return address */
                         "1:\tmovl $0, fixup_eip"
                         :: "r"(TEST_VA + 0x1100) : "eax", "ecx", "edx", "memory");
        /* the fetch faults: EIP and CR2 are the target, the CALL has pushed */
        __asm__ volatile("" ::: "memory");
        check(TOOK() && caught.f.vec == 14, "NX: #PF on the fetch");
        check(caught.f.err == (P | 0x10), "NX: error code %x (expected 11: P, I/D)", caught.f.err);
        check(caught.cr2 == TEST_VA + 0x1100 && caught.f.eip == TEST_VA + 0x1100,
              "NX: CR2 %x and EIP %x are the fetch address", caught.cr2, caught.f.eip);
        check(rd(TEST_VA + 0x1004) == 0xb0000001, "NX: data reads of the XD page still work");
    } else {
        puts("  skip NX: CPUID.80000001H:EDX.NX clear (QEMU: -cpu qemu32,+nx)\n");
    }
    puts("PDPTE reserved bits (SDM 4.4.1): the MOV that loads the PDPTEs is #GP(0)\n");
    {
        static u64 bad_pdpt[4] __attribute__((aligned(32)));
        for (int i = 0; i < 4; i++)
            bad_pdpt[i] = pdpt[i];
        bad_pdpt[3] |= 2;                   /* bit 1: reserved in a PDPTE */
        u32 cr3 = read_cr3();
        try_count = caught.count;
        __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n"
                         "2:\tmov %0, %%cr3\n1:\tmovl $0, fixup_eip"
                         :: "r"((u32)bad_pdpt) : "memory");
        sdm_check(TOOK() && caught.f.vec == 13 && caught.f.err == 0,
                  "MOV CR3 to a PDPT with a reserved bit: #GP(0) (vector %u)", caught.f.vec);
        sdm_check(read_cr3() == cr3, "CR3 unchanged after the #GP");
        write_cr3(cr3);
    }
    write_cr0(read_cr0() & ~0x80000000u);
    write_cr4(read_cr4() & ~0x20u);
}

int main(void)
{
    paging32();
    pae();
    return 0;
}
