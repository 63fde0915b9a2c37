/* REP MOVS / REP STOS in system mode (SDM Vol. 2B, MOVS/STOS and REP):
 * copies and fills across pages with paging on (the emulator moves whole
 * page runs at a time), both directions and all element sizes checked
 * against a byte-by-byte reference; a copy that runs into a not-present
 * page stops with #PF at the first byte of that page and ECX/ESI/EDI
 * describing exactly the elements done (the REP is restartable), on the
 * write side and on the read side; a REP MOVS that overwrites code which
 * already ran
 * makes the new code run (self-modifying code through a string copy). */
#include "sys.h"

const char test_name[] = "strings";

#define P 1u
#define W 2u
#define WINDOW 0x800000u                  /* PDE 2: 4 KiB pages we control */

static u32 pd[1024] __attribute__((aligned(4096)));
static u32 pt_low[2][1024] __attribute__((aligned(4096)));
static u32 pt_win[1024] __attribute__((aligned(4096)));
static u8 buf[6][4096] __attribute__((aligned(4096)));

static void flush_all(void) { write_cr3(read_cr3()); }

static u32 seed = 12345;
static u8 rnd8(void) { seed = seed * 1103515245u + 12345u; return (u8)(seed >> 16); }

/* rep movs of count elements of size (1, 2, 4) with DF = down; returns
 * the registers after it. */
