/* Freestanding support for Q86's system test images (see sys.h).
 *
 * Output goes to COM1 (0x3f8); the result to isa-debug-exit (0xf4).  Every
 * image ends with one line "PASS: NAME (N checks)" or "FAIL: NAME (K of N
 * checks failed)", which tests/tcg/i386-system/run.sh reads together with
 * the exit status. */
#include <stdarg.h>
#include "sys.h"

extern const char test_name[];
volatile struct caught caught;
volatile u32 fixup_eip, try_at, try_after;
volatile int try_count;
int deviations;
hook_fn hooks[256];
u32 gdt[GDT_ENTRIES * 2] __attribute__((aligned(8)));
static u32 idt[256 * 2] __attribute__((aligned(8)));
int failures, checks;
u32 user_eflags = 0x202;            /* IF set, IOPL 0 */

/* The TSS and its I/O permission bitmap (SDM Vol. 1 19.5.2): bit N set =
 * port N denied at CPL > IOPL; the byte after the map must be 0xff. */
struct tss_io { struct tss t; u8 iomap[8192 + 1]; } __attribute__((packed));
static struct tss_io tss_io __attribute__((aligned(128)));
struct tss tss2 __attribute__((aligned(128)));
static u8 kstack[8192] __attribute__((aligned(16)));
u8 *const tss_iomap = tss_io.iomap;

void *memset(void *d, int c, unsigned n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, unsigned n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }

void putc(char c)
{
    for (int i = 0; i < 100000 && !(inb(0x3fd) & 0x20); i++) {
    }
    outb(0x3f8, (u8)c);
}

void puts(const char *s) { while (*s) putc(*s++); }

