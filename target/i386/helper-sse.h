/*
 * MMX/SSE/SSE2 helpers (sse_helper.c).  Part of helper.h (no include guard).
 */
/* One MMX/SSE/SSE2 instruction: SSE_CODE(op, pfx, modrm, imm, seg) and the
 * memory operand's linear address; returns EFLAGS for COMISS & co. */
DEF_HELPER_FLAGS_3(sse, 0, i32, env, i32, i32)
/* The user-mode fast path's xmm integer operations (no fault, no MXCSR):
 * code = op | reg << 8 | imm << 16, the source quadwords */
DEF_HELPER_FLAGS_4(sse_xmm_int, TCG_CALL_NO_RWG, i32, env, i32, i64, i64)
/* The MMX fast path's state check failed: #MF or the MMX transition */
DEF_HELPER_FLAGS_1(mmx_prepare, 0, void, env)