static void rep_movs(u32 size, u32 dst, u32 src, u32 count, int down,
                     u32 *ecx, u32 *esi, u32 *edi)
{
    u32 c = count, s = src, d = dst;
    if (down)
        __asm__ volatile("std" ::: "memory");
    if (size == 1)
        __asm__ volatile("rep movsb" : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    else if (size == 2)
        __asm__ volatile("rep movsw" : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    else
        __asm__ volatile("rep movsl" : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    __asm__ volatile("cld" ::: "memory");
    *ecx = c; *esi = s; *edi = d;
}

static void copies(void)
{
    puts("REP MOVS across pages (window pages map to scattered frames)\n");
    /* WINDOW+0..5 pages -> buf[5], buf[0], buf[3], buf[1], buf[4], buf[2] */
    static const int order[6] = { 5, 0, 3, 1, 4, 2 };
    for (int i = 0; i < 6; i++)
        pt_win[i] = (u32)buf[order[i]] | P | W;
    flush_all();
    for (u32 size = 1; size <= 4; size *= 2) {
        for (int down = 0; down < 2; down++) {
            u8 *src = (u8 *)WINDOW, *dst = (u8 *)(WINDOW + 3 * 4096);
            for (int i = 0; i < 3 * 4096; i++) {
                src[i] = rnd8();
                dst[i] = 0xcc;
            }
            /* from offset 13 (unaligned), 9000 bytes worth of elements */
            u32 n = 9000 / size, bytes = n * size, so = 13, dof = 101;
            u32 c, s, d;
            if (!down) {
                rep_movs(size, WINDOW + 3 * 4096 + dof, WINDOW + so, n, 0, &c, &s, &d);
            } else {
                rep_movs(size, WINDOW + 3 * 4096 + dof + bytes - size, WINDOW + so + bytes - size,
                         n, 1, &c, &s, &d);
            }
            int ok = 1;
            for (u32 i = 0; i < 3 * 4096; i++) {
                u8 want = (i >= dof && i < dof + bytes) ? src[so + i - dof] : 0xcc;
                if (dst[i] != want)
                    ok = 0;
            }
            check(ok, "movs%c %s: 9000 bytes copied exactly, nothing around them",
                  size == 1 ? 'b' : size == 2 ? 'w' : 'l', down ? "DF=1" : "DF=0");
            check(c == 0, "ECX 0 at the end (%x)", c);
            if (!down)
                check(s == WINDOW + so + bytes && d == WINDOW + 3 * 4096 + dof + bytes,
                      "ESI/EDI advanced by the byte count");
            else
                check(s == WINDOW + so - size && d == WINDOW + 3 * 4096 + dof - size,
                      "ESI/EDI moved down by the byte count");
        }
    }

    puts("REP STOSL across pages\n");
    {
        u32 *p = (u32 *)(WINDOW + 4096 + 8);
        u32 c = 2000, d = (u32)p;
        for (int i = 0; i < 2 * 4096; i++)
            ((u8 *)WINDOW)[4096 + i] = 0xcc;
        __asm__ volatile("rep stosl" : "+c"(c), "+D"(d) : "a"(0x12345678u) : "memory");
        int ok = 1;
        for (int i = 0; i < 2000; i++)
            if (p[i] != 0x12345678u)
                ok = 0;
        check(ok && p[-1] == 0xccccccccu && p[2000] == 0xccccccccu,
              "2000 dwords filled, neighbours untouched");
        check(c == 0 && d == (u32)(p + 2000), "ECX 0, EDI past the fill");
    }
}

static void faults(void)
{
    puts("REP MOVSB into a not-present page: #PF, registers at the element\n");
    for (int i = 0; i < 3; i++)
        pt_win[i] = (u32)buf[i] | P | W;
    pt_win[3] = (u32)buf[3] | P | W;
    pt_win[4] = 0;                            /* WINDOW + 0x4000: not present */
    flush_all();
    for (int i = 0; i < 4096; i++) {
        ((u8 *)WINDOW)[i] = (u8)i;
        ((u8 *)WINDOW)[0x3000 + i] = 0xee;
    }
    u32 dst = WINDOW + 0x3000 + 0x800, src = WINDOW + 0x100, n = 0x1000;
    u32 c = n, s = src, d = dst;
    try_count = caught.count;
    __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n"
                     "2:\trep movsb\n1:\tmovl $0, fixup_eip"
                     : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    u32 done = 0x800;                         /* bytes up to the page end */
    check(TOOK() && caught.f.vec == 14, "#PF delivered (vector %u)", caught.f.vec);
    check(caught.cr2 == WINDOW + 0x4000, "CR2 is the first byte of the missing page (%x)",
          caught.cr2);
    check((caught.f.err & 3) == 2, "error code: write, not present (%x)", caught.f.err);
    check(caught.f.eip == try_at, "EIP at the REP MOVSB");
    check(c == n - done && s == src + done && d == dst + done,
          "ECX/ESI/EDI describe the %x bytes done (ECX %x)", done, c);
    int ok = 1;
    for (u32 i = 0; i < done; i++)
        if (((u8 *)dst)[i] != (u8)(0x100 + i))
            ok = 0;
    check(ok, "the bytes before the missing page were copied");
    /* Map the page and resume the instruction: it finishes the copy. */
    pt_win[4] = (u32)buf[4] | P | W;
    flush_all();
    __asm__ volatile("rep movsb" : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    ok = c == 0;
    for (u32 i = 0; i < n; i++)
        if (((u8 *)dst)[i] != ((u8 *)src)[i])
            ok = 0;
    check(ok, "resumed after mapping the page: the whole copy is there");

    puts("REP MOVSL from a not-present page: #PF on the read side\n");
    pt_win[1] = 0;
    flush_all();
    c = 0x800; s = WINDOW + 0x800; d = WINDOW + 0x3000;
    try_count = caught.count;
    __asm__ volatile("movl $1f, fixup_eip\n\tmovl $2f, try_at\n"
                     "2:\trep movsl\n1:\tmovl $0, fixup_eip"
                     : "+c"(c), "+S"(s), "+D"(d) :: "memory");
    check(TOOK() && caught.f.vec == 14 && (caught.f.err & 3) == 0,
          "#PF on the read, not present (error %x)", caught.f.err);
    check(caught.cr2 == WINDOW + 0x1000 && c == 0x800 - 0x200,
          "CR2 %x, ECX %x: 0x200 dwords done", caught.cr2, c);
    pt_win[1] = (u32)buf[1] | P | W;
    flush_all();
}

/* Code in RAM run once, then overwritten by REP MOVSB and run again. */
static u8 code_page[4096] __attribute__((aligned(4096)));
static const u8 ret_1[] = { 0xb8, 1, 0, 0, 0, 0xc3 };    /* mov $1, %eax; ret */
static const u8 ret_2[] = { 0xb8, 2, 0, 0, 0, 0xc3 };    /* mov $2, %eax; ret */

static void smc(void)
{
    puts("REP MOVSB over code that already ran\n");
    u32 c, s, d;
    for (int i = 0; i < 6; i++)
        code_page[i] = ret_1[i];
    u32 (*fn)(void) = (u32 (*)(void))code_page;
    u32 first = fn();
    rep_movs(1, (u32)code_page, (u32)ret_2, 6, 0, &c, &s, &d);
    u32 second = fn();
    check(first == 1 && second == 2, "the copied code runs (%u then %u)", first, second);
}

int main(void)
{
    for (int i = 0; i < 2048; i++)
        pt_low[i / 1024][i % 1024] = (u32)i << 12 | P | W;
    pd[0] = (u32)pt_low[0] | P | W;
    pd[1] = (u32)pt_low[1] | P | W;
    pd[2] = (u32)pt_win | P | W;
    smc();                                    /* paging off */
    write_cr3((u32)pd);
    write_cr0(read_cr0() | 0x80000000u);
    copies();
    faults();
    smc();                                    /* paging on */
    write_cr0(read_cr0() & ~0x80000000u);
    return 0;
}
