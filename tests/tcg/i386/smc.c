/*
 * Run-time code generation and self-modifying code.
 *
 *  1. Generate "mov $imm, %eax; ret" in an RWX buffer, run it; rewrite the
 *     immediate, run; rewrite the opcode (a different instruction at the
 *     same address), run.
 *  2. Patch and run the same function 3000 times in a loop (each run must
 *     see the latest immediate).
 *  3. Code that stores into an instruction later in its own basic block,
 *     including the very next instruction, and then executes it.  On P6 and
 *     later a store that hits a prefetched instruction invalidates the
 *     prefetch queue, so the modified instruction is what executes (SDM
 *     Vol. 3A 11.6 "Self-Modifying Code").
 *  4. A loop whose body rewrites its own loop-counter increment.
 *  5. W^X flow: write into an RW mapping, mprotect it RX, run; mprotect RW,
 *     rewrite, mprotect RX, run.
 *  6. Code in a page shared with data that C code keeps writing.
 */
#include "common.h"
#include <sys/mman.h>
#include <unistd.h>

typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn1)(uint32_t);

static uint8_t *rwx;

static void emit_mov_ret(uint8_t *p, uint32_t v)
{
    p[0] = 0xb8;                 /* mov $v, %eax */
    memcpy(p + 1, &v, 4);
    p[5] = 0xc3;                 /* ret */
}

static void basic(void)
{
    fn0 f = (fn0)rwx;
    emit_mov_ret(rwx, 0x11111111);
    printf("gen: %x\n", f());
    uint32_t v = 0x22222222;
    memcpy(rwx + 1, &v, 4);      /* new immediate */
    printf("new imm: %x\n", f());
    rwx[0] = 0xb9;               /* mov $imm, %ecx ... */
    rwx[5] = 0x91;               /* xchg %eax, %ecx */
    rwx[6] = 0xc3;
    printf("new opcode: %x\n", f());
    /* A different instruction length at the same address. */
    rwx[0] = 0x31; rwx[1] = 0xc0;              /* xor %eax, %eax */
    rwx[2] = 0x40;                             /* inc %eax */
    rwx[3] = 0xc1; rwx[4] = 0xe0; rwx[5] = 9;  /* shl $9, %eax */
    rwx[6] = 0xc3;
    printf("new length: %x\n", f());
}

static void loop_patch(void)
{
    fn1 f = (fn1)rwx;
    /* add $imm, %eax ; ret  with the argument at 4(%esp) */
    static const uint8_t tmpl[] = { 0x8b, 0x44, 0x24, 0x04, 0x05, 0, 0, 0, 0, 0xc3 };
    memcpy(rwx, tmpl, sizeof(tmpl));
    uint32_t acc = 0, h = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t k = i * 2654435761u;
        memcpy(rwx + 5, &k, 4);
        if (i % 7 == 3) {
            rwx[4] = 0x2d;       /* sub $imm, %eax */
        } else {
            rwx[4] = 0x05;       /* add $imm, %eax */
        }
        acc = f(acc);
        h = h * 31 + acc;
    }
    printf("patched 3000 times: %x %x\n", acc, h);
}

/* Code that patches itself within one basic block.
 *   movl $imm2, (target+1)     ; store into the next instruction's immediate
 *   target: movl $imm1, %eax   ; executes with imm2
 *   movb $0x40, (t2)           ; turn the following NOP into INC %eax
 *   t2: nop
 *   movb $0x48, (t3+0)... etc.
 */
