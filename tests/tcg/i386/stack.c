/*
 * Stack and control transfer: PUSH/POP of registers, memory, immediates
 * (imm8 sign-extended, imm32, 16-bit pushw), PUSH ESP (pushes the value
 * before the push, SDM Vol. 2B PUSH), POP ESP, POP to an ESP-based memory
 * operand (address computed after the increment, SDM Vol. 2B POP), PUSHA/
 * POPA (32 and 16 bit), PUSHF/POPF (which EFLAGS bits a user program can
 * change: status flags, DF, AC, ID; IF and IOPL are silently kept at CPL 3,
 * SDM Vol. 2B POPF Table 4-16), ENTER with nesting levels 0..5 and 31+1
 * (level is taken modulo 32), LEAVE, CALL/RET near direct and indirect
 * (register, memory), RET imm16, JMP indirect (register, memory, table).
 *
 * Every test runs on a private stack (stk[]), so the printed stack words
 * are deterministic; addresses in them are guest addresses of this static
 * executable, identical natively and under the emulator.
 */
#include "common.h"

static uint32_t stk[256] __attribute__((aligned(64)));
uint32_t saved_esp, r_esp, r_ebp, r_eax, r_ebx, r_ecx, r_edx, r_esi, r_edi, mval = 0xfeedf00d;
uint16_t mval16 = 0xbeef;

#define STK_TOP "stk+1024-64"
#define ENTER_STK "movl %%esp, saved_esp\n\tmovl $" STK_TOP ", %%esp\n\t"
#define LEAVE_STK "movl %%esp, r_esp\n\tmovl saved_esp, %%esp\n\t"

static void dump(const char *what)
{
    printf("%s: esp%+d", what, (int)(r_esp - (uint32_t)(uintptr_t)&stk[240]));
    for (int i = 200; i < 256; i++) {
        if (stk[i] != 0x5a5a5a5a) {
            printf(" [%d]%x", i - 240, stk[i]);
        }
    }
    printf("\n");
}

static void clear(void)
{
    for (int i = 0; i < 256; i++) {
        stk[i] = 0x5a5a5a5a;
    }
}

static void push_pop(void)
{
    clear();
    asm volatile(ENTER_STK
                 "pushl $-5\n\t"
                 "pushl $0x12345678\n\t"
                 "pushw $0x4321\n\t"
                 "pushw mval16\n\t"
                 "pushl mval\n\t"
                 "pushl %%esp\n\t"
                 "movl $0xaabbccdd, %%eax\n\t"
                 "pushw %%ax\n\t"
                 "popl %%ebx\n\t"           /* mixes the 16-bit push with the word below */
                 "popw %%cx\n\t"
                 "popl mval\n\t"            /* pops the pushed ESP into memory */
                 "pushl $0x11111111\n\t"
                 "pushl $0x22222222\n\t"
                 "popl 4(%%esp)\n\t"        /* address computed after the pop */
                 "movl %%ebx, r_ebx\n\t"
                 "movl %%ecx, r_ecx\n\t"
                 LEAVE_STK
                 : : : "eax", "ebx", "ecx", "memory");
    r_ecx &= 0xffff;
    printf("push/pop: ebx %x cx %x mval %+d\n", r_ebx, r_ecx,
           (int)(mval - (uint32_t)(uintptr_t)&stk[240]));
    dump("push/pop");
    /* POP ESP: the popped value becomes ESP. */
    clear();
    stk[230] = (uint32_t)(uintptr_t)&stk[220];
    asm volatile("movl %%esp, saved_esp\n\tmovl $stk+4*230, %%esp\n\tpopl %%esp\n\t"
                 "pushl $0x33\n\t" LEAVE_STK : : : "memory");
    dump("pop esp");
}

