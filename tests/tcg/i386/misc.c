/*
 * Everything else of the user-level integer ISA: XCHG, XADD, CMPXCHG (8/16/32,
 * reg/mem, LOCK), CMPXCHG8B (LOCK too), LAHF/SAHF, CBW/CWDE/CWD/CDQ,
 * MOVZX/MOVSX, LEA in every ModRM/SIB form and the 16-bit (0x67) forms, XLAT
 * (with a segment override), TLS through %gs (glibc points %gs at the thread
 * control block: the same must hold under emulation), segment overrides on
 * a flat model (CS/DS/ES/SS), operand-size (0x66) forms, prefixes on
 * instructions that ignore them (REP RET, PAUSE), multi-byte NOP, CPUID
 * (only that it runs; its values are the CPU's business) and RDTSC (only
 * monotonicity is printed).
 *
 * Flags: XADD as ADD, CMPXCHG as CMP (all defined); CMPXCHG8B defines ZF and
 * leaves CF PF AF SF OF unaffected (SDM Vol. 2A CMPXCHG8B); SAHF loads SF ZF
 * AF PF CF from AH and leaves OF alone; XCHG, MOVZX/MOVSX, LEA, CBW..CDQ,
 * LAHF, XLAT, CPUID, RDTSC affect no flags (SDM Vol. 2).
 */
#include "common.h"
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#define PRE  "push %[fi]\n\tpopf\n\t"
#define POST "\n\tpushf\n\tpop %[fo]"

static void xchg_xadd(void)
{
    for (int i = 0; i < NVALS; i += 2) {
        for (int j = 1; j < NVALS; j += 3) {
            uint32_t a = vals32[i], b = vals32[j], m = vals32[j], fo;
            uint32_t fi = flags_in[(i + j) & 1];
            /* XCHG: reg,reg (EAX short form and general), 8/16 bits, mem */
            uint32_t x = a, y = b;
            asm("xchgl %0, %1" : "+a"(x), "+r"(y));
            uint32_t x8 = a, y8 = b, x16 = a, y16 = b;
            asm("xchgb %b0, %h1" : "+q"(x8), "+Q"(y8));
            asm("xchgw %w0, %w1" : "+r"(x16), "+r"(y16));
            uint32_t xm = a;
            asm volatile("xchgl %0, (%1)" : "+r"(xm) : "r"(&m) : "memory");
            printf("xchg %x %x -> %x %x %x %x %x %x %x %x\n", a, b, x, y, x8, y8, x16, y16, xm, m);
            /* XADD reg,reg / mem / LOCK mem at all sizes */
            uint32_t d = a, s = b;
            asm(PRE "xaddl %[s], %[d]" POST : [d] "+r"(d), [s] "+r"(s), [fo] "=r"(fo)
                : [fi] "r"(fi) : "cc");
            printf("xaddl %x %x -> %x %x %03x\n", a, b, d, s, fo & F_STATUS);
            uint8_t m8 = a;
            s = b;
            asm volatile(PRE "lock; xaddb %b[s], (%[p])" POST : [s] "+q"(s), [fo] "=r"(fo)
                         : [p] "r"(&m8), [fi] "r"(fi) : "cc", "memory");
            printf("lock xaddb %x %x -> %x %x %03x\n", a & 0xff, b, m8, s, fo & F_STATUS);
            uint16_t m16 = a;
            s = b;
            asm volatile(PRE "xaddw %w[s], (%[p])" POST : [s] "+r"(s), [fo] "=r"(fo)
                         : [p] "r"(&m16), [fi] "r"(fi) : "cc", "memory");
            printf("xaddw %x %x -> %x %x %03x\n", a & 0xffff, b, m16, s, fo & F_STATUS);
        }
    }
}

