/*
 * MMX/SSE/SSE2 helpers (sse_helper.c).  Part of helper.h (no include guard).
 */
/* One MMX/SSE/SSE2 instruction: SSE_CODE(op, pfx, modrm, imm, seg) and the
 * memory operand's linear address; returns EFLAGS for COMISS & co. */
DEF_HELPER_FLAGS_3(sse, 0, i32, env, i32, i32)
