/*
 * Helpers of the i386 front end, listed once for exec/helper-proto.h and
 * exec/helper-gen.h.  Flags: NO_RWG = reads no guest global (everything it
 * needs is an argument); NO_WG = writes none; SE = no side effects.
 */

/* cc_helper.c: lazy flags */
DEF_HELPER_FLAGS_4(cc_compute_all, TCG_CALL_NO_RWG_SE, i32, i32, i32, i32, int)
DEF_HELPER_FLAGS_4(cc_compute_c, TCG_CALL_NO_RWG_SE, i32, i32, i32, i32, int)
DEF_HELPER_FLAGS_1(read_eflags, TCG_CALL_NO_WG, i32, env)
DEF_HELPER_FLAGS_3(write_eflags, 0, void, env, i32, i32)

/* excp_helper.c */
DEF_HELPER_FLAGS_2(raise_exception, 0, noreturn, env, int)
DEF_HELPER_FLAGS_3(raise_exception_err, 0, noreturn, env, int, int)
DEF_HELPER_FLAGS_3(raise_interrupt, 0, noreturn, env, int, int)

/* int_helper.c: multiply/divide, BCD */
DEF_HELPER_FLAGS_2(divb_AL, 0, void, env, i32)
DEF_HELPER_FLAGS_2(idivb_AL, 0, void, env, i32)
DEF_HELPER_FLAGS_2(divw_AX, 0, void, env, i32)
DEF_HELPER_FLAGS_2(idivw_AX, 0, void, env, i32)
DEF_HELPER_FLAGS_2(divl_EAX, 0, void, env, i32)
DEF_HELPER_FLAGS_2(idivl_EAX, 0, void, env, i32)
DEF_HELPER_FLAGS_1(daa, 0, void, env)
DEF_HELPER_FLAGS_1(das, 0, void, env)
DEF_HELPER_FLAGS_1(aaa, 0, void, env)
DEF_HELPER_FLAGS_1(aas, 0, void, env)
DEF_HELPER_FLAGS_2(aam, 0, void, env, int)
DEF_HELPER_FLAGS_2(aad, 0, void, env, int)
DEF_HELPER_FLAGS_3(rcl, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_3(rcr, TCG_CALL_NO_WG, i32, env, i32, i32)

/* misc_helper.c */
DEF_HELPER_FLAGS_1(cpuid, 0, void, env)
DEF_HELPER_FLAGS_1(rdtsc, 0, void, env)

/* string_helper.c: REP MOVS/STOS fast paths (restartable: ECX/ESI/EDI
 * are updated per element) */
DEF_HELPER_FLAGS_2(rep_movs, 0, void, env, int)
DEF_HELPER_FLAGS_2(rep_stos, 0, void, env, int)

/* atomic_helper.c: LOCKed read-modify-writes when guest threads run in
 * parallel (CF_PARALLEL); they return the old memory value */
DEF_HELPER_FLAGS_4(atomic_rmw, 0, i32, env, i32, i32, i32)
DEF_HELPER_FLAGS_5(atomic_cmpxchg, 0, i32, env, i32, i32, i32, i32)
DEF_HELPER_FLAGS_2(atomic_cmpxchg8b, 0, i64, env, i32)

/* fpu_helper.c: the x87 (issue 4); the last argument is x87_form()'s */
DEF_HELPER_FLAGS_5(x87, 0, i32, env, i32, i32, i32, i32)
DEF_HELPER_FLAGS_1(fwait, 0, void, env)

/* System-level helpers, one file per owner (no include guards: this list is
 * included once per DEF_HELPER expansion). */
#include "target/i386/helper-seg.h"
#include "target/i386/helper-sys.h"
#include "target/i386/helper-io.h"
#include "target/i386/helper-sse.h"
