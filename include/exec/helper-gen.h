/*
 * Defines, for each helper in HELPER_H, its TCGHelperInfo and an inline
 * gen_helper_NAME(ret, args...) builder.  Include after helper-proto.h in
 * the translator only.
 */
#include "exec/helper-head.h"
#include "tcg/tcg-op.h"

#ifndef HELPER_H
#error "define HELPER_H to the helper list before including exec/helper-gen.h"
#endif

#define DH_INFO(NAME, FLAGS, MASK)                                         \
    static const TCGHelperInfo helper_info_##NAME = {                      \
        .func = (void *)HELPER(NAME), .name = #NAME, .flags = (FLAGS), .typemask = (MASK) \
    };

#define DEF_HELPER_FLAGS_0(name, flags, ret)                                        \
    DH_INFO(name, (flags) | dh_callflag(ret), dh_typemask(ret, 0))                  \
    static inline void gen_helper_##name(dh_retdecl0(ret))                          \
    {                                                                               \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), NULL);                   \
    }
#define DEF_HELPER_FLAGS_1(name, flags, ret, t1)                                    \
    DH_INFO(name, (flags) | dh_callflag(ret), dh_typemask(ret, 0) | dh_typemask(t1, 1)) \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1)           \
    {                                                                               \
        TCGTemp *args[1] = { dh_temp(t1, a1) };                                     \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }
#define DEF_HELPER_FLAGS_2(name, flags, ret, t1, t2)                                \
    DH_INFO(name, (flags) | dh_callflag(ret),                                       \
            dh_typemask(ret, 0) | dh_typemask(t1, 1) | dh_typemask(t2, 2))          \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1,           \
                                         dh_tcgv(t2) a2)                           \
    {                                                                               \
        TCGTemp *args[2] = { dh_temp(t1, a1), dh_temp(t2, a2) };                    \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }
#define DEF_HELPER_FLAGS_3(name, flags, ret, t1, t2, t3)                            \
    DH_INFO(name, (flags) | dh_callflag(ret),                                       \
            dh_typemask(ret, 0) | dh_typemask(t1, 1) | dh_typemask(t2, 2) |         \
            dh_typemask(t3, 3))                                                     \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1,           \
                                         dh_tcgv(t2) a2, dh_tcgv(t3) a3)           \
    {                                                                               \
        TCGTemp *args[3] = { dh_temp(t1, a1), dh_temp(t2, a2), dh_temp(t3, a3) };   \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }
#define DEF_HELPER_FLAGS_4(name, flags, ret, t1, t2, t3, t4)                        \
    DH_INFO(name, (flags) | dh_callflag(ret),                                       \
            dh_typemask(ret, 0) | dh_typemask(t1, 1) | dh_typemask(t2, 2) |         \
            dh_typemask(t3, 3) | dh_typemask(t4, 4))                                \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1,           \
                                         dh_tcgv(t2) a2, dh_tcgv(t3) a3,           \
                                         dh_tcgv(t4) a4)                           \
    {                                                                               \
        TCGTemp *args[4] = { dh_temp(t1, a1), dh_temp(t2, a2), dh_temp(t3, a3),     \
                             dh_temp(t4, a4) };                                     \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }
#define DEF_HELPER_FLAGS_5(name, flags, ret, t1, t2, t3, t4, t5)                    \
    DH_INFO(name, (flags) | dh_callflag(ret),                                       \
            dh_typemask(ret, 0) | dh_typemask(t1, 1) | dh_typemask(t2, 2) |         \
            dh_typemask(t3, 3) | dh_typemask(t4, 4) | dh_typemask(t5, 5))           \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1,           \
                                         dh_tcgv(t2) a2, dh_tcgv(t3) a3,           \
                                         dh_tcgv(t4) a4, dh_tcgv(t5) a5)           \
    {                                                                               \
        TCGTemp *args[5] = { dh_temp(t1, a1), dh_temp(t2, a2), dh_temp(t3, a3),     \
                             dh_temp(t4, a4), dh_temp(t5, a5) };                    \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }
#define DEF_HELPER_FLAGS_6(name, flags, ret, t1, t2, t3, t4, t5, t6)                \
    DH_INFO(name, (flags) | dh_callflag(ret),                                       \
            dh_typemask(ret, 0) | dh_typemask(t1, 1) | dh_typemask(t2, 2) |         \
            dh_typemask(t3, 3) | dh_typemask(t4, 4) | dh_typemask(t5, 5) |          \
            dh_typemask(t6, 6))                                                     \
    static inline void gen_helper_##name(dh_retdecl(ret) dh_tcgv(t1) a1,           \
                                         dh_tcgv(t2) a2, dh_tcgv(t3) a3,           \
                                         dh_tcgv(t4) a4, dh_tcgv(t5) a5,           \
                                         dh_tcgv(t6) a6)                           \
    {                                                                               \
        TCGTemp *args[6] = { dh_temp(t1, a1), dh_temp(t2, a2), dh_temp(t3, a3),     \
                             dh_temp(t4, a4), dh_temp(t5, a5), dh_temp(t6, a6) };   \
        tcg_gen_callN(&helper_info_##name, dh_retvar(ret), args);                   \
    }

#include HELPER_H

#undef DH_INFO
#undef DEF_HELPER_FLAGS_0
#undef DEF_HELPER_FLAGS_1
#undef DEF_HELPER_FLAGS_2
#undef DEF_HELPER_FLAGS_3
#undef DEF_HELPER_FLAGS_4
#undef DEF_HELPER_FLAGS_5
#undef DEF_HELPER_FLAGS_6
