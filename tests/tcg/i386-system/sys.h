/* Freestanding support for Q86's system test images: serial output on COM1,
 * isa-debug-exit, GDT/IDT/TSS, exception capture, CPL3 entry.  See sys.c. */
#ifndef SYS_H
#define SYS_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

/* isa-debug-exit at 0xf4: the emulator exits with (value << 1) | 1. */
#define EXIT_PASS 0x21   /* exit status 67 */
#define EXIT_FAIL 0x22   /* exit status 69 */

/* GDT selectors (sys.c builds the table). SYSENTER needs 0x08..0x20 in
 * this order (SDM Vol. 2B SYSENTER/SYSEXIT). */
#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE   0x1b
#define SEL_UDATA   0x23
#define SEL_TSS     0x28
#define SEL_CGATE   0x30    /* call gate, DPL 3, to callgate_target */
#define SEL_NP      0x38    /* data segment, present bit clear */
#define SEL_RO      0x40    /* read-only data segment, DPL 0 */
#define SEL_SMALL   0x48    /* writable data, base 0, limit 0xfff (bytes) */
#define SEL_CODE16  0x50    /* 16-bit code, base 0, limit 0xfffff */
#define SEL_TSS2    0x58    /* second TSS (task switch) */
#define SEL_TGATE   0x60    /* task gate to SEL_TSS2 (GDT, for jmp) */
#define SEL_TSS_SHORT 0x68  /* TSS descriptor with a limit below 67h */
#define GDT_ENTRIES 16

struct frame {
    u32 es, ds;
    u32 edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
    u32 vec, err;
    u32 eip, cs, eflags;
    u32 user_esp, user_ss;          /* only when CS.RPL was 3 */
};

struct tss {
    u16 link, r0; u32 esp0; u16 ss0, r1; u32 esp1; u16 ss1, r2; u32 esp2; u16 ss2, r3;
    u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    u16 es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10, trap, iomap;
} __attribute__((packed));

/* The last exception/interrupt seen by trap(). */
struct caught {
    int count;                      /* incremented per delivery */
    struct frame f;
    u32 cr2;
    u32 handler_esp;                /* ESP at the stub, before it pushed */
};
extern volatile struct caught caught;
/* When nonzero, an exception resumes at this EIP (then it is cleared). */
extern volatile u32 fixup_eip;
/* Per-vector hook (interrupt tests): called from trap() for that vector. */
typedef void (*hook_fn)(struct frame *f);
extern hook_fn hooks[256];
extern struct tss tss, tss2;
extern u32 gdt[GDT_ENTRIES * 2];
extern u32 user_eflags;
extern u32 boot_magic;
extern int failures, checks;

void puts(const char *s);
void putc(char c);
void printf(const char *fmt, ...);   /* %x %08x %d %u %s %c */
void sys_exit(int code) __attribute__((noreturn));
void set_gate(int vec, u32 off, u16 sel, int type, int dpl);  /* type 0xe int, 0xf trap, 5 task */
void set_seg(int idx, u32 base, u32 limit, u8 access, u8 flags);
void idt_gate_present(int vec, int present);
void idt_set_limit(u16 limit);
int enter_user(void (*fn)(void), u32 user_esp);
void back_to_kernel(int value) __attribute__((noreturn));
extern char isr_table_start[];
#define ISR_ADDR(v) ((u32)isr_table_start + 16 * (v))

/* check(): prints "ok"/"FAIL" with the description; counts failures. */
int check(int cond, const char *fmt, ...);
/* sdm_check(): like check() for behaviour the SDM requires but Debian's
 * QEMU (TCG) does not model, e.g. data-segment limit and type checks in
 * protected mode.  A miss prints "DEVIATION" and is counted apart; it
 * fails the image only when built with -DSTRICT_SDM. */
int sdm_check(int cond, const char *fmt, ...);
extern int deviations;
#define CHECK_EQ(a, b, what) check((u32)(a) == (u32)(b), "%s: got %x, expected %x", what, (u32)(a), (u32)(b))

static inline void outb(u16 p, u8 v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(p)); }
static inline void outw(u16 p, u16 v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(p)); }
static inline void outl(u16 p, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(p)); }
static inline u8 inb(u16 p) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline u32 read_cr0(void) { u32 v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u32 read_cr2(void) { u32 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u32 read_cr3(void) { u32 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u32 read_cr4(void) { u32 v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(u32 v) { __asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr3(u32 v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline void write_cr4(u32 v) { __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }
static inline u32 read_eflags(void) { u32 v; __asm__ volatile("pushf; pop %0" : "=r"(v)); return v; }
static inline void write_eflags(u32 v) { __asm__ volatile("push %0; popf" :: "r"(v) : "memory", "cc"); }
static inline u64 rdmsr(u32 m) { u32 lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m)); return ((u64)hi << 32) | lo; }
static inline void wrmsr(u32 m, u64 v) { __asm__ volatile("wrmsr" :: "c"(m), "a"((u32)v), "d"((u32)(v >> 32))); }
static inline u64 rdtsc(void) { u32 lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return ((u64)hi << 32) | lo; }
static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* CPUID.80000001H:EDX.NX, 0 where that leaf does not exist. */
static inline u32 cpu_has_nx(void)
{
    u32 a, b, c, d;
    cpuid(0x80000000, &a, &b, &c, &d);
    if (a < 0x80000001)
        return 0;
    cpuid(0x80000001, &a, &b, &c, &d);
    return (d >> 20) & 1;
}
static inline void invlpg(u32 va) { __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory"); }
static inline u32 mmio_read(u32 a) { return *(volatile u32 *)a; }
static inline void mmio_write(u32 a, u32 v) { *(volatile u32 *)a = v; }
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

/* Run INSN (an asm string, registers written %%eax) expecting an
 * exception; the handler resumes after it.  try_at is the address of INSN
 * (the EIP a fault pushes), try_after the next instruction's (the EIP a
 * trap pushes).  EAX, ECX, EDX may be changed by INSN. */
extern volatile u32 try_at, try_after;
extern volatile int try_count;
#define TOOK() (caught.count != try_count)
#define TRY(insn) do { try_count = caught.count; \
    __asm__ volatile("movl $8881f, fixup_eip\n\t" \
                     "movl $8880f, try_at\n\t" \
                     "movl $8881f, try_after\n\t" \
                     "8880: " insn "\n\t" \
                     "8881:\n\t" \
                     "movl $0, fixup_eip\n\t" \
                     ::: "eax", "ecx", "edx", "memory", "cc"); } while (0)

#endif