static void same_block(void)
{
    uint8_t *p = rwx;
    uint32_t base = (uint32_t)(uintptr_t)rwx;
    /* C7 05 addr32 imm32: movl $0x33333333, target+1 */
    uint32_t target = base + 10;
    *p++ = 0xc7; *p++ = 0x05;
    memcpy(p, &(uint32_t){ target + 1 }, 4); p += 4;
    memcpy(p, &(uint32_t){ 0x33333333 }, 4); p += 4;
    /* target: mov $0x11111111, %eax */
    *p++ = 0xb8;
    memcpy(p, &(uint32_t){ 0x11111111 }, 4); p += 4;
    /* C6 05 addr32 imm8: movb $0x40, t2  (0x40 = inc %eax) */
    uint32_t t2 = (uint32_t)(uintptr_t)p - base + base + 7;
    *p++ = 0xc6; *p++ = 0x05;
    memcpy(p, &t2, 4); p += 4;
    *p++ = 0x40;
    *p++ = 0x90;                  /* t2: nop -> inc %eax */
    /* Patch an instruction several instructions ahead: 83 C0 ib */
    uint32_t t3 = (uint32_t)(uintptr_t)p + 7 + 3;
    *p++ = 0xc6; *p++ = 0x05;
    memcpy(p, &(uint32_t){ t3 + 2 }, 4); p += 4;
    *p++ = 0x70;                  /* new ib */
    *p++ = 0x90; *p++ = 0x90; *p++ = 0x90;
    *p++ = 0x83; *p++ = 0xc0; *p++ = 0x01;  /* t3: add $1 -> add $0x70 */
    *p++ = 0xc3;
    uint32_t r = ((fn0)rwx)();
    printf("same-block patch: %x\n", r);
    /* The code was changed by itself: running it again runs the new bytes
     * from the start (the first store rewrites the same value). */
    r = ((fn0)rwx)();
    printf("second run: %x\n", r);
}

/* A loop that rewrites its own increment each iteration:
 *   xor %eax,%eax ; mov $10,%ecx
 * l: add $1,%eax           (83 C0 ib at offset 7)
 *    incb (l+2)            (FE 05 addr32)
 *    loop l
 *    ret
 * Each iteration adds one more than the previous one: 1+2+...+10. */
static void self_loop(void)
{
    uint8_t *p = rwx;
    uint32_t base = (uint32_t)(uintptr_t)rwx;
    *p++ = 0x31; *p++ = 0xc0;
    *p++ = 0xb9; memcpy(p, &(uint32_t){ 10 }, 4); p += 4;
    uint32_t l = base + (p - rwx);
    *p++ = 0x83; *p++ = 0xc0; *p++ = 0x01;
    *p++ = 0xfe; *p++ = 0x05; memcpy(p, &(uint32_t){ l + 2 }, 4); p += 4;
    *p++ = 0xe2;
    *p = (uint8_t)(l - (base + (p - rwx) + 1));
    p++;
    *p++ = 0xc3;
    printf("self-modifying loop: %u\n", ((fn0)rwx)());
    printf("again (starts from 11): %u\n", ((fn0)rwx)());
}

static void wx_flow(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int round = 0; round < 4; round++) {
        mprotect(m, pg, PROT_READ | PROT_WRITE);
        emit_mov_ret(m, 0xa0000000 + round);
        if (round & 1) {
            m[0] = 0xba;         /* mov $imm, %edx; mov %edx, %eax; ret */
            m[5] = 0x89; m[6] = 0xd0; m[7] = 0xc3;
        }
        mprotect(m, pg, PROT_READ | PROT_EXEC);
        printf("w^x round %d: %x\n", round, ((fn0)m)());
    }
    munmap(m, pg);
}

/* Code and data in the same page: the data writes must not disturb the
 * code, and the code rewrite must be seen. */
static void shared_page(void)
{
    uint8_t *code = rwx + 2048;
    volatile uint32_t *data = (uint32_t *)(rwx + 2048 + 64);
    emit_mov_ret(code, 0x5150);
    uint32_t s = 0;
    for (int i = 0; i < 500; i++) {
        data[i & 15] += i;          /* same page as the code */
        s += ((fn0)code)();
        if (i == 250) {
            code[1] = 0x07;         /* imm low byte 0x50 -> 0x07 */
        }
    }
    printf("code+data page: %x %x\n", s, data[3]);
}

int main(void)
{
    setup_stdout();
    rwx = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    basic();
    loop_patch();
    same_block();
    self_loop();
    wx_flow();
    shared_page();
    return 0;
}
