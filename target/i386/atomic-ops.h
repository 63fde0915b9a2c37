/* Operations of helper_atomic_rmw (atomic_helper.c); ADD..XOR are the ALU
 * op numbers of the opcode map, so gen_alu passes its op through. */
#ifndef I386_ATOMIC_OPS_H
#define I386_ATOMIC_OPS_H

typedef enum X86AtomicOp {
    ATOMIC_ADD, ATOMIC_OR, ATOMIC_ADC, ATOMIC_SBB,
    ATOMIC_AND, ATOMIC_SUB, ATOMIC_XOR,
    ATOMIC_NOT = 8, ATOMIC_NEG, ATOMIC_INC, ATOMIC_DEC,
    ATOMIC_XCHG, ATOMIC_BTS, ATOMIC_BTR, ATOMIC_BTC,
} X86AtomicOp;

#endif