static void cmpxchg(void)
{
    for (int i = 0; i < NVALS; i += 3) {
        for (int eq = 0; eq < 2; eq++) {
            for (int k = 0; k < 2; k++) {
                uint32_t d = vals32[i], acc = eq ? d : d ^ 0x10101, src = 0xcafe1234, fo;
                uint32_t fi = flags_in[k];
                asm(PRE "cmpxchgl %[s], %[d]" POST : [d] "+r"(d), "+a"(acc), [fo] "=r"(fo)
                    : [s] "r"(src), [fi] "r"(fi) : "cc");
                printf("cmpxchgl %x eq%d %d -> %x %x %03x\n", vals32[i], eq, k, d, acc,
                       fo & F_STATUS);
                uint8_t m8 = vals32[i];
                acc = 0xabcdef00 | (eq ? m8 : (uint8_t)(m8 + 0x81));
                asm volatile(PRE "lock; cmpxchgb %b[s], (%[p])" POST : "+a"(acc), [fo] "=r"(fo)
                             : [s] "q"(src), [p] "r"(&m8), [fi] "r"(fi) : "cc", "memory");
                printf("lock cmpxchgb %x eq%d %d -> %x %x %03x\n", vals32[i] & 0xff, eq, k, m8,
                       acc, fo & F_STATUS);
                uint16_t m16 = vals32[i];
                acc = 0xabcd0000 | (eq ? m16 : (uint16_t)(m16 ^ 0x8000));
                asm volatile(PRE "cmpxchgw %w[s], (%[p])" POST : "+a"(acc), [fo] "=r"(fo)
                             : [s] "r"(src), [p] "r"(&m16), [fi] "r"(fi) : "cc", "memory");
                printf("cmpxchgw %x eq%d %d -> %x %x %03x\n", vals32[i] & 0xffff, eq, k, m16,
                       acc, fo & F_STATUS);
                /* CMPXCHG8B: only ZF defined; the others must be preserved. */
                uint64_t m64 = ((uint64_t)vals32[i] << 32) | vals32[15 - i];
                uint32_t lo = eq ? (uint32_t)m64 : (uint32_t)m64 + 1, hi = m64 >> 32;
                if (eq == 0 && (i & 1)) {
                    lo = (uint32_t)m64;
                    hi ^= 0x80000000;   /* differ in the high half only */
                }
                asm volatile(PRE "cmpxchg8b (%[p])" POST : "+a"(lo), "+d"(hi), [fo] "=r"(fo)
                             : "b"(0x11112222), "c"(0x33334444), [p] "S"(&m64), [fi] "r"(fi)
                             : "cc", "memory");
                printf("cmpxchg8b %llx eq%d %d -> %llx %x %x %03x\n",
                       ((uint64_t)vals32[i] << 32) | vals32[15 - i], eq, k,
                       (unsigned long long)m64, hi, lo, fo & F_STATUS);
                m64 = 0x0123456789abcdefull;
                lo = 0x89abcdef;
                hi = eq ? 0x01234567 : 0;
                asm volatile(PRE "lock; cmpxchg8b (%[p])" POST : "+a"(lo), "+d"(hi), [fo] "=r"(fo)
                             : "b"(0x55556666), "c"(0x77778888), [p] "D"(&m64), [fi] "r"(fi)
                             : "cc", "memory");
                printf("lock cmpxchg8b eq%d %d -> %llx %x %x %03x\n", eq, k,
                       (unsigned long long)m64, hi, lo, fo & F_STATUS);
            }
        }
    }
}

/* CMPXCHG8B must keep CF PF AF SF OF as the previous instruction left them
 * (not only as POPF left them): here the flags come from SUB, ADD, SHL and
 * BT (BT's undefined flags are masked). */
