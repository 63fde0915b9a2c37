/* System instructions as the translator sees them (SDM Vol. 2 instruction
 * pages, Vol. 3A 2.5 and 19.5 of Vol. 1): MOV CRn/DRn encodings (CR1, CR5
 * are #UD), SMSW/LMSW/CLTS, WBINVD/INVD, RSM outside SMM (#UD), SGDT/SIDT
 * and LGDT with a 16-bit operand (24-bit base), SLDT/STR, and at CPL3 the
 * I/O permission bitmap for accesses spanning two bitmap bytes, string
 * I/O (INS/OUTS, REP INS that faults leaves ECX alone), and a bitmap
 * offset beyond the TSS limit (every port denied). */
#include "sys.h"

const char test_name[] = "sysinsn";

extern u8 *const tss_iomap;

static u8 ustack[4096] __attribute__((aligned(16)));
#define USTACK_TOP ((u32)ustack + sizeof(ustack))

/* results written at CPL3 (user code must not print) */
static volatile u32 r[16], r_err[16], r_ecx[16];
u8 ubuf[16];   /* named in asm strings */

#define UTRY(i, insn) do { try_count = caught.count; \
    __asm__ volatile("movl $1f, fixup_eip\n\t" insn "\n1:\tmovl $0, fixup_eip\n\tmov %%ecx, %0" \
                     : "=m"(r_ecx[i]) :: "eax", "ecx", "edx", "edi", "esi", "memory"); \
    r[i] = caught.count != try_count; r_err[i] = caught.f.vec << 16 | caught.f.err; } while (0)

/* Ports 0x7e..0x81 and 0x60 allowed, 0x82 and everything else denied. */
static void user_io(void)
{
    __asm__ volatile("mov %0, %%es" :: "r"(SEL_UDATA));
    UTRY(0, "mov $0x7e, %%dx\n\tinl %%dx, %%eax");        /* 7e..81: two bitmap bytes */
    UTRY(1, "mov $0x7f, %%dx\n\tinl %%dx, %%eax");        /* 7f..82: 82 denied */
    UTRY(2, "inw $0x80, %%ax");                           /* 80..81 */
    UTRY(3, "inw $0x81, %%ax");                           /* 81..82 */
    UTRY(4, "mov $0x80, %%dx\n\tmov $ubuf, %%edi\n\tinsb");
    UTRY(5, "mov $0x80, %%dx\n\tmov $ubuf, %%esi\n\toutsb");
    UTRY(6, "mov $0x82, %%dx\n\tmov $ubuf, %%edi\n\tmov $3, %%ecx\n\trep insb");
    UTRY(7, "mov $0x81, %%dx\n\tmov $ubuf, %%edi\n\tmov $2, %%ecx\n\trep insw");
    __asm__ volatile("int $0x80" :: "a"(1));
}

static volatile u32 db_steps;
static void db_hook(struct frame *f)
{
    db_steps++;
    f->eflags &= ~0x100u;            /* stop single-stepping */
}

static void user_io_nomap(void)
{
    UTRY(0, "inb $0x80, %%al");
    __asm__ volatile("int $0x80" :: "a"(2));
}

