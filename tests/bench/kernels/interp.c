/* Bench kernel: a small bytecode interpreter dispatching with computed
 * goto (one indirect branch per bytecode) running nested loops that compute
 * a checksum; ARG scales the outer loop count. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, XOR, SHR, DUP, JNZ, DEC, HALT, AND, SWAP };

int main(int argc, char **argv)
{
    int32_t outer = argc > 1 ? atoi(argv[1]) : 3000;
    /* vars: 0 = i (outer), 1 = j (inner), 2 = acc */
    const int32_t prog[] = {
        /* 0 */ PUSH, 0, STORE, 2,
        /* 4 */ PUSH, 0, STORE, 0,          /* placeholder: i set below */
        /* 8 */ PUSH, 1000, STORE, 1,       /* j = 1000 */
        /* 12 */ LOAD, 2, PUSH, 31, MUL, LOAD, 1, XOR, LOAD, 0, ADD, PUSH, 0xffffff, AND, STORE, 2,
        /* 28 */ LOAD, 2, PUSH, 3, SHR, LOAD, 2, ADD, STORE, 2,
        /* 38 */ LOAD, 1, DEC, DUP, STORE, 1, JNZ, 12,
        /* 46 */ LOAD, 0, DEC, DUP, STORE, 0, JNZ, 8,
        /* 54 */ HALT,
    };
    int32_t code[sizeof(prog) / sizeof(prog[0])];
    for (size_t k = 0; k < sizeof(prog) / sizeof(prog[0]); k++) {
        code[k] = prog[k];
    }
    code[5] = outer;
    static void *const ops[] = {
        [PUSH] = &&op_push, [LOAD] = &&op_load, [STORE] = &&op_store, [ADD] = &&op_add,
        [SUB] = &&op_sub, [MUL] = &&op_mul, [XOR] = &&op_xor, [SHR] = &&op_shr,
        [DUP] = &&op_dup, [JNZ] = &&op_jnz, [DEC] = &&op_dec, [HALT] = &&op_halt,
        [AND] = &&op_and, [SWAP] = &&op_swap,
    };
    int32_t stack[64], *sp = stack, vars[4] = { 0 };
    const int32_t *pc = code;
#define NEXT goto *ops[*pc++]
    NEXT;
op_push: *sp++ = *pc++; NEXT;
op_load: *sp++ = vars[*pc++]; NEXT;
op_store: vars[*pc++] = *--sp; NEXT;
op_add: sp--; sp[-1] += sp[0]; NEXT;
op_sub: sp--; sp[-1] -= sp[0]; NEXT;
op_mul: sp--; sp[-1] *= sp[0]; NEXT;
op_xor: sp--; sp[-1] ^= sp[0]; NEXT;
op_and: sp--; sp[-1] &= sp[0]; NEXT;
op_shr: sp--; sp[-1] = (uint32_t)sp[-1] >> sp[0]; NEXT;
op_dup: sp[0] = sp[-1]; sp++; NEXT;
op_swap: { int32_t t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; } NEXT;
op_dec: sp[-1]--; NEXT;
op_jnz: { int32_t t = *pc++; if (*--sp) pc = code + t; } NEXT;
op_halt:
    printf("interp acc %d\n", vars[2]);
    return 0;
}
