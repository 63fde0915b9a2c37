/*
 * Seeded random instruction blocks.
 *
 *   random-blocks [SEED [COUNT]]
 *
 * For each of COUNT blocks: fill a scratch buffer and a register state from
 * the program's own PRNG, encode a random sequence of 1..48 instructions
 * from the table below into one RWX buffer (the same address every time, so
 * each block is self-modifying code for an emulator), run it through a
 * fixed trampoline that loads and saves EAX EBX ECX EDX ESI EDI and EFLAGS,
 * and print the registers, the flags (masked) and a hash of the scratch
 * buffer.  The output depends only on SEED and COUNT.
 *
 * Safety by construction: EBP holds the scratch buffer's address + 128 and is
 * only ever used as the base of [EBP+disp8] memory operands (never as a
 * value, so no address leaks into the output); ESP changes only through
 * PUSH/POP pairs balanced before the final RET (never inside a branch);
 * there is no division, no memory operand with a register index, no string
 * op, no PUSHF (it would copy undefined flags into memory).  Forward Jcc
 * over a few instructions and JMP over junk bytes exercise branches inside
 * a block; at the join a flag counts as undefined if it is on either path.
 *
 * Undefined flags: the generator tracks which status flags are undefined
 * after each instruction (SDM Vol. 2 "Flags Affected" of each instruction,
 * the same rules as alu.c, shift.c, muldiv.c, bitops.c), never emits an
 * instruction that reads an undefined flag (ADC/SBB/RCL/RCR/CMC need CF,
 * SETcc/CMOVcc need their condition's flags, LAHF needs SF ZF AF PF CF), and
 * masks the still-undefined flags out of the printed EFLAGS.  Shift counts
 * in CL are loaded by a MOV $imm8, %cl emitted just before the shift, so the
 * generator knows every count.
 *
 * Set RANDOM_BLOCKS_DUMP=1 to also print each block's bytes (for feeding a
 * failing block to a disassembler).
 */
#include "common.h"
#include <sys/mman.h>

/* ---- PRNG: splitmix32-style, independent of common.h's prng() ---- */
static uint32_t rng_state;
static uint32_t rnd32(void)
{
    uint32_t z = (rng_state += 0x9e3779b9u);
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
}
static uint32_t rnd(uint32_t n)
{
    return rnd32() % n;
}

/* ---- machine state handed to the trampoline ---- */
struct state {
    uint32_t eax, ebx, ecx, edx, esi, edi, eflags;
};
struct state st;
uint8_t scratch[256] __attribute__((aligned(16)));
void *code_ptr;

/* run_block(): loads st into the registers, EBP = scratch, EFLAGS from
 * st.eflags; calls the block; stores everything back into st. */
void run_block(void);
asm(".text\n"
    ".globl run_block\n"
    "run_block:\n\t"
    "push %ebp\n\tpush %ebx\n\tpush %esi\n\tpush %edi\n\t"
    "pushl st+24\n\tpopfl\n\t"
    "movl st+4, %ebx\n\tmovl st+8, %ecx\n\tmovl st+12, %edx\n\t"
    "movl st+16, %esi\n\tmovl st+20, %edi\n\tmovl $scratch+128, %ebp\n\t"
    "movl st+0, %eax\n\t"
    "call *code_ptr\n\t"
    "pushfl\n\tpopl st+24\n\t"
    "movl %eax, st+0\n\tmovl %ebx, st+4\n\tmovl %ecx, st+8\n\tmovl %edx, st+12\n\t"
    "movl %esi, st+16\n\tmovl %edi, st+20\n\t"
    "cld\n\t"
    "pop %edi\n\tpop %esi\n\tpop %ebx\n\tpop %ebp\n\tret\n");

/* ---- encoder ---- */
static uint8_t *pc;
static uint32_t undef;        /* status flags currently undefined */

static void b(uint32_t x) { *pc++ = (uint8_t)x; }
static void w16(uint32_t x) { b(x); b(x >> 8); }
static void w32(uint32_t x) { w16(x); w16(x >> 16); }

