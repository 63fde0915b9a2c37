/*
 * Port I/O, HLT and other system instructions of the translator
 * (misc_helper.c).  Part of helper.h (no include guard).
 * port_in/port_out/hlt/rdpmc exist in system mode only (the translator
 * calls them under CONFIG_SOFTMMU); check_io in both.
 */
DEF_HELPER_FLAGS_3(check_io, 0, void, env, i32, int)          /* port, bytes: #GP(0) if denied */
DEF_HELPER_FLAGS_3(port_in, 0, i32, env, i32, int)            /* port, MO_8/16/32 */
DEF_HELPER_FLAGS_4(port_out, 0, void, env, i32, i32, int)     /* port, value, MO_8/16/32 */
DEF_HELPER_FLAGS_2(hlt, 0, noreturn, env, int)                /* length of the HLT */
DEF_HELPER_FLAGS_1(rdpmc, 0, void, env)                       /* ECX -> EDX:EAX */
