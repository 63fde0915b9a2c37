/*
 * The i386 instruction table: one row per instruction form, with its
 * encoding (map, opcode, ModRM.reg extension), operand form (flags,
 * immediate) and translator handler.  Included by decode.c (encodings) and
 * translate.c (handlers) with
 *     X(map, opcode, ext, name, flags, imm, handler, arg)
 * ext is -1 unless the opcode is a group (X_GRP), whose rows are 0..7.
 * Opcode map: SDM vol. 2D, appendix A (tables ).
 */

/* ALU ops in encoding order: arg of gen_alu. */
#define ALU_ROWS(base, nm, op, lk)                                          \
    X(0, (base) + 0, -1, nm, X_M | X_B | (lk), IMM_NONE, gen_alu, op)      \
    X(0, (base) + 1, -1, nm, X_M | (lk), IMM_NONE, gen_alu, op)            \
    X(0, (base) + 2, -1, nm, X_M | X_B | X_DIR, IMM_NONE, gen_alu, op)     \
    X(0, (base) + 3, -1, nm, X_M | X_DIR, IMM_NONE, gen_alu, op)           \
    X(0, (base) + 4, -1, nm, X_B, IMM_B, gen_alu, op)                      \
    X(0, (base) + 5, -1, nm, 0, IMM_Z, gen_alu, op)

#define REG_ROWS(map, base, nm, fl, imm, fn)                                \
    X(map, (base) + 0, -1, nm, fl, imm, fn, 0)                             \
    X(map, (base) + 1, -1, nm, fl, imm, fn, 1)                             \
    X(map, (base) + 2, -1, nm, fl, imm, fn, 2)                             \
    X(map, (base) + 3, -1, nm, fl, imm, fn, 3)                             \
    X(map, (base) + 4, -1, nm, fl, imm, fn, 4)                             \
    X(map, (base) + 5, -1, nm, fl, imm, fn, 5)                             \
    X(map, (base) + 6, -1, nm, fl, imm, fn, 6)                             \
    X(map, (base) + 7, -1, nm, fl, imm, fn, 7)

/* A condition-coded family of 16 opcodes (Jcc, SETcc, CMOVcc). */
#define CC_ROWS(map, base, nm, fl, imm, fn)                                 \
    REG_ROWS(map, base, nm, fl, imm, fn)                                   \
    X(map, (base) + 8, -1, nm, fl, imm, fn, 8)                             \
    X(map, (base) + 9, -1, nm, fl, imm, fn, 9)                             \
    X(map, (base) + 10, -1, nm, fl, imm, fn, 10)                           \
    X(map, (base) + 11, -1, nm, fl, imm, fn, 11)                           \
    X(map, (base) + 12, -1, nm, fl, imm, fn, 12)                           \
    X(map, (base) + 13, -1, nm, fl, imm, fn, 13)                           \
    X(map, (base) + 14, -1, nm, fl, imm, fn, 14)                           \
    X(map, (base) + 15, -1, nm, fl, imm, fn, 15)

/* Group 1: ALU op selected by ModRM.reg. */
#define GRP1_ROWS(opc, fl, imm)                                             \
    X(0, opc, -1, "grp1", X_M | X_GRP | (fl), IMM_NONE, NULL, 0)           \
    X(0, opc, 0, "add", X_M | X_LOCK | (fl), imm, gen_alu, 0)              \
    X(0, opc, 1, "or", X_M | X_LOCK | (fl), imm, gen_alu, 1)               \
    X(0, opc, 2, "adc", X_M | X_LOCK | (fl), imm, gen_alu, 2)              \
    X(0, opc, 3, "sbb", X_M | X_LOCK | (fl), imm, gen_alu, 3)              \
    X(0, opc, 4, "and", X_M | X_LOCK | (fl), imm, gen_alu, 4)              \
    X(0, opc, 5, "sub", X_M | X_LOCK | (fl), imm, gen_alu, 5)              \
    X(0, opc, 6, "xor", X_M | X_LOCK | (fl), imm, gen_alu, 6)              \
    X(0, opc, 7, "cmp", X_M | (fl), imm, gen_alu, 7)

