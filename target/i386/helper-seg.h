/*
 * seg_helper.c, interrupt and task-switch helpers: segment loads, far
 * transfers (every mode; the helpers check PE/VM themselves), LLDT/LTR,
 * SYSENTER/SYSEXIT.  Part of helper.h (no include guard).
 */
DEF_HELPER_FLAGS_3(load_seg, 0, void, env, int, i32)
DEF_HELPER_FLAGS_4(ljmp_protected, 0, void, env, i32, i32, i32)
DEF_HELPER_FLAGS_5(lcall_protected, 0, void, env, i32, i32, i32, int)
DEF_HELPER_FLAGS_3(lret_protected, 0, void, env, int, int)
DEF_HELPER_FLAGS_2(iret_protected, 0, void, env, int)
DEF_HELPER_FLAGS_2(lar, 0, i32, env, i32)
DEF_HELPER_FLAGS_2(lsl, 0, i32, env, i32)
DEF_HELPER_FLAGS_2(verr, 0, void, env, i32)
DEF_HELPER_FLAGS_2(verw, 0, void, env, i32)
DEF_HELPER_FLAGS_4(bound, 0, void, env, i32, i32, int)

DEF_HELPER_FLAGS_2(lldt, 0, void, env, i32)
DEF_HELPER_FLAGS_2(ltr, 0, void, env, i32)
DEF_HELPER_FLAGS_1(sysenter, 0, void, env)
DEF_HELPER_FLAGS_1(sysexit, 0, void, env)