/* Registers usable as 16/32-bit values: EAX ECX EDX EBX ESI EDI. */
static const int gpr[6] = { 0, 1, 2, 3, 6, 7 };
static int rreg(int sz) { return sz == 8 ? (int)rnd(8) : gpr[rnd(6)]; }
static int rsize(void) { static const int s[3] = { 8, 16, 32 }; return s[rnd(3)]; }
static void opsize(int sz) { if (sz == 16) b(0x66); }
static int wbit(int sz) { return sz != 8; }

/* ModRM with a register operand / with [EBP+disp8] inside scratch. */
static void modrm_reg(int reg, int rm) { b(0xc0 | reg << 3 | rm); }
static void modrm_mem(int reg, int sz)
{
    int bytes = sz / 8;
    b(0x45 | reg << 3);
    /* EBP = scratch + 128; disp8 is signed: -128..127-bytes+1 */
    b(((rnd(256 - bytes + 1) & ~(bytes - 1)) - 128) & 0xff);
}
static void imm(int sz)
{
    uint32_t v = rnd32();
    if (sz == 8) b(v); else if (sz == 16) w16(v); else w32(v);
}

/* Flag bookkeeping: `def` become defined, `und` become undefined. */
static void flags(uint32_t def, uint32_t und) { undef = (undef & ~def) | und; }

static const uint32_t cond_reads[16] = {
    F_OF, F_OF, F_CF, F_CF, F_ZF, F_ZF, F_CF | F_ZF, F_CF | F_ZF,
    F_SF, F_SF, F_PF, F_PF, F_SF | F_OF, F_SF | F_OF, F_ZF | F_SF | F_OF, F_ZF | F_SF | F_OF,
};
/* A condition whose flags are all defined, or -1. */
static int pick_cond(void)
{
    int start = rnd(16);
    for (int i = 0; i < 16; i++) {
        int cc = (start + i) & 15;
        if (!(cond_reads[cc] & undef)) {
            return cc;
        }
    }
    return -1;
}

#define ARITH F_STATUS
#define LOGIC_DEF (F_CF | F_OF | F_SF | F_ZF | F_PF)

/* ADD OR ADC SBB AND SUB XOR CMP (op 0..7) */
static int gen_alu(void)
{
    int op = rnd(8), sz = rsize(), form = rnd(6);
    if ((op == 2 || op == 3) && (undef & F_CF)) {
        return 0;
    }
    opsize(sz);
    switch (form) {
    case 0: case 1: /* reg,reg both directions */
        b(op << 3 | form << 1 | wbit(sz));
        modrm_reg(rreg(sz), rreg(sz));
        break;
    case 2: case 3: /* mem,reg (LOCK sometimes) / reg,mem */
        if (form == 2 && op != 7 && rnd(4) == 0) {
            if (sz == 16) pc--;                 /* LOCK, then the 0x66 again */
            b(0xf0);
            if (sz == 16) b(0x66);
        }
        b(op << 3 | (form - 2) << 1 | wbit(sz));
        modrm_mem(rreg(sz), sz);
        break;
    case 4: /* reg,imm: accumulator short form, 80/81 or 83 ib */
        if (rnd(3) == 0) {
            b(op << 3 | 4 | wbit(sz));
            imm(sz);
        } else if (sz != 8 && rnd(2)) {
            b(0x83);
            modrm_reg(op, rreg(sz));
            imm(8);
        } else {
            b(sz == 8 ? 0x80 : 0x81);
            modrm_reg(op, rreg(sz));
            imm(sz);
        }
        break;
    case 5: /* mem,imm */
        if (sz != 8 && rnd(2)) {
            b(0x83);
            modrm_mem(op, sz);
            imm(8);
        } else {
            b(sz == 8 ? 0x80 : 0x81);
            modrm_mem(op, sz);
            imm(sz);
        }
        break;
    }
    if (op == 1 || op == 4 || op == 6) {
        flags(LOGIC_DEF, F_AF);
    } else {
        flags(ARITH, 0);
    }
    return 1;
}