/* Group 2: shifts and rotates, op selected by ModRM.reg (6 = SAL alias). */
#define GRP2_ROWS(opc, fl, imm)                                             \
    X(0, opc, -1, "grp2", X_M | X_GRP | (fl), IMM_NONE, NULL, 0)           \
    X(0, opc, 0, "rol", X_M | (fl), imm, gen_shift, 0)                     \
    X(0, opc, 1, "ror", X_M | (fl), imm, gen_shift, 1)                     \
    X(0, opc, 2, "rcl", X_M | (fl), imm, gen_shift, 2)                     \
    X(0, opc, 3, "rcr", X_M | (fl), imm, gen_shift, 3)                     \
    X(0, opc, 4, "shl", X_M | (fl), imm, gen_shift, 4)                     \
    X(0, opc, 5, "shr", X_M | (fl), imm, gen_shift, 5)                     \
    X(0, opc, 6, "sal", X_M | (fl), imm, gen_shift, 6)                     \
    X(0, opc, 7, "sar", X_M | (fl), imm, gen_shift, 7)

/* Group 3: TEST/NOT/NEG/MUL/IMUL/DIV/IDIV. */
#define GRP3_ROWS(opc, fl, imm)                                             \
    X(0, opc, -1, "grp3", X_M | X_GRP | (fl), IMM_NONE, NULL, 0)           \
    X(0, opc, 0, "test", X_M | (fl), imm, gen_alu, 8)                      \
    X(0, opc, 1, "test", X_M | (fl), imm, gen_alu, 8)                      \
    X(0, opc, 2, "not", X_M | X_LOCK | (fl), IMM_NONE, gen_not_neg, 0)     \
    X(0, opc, 3, "neg", X_M | X_LOCK | (fl), IMM_NONE, gen_not_neg, 1)     \
    X(0, opc, 4, "mul", X_M | (fl), IMM_NONE, gen_mul_div, 0)              \
    X(0, opc, 5, "imul", X_M | (fl), IMM_NONE, gen_mul_div, 1)             \
    X(0, opc, 6, "div", X_M | (fl), IMM_NONE, gen_mul_div, 2)              \
    X(0, opc, 7, "idiv", X_M | (fl), IMM_NONE, gen_mul_div, 3)

/* x87 escape D8..DF: ModRM only; the handler decides (issue 4). */
#define X87_ROW(opc) X(0, opc, -1, "x87", X_M, IMM_NONE, gen_x87, 0)

/* MMX/SSE/SSE2 rows: gen_sse (translate-sse.c) passes them to helper_sse,
 * whose table knows each (mandatory prefix, opcode); the rest are #UD. */
#define SSE_ROW(opc) X(1, opc, -1, "sse", X_M, IMM_NONE, gen_sse, 0)
#define SSE_ROW_IB(opc) X(1, opc, -1, "sse", X_M, IMM_UB, gen_sse, 0)
/* 0F 78/79: VMREAD/VMWRITE (VMX), EXTRQ/INSERTQ (AMD SSE4a): not on a P4 */
#define SSE_UD_ROW(opc) X(1, opc, -1, "vmx/sse4a", X_M | X_UD, IMM_NONE, gen_illegal, 0)
#define SSE_ROWS4(opc) SSE_ROW(opc) SSE_ROW((opc) + 1) SSE_ROW((opc) + 2) SSE_ROW((opc) + 3)
#define SSE_ROWS16(opc) SSE_ROWS4(opc) SSE_ROWS4((opc) + 4) SSE_ROWS4((opc) + 8) \
    SSE_ROWS4((opc) + 12)