int main(void)
{
    struct tss *t = (struct tss *)(tss_iomap - sizeof(struct tss));
    u32 v, cr0 = read_cr0();
    u16 w;
    u8 gdtr[6], idtr[6], saved_gdtr[6];
    int ret;

    puts("MOV CRn/DRn (SDM Vol. 2B MOV)\n");
    TRY(".byte 0x0f, 0x20, 0xc8");                        /* mov %cr1, %eax */
    check(TOOK() && caught.f.vec == 6, "MOV EAX, CR1: #UD (vector %u)", caught.f.vec);
    TRY(".byte 0x0f, 0x22, 0xe8");                        /* mov %eax, %cr5 */
    check(TOOK() && caught.f.vec == 6, "MOV CR5, EAX: #UD (vector %u)", caught.f.vec);
    __asm__ volatile("mov %1, %%dr0\n\tmov %%dr0, %0" : "=r"(v) : "r"(0x12345678));
    check(v == 0x12345678, "DR0 reads back (%x)", v);
    __asm__ volatile("mov %1, %%dr3\n\tmov %%dr3, %0" : "=r"(v) : "r"(0xcafe0000));
    check(v == 0xcafe0000, "DR3 reads back (%x)", v);
    __asm__ volatile("xor %%eax, %%eax\n\tmov %%eax, %%dr0\n\tmov %%eax, %%dr3" ::: "eax");
    write_cr3(read_cr3());
    check(1, "MOV CR3 reload");

    puts("SMSW/LMSW/CLTS (SDM Vol. 2B)\n");
    __asm__ volatile("smsw %0" : "=r"(v));
    check((v & 0xffff) == (cr0 & 0xffff), "SMSW r32: low word of CR0 (%x, CR0 %x)", v, cr0);
    __asm__ volatile("smsw %0" : "=m"(w));
    check(w == (u16)cr0, "SMSW m16 (%x)", w);
    __asm__ volatile("lmsw %w0" :: "r"(0));
    v = read_cr0();
    check(v & 1, "LMSW 0 does not clear PE (CR0 %x)", v);
    __asm__ volatile("lmsw %w0" :: "r"((cr0 & 0xffff) | 8));
    v = read_cr0();
    check(v & 8, "LMSW sets TS (CR0 %x)", v);
    check((v & 0xfff0) == (cr0 & 0xfff0), "LMSW leaves bits 4-15 alone (CR0 %x)", v);
    __asm__ volatile("clts");
    v = read_cr0();
    check(!(v & 8), "CLTS clears TS (CR0 %x)", v);
    write_cr0(cr0);

    puts("x87 with CR0.EM/TS/MP (SDM Vol. 3A 2.5, table 2-2)\n");
    write_cr0((cr0 & ~0xeu) | 4);                         /* EM */
    TRY("fninit");
    check(TOOK() && caught.f.vec == 7, "EM = 1: FNINIT raises #NM (vector %u)", caught.f.vec);
    TRY("fwait");
    check(!TOOK(), "EM = 1, TS = 0: WAIT runs");
    write_cr0((cr0 & ~0xeu) | 8);                         /* TS, MP = 0 */
    TRY("fwait");
    check(!TOOK(), "TS = 1, MP = 0: WAIT runs");
    TRY("fnstcw -4(%%esp)");
    check(TOOK() && caught.f.vec == 7, "TS = 1: FNSTCW raises #NM (vector %u)", caught.f.vec);
    write_cr0((cr0 & ~0xeu) | 0xa);                       /* TS, MP */
    TRY("fwait");
    check(TOOK() && caught.f.vec == 7, "TS = 1, MP = 1: WAIT raises #NM (vector %u)", caught.f.vec);
    write_cr0(cr0);
    TRY("fninit\n\tfwait");
    check(!TOOK(), "TS = EM = 0: FNINIT; FWAIT run");

    puts("WBINVD/INVD, RSM outside SMM\n");
    TRY("wbinvd");
    check(!TOOK(), "WBINVD at CPL0 runs");
    TRY("invd");
    check(!TOOK(), "INVD at CPL0 runs");
    TRY("rsm");
    check(TOOK() && caught.f.vec == 6, "RSM outside SMM: #UD (vector %u)", caught.f.vec);

    puts("descriptor-table registers (SDM Vol. 2A LGDT, Vol. 2B SGDT)\n");
    __asm__ volatile("sgdtl %0" : "=m"(saved_gdtr));
    memcpy(gdtr, saved_gdtr, 6);
    gdtr[5] = 0xaa;                                       /* base bits 31:24 */
    __asm__ volatile("lgdtw %0" :: "m"(gdtr));
    __asm__ volatile("sgdtl %0" : "=m"(idtr));
    check(idtr[5] == 0 && idtr[2] == saved_gdtr[2] && idtr[4] == saved_gdtr[4],
          "LGDT o16: base bits 31:24 are 0 (%x)", idtr[5]);
    __asm__ volatile("lgdtl %0" :: "m"(saved_gdtr));
    memset(gdtr, 0x55, 6);
    __asm__ volatile("sgdtw %0" : "=m"(gdtr));
    check(gdtr[5] == 0 && gdtr[4] == saved_gdtr[4], "SGDT o16 stores 24 bits of base and 0 (%x)",
          gdtr[5]);
    __asm__ volatile("sidtl %0" : "=m"(idtr));
    __asm__ volatile("lidtl %0" :: "m"(idtr));
    __asm__ volatile("sidtl %0" : "=m"(gdtr));
    check(*(u16 *)gdtr == *(u16 *)idtr && *(u32 *)(gdtr + 2) == *(u32 *)(idtr + 2),
          "LIDT/SIDT round trip");
    __asm__ volatile("str %0" : "=r"(v));
    check((v & 0xffff) == SEL_TSS, "STR (%x)", v);
    __asm__ volatile("sldt %0" : "=r"(v));
    check((v & 0xffff) == 0, "SLDT: no LDT (%x)", v);

    puts("MOV SS holds off the single-step trap for one instruction (SDM Vol. 3A 6.8.3)\n");
    hooks[1] = db_hook;
    db_steps = 0;
    try_count = caught.count;
    __asm__ volatile("movl $0, fixup_eip\n\t"
                     "movl $3f, try_after\n\t"
                     "mov %%ss, %%eax\n\t"
                     "pushf\n\torl $0x100, (%%esp)\n\tpopf\n\t"
                     "mov %%eax, %%ss\n\t"      /* the traced instruction: no #DB after it */
                     "nop\n"                     /* the #DB comes after this one */
                     "3:\tnop\n" ::: "eax", "memory", "cc");
    hooks[1] = 0;
    check(db_steps == 1 && caught.f.vec == 1, "one #DB (%u, vector %u)", db_steps, caught.f.vec);
    check(caught.f.eip == try_after, "#DB after the instruction that follows MOV SS (EIP %x, expected %x)",
          caught.f.eip, try_after);

    puts("CPL3: the I/O permission bitmap across bytes, string I/O (SDM Vol. 1 19.5)\n");
    memset(tss_iomap, 0xff, 8192);
    tss_iomap[0x7e / 8] &= ~0xc0;                         /* 7e, 7f */
    tss_iomap[0x80 / 8] &= ~0x03;                         /* 80, 81 */
    ret = enter_user(user_io, USTACK_TOP);
    check(ret == 1, "user code ran (%d)", ret);
    check(!r[0], "IN EAX, 7Eh (ports 7e..81 in two bitmap bytes) allowed");
    check(r[1] && r_err[1] == 13 << 16, "IN EAX, 7Fh (7f..82): #GP(0) (%x)", r_err[1]);
    check(!r[2], "IN AX, 80h allowed");
    check(r[3] && r_err[3] == 13 << 16, "IN AX, 81h (81..82): #GP(0) (%x)", r_err[3]);
    check(!r[4], "INSB from 80h allowed");
    check(!r[5], "OUTSB to 80h allowed");
    check(r[6] && r_err[6] == 13 << 16 && r_ecx[6] == 3, "REP INSB from 82h: #GP(0), ECX still 3 (%x, %u)",
          r_err[6], r_ecx[6]);
    check(r[7] && r_err[7] == 13 << 16 && r_ecx[7] == 2, "REP INSW from 81h: #GP(0), ECX still 2 (%x, %u)",
          r_err[7], r_ecx[7]);

    puts("CPL3: a bitmap offset beyond the TSS limit denies every port\n");
    v = t->iomap;
    t->iomap = 0xfff0;
    ret = enter_user(user_io_nomap, USTACK_TOP);
    check(ret == 2 && r[0] && r_err[0] == 13 << 16, "IN 80h: #GP(0) (%x)", r_err[0]);
    t->iomap = (u16)v;
    memset(tss_iomap, 0xff, 8192);
    return 0;
}