static int gen_test(void)
{
    int sz = rsize();
    opsize(sz);
    switch (rnd(4)) {
    case 0: b(0x84 | wbit(sz)); modrm_reg(rreg(sz), rreg(sz)); break;
    case 1: b(0x84 | wbit(sz)); modrm_mem(rreg(sz), sz); break;
    case 2: b(0xa8 | wbit(sz)); imm(sz); break;
    case 3: b(0xf6 | wbit(sz)); modrm_reg(0, rreg(sz)); imm(sz); break;
    }
    flags(LOGIC_DEF, F_AF);
    return 1;
}

/* INC DEC NEG NOT */
static int gen_unary(void)
{
    int sz = rsize(), k = rnd(4), mem = rnd(3) == 0;
    opsize(sz);
    if (k < 2 && sz != 8 && !mem && rnd(2)) {
        b((k ? 0x48 : 0x40) + gpr[rnd(6)]);    /* short INC/DEC */
    } else if (k < 2) {
        b(0xfe | wbit(sz));
        if (mem) modrm_mem(k, sz); else modrm_reg(k, rreg(sz));
    } else {
        b(0xf6 | wbit(sz));
        int ext = k == 2 ? 3 : 2;               /* NEG /3, NOT /2 */
        if (mem) modrm_mem(ext, sz); else modrm_reg(ext, rreg(sz));
    }
    if (k < 2) {
        flags(F_OF | F_SF | F_ZF | F_AF | F_PF, 0);  /* CF unchanged */
    } else if (k == 2) {
        flags(ARITH, 0);
    }
    return 1;
}

/* Shifts/rotates: ROL ROR RCL RCR SHL SHR SAR by 1, imm8 or CL. */
static int gen_shift(void)
{
    static const int ops[7] = { 0, 1, 2, 3, 4, 5, 7 };
    int op = ops[rnd(7)], sz = rsize(), form = rnd(3), mem = rnd(4) == 0;
    uint32_t count = form == 0 ? 1 : rnd(4) == 0 ? rnd(256) : rnd(34);
    if ((op == 2 || op == 3) && (undef & F_CF)) {
        return 0;
    }
    if (form == 2) {
        b(0xb1);                                /* mov $count, %cl */
        b(count);
    }
    opsize(sz);
    b((form == 0 ? 0xd0 : form == 1 ? 0xc0 : 0xd2) | wbit(sz));
    if (mem) modrm_mem(op, sz); else modrm_reg(op, rreg(sz));
    if (form == 1) {
        b(count);
    }
    uint32_t c = count & 31;
    if (c == 0) {
        return 1;                               /* no flags affected */
    }
    uint32_t of = c == 1 ? 0 : F_OF;
    if (op < 4) {
        flags(F_CF | F_OF, of);
    } else {
        uint32_t cf = (op != 7 && c >= (uint32_t)sz) ? F_CF : 0;
        flags(F_STATUS, F_AF | of | cf);
    }
    return 1;
}

static int gen_shxd(void)
{
    int sz = rnd(2) ? 16 : 32, right = rnd(2), bycl = rnd(2);
    uint32_t count = rnd(sz == 16 ? 17 : 32);
    if (rnd(4) == 0 && sz == 32) {
        count += 32 * rnd(8);                   /* only the low 5 bits count */
    }
    if (bycl) {
        b(0xb1);
        b(count);
    }
    opsize(sz);
    b(0x0f);
    b((right ? 0xac : 0xa4) | bycl);
    if (rnd(4) == 0) modrm_mem(rreg(sz), sz); else modrm_reg(rreg(sz), rreg(sz));
    if (!bycl) {
        b(count);
    }
    uint32_t c = count & 31;
    if (c) {
        flags(F_CF | F_SF | F_ZF | F_PF | F_OF, F_AF | (c == 1 ? 0 : F_OF));
    }
    return 1;
}

