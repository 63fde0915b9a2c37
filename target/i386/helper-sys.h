/*
 * Control registers, debug registers, MSRs, TLB maintenance, SMM
 * (sys_helper.c, smm_helper.c).  The translator ends the TB after each of
 * them except get_dr.  Part of helper.h (no include guard).
 */
DEF_HELPER_FLAGS_3(write_crN, 0, void, env, int, i32)   /* MOV CRn, r32 (n = 0, 2, 3, 4) */
DEF_HELPER_FLAGS_2(lmsw, 0, void, env, i32)
DEF_HELPER_FLAGS_1(clts, 0, void, env)
DEF_HELPER_FLAGS_3(set_dr, 0, void, env, int, i32)
DEF_HELPER_FLAGS_2(get_dr, 0, i32, env, int)
DEF_HELPER_FLAGS_2(invlpg, 0, void, env, i32)            /* linear address */
DEF_HELPER_FLAGS_1(rdmsr, 0, void, env)                  /* ECX -> EDX:EAX */
DEF_HELPER_FLAGS_1(wrmsr, 0, void, env)
DEF_HELPER_FLAGS_1(rsm, 0, void, env)
/* The single-step trap after an instruction run with EFLAGS.TF: sets
 * DR6.BS and raises #DB (eip already at the next instruction). */
DEF_HELPER_FLAGS_1(single_step, 0, noreturn, env)