static void cmpxchg8b_keeps_flags(void)
{
    for (int i = 0; i < NVALS; i++) {
        for (int eq = 0; eq < 2; eq++) {
            uint64_t m = eq ? 0x0000000100000002ull : 0x1111111122222222ull;
            uint32_t f[4];
            asm volatile("movl %[v], %%eax\n\tsubl $1, %%eax\n\tmovl $2, %%eax\n\tmovl $1, %%edx\n\t"
                         "cmpxchg8b (%[m])\n\tpushf\n\tpop %[f]"
                         : [f] "=r"(f[0]) : [v] "r"(vals32[i]), [m] "S"(&m), "b"(2), "c"(1)
                         : "eax", "edx", "cc", "memory");
            m = eq ? 0x0000000100000002ull : 0x1111111122222222ull;
            asm volatile("movl %[v], %%eax\n\taddl %%eax, %%eax\n\tmovl $2, %%eax\n\tmovl $1, %%edx\n\t"
                         "lock; cmpxchg8b (%[m])\n\tpushf\n\tpop %[f]"
                         : [f] "=r"(f[1]) : [v] "r"(vals32[i]), [m] "S"(&m), "b"(2), "c"(1)
                         : "eax", "edx", "cc", "memory");
            m = eq ? 0x0000000100000002ull : 0x1111111122222222ull;
            asm volatile("movl %[v], %%eax\n\tshll $3, %%eax\n\tmovl $2, %%eax\n\tmovl $1, %%edx\n\t"
                         "cmpxchg8b (%[m])\n\tpushf\n\tpop %[f]"
                         : [f] "=r"(f[2]) : [v] "r"(vals32[i]), [m] "S"(&m), "b"(2), "c"(1)
                         : "eax", "edx", "cc", "memory");
            m = eq ? 0x0000000100000002ull : 0x1111111122222222ull;
            asm volatile("btl $31, %[v]\n\tmovl $2, %%eax\n\tmovl $1, %%edx\n\t"
                         "cmpxchg8b (%[m])\n\tpushf\n\tpop %[f]"
                         : [f] "=r"(f[3]) : [v] "r"(vals32[i]), [m] "S"(&m), "b"(2), "c"(1)
                         : "eax", "edx", "cc", "memory");
            /* after SHL $3: AF undefined, OF undefined (count != 1);
             * after BT: OF SF AF PF undefined. */
            printf("cmpxchg8b keeps flags %x eq%d: sub %03x add %03x shl %03x bt %03x\n",
                   vals32[i], eq, f[0] & F_STATUS, f[1] & F_STATUS,
                   f[2] & F_STATUS & ~(F_AF | F_OF), f[3] & (F_CF | F_ZF));
        }
    }
}

static void lahf_sahf(void)
{
    for (uint32_t ah = 0; ah < 256; ah += 1) {
        for (int k = 0; k < 2; k++) {
            uint32_t ax = ah << 8 | 0x5a, fo;
            asm(PRE "sahf\n\tlahf" POST : "+a"(ax), [fo] "=r"(fo) : [fi] "r"(flags_in[k]) : "cc");
            if (k == 0) {
                printf("sahf/lahf %02x ->", ah);
            }
            printf(" %04x %03x", ax & 0xffff, fo & F_STATUS);
        }
        printf("\n");
    }
}

static void conversions(void)
{
    for (int i = 0; i < NVALS; i++) {
        uint32_t v = vals32[i] ^ vals8[i] << 8, a, d;
        a = v;
        asm("cbtw" : "+a"(a));
        printf("cbw %x -> %x", v, a);
        a = v;
        asm("cwtl" : "+a"(a));
        printf(" cwde %x", a);
        a = v;
        d = 0x12345678;
        asm("cwtd" : "+a"(a), "+d"(d));
        printf(" cwd %x:%x", d, a);
        a = v;
        asm("cltd" : "+a"(a), "=d"(d));
        printf(" cdq %x:%x\n", d, a);
        uint32_t r[8];
        uint8_t m8 = v;
        uint16_t m16 = v;
        r[0] = r[1] = 0xdeadbeef;
        asm("movzbw %b1, %w0" : "+r"(r[0]) : "q"(v));
        asm("movsbw (%1), %w0" : "+r"(r[1]) : "r"(&m8), "m"(m8));
        asm("movzbl (%1), %0" : "=r"(r[2]) : "r"(&m8), "m"(m8));
        asm("movsbl %b1, %0" : "=r"(r[3]) : "q"(v));
        asm("movzwl %w1, %0" : "=r"(r[4]) : "r"(v));
        asm("movswl (%1), %0" : "=r"(r[5]) : "r"(&m16), "m"(m16));
        asm("movsbl %h1, %0" : "=r"(r[6]) : "Q"(v));
        r[7] = 0x11111111;
        asm("movw %w1, %w0" : "+r"(r[7]) : "r"(v));   /* 0x66: upper half kept */
        printf("movzx/movsx %x ->", v);
        for (int j = 0; j < 8; j++) {
            printf(" %x", r[j]);
        }
        printf("\n");
    }
}

uint32_t cur_esp; /* global: referenced by name from asm */

