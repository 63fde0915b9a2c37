/*
 * Helper declaration macros shared by helper-proto.h (C prototypes) and
 * helper-gen.h (TCGHelperInfo + gen_helper_*() builders).
 *
 * A front end lists its helpers once, in a file named by HELPER_H:
 *     DEF_HELPER_FLAGS_3(divl_EAX, 0, void, env, tl, tl)
 *     DEF_HELPER_2(cc_compute_all, i32, i32, int)
 * Types: void, noreturn (return only), i32, s32, int, i64, s64, ptr, env
 * (the CPUArchState pointer), tl (target_ulong; needs TARGET_LONG_BITS).
 */
#ifndef EXEC_HELPER_HEAD_H
#define EXEC_HELPER_HEAD_H

#include "tcg/tcg-types.h"

typedef struct CPUArchState CPUArchState;

#define HELPER(name) helper_##name

#define dh_ctype_void     void
#define dh_ctype_noreturn __attribute__((noreturn)) void
#define dh_ctype_i32      uint32_t
#define dh_ctype_s32      int32_t
#define dh_ctype_int      int
#define dh_ctype_i64      uint64_t
#define dh_ctype_s64      int64_t
#define dh_ctype_ptr      void *
#define dh_ctype_env      CPUArchState *
#define dh_ctype_tl       target_ulong
#define dh_ctype(t) dh_ctype_##t

/* IR handle type of each helper type. */
#define dh_tcgv_i32 TCGv_i32
#define dh_tcgv_s32 TCGv_i32
#define dh_tcgv_int TCGv_i32
#define dh_tcgv_i64 TCGv_i64
#define dh_tcgv_s64 TCGv_i64
#define dh_tcgv_ptr TCGv_ptr
#define dh_tcgv_env TCGv_ptr
#if defined(TARGET_LONG_BITS) && TARGET_LONG_BITS == 64
#define dh_tcgv_tl TCGv_i64
#define dh_temp_tl(v) tcgv_i64_temp(v)
#define dh_code_tl dh_typecode_i64
#else
#define dh_tcgv_tl TCGv_i32
#define dh_temp_tl(v) tcgv_i32_temp(v)
#define dh_code_tl dh_typecode_i32
#endif
#define dh_tcgv(t) dh_tcgv_##t
#define dh_retdecl_tl dh_tcgv_tl retval,
#define dh_retdecl0_tl dh_tcgv_tl retval
#define dh_retvar_tl dh_temp_tl(retval)
#define dh_callflag_tl 0

#define dh_temp_i32(v) tcgv_i32_temp(v)
#define dh_temp_s32(v) tcgv_i32_temp(v)
#define dh_temp_int(v) tcgv_i32_temp(v)
#define dh_temp_i64(v) tcgv_i64_temp(v)
#define dh_temp_s64(v) tcgv_i64_temp(v)
#define dh_temp_ptr(v) tcgv_ptr_temp(v)
#define dh_temp_env(v) tcgv_ptr_temp(v)
#define dh_temp(t, v) dh_temp_##t(v)

#define dh_code_void     dh_typecode_void
#define dh_code_noreturn dh_typecode_void
#define dh_code_i32      dh_typecode_i32
#define dh_code_s32      dh_typecode_s32
#define dh_code_int      dh_typecode_s32
#define dh_code_i64      dh_typecode_i64
#define dh_code_s64      dh_typecode_s64
#define dh_code_ptr      dh_typecode_ptr
#define dh_code_env      dh_typecode_ptr
#define dh_typemask(t, n) ((unsigned)(dh_code_##t) << ((n) * 3))

#define dh_callflag_void     0
#define dh_callflag_noreturn TCG_CALL_NO_RETURN
#define dh_callflag_i32      0
#define dh_callflag_s32      0
#define dh_callflag_int      0
#define dh_callflag_i64      0
#define dh_callflag_s64      0
#define dh_callflag_ptr      0
#define dh_callflag(t) dh_callflag_##t

/* Return-value parameter of gen_helper_*(): none for void helpers. */
#define dh_retdecl_void
#define dh_retdecl_noreturn
#define dh_retdecl_i32 TCGv_i32 retval,
#define dh_retdecl_s32 TCGv_i32 retval,
#define dh_retdecl_int TCGv_i32 retval,
#define dh_retdecl_i64 TCGv_i64 retval,
#define dh_retdecl_s64 TCGv_i64 retval,
#define dh_retdecl_ptr TCGv_ptr retval,
#define dh_retdecl(t) dh_retdecl_##t
#define dh_retdecl0_void     void
#define dh_retdecl0_noreturn void
#define dh_retdecl0_i32 TCGv_i32 retval
#define dh_retdecl0_s32 TCGv_i32 retval
#define dh_retdecl0_int TCGv_i32 retval
#define dh_retdecl0_i64 TCGv_i64 retval
#define dh_retdecl0_s64 TCGv_i64 retval
#define dh_retdecl0_ptr TCGv_ptr retval
#define dh_retdecl0(t) dh_retdecl0_##t
#define dh_retvar_void     NULL
#define dh_retvar_noreturn NULL
#define dh_retvar_i32 tcgv_i32_temp(retval)
#define dh_retvar_s32 tcgv_i32_temp(retval)
#define dh_retvar_int tcgv_i32_temp(retval)
#define dh_retvar_i64 tcgv_i64_temp(retval)
#define dh_retvar_s64 tcgv_i64_temp(retval)
#define dh_retvar_ptr tcgv_ptr_temp(retval)
#define dh_retvar(t) dh_retvar_##t

#define DEF_HELPER_0(name, ret) DEF_HELPER_FLAGS_0(name, 0, ret)
#define DEF_HELPER_1(name, ret, t1) DEF_HELPER_FLAGS_1(name, 0, ret, t1)
#define DEF_HELPER_2(name, ret, t1, t2) DEF_HELPER_FLAGS_2(name, 0, ret, t1, t2)
#define DEF_HELPER_3(name, ret, t1, t2, t3) DEF_HELPER_FLAGS_3(name, 0, ret, t1, t2, t3)
#define DEF_HELPER_4(name, ret, t1, t2, t3, t4) \
    DEF_HELPER_FLAGS_4(name, 0, ret, t1, t2, t3, t4)
#define DEF_HELPER_5(name, ret, t1, t2, t3, t4, t5) \
    DEF_HELPER_FLAGS_5(name, 0, ret, t1, t2, t3, t4, t5)
#define DEF_HELPER_6(name, ret, t1, t2, t3, t4, t5, t6) \
    DEF_HELPER_FLAGS_6(name, 0, ret, t1, t2, t3, t4, t5, t6)

#endif