static int gen_mul(void)
{
    int sz = rsize(), k = rnd(5);
    opsize(sz);
    switch (k) {
    case 0: case 1: /* MUL / IMUL one operand */
        b(0xf6 | wbit(sz));
        if (rnd(3) == 0) modrm_mem(4 + k, sz); else modrm_reg(4 + k, rreg(sz));
        break;
    case 2: /* IMUL r, r/m */
        if (sz == 8) { sz = 32; }
        b(0x0f); b(0xaf);
        if (rnd(3) == 0) modrm_mem(gpr[rnd(6)], sz); else modrm_reg(gpr[rnd(6)], gpr[rnd(6)]);
        break;
    case 3: case 4: /* IMUL r, r/m, imm8 / imm */
        if (sz == 8) { sz = 32; }
        b(k == 3 ? 0x6b : 0x69);
        if (rnd(3) == 0) modrm_mem(gpr[rnd(6)], sz); else modrm_reg(gpr[rnd(6)], gpr[rnd(6)]);
        imm(k == 3 ? 8 : sz);
        break;
    }
    flags(F_CF | F_OF, F_SF | F_ZF | F_AF | F_PF);
    return 1;
}

static int gen_setcc_cmov(void)
{
    int cc = pick_cond();
    if (cc < 0) {
        return 0;
    }
    if (rnd(2)) {
        b(0x0f); b(0x90 + cc);
        if (rnd(3) == 0) modrm_mem(0, 8); else modrm_reg(0, rnd(8));
    } else {
        int sz = rnd(2) ? 16 : 32;
        opsize(sz);
        b(0x0f); b(0x40 + cc);
        if (rnd(3) == 0) modrm_mem(gpr[rnd(6)], sz); else modrm_reg(gpr[rnd(6)], gpr[rnd(6)]);
    }
    return 1;
}

static int gen_lea(void)
{
    int sz = rnd(4) == 0 ? 16 : 32, dst = gpr[rnd(6)];
    opsize(sz);
    if (rnd(5) == 0) {
        /* 0x67: 16-bit addressing without BP: BX+SI BX+DI SI DI BX, or disp16 */
        static const int rms[5] = { 0, 1, 4, 5, 7 };
        b(0x67);
        b(0x8d);
        int mod = rnd(3);
        if (rnd(6) == 0) {
            b(dst << 3 | 6);
            w16(rnd32());
            return 1;
        }
        b(mod << 6 | dst << 3 | rms[rnd(5)]);
        if (mod == 1) b(rnd32()); else if (mod == 2) w16(rnd32());
        return 1;
    }
    b(0x8d);
    int mod = rnd(3);
    if (rnd(2)) {
        /* SIB: base any value register (or none with mod 0), index any
         * value register or none, any scale */
        int base = rnd(7) == 0 ? 5 : gpr[rnd(6)];
        int index = rnd(7) == 0 ? 4 : gpr[rnd(6)];
        if (base == 5) mod = 0;
        b(mod << 6 | dst << 3 | 4);
        b(rnd(4) << 6 | index << 3 | base);
        if (base == 5 || mod == 2) w32(rnd32()); else if (mod == 1) b(rnd32());
    } else if (rnd(8) == 0) {
        b(dst << 3 | 5);                        /* disp32 alone */
        w32(rnd32());
    } else {
        b(mod << 6 | dst << 3 | gpr[rnd(6)]);
        if (mod == 1) b(rnd32()); else if (mod == 2) w32(rnd32());
    }
    return 1;
}

static int gen_bit(void)
{
    int sz = rnd(2) ? 16 : 32, op = rnd(4), k = rnd(3);
    opsize(sz);
    b(0x0f);
    if (k == 0) { /* BT/BTS/BTR/BTC reg,reg */
        b(0xa3 + op * 8);
        modrm_reg(gpr[rnd(6)], gpr[rnd(6)]);
    } else {      /* 0F BA /4+op ib, reg or mem: offset = imm mod size */
        b(0xba);
        if (k == 1) modrm_reg(4 + op, gpr[rnd(6)]); else modrm_mem(4 + op, sz);
        b(rnd(256));
    }
    flags(F_CF, F_OF | F_SF | F_AF | F_PF);     /* ZF unchanged */
    return 1;
}