/* The LEA operand strings are asm templates ("%%eax"); print "%eax". */
static const char *unescape(const char *e)
{
    static char buf[64];
    size_t n = 0;
    for (; *e && n < sizeof(buf) - 1; e++) {
        if (e[0] == '%' && e[1] == '%') {
            e++;
        }
        buf[n++] = *e;
    }
    buf[n] = 0;
    return buf;
}

static void lea_forms(void)
{
    /* EAX=7 ECX=0x20000 EDX=0x300000 EBX=0x1000 EBP=0x600000 ESI=0x4000000
     * EDI=0x50000000; ESP is unknown, so results of ESP-based forms are
     * printed relative to it. */
#define LEA(e)                                                                \
    do {                                                                      \
        uint32_t r = 7;                                                       \
        asm volatile("push %%ebp\n\tmovl $0x600000, %%ebp\n\tmovl %%esp, cur_esp\n\t" \
                     "lea " e ", %%eax\n\tpop %%ebp"                          \
                     : "+a"(r) : "b"(0x1000), "c"(0x20000), "d"(0x300000),     \
                       "S"(0x4000000), "D"(0x50000000) : "memory");           \
        printf("lea %s -> %x\n", unescape(e), strstr(e, "esp") ? r - cur_esp : r); \
    } while (0);
#define LEARAW(name, bytes)                                                   \
    do {                                                                      \
        uint32_t r = 7;                                                       \
        asm volatile("push %%ebp\n\tmovl $0x600000, %%ebp\n\tmovl %%esp, cur_esp\n\t" \
                     bytes "\n\tpop %%ebp"                                   \
                     : "+a"(r) : "b"(0x1000), "c"(0x20000), "d"(0x300000),     \
                       "S"(0x4000000), "D"(0x50000000) : "memory");           \
        printf("lea %s -> %x\n", name, strstr(name, "esp") ? r - cur_esp : r); \
    } while (0);
#include "lea-forms.h"
#undef LEA
#undef LEARAW
    /* Address-size 0x67: 16-bit addressing, the sum wraps at 64 KiB and is
     * zero-extended into the 32-bit destination. */
#define LEA16(e)                                                              \
    do {                                                                      \
        uint32_t r = 0x77777777;                                              \
        asm volatile("push %%ebp\n\tmovl $0x1234fff0, %%ebp\n\t"              \
                     "addr16 lea " e ", %%eax\n\tpop %%ebp"                   \
                     : "+a"(r) : "b"(0xaaaa8000), "S"(0x5555a000), "D"(0x0000ffff) \
                     : "memory");                                             \
        printf("lea16 %s -> %x\n", unescape(e), r);                           \
    } while (0);
    LEA16("(%%bx,%%si)") LEA16("(%%bx,%%di)") LEA16("(%%bp,%%si)") LEA16("(%%bp,%%di)")
    LEA16("(%%si)") LEA16("(%%di)") LEA16("0x1234") LEA16("(%%bx)") LEA16("0x12(%%bx,%%si)")
    LEA16("-0x12(%%bp,%%di)") LEA16("0x7f(%%si)") LEA16("0x11(%%bp)") LEA16("0x8765(%%bx,%%di)")
    LEA16("0x1234(%%bp,%%si)") LEA16("0xfff0(%%di)") LEA16("0x1(%%bx)")
    /* 16-bit destination: result truncated, upper half of EAX kept */
    uint32_t r = 0x99999999;
    asm("leaw 0x1234(%1,%2,4), %w0" : "+r"(r) : "r"(0x1fff0000), "r"(0x3ffff));
    printf("leaw -> %x\n", r);
}

static void xlat(void)
{
    uint8_t table[256];
    for (int i = 0; i < 256; i++) {
        table[i] = (uint8_t)(i * 13 + 7);
    }
    uint32_t h = 0;
    for (uint32_t i = 0; i < 256; i += 5) {
        uint32_t a = 0xabcd1200 | i, b;
        asm("xlatb" : "+a"(a) : "b"(table), "m"(table));
        b = 0xabcd1200 | (255 - i);
        asm(".byte 0x36\n\txlatb" : "+a"(b) : "b"(table), "m"(table)); /* SS: override */
        h = h * 31 + a + b * 7;
        printf("xlat %x -> %x %x\n", i, a, b);
    }
}