/* ---------------- one-byte map ---------------- */
ALU_ROWS(0x00, "add", 0, X_LOCK)
X(0, 0x06, -1, "push es", 0, IMM_NONE, gen_push_seg, 0)
X(0, 0x07, -1, "pop es", 0, IMM_NONE, gen_pop_seg, 0)
ALU_ROWS(0x08, "or", 1, X_LOCK)
X(0, 0x0e, -1, "push cs", 0, IMM_NONE, gen_push_seg, 1)
ALU_ROWS(0x10, "adc", 2, X_LOCK)
X(0, 0x16, -1, "push ss", 0, IMM_NONE, gen_push_seg, 2)
X(0, 0x17, -1, "pop ss", 0, IMM_NONE, gen_pop_seg, 2)
ALU_ROWS(0x18, "sbb", 3, X_LOCK)
X(0, 0x1e, -1, "push ds", 0, IMM_NONE, gen_push_seg, 3)
X(0, 0x1f, -1, "pop ds", 0, IMM_NONE, gen_pop_seg, 3)
ALU_ROWS(0x20, "and", 4, X_LOCK)
X(0, 0x27, -1, "daa", 0, IMM_NONE, gen_bcd, 0)
ALU_ROWS(0x28, "sub", 5, X_LOCK)
X(0, 0x2f, -1, "das", 0, IMM_NONE, gen_bcd, 1)
ALU_ROWS(0x30, "xor", 6, X_LOCK)
X(0, 0x37, -1, "aaa", 0, IMM_NONE, gen_bcd, 2)
ALU_ROWS(0x38, "cmp", 7, 0)
X(0, 0x3f, -1, "aas", 0, IMM_NONE, gen_bcd, 3)
REG_ROWS(0, 0x40, "inc", 0, IMM_NONE, gen_inc_reg)
REG_ROWS(0, 0x48, "dec", 0, IMM_NONE, gen_dec_reg)
REG_ROWS(0, 0x50, "push", 0, IMM_NONE, gen_push_reg)
REG_ROWS(0, 0x58, "pop", 0, IMM_NONE, gen_pop_reg)
X(0, 0x60, -1, "pusha", 0, IMM_NONE, gen_pusha, 0)
X(0, 0x61, -1, "popa", 0, IMM_NONE, gen_popa, 0)
X(0, 0x62, -1, "bound", X_M | X_MEM | X_DIR, IMM_NONE, gen_bound, 0)
X(0, 0x63, -1, "arpl", X_M | X_W, IMM_NONE, gen_arpl, 0)
X(0, 0x68, -1, "push", 0, IMM_Z, gen_push_imm, 0)
X(0, 0x69, -1, "imul", X_M | X_DIR, IMM_Z, gen_imul3, 0)
X(0, 0x6a, -1, "push", 0, IMM_B, gen_push_imm, 0)
X(0, 0x6b, -1, "imul", X_M | X_DIR, IMM_B, gen_imul3, 0)
X(0, 0x6c, -1, "insb", X_B, IMM_NONE, gen_io, 0)
X(0, 0x6d, -1, "ins", 0, IMM_NONE, gen_io, 0)
X(0, 0x6e, -1, "outsb", X_B, IMM_NONE, gen_io, 0)
X(0, 0x6f, -1, "outs", 0, IMM_NONE, gen_io, 0)
CC_ROWS(0, 0x70, "jcc", 0, IMM_JB, gen_jcc)
GRP1_ROWS(0x80, X_B, IMM_B)
GRP1_ROWS(0x81, 0, IMM_Z)
GRP1_ROWS(0x82, X_B, IMM_B)
GRP1_ROWS(0x83, 0, IMM_B)
X(0, 0x84, -1, "test", X_M | X_B, IMM_NONE, gen_alu, 8)
X(0, 0x85, -1, "test", X_M, IMM_NONE, gen_alu, 8)
X(0, 0x86, -1, "xchg", X_M | X_B | X_LOCK, IMM_NONE, gen_xchg, 0)
X(0, 0x87, -1, "xchg", X_M | X_LOCK, IMM_NONE, gen_xchg, 0)
X(0, 0x88, -1, "mov", X_M | X_B, IMM_NONE, gen_mov, 0)
X(0, 0x89, -1, "mov", X_M, IMM_NONE, gen_mov, 0)
X(0, 0x8a, -1, "mov", X_M | X_B | X_DIR, IMM_NONE, gen_mov, 0)
X(0, 0x8b, -1, "mov", X_M | X_DIR, IMM_NONE, gen_mov, 0)
X(0, 0x8c, -1, "mov from sreg", X_M, IMM_NONE, gen_mov_from_seg, 0)
X(0, 0x8d, -1, "lea", X_M | X_MEM | X_DIR, IMM_NONE, gen_lea, 0)
X(0, 0x8e, -1, "mov to sreg", X_M | X_W, IMM_NONE, gen_mov_to_seg, 0)
X(0, 0x8f, -1, "grp1a", X_M | X_GRP, IMM_NONE, NULL, 0)
X(0, 0x8f, 0, "pop", X_M, IMM_NONE, gen_pop_rm, 0)
X(0, 0x90, -1, "nop", 0, IMM_NONE, gen_nop90, 0)
X(0, 0x91, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 1)
X(0, 0x92, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 2)
X(0, 0x93, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 3)
X(0, 0x94, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 4)
X(0, 0x95, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 5)
X(0, 0x96, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 6)
X(0, 0x97, -1, "xchg", 0, IMM_NONE, gen_xchg_eax, 7)
X(0, 0x98, -1, "cbw/cwde", 0, IMM_NONE, gen_cbw, 0)
X(0, 0x99, -1, "cwd/cdq", 0, IMM_NONE, gen_cwd, 0)
X(0, 0x9a, -1, "callf", 0, IMM_AP, gen_far_imm, 1)
X(0, 0x9b, -1, "fwait", 0, IMM_NONE, gen_fwait, 0)
X(0, 0x9c, -1, "pushf", 0, IMM_NONE, gen_pushf, 0)
X(0, 0x9d, -1, "popf", 0, IMM_NONE, gen_popf, 0)
X(0, 0x9e, -1, "sahf", 0, IMM_NONE, gen_sahf, 0)
X(0, 0x9f, -1, "lahf", 0, IMM_NONE, gen_lahf, 0)
X(0, 0xa0, -1, "mov", X_B, IMM_MOFFS, gen_mov_moffs, 0)
X(0, 0xa1, -1, "mov", 0, IMM_MOFFS, gen_mov_moffs, 0)
X(0, 0xa2, -1, "mov", X_B, IMM_MOFFS, gen_mov_moffs, 1)
X(0, 0xa3, -1, "mov", 0, IMM_MOFFS, gen_mov_moffs, 1)
X(0, 0xa4, -1, "movsb", X_B, IMM_NONE, gen_string, 0)
X(0, 0xa5, -1, "movs", 0, IMM_NONE, gen_string, 0)
X(0, 0xa6, -1, "cmpsb", X_B, IMM_NONE, gen_string, 1)
X(0, 0xa7, -1, "cmps", 0, IMM_NONE, gen_string, 1)
X(0, 0xa8, -1, "test", X_B, IMM_B, gen_alu, 8)
X(0, 0xa9, -1, "test", 0, IMM_Z, gen_alu, 8)
X(0, 0xaa, -1, "stosb", X_B, IMM_NONE, gen_string, 2)
X(0, 0xab, -1, "stos", 0, IMM_NONE, gen_string, 2)
X(0, 0xac, -1, "lodsb", X_B, IMM_NONE, gen_string, 3)
X(0, 0xad, -1, "lods", 0, IMM_NONE, gen_string, 3)
X(0, 0xae, -1, "scasb", X_B, IMM_NONE, gen_string, 4)
X(0, 0xaf, -1, "scas", 0, IMM_NONE, gen_string, 4)
REG_ROWS(0, 0xb0, "mov", X_B, IMM_B, gen_mov_reg_imm)
REG_ROWS(0, 0xb8, "mov", 0, IMM_Z, gen_mov_reg_imm)
GRP2_ROWS(0xc0, X_B, IMM_UB)
GRP2_ROWS(0xc1, 0, IMM_UB)
X(0, 0xc2, -1, "ret", 0, IMM_W, gen_ret, 0)
X(0, 0xc3, -1, "ret", 0, IMM_NONE, gen_ret, 0)
X(0, 0xc4, -1, "les", X_M | X_MEM | X_DIR, IMM_NONE, gen_load_far_ptr, 0)
X(0, 0xc5, -1, "lds", X_M | X_MEM | X_DIR, IMM_NONE, gen_load_far_ptr, 3)
X(0, 0xc6, -1, "grp11", X_M | X_GRP | X_B, IMM_NONE, NULL, 0)
X(0, 0xc6, 0, "mov", X_M | X_B, IMM_B, gen_mov, 0)
X(0, 0xc6, 7, "xabort", X_M | X_B | X_UD, IMM_UB, gen_illegal, 0)  /* TSX: not on a P6 */
X(0, 0xc7, -1, "grp11", X_M | X_GRP, IMM_NONE, NULL, 0)
X(0, 0xc7, 0, "mov", X_M, IMM_Z, gen_mov, 0)
X(0, 0xc7, 7, "xbegin", X_M | X_UD, IMM_JZ, gen_illegal, 0)
X(0, 0xc8, -1, "enter", 0, IMM_WB, gen_enter, 0)
X(0, 0xc9, -1, "leave", 0, IMM_NONE, gen_leave, 0)
X(0, 0xca, -1, "retf", 0, IMM_W, gen_retf, 0)
X(0, 0xcb, -1, "retf", 0, IMM_NONE, gen_retf, 0)
X(0, 0xcc, -1, "int3", 0, IMM_NONE, gen_int, 0)
X(0, 0xcd, -1, "int", 0, IMM_UB, gen_int, 1)
X(0, 0xce, -1, "into", 0, IMM_NONE, gen_int, 2)
X(0, 0xcf, -1, "iret", 0, IMM_NONE, gen_iret, 0)
GRP2_ROWS(0xd0, X_B, IMM_NONE)
GRP2_ROWS(0xd1, 0, IMM_NONE)
GRP2_ROWS(0xd2, X_B, IMM_NONE)
GRP2_ROWS(0xd3, 0, IMM_NONE)
X(0, 0xd4, -1, "aam", 0, IMM_UB, gen_bcd, 4)
X(0, 0xd5, -1, "aad", 0, IMM_UB, gen_bcd, 5)
X(0, 0xd6, -1, "salc", 0, IMM_NONE, gen_salc, 0)
X(0, 0xd7, -1, "xlat", 0, IMM_NONE, gen_xlat, 0)
X87_ROW(0xd8) X87_ROW(0xd9) X87_ROW(0xda) X87_ROW(0xdb)
X87_ROW(0xdc) X87_ROW(0xdd) X87_ROW(0xde) X87_ROW(0xdf)
X(0, 0xe0, -1, "loopne", 0, IMM_JB, gen_loop, 0)
X(0, 0xe1, -1, "loope", 0, IMM_JB, gen_loop, 1)
X(0, 0xe2, -1, "loop", 0, IMM_JB, gen_loop, 2)
X(0, 0xe3, -1, "jcxz", 0, IMM_JB, gen_loop, 3)
X(0, 0xe4, -1, "in", X_B, IMM_UB, gen_io, 0)
X(0, 0xe5, -1, "in", 0, IMM_UB, gen_io, 0)
X(0, 0xe6, -1, "out", X_B, IMM_UB, gen_io, 0)
X(0, 0xe7, -1, "out", 0, IMM_UB, gen_io, 0)
X(0, 0xe8, -1, "call", 0, IMM_JZ, gen_call_rel, 0)
X(0, 0xe9, -1, "jmp", 0, IMM_JZ, gen_jmp_rel, 0)
X(0, 0xea, -1, "jmpf", 0, IMM_AP, gen_far_imm, 0)
X(0, 0xeb, -1, "jmp", 0, IMM_JB, gen_jmp_rel, 0)
X(0, 0xec, -1, "in", X_B, IMM_NONE, gen_io, 0)
X(0, 0xed, -1, "in", 0, IMM_NONE, gen_io, 0)
X(0, 0xee, -1, "out", X_B, IMM_NONE, gen_io, 0)
X(0, 0xef, -1, "out", 0, IMM_NONE, gen_io, 0)
X(0, 0xf1, -1, "int1", 0, IMM_NONE, gen_int, 3)
X(0, 0xf4, -1, "hlt", 0, IMM_NONE, gen_privileged, 0)
X(0, 0xf5, -1, "cmc", 0, IMM_NONE, gen_flag_op, 0)
GRP3_ROWS(0xf6, X_B, IMM_B)
GRP3_ROWS(0xf7, 0, IMM_Z)
X(0, 0xf8, -1, "clc", 0, IMM_NONE, gen_flag_op, 1)
X(0, 0xf9, -1, "stc", 0, IMM_NONE, gen_flag_op, 2)
X(0, 0xfa, -1, "cli", 0, IMM_NONE, gen_cli_sti, 0)
X(0, 0xfb, -1, "sti", 0, IMM_NONE, gen_cli_sti, 1)
X(0, 0xfc, -1, "cld", 0, IMM_NONE, gen_flag_op, 3)
X(0, 0xfd, -1, "std", 0, IMM_NONE, gen_flag_op, 4)
X(0, 0xfe, -1, "grp4", X_M | X_GRP | X_B, IMM_NONE, NULL, 0)
X(0, 0xfe, 0, "inc", X_M | X_B | X_LOCK, IMM_NONE, gen_inc_dec_rm, 0)
X(0, 0xfe, 1, "dec", X_M | X_B | X_LOCK, IMM_NONE, gen_inc_dec_rm, 1)
X(0, 0xff, -1, "grp5", X_M | X_GRP, IMM_NONE, NULL, 0)
X(0, 0xff, 0, "inc", X_M | X_LOCK, IMM_NONE, gen_inc_dec_rm, 0)
X(0, 0xff, 1, "dec", X_M | X_LOCK, IMM_NONE, gen_inc_dec_rm, 1)
X(0, 0xff, 2, "call", X_M, IMM_NONE, gen_call_rm, 0)
X(0, 0xff, 3, "callf", X_M | X_MEM, IMM_NONE, gen_far_rm, 1)
X(0, 0xff, 4, "jmp", X_M, IMM_NONE, gen_jmp_rm, 0)
X(0, 0xff, 5, "jmpf", X_M | X_MEM, IMM_NONE, gen_far_rm, 0)
X(0, 0xff, 6, "push", X_M, IMM_NONE, gen_push_rm, 0)