static void pusha(void)
{
    clear();
    asm volatile("pushl %%ebp\n\t"
                 "movl $0x11, %%eax\n\tmovl $0x22, %%ecx\n\tmovl $0x33, %%edx\n\t"
                 "movl $0x44, %%ebx\n\tmovl $0x66, %%ebp\n\tmovl $0x77, %%esi\n\tmovl $0x88, %%edi\n\t"
                 ENTER_STK
                 "pushal\n\t"
                 "movl $0x99, 12(%%esp)\n\t"    /* the ESP slot is ignored by POPA */
                 "movl $0xaa, 16(%%esp)\n\t"    /* EBX slot */
                 "popal\n\t"
                 "movl %%ebx, r_ebx\n\t"
                 "movl %%ebp, r_ebp\n\t"
                 "pushw $0x1234\n\t"
                 "pushaw\n\t"
                 "movw $0x5555, 14(%%esp)\n\t"  /* AX slot of PUSHAW */
                 "popaw\n\t"
                 "movl %%eax, r_eax\n\t"
                 "movl %%edi, r_edi\n\t"
                 LEAVE_STK
                 "popl %%ebp"
                 : : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory");
    printf("pusha: ebx %x ebp %x eax %x edi %x\n", r_ebx, r_ebp, r_eax, r_edi);
    dump("pusha");
}

static void flags(void)
{
    /* AC is set and cleared again with no memory access in between other
     * than aligned stack pushes (Linux sets CR0.AM, so with AC=1 an
     * unaligned access would raise #AC). */
    static const uint32_t tries[] = {
        0x00000000, 0x00000ed5, 0x00040000, 0x00200000, 0x00003000, 0x00244ed5, 0x00000400,
    };
    for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        uint32_t out, v = tries[i] | F_BASE;
        asm volatile("pushfl\n\tpushl %[v]\n\tpopfl\n\tpushfl\n\tpopl %[o]\n\tpopfl"
                     : [o] "=r"(out) : [v] "r"(v) : "cc", "memory");
        /* Print the bits a CPL-3 program sees: status, DF, IF, IOPL, AC, ID. */
        printf("popf %08x -> %08x\n", v, out & 0x00247ed7);
        uint16_t w;
        asm volatile("pushfl\n\tpushw %w[v]\n\tpopfw\n\tpushfw\n\tpopw %w[o]\n\tpopfl"
                     : [o] "=r"(w) : [v] "r"(v) : "cc", "memory");
        printf("popfw %04x -> %04x\n", v & 0xffff, w & 0x7ed7);
    }
}

/* ENTER: EBP points at a fake chain of frame pointers in stk[]. */
static void enter_leave(void)
{
    static const int levels[] = { 0, 1, 2, 3, 5, 33 };
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        clear();
        for (int j = 0; j < 8; j++) {
            stk[243 - j] = 0xf0000000 + j; /* frame pointers at ebp-4, ebp-8, ... */
        }
        uint32_t ebp_before = (uint32_t)(uintptr_t)&stk[244];
        r_ebp = ebp_before;
        switch (levels[i]) {
#define ENTER(lvl)                                                            \
        case lvl:                                                             \
            asm volatile("pushl %%ebp\n\tmovl r_ebp, %%ebp\n\t" ENTER_STK      \
                         "enter $12, $" #lvl "\n\t"                           \
                         "movl %%ebp, r_ebp\n\t"                              \
                         "movl %%esp, r_ecx\n\t"                              \
                         "leave\n\t"                                          \
                         "movl %%ebp, r_ebx\n\t"                              \
                         LEAVE_STK "popl %%ebp" : : : "memory");              \
            break;
        ENTER(0) ENTER(1) ENTER(2) ENTER(3) ENTER(5) ENTER(33)
        }
        printf("enter $12,$%d: ebp %+d esp %+d after leave ebp %+d\n", levels[i],
               (int)(r_ebp - ebp_before), (int)(r_ecx - ebp_before), (int)(r_ebx - ebp_before));
        dump("enter");
    }
    /* 16-bit ENTER (0x66): pushes BP and 16-bit frame pointers. */
    clear();
    stk[243] = 0xf0f1f2f3;
    r_ebp = (uint32_t)(uintptr_t)&stk[244];
    asm volatile("pushl %%ebp\n\tmovl r_ebp, %%ebp\n\t" ENTER_STK
                 "enterw $6, $2\n\tmovl %%ebp, r_ebp\n\tmovl %%esp, r_ecx\n\t"
                 "leavew\n\tmovl %%ebp, r_ebx\n\t"
                 LEAVE_STK "popl %%ebp" : : : "memory");
    printf("enterw $6,$2: ebp %x esp %+d after leavew ebp %x\n",
           r_ebp - (uint32_t)(uintptr_t)stk, (int)(r_ecx - (uint32_t)(uintptr_t)stk),
           r_ebx - (uint32_t)(uintptr_t)stk);
    dump("enterw");
}

/* Callees in assembly: sum3 adds its three stack arguments and pops them
 * itself (RET imm16). */