__thread uint32_t tls_var = 0x1000; /* global: referenced from asm */
__thread uint32_t tls_arr[4] = { 1, 2, 3, 4 };

static void gs_tls(void)
{
    uint32_t self, r, flags;
    /* glibc i386: %gs:0 is the TCB's self pointer (tcbhead_t.tcb). */
    asm("movl %%gs:0, %0" : "=r"(self));
    printf("gs:0 == pthread_self(): %d\n", self == (uint32_t)pthread_self());
    asm volatile("addl $5, %%gs:tls_var@ntpoff" : : : "cc", "memory");
    asm volatile("incl %%gs:tls_var@ntpoff" : : : "cc", "memory");
    asm volatile("movl %%gs:tls_var@ntpoff, %0" : "=r"(r));
    printf("tls via gs: %x c-view %x\n", r, tls_var);
    r = 0xabc;
    asm volatile("xchgl %0, %%gs:tls_var@ntpoff" : "+r"(r) : : "memory");
    uint32_t acc = 0xabc, fo;
    asm volatile(PRE "lock; cmpxchgl %[s], %%gs:tls_var@ntpoff" POST
                 : "+a"(acc), [fo] "=r"(fo) : [s] "r"(0x777), [fi] "r"(F_BASE) : "cc", "memory");
    printf("gs xchg %x cmpxchg %x %03x -> %x\n", r, acc, fo & F_STATUS, tls_var);
    /* Index through an offset register; string op with a %gs source. */
    uint32_t idx = 2, v;
    asm volatile("movl %%gs:tls_arr@ntpoff(,%1,4), %0" : "=r"(v) : "r"(idx));
    uint32_t dst[4] = { 0 };
    uint32_t si = (uint32_t)(uintptr_t)&tls_arr[0] - self, di = (uint32_t)(uintptr_t)dst;
    uint32_t cx = 4;
    asm volatile("rep movsl %%gs:(%%esi), %%es:(%%edi)" : "+S"(si), "+D"(di), "+c"(cx) : : "memory");
    printf("gs index %x movs %x %x %x %x\n", v, dst[0], dst[1], dst[2], dst[3]);
    /* Flags are untouched by a gs-relative MOV. */
    asm volatile(PRE "movl %%gs:tls_var@ntpoff, %[v]" POST
                 : [v] "=r"(v), [fo] "=r"(flags) : [fi] "r"(F_BASE | F_STATUS));
    printf("gs mov flags %03x\n", flags & F_STATUS);
}

static void seg_overrides(void)
{
    static uint32_t data[4] = { 0x11, 0x22, 0x33, 0x44 };
    uint32_t a, b, c, d, e;
    asm("movl %%cs:(%1), %0" : "=r"(a) : "r"(data), "m"(data));
    asm("movl %%ss:4(%1), %0" : "=r"(b) : "r"(data), "m"(data));
    asm("movl %%es:8(%1), %0" : "=r"(c) : "r"(data), "m"(data));
    asm("movl %%ds:12(%1), %0" : "=r"(d) : "r"(data), "m"(data));
    /* EBP-based addressing defaults to SS; on a flat model the same data. */
    asm("push %%ebp\n\tmovl %1, %%ebp\n\tmovl 4(%%ebp), %0\n\tpop %%ebp" : "=r"(e) : "r"(data),
        "m"(data));
    asm volatile("movl $0x55, %%es:(%0)" : : "r"(&data[3]) : "memory");
    printf("segment overrides %x %x %x %x %x %x\n", a, b, c, d, e, data[3]);
}

/* Prefixes on instructions that ignore them, and long NOPs. */
asm(".text\nrep_ret:\n\tmovl $0x42, %eax\n\t.byte 0xf3, 0xc3\n");