static int gen_move(void)
{
    int sz = rsize();
    switch (rnd(8)) {
    case 0: /* mov reg, imm */
        opsize(sz);
        b((sz == 8 ? 0xb0 : 0xb8) + (sz == 8 ? rnd(8) : gpr[rnd(6)]));
        imm(sz);
        break;
    case 1: /* mov reg,reg / reg,mem / mem,reg */
        opsize(sz);
        b(0x88 | rnd(2) << 1 | wbit(sz));
        if (rnd(2)) modrm_mem(rreg(sz), sz); else modrm_reg(rreg(sz), rreg(sz));
        break;
    case 2: /* MOVZX/MOVSX */
    {
        int from = rnd(2) ? 8 : 16, to = from == 8 && rnd(2) ? 16 : 32;
        opsize(to);
        b(0x0f);
        b((rnd(2) ? 0xbe : 0xb6) | (from == 16));
        if (rnd(3) == 0) modrm_mem(gpr[rnd(6)], from); else modrm_reg(gpr[rnd(6)], rreg(from));
        break;
    }
    case 3: /* XCHG */
        opsize(sz);
        if (sz != 8 && rnd(2)) {
            b(0x90 + gpr[1 + rnd(5)]);
        } else {
            b(0x86 | wbit(sz));
            if (rnd(3) == 0) modrm_mem(rreg(sz), sz); else modrm_reg(rreg(sz), rreg(sz));
        }
        break;
    case 4: /* BSWAP */
        b(0x0f);
        b(0xc8 + gpr[rnd(6)]);
        break;
    case 5: /* CBW CWDE CWD CDQ */
        if (rnd(2)) b(0x66);
        b(0x98 + rnd(2));
        break;
    case 6: /* XADD / CMPXCHG: flags as ADD / CMP */
        opsize(sz);
        b(0x0f);
        b((rnd(2) ? 0xc0 : 0xb0) | wbit(sz));
        if (rnd(3) == 0) modrm_mem(rreg(sz), sz); else modrm_reg(rreg(sz), rreg(sz));
        flags(ARITH, 0);
        break;
    case 7: /* LAHF / SAHF / CLC / STC / CMC */
    {
        int k = rnd(5);
        if (k == 0) {
            if (undef & (F_SF | F_ZF | F_AF | F_PF | F_CF)) return 0;
            b(0x9f);
        } else if (k == 1) {
            b(0x9e);
            flags(F_SF | F_ZF | F_AF | F_PF | F_CF, 0);
        } else if (k == 4) {
            if (undef & F_CF) return 0;
            b(0xf5);
        } else {
            b(k == 2 ? 0xf8 : 0xf9);
            flags(F_CF, 0);
        }
        break;
    }
    }
    return 1;
}

/* An ADC/SBB chain: multi-word arithmetic through memory and registers. */
static int gen_chain(void)
{
    if (undef & F_CF) {
        b(0xf8 + rnd(2));                       /* CLC / STC first */
        flags(F_CF, 0);
    }
    int n = 2 + rnd(4), op = rnd(2) ? 2 : 3;
    for (int i = 0; i < n; i++) {
        b(op << 3 | rnd(2) << 1 | 1);
        if (rnd(2)) modrm_mem(gpr[rnd(6)], 32); else modrm_reg(gpr[rnd(6)], gpr[rnd(6)]);
    }
    flags(ARITH, 0);
    return 1;
}


/* DAA DAS AAA AAS AAM AAD (SDM Vol. 2A "Flags Affected"). */
static int gen_bcd(void)
{
    switch (rnd(4)) {
    case 0: /* DAA / DAS read AF and CF; OF undefined */
        if (undef & (F_AF | F_CF)) return 0;
        b(rnd(2) ? 0x27 : 0x2f);
        flags(F_CF | F_AF | F_SF | F_ZF | F_PF, F_OF);
        break;
    case 1: /* AAA / AAS read AF; define AF CF only */
        if (undef & F_AF) return 0;
        b(rnd(2) ? 0x37 : 0x3f);
        flags(F_AF | F_CF, F_OF | F_SF | F_ZF | F_PF);
        break;
    default: /* AAM / AAD with a non-zero base */
        b(rnd(2) ? 0xd4 : 0xd5);
        b(1 + rnd(255));
        flags(F_SF | F_ZF | F_PF, F_OF | F_AF | F_CF);
        break;
    }
    return 1;
}