asm(".text\n"
    "sum3:\n\t"
    "movl 4(%esp), %eax\n\taddl 8(%esp), %eax\n\taddl 12(%esp), %eax\n\tret $12\n"
    "get_eip:\n\t"
    "movl (%esp), %eax\n\tret\n"
    "twice:\n\t"
    "addl %eax, %eax\n\tret\n"
    "thrice:\n\t"
    "leal (%eax,%eax,2), %eax\n\tret\n");

static void calls(void)
{
    uint32_t r, e1, e2;
    asm volatile("movl %%esp, %[e1]\n\tpushl $3\n\tpushl $0x20\n\tpushl $0x100\n\tcall sum3\n\t"
                 "movl %%esp, %[e2]"
                 : "=a"(r), [e1] "=r"(e1), [e2] "=r"(e2) : : "ecx", "edx", "memory");
    printf("call/ret $12: %x esp %+d\n", r, (int)(e2 - e1));
    /* CALL pushes the address of the next instruction. */
    asm volatile("call get_eip\n1:\n\tsubl $1b, %%eax" : "=a"(r) : : "memory");
    printf("call pushes next eip: %d\n", r);
    /* Indirect calls through a register and through memory. */
    static void *targets[2];
    asm volatile("movl $twice, (%0)\n\tmovl $thrice, 4(%0)" : : "r"(targets) : "memory");
    uint32_t v = 7;
    asm volatile("call *%[t]" : "+a"(v) : [t] "r"(targets[0]) : "memory");
    asm volatile("call *(%[p])" : "+a"(v) : [p] "r"(&targets[1]) : "memory");
    asm volatile("call *4(%[p],%[i],4)" : "+a"(v) : [p] "r"(targets), [i] "r"(-1) : "memory");
    printf("indirect calls: %u\n", v);
    /* JMP through a register, memory, and a jump table. */
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t out;
        asm volatile("jmp *2f(,%[i],4)\n\t"
                     ".section .rodata\n\t.p2align 2\n2:\n\t.long 10f, 11f, 12f, 13f\n\t.text\n"
                     "10:\tmovl $100, %[o]\n\tjmp 3f\n"
                     "11:\tmovl $101, %[o]\n\tjmp 3f\n"
                     "12:\tmovl $102, %[o]\n\tjmp 3f\n"
                     "13:\tmovl $103, %[o]\n3:"
                     : [o] "=r"(out) : [i] "r"(i));
        uint32_t out2, tgt;
        asm volatile("movl $4f, %[t]\n\tjmp *%[t]\n\tmovl $1, %[o]\n4:\tmovl $2, %[o]"
                     : [o] "=r"(out2), [t] "=&r"(tgt));
        uint32_t out3, slot;
        asm volatile("movl $5f, %[s]\n\tjmp *%[s]\n\tmovl $1, %[o]\n5:\tmovl $3, %[o]"
                     : [o] "=r"(out3), [s] "=m"(slot));
        /* Direct JMP rel8 (EB) and rel32 (E9, over more than 127 bytes). */
        uint32_t out4 = 0;
        asm volatile("jmp 6f\n\t.fill 200, 1, 0xcc\n6:\tjmp 7f\n\tud2\n7:\tmovl $4, %[o]"
                     : [o] "+r"(out4));
        printf("jmp table %u -> %u %u %u %u\n", i, out, out2, out3, out4);
    }
}

/* Recursion: deep call chains exercise return prediction in emulators. */
static int __attribute__((noinline)) ack(int m, int n)
{
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ack(m - 1, 1);
    }
    return ack(m - 1, ack(m, n - 1));
}

/* longjmp skips return addresses a return-stack predictor may still hold */
#include <setjmp.h>
static jmp_buf jb;
static volatile int zero = 0;
static int __attribute__((noinline)) deep(int n)
{
    if (n < 0) {
        return 0;
    }
    if (n == zero) {
        longjmp(jb, 42);
    }
    return deep(n - 1) + 1;
}

int main(void)
{
    setup_stdout();
    push_pop();
    pusha();
    flags();
    enter_leave();
    calls();
    printf("ack(2,3)=%d ack(3,5)=%d\n", ack(2, 3), ack(3, 5));
    for (int i = 0; i < 5; i++) {
        int r = setjmp(jb);
        if (r == 0) {
            deep(10 + i * 37);
        }
        printf("longjmp out of depth %d: %d\n", 10 + i * 37, r);
    }
    return 0;
}