static void putnum(u32 v, int base, int width, int zero)
{
    char buf[12];
    int n = 0;
    do { buf[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    while (n < width--) putc(zero ? '0' : ' ');
    while (n) putc(buf[--n]);
}

static void vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') { putc(*fmt); continue; }
        int zero = 0, width = 0;
        fmt++;
        if (*fmt == '0') { zero = 1; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        switch (*fmt) {
        case 'x': putnum(va_arg(ap, u32), 16, width, zero); break;
        case 'u': putnum(va_arg(ap, u32), 10, width, zero); break;
        case 'd': { int v = va_arg(ap, int); if (v < 0) { putc('-'); v = -v; } putnum((u32)v, 10, width, zero); break; }
        case 's': puts(va_arg(ap, const char *)); break;
        case 'c': putc((char)va_arg(ap, int)); break;
        default: putc('%'); putc(*fmt); break;
        }
    }
}

void printf(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vprintf(fmt, ap); va_end(ap); }

int check(int cond, const char *fmt, ...)
{
    va_list ap;
    checks++;
    if (!cond) failures++;
    puts(cond ? "  ok   " : "  FAIL ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putc('\n');
    return cond;
}

int sdm_check(int cond, const char *fmt, ...)
{
    va_list ap;
    checks++;
    if (!cond) {
#ifdef STRICT_SDM
        failures++;
#endif
        deviations++;
    }
    puts(cond ? "  ok   " : "  DEVIATION (SDM) ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putc('\n');
    return cond;
}

void sys_exit(int code)
{
    (void)code;
    if (deviations)
        printf("note: %d check(s) found behaviour the SDM does not allow (DEVIATION lines)\n", deviations);
    if (failures)
        printf("FAIL: %s (%d of %d checks failed)\n", test_name, failures, checks);
    else
        printf("PASS: %s (%d checks)\n", test_name, checks);
    outb(0xf4, failures ? EXIT_FAIL : EXIT_PASS);
    for (;;) __asm__ volatile("cli; hlt");
}

void set_seg(int idx, u32 base, u32 limit, u8 access, u8 flags)
{
    gdt[idx * 2] = (limit & 0xffff) | (base << 16);
    gdt[idx * 2 + 1] = ((base >> 16) & 0xff) | ((u32)access << 8) | (limit & 0xf0000) |
                       ((u32)(flags & 0xf) << 20) | (base & 0xff000000);
}

void set_gate(int vec, u32 off, u16 sel, int type, int dpl)
{
    idt[vec * 2] = (off & 0xffff) | ((u32)sel << 16);
    idt[vec * 2 + 1] = (off & 0xffff0000) | 0x8000 | ((u32)dpl << 13) | ((u32)type << 8);
}

extern void callgate_target(void);
void check_stub_report(void);

void sys_init(void)
{
    struct { u16 limit; u32 base; } __attribute__((packed)) d;

    outb(0x3f9, 0);          /* COM1: no interrupts, 115200 8N1 */
    outb(0x3fb, 0x80);
    outb(0x3f8, 1);
    outb(0x3f9, 0);
    outb(0x3fb, 0x03);
    printf("\n%s: start (%s)\n", test_name,
           boot_magic == 0x2BADB002 ? "multiboot" : boot_magic == 0x51384249 ? "bios-stub" : "?");

    check_stub_report();

    /* 8259A pair: vectors 0x20-0x2f (a BIOS leaves IRQ0 at vector 8, where
     * #DF lives), every line masked; tests unmask what they use. */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, 0x20); outb(0xa1, 0x28);
    outb(0x21, 0x04); outb(0xa1, 0x02);
    outb(0x21, 0x01); outb(0xa1, 0x01);
    outb(0x21, 0xff); outb(0xa1, 0xff);

    /* SDM Vol. 3A 3.4.5: access byte = P DPL S type; flags = G D/B L AVL */
    set_seg(1, 0, 0xfffff, 0x9a, 0xc);      /* 0x08 code, DPL 0 */
    set_seg(2, 0, 0xfffff, 0x92, 0xc);      /* 0x10 data, DPL 0 */
    set_seg(3, 0, 0xfffff, 0xfa, 0xc);      /* 0x18 code, DPL 3 */
    set_seg(4, 0, 0xfffff, 0xf2, 0xc);      /* 0x20 data, DPL 3 */
    set_seg(5, (u32)&tss_io, sizeof(tss_io) - 1, 0x89, 0);   /* 0x28 32-bit TSS, available */
    /* 0x30 call gate (SDM Vol. 3A 5.8.3): DPL 3, 0 parameters, to 0x08:callgate_target */
    gdt[6 * 2] = ((u32)callgate_target & 0xffff) | (SEL_KCODE << 16);
    gdt[6 * 2 + 1] = ((u32)callgate_target & 0xffff0000) | 0x8000 | (3 << 13) | (0xc << 8);
    set_seg(7, 0, 0xfffff, 0x12, 0xc);      /* 0x38 data, NOT present */
    set_seg(8, 0, 0xfffff, 0x90, 0xc);      /* 0x40 read-only data */
    set_seg(9, 0, 0xfff, 0x92, 0x4);        /* 0x48 data, byte granular, limit 0xfff */
    set_seg(10, 0, 0xfffff, 0x9a, 0x0);     /* 0x50 16-bit code */
    set_seg(11, (u32)&tss2, sizeof(tss2) - 1, 0x89, 0);      /* 0x58 second TSS */
    gdt[12 * 2] = (SEL_TSS2 << 16);          /* 0x60 task gate, DPL 0 */
    gdt[12 * 2 + 1] = 0x8000 | (5 << 8);
    set_seg(13, (u32)&tss2, 0x20, 0x89, 0);  /* 0x68 TSS, limit 20h: too short */
    d.limit = sizeof(gdt) - 1;
    d.base = (u32)gdt;
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp $0x08, $1f\n1:\t"
                     "mov $0x10, %%ax\n\t"
                     "mov %%ax, %%ds\n\tmov %%ax, %%es\n\tmov %%ax, %%ss\n\t"
                     "xor %%ax, %%ax\n\tmov %%ax, %%fs\n\tmov %%ax, %%gs"
                     :: "m"(d) : "eax", "memory");

    tss_io.t.esp0 = (u32)kstack + sizeof(kstack);
    tss_io.t.ss0 = SEL_KDATA;
    tss_io.t.iomap = (u16)((u32)tss_io.iomap - (u32)&tss_io);
    memset(tss_io.iomap, 0xff, sizeof(tss_io.iomap));
    __asm__ volatile("ltr %w0" :: "r"(SEL_TSS));

    for (int v = 0; v < 256; v++)
        set_gate(v, ISR_ADDR(v), SEL_KCODE, 0xe, 0);
    set_gate(3, ISR_ADDR(3), SEL_KCODE, 0xe, 3);      /* INT3 and INTO usable at CPL3 */
    set_gate(4, ISR_ADDR(4), SEL_KCODE, 0xe, 3);
    set_gate(0x80, ISR_ADDR(0x80), SEL_KCODE, 0xe, 3);
    d.limit = sizeof(idt) - 1;
    d.base = (u32)idt;
    __asm__ volatile("lidt %0" :: "m"(d));
}

u32 tss_esp0(void) { return tss_io.t.esp0; }

void idt_gate_present(int vec, int present)
{
    if (present)
        idt[vec * 2 + 1] |= 0x8000;
    else
        idt[vec * 2 + 1] &= ~0x8000u;
}

void idt_set_limit(u16 limit)
{
    struct { u16 limit; u32 base; } __attribute__((packed)) d = { limit, (u32)idt };
    __asm__ volatile("lidt %0" :: "m"(d));
}

/* Called by isr_common (entry.S) for every vector. */
void trap(struct frame *f)
{
    caught.f = *f;
    caught.cr2 = read_cr2();
    caught.handler_esp = (u32)&f->eip;      /* where the CPU pushed EIP */
    caught.count++;
    if ((f->vec == 0x27 || f->vec == 0x2f || f->vec == 0xff) && !hooks[f->vec])
        return;                             /* spurious IRQ7/IRQ15/APIC: ignore */
    if (hooks[f->vec]) {
        hooks[f->vec](f);
    } else if (f->vec == 0x80) {
        back_to_kernel((int)f->eax);
    }
    if (fixup_eip) {
        f->eip = fixup_eip;
        fixup_eip = 0;
        return;
    }
    if (hooks[f->vec])
        return;
    printf("unexpected vector %u err %x at %x:%x eflags %x cr2 %x\n",
           f->vec, f->err, f->cs, f->eip, f->eflags, caught.cr2);
    failures++;
    sys_exit(1);
}

/* What bios-stub.S saw (-bios variant only). */
struct stub_report { u32 magic, edx, cs, rm_word, pm16, cs_again, cr0; };

void check_stub_report(void)
{
    const volatile struct stub_report *r = (const void *)0x500;
    u32 a, b, c, d;

    if (boot_magic != 0x51384249)
        return;
    puts("bios-stub: reset state and mode switches (SDM Vol. 3A 9.1.4, 9.9)\n");
    cpuid(1, &a, &b, &c, &d);
    check(r->magic == 0x53383651, "stub report present");
    check(r->cs == 0xf000, "CS selector at reset %x (expected f000)", r->cs);
    check((r->edx & 0xf00) == (a & 0xf00) && r->edx != 0,
          "EDX at reset %x carries the family of CPUID.01H:EAX %x", r->edx, a);
    check(r->rm_word == 0x5aa5, "real mode: 1000:0010 and 1001:0000 are the same byte (%x)", r->rm_word);
    check(r->pm16 == 0x2468, "16-bit protected-mode code segment ran (%x)", r->pm16);
    check(r->cs_again == 0xf000, "back in real mode after clearing CR0.PE: CS %x", r->cs_again);
    check((r->cr0 & 1) == 0, "CR0.PE clear in real mode (CR0 %x)", r->cr0);
}