/* CMPXCHG8B [EBP+disp8] (LOCK sometimes): ZF defined, CF PF AF SF OF
 * unaffected (SDM Vol. 2A CMPXCHG8B).  QEMU 7.2 gets the unaffected flags
 * wrong after most flag producers; RANDOM_BLOCKS_NO_CMPXCHG8B=1 leaves the
 * instruction out, to check the rest of the table against such an
 * emulator (the output then differs from the default one, but natively and
 * emulated alike). */
static int no_cx8;
static int gen_cx8(void)
{
    if (no_cx8) return 0;
    if (rnd(2)) b(0xf0);
    b(0x0f);
    b(0xc7);
    modrm_mem(1, 64);
    flags(F_ZF, 0);
    return 1;
}

/* PUSH/POP, balanced by the end of the block (see gen_block). */
static int depth;
static uint8_t pushed[16];   /* operand size of each pushed value */
static int in_branch;

static int gen_pushpop(void)
{
    if (in_branch) return 0;
    if (depth < 16 && (depth == 0 || rnd(2))) {
        int sz = rnd(4) == 0 ? 16 : 32;
        opsize(sz);
        switch (rnd(4)) {
        case 0: b(0x50 + gpr[rnd(6)]); break;
        case 1: b(0x6a); b(rnd32()); break;
        case 2: b(0x68); imm(sz); break;
        case 3: b(0xff); modrm_mem(6, sz); break;
        }
        pushed[depth++] = sz;
    } else {
        int sz = pushed[--depth];
        opsize(sz);
        if (rnd(3)) b(0x58 + gpr[rnd(6)]);
        else { b(0x8f); modrm_mem(0, sz); }
    }
    return 1;
}

static int gen_one(void);

/* A forward Jcc over 1..4 instructions, or a JMP over junk bytes that must
 * never be decoded.  At the join, a flag is undefined if it is undefined on
 * either path. */
static int gen_branch(void)
{
    if (in_branch) return 0;
    if (rnd(4) == 0) {
        int n = 1 + rnd(8);
        b(0xeb);
        b(n);
        for (int i = 0; i < n; i++) b(rnd(256));
        return 1;
    }
    int cc = pick_cond();
    if (cc < 0) return 0;
    b(0x70 + cc);
    uint8_t *disp = pc;
    b(0);
    uint32_t before = undef;
    in_branch = 1;
    int n = 1 + rnd(4);
    for (int i = 0; i < n; i++) {
        uint8_t *start = pc;
        uint32_t u = undef;
        if (!gen_one()) { pc = start; undef = u; }
    }
    in_branch = 0;
    *disp = (uint8_t)(pc - disp - 1);
    undef |= before;
    return 1;
}

static int (*const gens[])(void) = {
    gen_alu, gen_alu, gen_alu, gen_test, gen_unary, gen_shift, gen_shift, gen_shxd, gen_mul,
    gen_setcc_cmov, gen_setcc_cmov, gen_lea, gen_bit, gen_move, gen_move, gen_chain, gen_bcd,
    gen_cx8, gen_pushpop, gen_pushpop, gen_branch, gen_branch,
};

static int gen_one(void)
{
    return gens[rnd(sizeof(gens) / sizeof(gens[0]))]();
}

/* Top-level instruction boundaries of the last block, with the stack depth
 * there, for RANDOM_BLOCKS_TRACE. */
static size_t bound_off[64];
static int bound_depth[64], nbounds;
static uint8_t pushed_at[64][16];