static void prefixes(void)
{
    uint32_t r;
    asm volatile("call rep_ret" : "=a"(r) : : "memory");
    printf("rep ret -> %x\n", r);
    r = 1;
    asm volatile("pause\n\t"
                 ".byte 0x0f, 0x1f, 0x00\n\t"                       /* nopl (%eax) */
                 ".byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\t"           /* nopl 0(%eax,%eax,1) */
                 ".byte 0x66, 0x0f, 0x1f, 0x84, 0x00, 0, 0, 0, 0\n\t"/* nopw 0(%eax,%eax,1) */
                 ".byte 0x66, 0x66, 0x90\n\t"                       /* redundant 0x66 */
                 ".byte 0x66, 0x66, 0x83, 0xc0, 0x05\n\t"           /* addw $5, %ax */
                 : "+a"(r) : : "cc");
    printf("nops and prefixes -> %x\n", r);
    uint16_t w = 0x1234;
    uint32_t big = 0xffff0000;
    asm("movw $0xbeef, %0" : "=m"(w));
    asm("incw %w0" : "+r"(big) : : "cc");
    asm("notw %w0" : "+r"(big));
    printf("0x66 forms -> %x %x\n", w, big);
}

/* Unaligned operands, including ones that straddle a page boundary (both
 * pages mapped): loads, stores, read-modify-write, XCHG, CMPXCHG, a 16-bit
 * access split 1+1, and a REP MOVSL whose elements straddle the boundary. */
static void unaligned(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int off = -7; off <= 1; off++) {
        uint8_t *p = m + pg + off;
        for (long i = 0; i < 2 * pg; i++) {
            m[i] = (uint8_t)(i * 37 + 11);
        }
        uint32_t v, w = 0x01020304, x, fo;
        uint16_t h;
        asm volatile("movl (%1), %0" : "=r"(v) : "r"(p) : "memory");
        asm volatile("movw (%1), %0" : "=r"(h) : "r"(p + 3) : "memory");
        asm volatile(PRE "addl %[w], (%[p])" POST : [fo] "=r"(fo) : [w] "r"(w), [p] "r"(p),
                     [fi] "r"(F_BASE) : "cc", "memory");
        x = 0xaabbccdd;
        asm volatile("xchgl %0, 2(%1)" : "+r"(x) : "r"(p) : "memory");
        uint32_t acc;
        memcpy(&acc, p + 1, 4);
        asm volatile("cmpxchgl %2, 1(%3)" : "+a"(acc), "=m"(*(char (*)[5])(p + 1))
                     : "r"(0x11223344), "r"(p) : "cc", "memory");
        asm volatile("incw 5(%0)" : : "r"(p) : "cc", "memory");
        printf("unaligned %+d: %08x %04x %03x %08x %08x %08x\n", off, v, h, fo & F_STATUS, x,
               acc, fnv1a(m + pg - 16, 32));
    }
    uint32_t si = (uint32_t)(uintptr_t)(m + pg - 11), di = (uint32_t)(uintptr_t)(m + 5), cx = 6;
    asm volatile("rep movsl" : "+S"(si), "+D"(di), "+c"(cx) : : "memory");
    printf("unaligned rep movsl: %08x\n", fnv1a(m, 40));
    munmap(m, 2 * pg);
}

static void cpuid_rdtsc(void)
{
    uint32_t a, b, c, d;
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
    /* Values are the (emulated) CPU's own; print only properties every
     * P6-class CPU has: leaf 1 exists, the vendor string is printable. */
    char v[13];
    memcpy(v, &b, 4);
    memcpy(v + 4, &d, 4);
    memcpy(v + 8, &c, 4);
    int printable = 1;
    for (int i = 0; i < 12; i++) {
        printable &= v[i] >= 0x20 && v[i] < 0x7f;
    }
    printf("cpuid: max leaf >= 1: %d, vendor printable: %d\n", a >= 1, printable);
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    printf("cpuid 1: tsc %d cx8 %d cmov %d\n", !!(d & (1 << 4)), !!(d & (1 << 8)),
           !!(d & (1 << 15)));
    uint64_t last = 0;
    int mono = 1;
    for (int i = 0; i < 2000; i++) {
        uint32_t lo, hi;
        asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
        uint64_t t = (uint64_t)hi << 32 | lo;
        mono &= t >= last;
        last = t;
    }
    printf("rdtsc monotonic: %d\n", mono);
}

int main(void)
{
    setup_stdout();
    xchg_xadd();
    cmpxchg();
    lahf_sahf();
    conversions();
    lea_forms();
    xlat();
    gs_tls();
    seg_overrides();
    prefixes();
    unaligned();
    cpuid_rdtsc();
    /* Last: QEMU 7.2 fails it (see cmpxchg8b_keeps_flags). */
    cmpxchg8b_keeps_flags();
    return 0;
}
