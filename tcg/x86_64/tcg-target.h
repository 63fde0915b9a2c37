/*
 * x86-64 host: register numbers and the fixed register/frame conventions
 * of generated code.
 *
 *   r14  env (CPUArchState *), for the whole life of generated code
 *   r15  guest_base in user mode (host address = r15 + zero-extended addr32)
 *   rsp  the frame: [rsp, rsp + TCG_STATIC_CALL_ARGS_SIZE) outgoing call
 *        arguments, then TCG_STATIC_FRAME_SIZE bytes of spill slots
 * Everything else is allocatable; the callee-saved registers come first in
 * the allocation order so values survive helper calls.
 */
#ifndef TCG_X86_64_TCG_TARGET_H
#define TCG_X86_64_TCG_TARGET_H

enum {
    TCG_REG_RAX = 0, TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RBX,
    TCG_REG_RSP, TCG_REG_RBP, TCG_REG_RSI, TCG_REG_RDI,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
};

#define TCG_AREG0           TCG_REG_R14
#define TCG_REG_GUEST_BASE  TCG_REG_R15
#define TCG_REG_CALL_STACK  TCG_REG_RSP

#define TCG_STATIC_CALL_ARGS_SIZE 128
#define TCG_STATIC_FRAME_SIZE     (512 * 8)

#endif