static size_t gen_block(uint8_t *code)
{
    int n = 1 + rnd(48);
    nbounds = 0;
    pc = code;
    undef = 0;
    depth = 0;
    for (int i = 0; i < n; i++) {
        uint8_t *start = pc;
        uint32_t u = undef;
        int d = depth;
        if (!gen_one()) {
            pc = start;     /* not possible in this state: no bytes */
            undef = u;
            depth = d;
            continue;
        }
        bound_off[nbounds] = pc - code;
        for (int k = 0; k < depth; k++) {
            pushed_at[nbounds][k] = pushed[k] / 8;
        }
        bound_depth[nbounds++] = depth;
    }
    while (depth > 0) {     /* balance the stack before RET */
        int sz = pushed[--depth];
        opsize(sz);
        b(0x58 + gpr[rnd(6)]);
    }
    b(0xc3);
    return pc - code;
}

/*
 * RANDOM_BLOCKS_TRACE=N: before running block N, run each prefix of it
 * (the first k top-level instructions, then a stack fix-up and RET) from
 * the same initial state and print the state after it, so that the first
 * instruction whose result differs under an emulator is the first differing
 * "trace" line.  Flags are printed unmasked: compare with the mask of the
 * full run in mind.
 */
static void trace_block(uint8_t *code, size_t len)
{
    static uint8_t saved_code[4096], saved_scratch[sizeof(scratch)];
    struct state saved_st = st;
    memcpy(saved_code, code, len);
    memcpy(saved_scratch, scratch, sizeof(scratch));
    for (int k = 0; k < nbounds; k++) {
        size_t off = bound_off[k];
        uint8_t *p = code + off;
        memcpy(code, saved_code, off);
        /* Undo the pending pushes without touching flags: LEA n(%esp),%esp
         * with the exact byte count. */
        uint32_t n = 0;
        for (int d = 0; d < bound_depth[k]; d++) {
            n += pushed_at[k][d];
        }
        if (n) {
            *p++ = 0x8d; *p++ = 0xa4; *p++ = 0x24;   /* lea disp32(%esp), %esp */
            memcpy(p, &n, 4);
            p += 4;
        }
        *p = 0xc3;
        st = saved_st;
        memcpy(scratch, saved_scratch, sizeof(scratch));
        run_block();
        printf("trace %d @%zx: %08x %08x %08x %08x %08x %08x f%03x m%08x\n", k, off, st.eax,
               st.ebx, st.ecx, st.edx, st.esi, st.edi, st.eflags & F_STATUS,
               fnv1a(scratch, sizeof(scratch)));
    }
    memcpy(code, saved_code, len);
    st = saved_st;
    memcpy(scratch, saved_scratch, sizeof(scratch));
}

int main(int argc, char **argv)
{
    uint32_t seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
    uint32_t count = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000;
    int dump = getenv("RANDOM_BLOCKS_DUMP") != NULL;
    const char *trace_env = getenv("RANDOM_BLOCKS_TRACE");
    long trace = trace_env ? atol(trace_env) : -1;
    no_cx8 = getenv("RANDOM_BLOCKS_NO_CMPXCHG8B") != NULL;
    setup_stdout();
    uint8_t *code = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    code_ptr = code;
    rng_state = seed;
    printf("random-blocks seed %u count %u\n", seed, count);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t *regs = &st.eax;
        for (int r = 0; r < 6; r++) {
            regs[r] = rnd(4) == 0 ? vals32[rnd(NVALS)] : rnd32();
        }
        st.eflags = F_BASE | (rnd32() & F_STATUS);
        for (size_t k = 0; k < sizeof(scratch); k += 4) {
            uint32_t v = rnd32();
            memcpy(scratch + k, &v, 4);
        }
        size_t len = gen_block(code);
        if (dump) {
            printf("%u code", i);
            for (size_t k = 0; k < len; k++) {
                printf(" %02x", code[k]);
            }
            printf("\n");
        }
        if ((long)i == trace) {
            trace_block(code, len);
        }
        run_block();
        printf("%u: %08x %08x %08x %08x %08x %08x f%03x/%03x m%08x\n", i, st.eax, st.ebx, st.ecx,
               st.edx, st.esi, st.edi, st.eflags & F_STATUS & ~undef, F_STATUS & ~undef,
               fnv1a(scratch, sizeof(scratch)));
    }
    return 0;
}