/* ---------------- two-byte map (0F xx) ---------------- */
X(1, 0x00, -1, "grp6", X_M | X_GRP | X_W, IMM_NONE, NULL, 0)
X(1, 0x00, 0, "sldt", X_M | X_W, IMM_NONE, gen_grp6, 0)
X(1, 0x00, 1, "str", X_M | X_W, IMM_NONE, gen_grp6, 1)
X(1, 0x00, 2, "lldt", X_M | X_W, IMM_NONE, gen_grp6, 2)
X(1, 0x00, 3, "ltr", X_M | X_W, IMM_NONE, gen_grp6, 3)
X(1, 0x00, 4, "verr", X_M | X_W, IMM_NONE, gen_grp6, 4)
X(1, 0x00, 5, "verw", X_M | X_W, IMM_NONE, gen_grp6, 5)
X(1, 0x01, -1, "grp7", X_M | X_GRP, IMM_NONE, NULL, 0)
X(1, 0x01, 0, "sgdt", X_M, IMM_NONE, gen_grp7, 0)
X(1, 0x01, 1, "sidt", X_M, IMM_NONE, gen_grp7, 1)
X(1, 0x01, 2, "lgdt", X_M, IMM_NONE, gen_grp7, 2)
X(1, 0x01, 3, "lidt", X_M, IMM_NONE, gen_grp7, 3)
X(1, 0x01, 4, "smsw", X_M | X_W, IMM_NONE, gen_grp7, 4)
X(1, 0x01, 5, "grp7/5", X_M, IMM_NONE, gen_grp7, 5)
X(1, 0x01, 6, "lmsw", X_M | X_W, IMM_NONE, gen_grp7, 6)
X(1, 0x01, 7, "invlpg", X_M, IMM_NONE, gen_grp7, 7)
X(1, 0x02, -1, "lar", X_M | X_DIR, IMM_NONE, gen_lar_lsl, 0)
X(1, 0x03, -1, "lsl", X_M | X_DIR, IMM_NONE, gen_lar_lsl, 1)
X(1, 0x05, -1, "syscall", X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0x06, -1, "clts", 0, IMM_NONE, gen_privileged, 0)
X(1, 0x07, -1, "sysret", X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0x08, -1, "invd", 0, IMM_NONE, gen_privileged, 0)
X(1, 0x09, -1, "wbinvd", 0, IMM_NONE, gen_privileged, 0)
X(1, 0x0b, -1, "ud2", X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0x0d, -1, "nop (prefetch)", X_M, IMM_NONE, gen_nop_rm, 0)
X(1, 0x0e, -1, "femms", X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0x0f, -1, "3dnow", X_M | X_UD, IMM_UB, gen_illegal, 0)
SSE_ROWS4(0x10) SSE_ROWS4(0x14)
REG_ROWS(1, 0x18, "nop (hint)", X_M, IMM_NONE, gen_nop_rm)
X(1, 0x20, -1, "mov from cr", X_M | X_RM_REG, IMM_NONE, gen_privileged, 0)
X(1, 0x21, -1, "mov from dr", X_M | X_RM_REG, IMM_NONE, gen_privileged, 0)
X(1, 0x22, -1, "mov to cr", X_M | X_RM_REG, IMM_NONE, gen_privileged, 0)
X(1, 0x23, -1, "mov to dr", X_M | X_RM_REG, IMM_NONE, gen_privileged, 0)
SSE_ROWS4(0x28) SSE_ROWS4(0x2c)
X(1, 0x30, -1, "wrmsr", 0, IMM_NONE, gen_privileged, 0)
X(1, 0x31, -1, "rdtsc", 0, IMM_NONE, gen_rdtsc, 0)
X(1, 0x32, -1, "rdmsr", 0, IMM_NONE, gen_privileged, 0)
X(1, 0x33, -1, "rdpmc", 0, IMM_NONE, gen_rdpmc, 0)
X(1, 0x34, -1, "sysenter", 0, IMM_NONE, gen_sysenter, 0)
X(1, 0x35, -1, "sysexit", 0, IMM_NONE, gen_privileged, 0)
CC_ROWS(1, 0x40, "cmovcc", X_M | X_DIR, IMM_NONE, gen_cmov)
SSE_ROWS16(0x50) SSE_ROWS16(0x60)
SSE_ROW_IB(0x70) SSE_ROW_IB(0x71) SSE_ROW_IB(0x72) SSE_ROW_IB(0x73)
SSE_ROW(0x74) SSE_ROW(0x75) SSE_ROW(0x76)
X(1, 0x77, -1, "emms", 0, IMM_NONE, gen_sse, 0)
SSE_UD_ROW(0x78) SSE_UD_ROW(0x79) SSE_ROW(0x7c) SSE_ROW(0x7d) SSE_ROW(0x7e) SSE_ROW(0x7f)
CC_ROWS(1, 0x80, "jcc", 0, IMM_JZ, gen_jcc)
CC_ROWS(1, 0x90, "setcc", X_M | X_B, IMM_NONE, gen_setcc)
X(1, 0xa0, -1, "push fs", 0, IMM_NONE, gen_push_seg, 4)
X(1, 0xa1, -1, "pop fs", 0, IMM_NONE, gen_pop_seg, 4)
X(1, 0xa2, -1, "cpuid", 0, IMM_NONE, gen_cpuid, 0)
X(1, 0xa3, -1, "bt", X_M, IMM_NONE, gen_bt, 0)
X(1, 0xa4, -1, "shld", X_M, IMM_UB, gen_shld_shrd, 0)
X(1, 0xa5, -1, "shld", X_M, IMM_NONE, gen_shld_shrd, 0)
X(1, 0xa8, -1, "push gs", 0, IMM_NONE, gen_push_seg, 5)
X(1, 0xa9, -1, "pop gs", 0, IMM_NONE, gen_pop_seg, 5)
X(1, 0xaa, -1, "rsm", 0, IMM_NONE, gen_rsm, 0)
X(1, 0xab, -1, "bts", X_M | X_LOCK, IMM_NONE, gen_bt, 1)
X(1, 0xac, -1, "shrd", X_M, IMM_UB, gen_shld_shrd, 1)
X(1, 0xad, -1, "shrd", X_M, IMM_NONE, gen_shld_shrd, 1)
X(1, 0xae, -1, "grp15", X_M, IMM_NONE, gen_grp15, 0)
X(1, 0xaf, -1, "imul", X_M | X_DIR, IMM_NONE, gen_imul2, 0)
X(1, 0xb0, -1, "cmpxchg", X_M | X_B | X_LOCK, IMM_NONE, gen_cmpxchg, 0)
X(1, 0xb1, -1, "cmpxchg", X_M | X_LOCK, IMM_NONE, gen_cmpxchg, 0)
X(1, 0xb2, -1, "lss", X_M | X_MEM | X_DIR, IMM_NONE, gen_load_far_ptr, 2)
X(1, 0xb3, -1, "btr", X_M | X_LOCK, IMM_NONE, gen_bt, 2)
X(1, 0xb4, -1, "lfs", X_M | X_MEM | X_DIR, IMM_NONE, gen_load_far_ptr, 4)
X(1, 0xb5, -1, "lgs", X_M | X_MEM | X_DIR, IMM_NONE, gen_load_far_ptr, 5)
X(1, 0xb6, -1, "movzx", X_M | X_DIR, IMM_NONE, gen_movx, 0)
X(1, 0xb7, -1, "movzx", X_M | X_DIR, IMM_NONE, gen_movx, 1)
X(1, 0xb8, -1, "popcnt", X_M | X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0xb9, -1, "ud1", X_M | X_UD, IMM_NONE, gen_illegal, 0)
X(1, 0xba, -1, "grp8", X_M | X_GRP, IMM_NONE, NULL, 0)
X(1, 0xba, 4, "bt", X_M, IMM_UB, gen_bt, 0)
X(1, 0xba, 5, "bts", X_M | X_LOCK, IMM_UB, gen_bt, 1)
X(1, 0xba, 6, "btr", X_M | X_LOCK, IMM_UB, gen_bt, 2)
X(1, 0xba, 7, "btc", X_M | X_LOCK, IMM_UB, gen_bt, 3)
X(1, 0xbb, -1, "btc", X_M | X_LOCK, IMM_NONE, gen_bt, 3)
X(1, 0xbc, -1, "bsf", X_M | X_DIR, IMM_NONE, gen_bsf_bsr, 0)
X(1, 0xbd, -1, "bsr", X_M | X_DIR, IMM_NONE, gen_bsf_bsr, 1)
X(1, 0xbe, -1, "movsx", X_M | X_DIR, IMM_NONE, gen_movx, 2)
X(1, 0xbf, -1, "movsx", X_M | X_DIR, IMM_NONE, gen_movx, 3)
X(1, 0xc0, -1, "xadd", X_M | X_B | X_LOCK, IMM_NONE, gen_xadd, 0)
X(1, 0xc1, -1, "xadd", X_M | X_LOCK, IMM_NONE, gen_xadd, 0)
SSE_ROW_IB(0xc2) SSE_ROW(0xc3) SSE_ROW_IB(0xc4) SSE_ROW_IB(0xc5) SSE_ROW_IB(0xc6)
X(1, 0xc7, -1, "grp9", X_M | X_GRP, IMM_NONE, NULL, 0)
X(1, 0xc7, 1, "cmpxchg8b", X_M | X_MEM | X_LOCK, IMM_NONE, gen_cmpxchg8b, 0)
REG_ROWS(1, 0xc8, "bswap", 0, IMM_NONE, gen_bswap)
SSE_ROWS16(0xd0) SSE_ROWS16(0xe0)
SSE_ROWS4(0xf0) SSE_ROWS4(0xf4) SSE_ROWS4(0xf8)
SSE_ROW(0xfc) SSE_ROW(0xfd) SSE_ROW(0xfe)
X(1, 0xff, -1, "ud0", X_M | X_UD, IMM_NONE, gen_illegal, 0)

#undef ALU_ROWS
#undef REG_ROWS
#undef CC_ROWS
#undef GRP1_ROWS
#undef GRP2_ROWS
#undef GRP3_ROWS
#undef X87_ROW
#undef SSE_ROW
#undef SSE_ROW_IB
#undef SSE_UD_ROW
#undef SSE_ROWS4
#undef SSE_ROWS16
