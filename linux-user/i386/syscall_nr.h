/* i386 Linux syscall numbers, generated from asm/unistd_32.h by
 * gen-syscall-nr.sh: do not edit. */
#ifndef LINUX_USER_I386_SYSCALL_NR_H
#define LINUX_USER_I386_SYSCALL_NR_H

#define TARGET_NR_restart_syscall 0
#define TARGET_NR_exit 1
#define TARGET_NR_fork 2
#define TARGET_NR_read 3
#define TARGET_NR_write 4
#define TARGET_NR_open 5
#define TARGET_NR_close 6
#define TARGET_NR_waitpid 7
#define TARGET_NR_creat 8
#define TARGET_NR_link 9
#define TARGET_NR_unlink 10
#define TARGET_NR_execve 11
#define TARGET_NR_chdir 12
#define TARGET_NR_time 13
#define TARGET_NR_mknod 14
#define TARGET_NR_chmod 15
#define TARGET_NR_lchown 16
#define TARGET_NR_break 17
#define TARGET_NR_oldstat 18
#define TARGET_NR_lseek 19
#define TARGET_NR_getpid 20
#define TARGET_NR_mount 21
#define TARGET_NR_umount 22
#define TARGET_NR_setuid 23
#define TARGET_NR_getuid 24
#define TARGET_NR_stime 25
#define TARGET_NR_ptrace 26
#define TARGET_NR_alarm 27
#define TARGET_NR_oldfstat 28
#define TARGET_NR_pause 29
#define TARGET_NR_utime 30
#define TARGET_NR_stty 31
#define TARGET_NR_gtty 32
#define TARGET_NR_access 33
#define TARGET_NR_nice 34
#define TARGET_NR_ftime 35
#define TARGET_NR_sync 36
#define TARGET_NR_kill 37
#define TARGET_NR_rename 38
#define TARGET_NR_mkdir 39
#define TARGET_NR_rmdir 40
#define TARGET_NR_dup 41
#define TARGET_NR_pipe 42
#define TARGET_NR_times 43
#define TARGET_NR_prof 44
#define TARGET_NR_brk 45
#define TARGET_NR_setgid 46
#define TARGET_NR_getgid 47
#define TARGET_NR_signal 48
#define TARGET_NR_geteuid 49
#define TARGET_NR_getegid 50
#define TARGET_NR_acct 51
#define TARGET_NR_umount2 52
#define TARGET_NR_lock 53
#define TARGET_NR_ioctl 54
#define TARGET_NR_fcntl 55
#define TARGET_NR_mpx 56
#define TARGET_NR_setpgid 57
#define TARGET_NR_ulimit 58
#define TARGET_NR_oldolduname 59
#define TARGET_NR_umask 60
#define TARGET_NR_chroot 61
#define TARGET_NR_ustat 62
#define TARGET_NR_dup2 63
#define TARGET_NR_getppid 64
#define TARGET_NR_getpgrp 65
#define TARGET_NR_setsid 66
#define TARGET_NR_sigaction 67
#define TARGET_NR_sgetmask 68
#define TARGET_NR_ssetmask 69
#define TARGET_NR_setreuid 70
#define TARGET_NR_setregid 71
#define TARGET_NR_sigsuspend 72
#define TARGET_NR_sigpending 73
#define TARGET_NR_sethostname 74
#define TARGET_NR_setrlimit 75
#define TARGET_NR_getrlimit 76
#define TARGET_NR_getrusage 77
#define TARGET_NR_gettimeofday 78
#define TARGET_NR_settimeofday 79
#define TARGET_NR_getgroups 80
#define TARGET_NR_setgroups 81
#define TARGET_NR_select 82
#define TARGET_NR_symlink 83
#define TARGET_NR_oldlstat 84
#define TARGET_NR_readlink 85
#define TARGET_NR_uselib 86
#define TARGET_NR_swapon 87
#define TARGET_NR_reboot 88
#define TARGET_NR_readdir 89
#define TARGET_NR_mmap 90
#define TARGET_NR_munmap 91
#define TARGET_NR_truncate 92
#define TARGET_NR_ftruncate 93
#define TARGET_NR_fchmod 94
#define TARGET_NR_fchown 95
#define TARGET_NR_getpriority 96
#define TARGET_NR_setpriority 97
#define TARGET_NR_profil 98
#define TARGET_NR_statfs 99
#define TARGET_NR_fstatfs 100
#define TARGET_NR_ioperm 101
#define TARGET_NR_socketcall 102
#define TARGET_NR_syslog 103
#define TARGET_NR_setitimer 104
#define TARGET_NR_getitimer 105
#define TARGET_NR_stat 106
#define TARGET_NR_lstat 107
#define TARGET_NR_fstat 108
#define TARGET_NR_olduname 109
#define TARGET_NR_iopl 110
#define TARGET_NR_vhangup 111
#define TARGET_NR_idle 112
#define TARGET_NR_vm86old 113
#define TARGET_NR_wait4 114
#define TARGET_NR_swapoff 115
#define TARGET_NR_sysinfo 116
#define TARGET_NR_ipc 117
#define TARGET_NR_fsync 118
#define TARGET_NR_sigreturn 119
#define TARGET_NR_clone 120
#define TARGET_NR_setdomainname 121
#define TARGET_NR_uname 122
#define TARGET_NR_modify_ldt 123
#define TARGET_NR_adjtimex 124
#define TARGET_NR_mprotect 125
#define TARGET_NR_sigprocmask 126
#define TARGET_NR_create_module 127
#define TARGET_NR_init_module 128
#define TARGET_NR_delete_module 129
#define TARGET_NR_get_kernel_syms 130
#define TARGET_NR_quotactl 131
#define TARGET_NR_getpgid 132
#define TARGET_NR_fchdir 133
#define TARGET_NR_bdflush 134
#define TARGET_NR_sysfs 135
#define TARGET_NR_personality 136
#define TARGET_NR_afs_syscall 137
#define TARGET_NR_setfsuid 138
#define TARGET_NR_setfsgid 139
#define TARGET_NR__llseek 140
#define TARGET_NR_getdents 141
#define TARGET_NR__newselect 142
#define TARGET_NR_flock 143
#define TARGET_NR_msync 144
#define TARGET_NR_readv 145
#define TARGET_NR_writev 146
#define TARGET_NR_getsid 147
#define TARGET_NR_fdatasync 148
#define TARGET_NR__sysctl 149
#define TARGET_NR_mlock 150
#define TARGET_NR_munlock 151
#define TARGET_NR_mlockall 152
#define TARGET_NR_munlockall 153
#define TARGET_NR_sched_setparam 154
#define TARGET_NR_sched_getparam 155
#define TARGET_NR_sched_setscheduler 156
#define TARGET_NR_sched_getscheduler 157
#define TARGET_NR_sched_yield 158
#define TARGET_NR_sched_get_priority_max 159
#define TARGET_NR_sched_get_priority_min 160
#define TARGET_NR_sched_rr_get_interval 161
#define TARGET_NR_nanosleep 162
#define TARGET_NR_mremap 163
#define TARGET_NR_setresuid 164
#define TARGET_NR_getresuid 165
#define TARGET_NR_vm86 166
#define TARGET_NR_query_module 167
#define TARGET_NR_poll 168
#define TARGET_NR_nfsservctl 169
#define TARGET_NR_setresgid 170
#define TARGET_NR_getresgid 171
#define TARGET_NR_prctl 172
#define TARGET_NR_rt_sigreturn 173
#define TARGET_NR_rt_sigaction 174
#define TARGET_NR_rt_sigprocmask 175
#define TARGET_NR_rt_sigpending 176
#define TARGET_NR_rt_sigtimedwait 177
#define TARGET_NR_rt_sigqueueinfo 178
#define TARGET_NR_rt_sigsuspend 179
#define TARGET_NR_pread64 180
#define TARGET_NR_pwrite64 181
#define TARGET_NR_chown 182
#define TARGET_NR_getcwd 183
#define TARGET_NR_capget 184
#define TARGET_NR_capset 185
#define TARGET_NR_sigaltstack 186
#define TARGET_NR_sendfile 187
#define TARGET_NR_getpmsg 188
#define TARGET_NR_putpmsg 189
#define TARGET_NR_vfork 190
#define TARGET_NR_ugetrlimit 191
#define TARGET_NR_mmap2 192
#define TARGET_NR_truncate64 193
#define TARGET_NR_ftruncate64 194
#define TARGET_NR_stat64 195
#define TARGET_NR_lstat64 196
#define TARGET_NR_fstat64 197
#define TARGET_NR_lchown32 198
#define TARGET_NR_getuid32 199
#define TARGET_NR_getgid32 200
#define TARGET_NR_geteuid32 201
#define TARGET_NR_getegid32 202
#define TARGET_NR_setreuid32 203
#define TARGET_NR_setregid32 204
#define TARGET_NR_getgroups32 205
#define TARGET_NR_setgroups32 206
#define TARGET_NR_fchown32 207
#define TARGET_NR_setresuid32 208
#define TARGET_NR_getresuid32 209
#define TARGET_NR_setresgid32 210
#define TARGET_NR_getresgid32 211
#define TARGET_NR_chown32 212
#define TARGET_NR_setuid32 213
#define TARGET_NR_setgid32 214
#define TARGET_NR_setfsuid32 215
#define TARGET_NR_setfsgid32 216
#define TARGET_NR_pivot_root 217
#define TARGET_NR_mincore 218
#define TARGET_NR_madvise 219
#define TARGET_NR_getdents64 220
#define TARGET_NR_fcntl64 221
#define TARGET_NR_gettid 224
#define TARGET_NR_readahead 225
#define TARGET_NR_setxattr 226
#define TARGET_NR_lsetxattr 227
#define TARGET_NR_fsetxattr 228
#define TARGET_NR_getxattr 229
#define TARGET_NR_lgetxattr 230
#define TARGET_NR_fgetxattr 231
#define TARGET_NR_listxattr 232
#define TARGET_NR_llistxattr 233
#define TARGET_NR_flistxattr 234
#define TARGET_NR_removexattr 235
#define TARGET_NR_lremovexattr 236
#define TARGET_NR_fremovexattr 237
#define TARGET_NR_tkill 238
#define TARGET_NR_sendfile64 239
#define TARGET_NR_futex 240
#define TARGET_NR_sched_setaffinity 241
#define TARGET_NR_sched_getaffinity 242
#define TARGET_NR_set_thread_area 243
#define TARGET_NR_get_thread_area 244
#define TARGET_NR_io_setup 245
#define TARGET_NR_io_destroy 246
#define TARGET_NR_io_getevents 247
#define TARGET_NR_io_submit 248
#define TARGET_NR_io_cancel 249
#define TARGET_NR_fadvise64 250
#define TARGET_NR_exit_group 252
#define TARGET_NR_lookup_dcookie 253
#define TARGET_NR_epoll_create 254
#define TARGET_NR_epoll_ctl 255
#define TARGET_NR_epoll_wait 256
#define TARGET_NR_remap_file_pages 257
#define TARGET_NR_set_tid_address 258
#define TARGET_NR_timer_create 259
#define TARGET_NR_timer_settime 260
#define TARGET_NR_timer_gettime 261
#define TARGET_NR_timer_getoverrun 262
#define TARGET_NR_timer_delete 263
#define TARGET_NR_clock_settime 264
#define TARGET_NR_clock_gettime 265
#define TARGET_NR_clock_getres 266
#define TARGET_NR_clock_nanosleep 267
#define TARGET_NR_statfs64 268
#define TARGET_NR_fstatfs64 269
#define TARGET_NR_tgkill 270
#define TARGET_NR_utimes 271
#define TARGET_NR_fadvise64_64 272
#define TARGET_NR_vserver 273
#define TARGET_NR_mbind 274
#define TARGET_NR_get_mempolicy 275
#define TARGET_NR_set_mempolicy 276
#define TARGET_NR_mq_open 277
#define TARGET_NR_mq_unlink 278
#define TARGET_NR_mq_timedsend 279
#define TARGET_NR_mq_timedreceive 280
#define TARGET_NR_mq_notify 281
#define TARGET_NR_mq_getsetattr 282
#define TARGET_NR_kexec_load 283
#define TARGET_NR_waitid 284
#define TARGET_NR_add_key 286
#define TARGET_NR_request_key 287
#define TARGET_NR_keyctl 288
#define TARGET_NR_ioprio_set 289
#define TARGET_NR_ioprio_get 290
#define TARGET_NR_inotify_init 291
#define TARGET_NR_inotify_add_watch 292
#define TARGET_NR_inotify_rm_watch 293
#define TARGET_NR_migrate_pages 294
#define TARGET_NR_openat 295
#define TARGET_NR_mkdirat 296
#define TARGET_NR_mknodat 297
#define TARGET_NR_fchownat 298
#define TARGET_NR_futimesat 299
#define TARGET_NR_fstatat64 300
#define TARGET_NR_unlinkat 301
#define TARGET_NR_renameat 302
#define TARGET_NR_linkat 303
#define TARGET_NR_symlinkat 304
#define TARGET_NR_readlinkat 305
#define TARGET_NR_fchmodat 306
#define TARGET_NR_faccessat 307
#define TARGET_NR_pselect6 308
#define TARGET_NR_ppoll 309
#define TARGET_NR_unshare 310
#define TARGET_NR_set_robust_list 311
#define TARGET_NR_get_robust_list 312
#define TARGET_NR_splice 313
#define TARGET_NR_sync_file_range 314
#define TARGET_NR_tee 315
#define TARGET_NR_vmsplice 316
#define TARGET_NR_move_pages 317
#define TARGET_NR_getcpu 318
#define TARGET_NR_epoll_pwait 319
#define TARGET_NR_utimensat 320
#define TARGET_NR_signalfd 321
#define TARGET_NR_timerfd_create 322
#define TARGET_NR_eventfd 323
#define TARGET_NR_fallocate 324
#define TARGET_NR_timerfd_settime 325
#define TARGET_NR_timerfd_gettime 326
#define TARGET_NR_signalfd4 327
#define TARGET_NR_eventfd2 328
#define TARGET_NR_epoll_create1 329
#define TARGET_NR_dup3 330
#define TARGET_NR_pipe2 331
#define TARGET_NR_inotify_init1 332
#define TARGET_NR_preadv 333
#define TARGET_NR_pwritev 334
#define TARGET_NR_rt_tgsigqueueinfo 335
#define TARGET_NR_perf_event_open 336
#define TARGET_NR_recvmmsg 337
#define TARGET_NR_fanotify_init 338
#define TARGET_NR_fanotify_mark 339
#define TARGET_NR_prlimit64 340
#define TARGET_NR_name_to_handle_at 341
#define TARGET_NR_open_by_handle_at 342
#define TARGET_NR_clock_adjtime 343
#define TARGET_NR_syncfs 344
#define TARGET_NR_sendmmsg 345
#define TARGET_NR_setns 346
#define TARGET_NR_process_vm_readv 347
#define TARGET_NR_process_vm_writev 348
#define TARGET_NR_kcmp 349
#define TARGET_NR_finit_module 350
#define TARGET_NR_sched_setattr 351
#define TARGET_NR_sched_getattr 352
#define TARGET_NR_renameat2 353
#define TARGET_NR_seccomp 354
#define TARGET_NR_getrandom 355
#define TARGET_NR_memfd_create 356
#define TARGET_NR_bpf 357
#define TARGET_NR_execveat 358
#define TARGET_NR_socket 359
#define TARGET_NR_socketpair 360
#define TARGET_NR_bind 361
#define TARGET_NR_connect 362
#define TARGET_NR_listen 363
#define TARGET_NR_accept4 364
#define TARGET_NR_getsockopt 365
#define TARGET_NR_setsockopt 366
#define TARGET_NR_getsockname 367
#define TARGET_NR_getpeername 368
#define TARGET_NR_sendto 369
#define TARGET_NR_sendmsg 370
#define TARGET_NR_recvfrom 371
#define TARGET_NR_recvmsg 372
#define TARGET_NR_shutdown 373
#define TARGET_NR_userfaultfd 374
#define TARGET_NR_membarrier 375
#define TARGET_NR_mlock2 376
#define TARGET_NR_copy_file_range 377
#define TARGET_NR_preadv2 378
#define TARGET_NR_pwritev2 379
#define TARGET_NR_pkey_mprotect 380
#define TARGET_NR_pkey_alloc 381
#define TARGET_NR_pkey_free 382
#define TARGET_NR_statx 383
#define TARGET_NR_arch_prctl 384
#define TARGET_NR_io_pgetevents 385
#define TARGET_NR_rseq 386
#define TARGET_NR_semget 393
#define TARGET_NR_semctl 394
#define TARGET_NR_shmget 395
#define TARGET_NR_shmctl 396
#define TARGET_NR_shmat 397
#define TARGET_NR_shmdt 398
#define TARGET_NR_msgget 399
#define TARGET_NR_msgsnd 400
#define TARGET_NR_msgrcv 401
#define TARGET_NR_msgctl 402
#define TARGET_NR_clock_gettime64 403
#define TARGET_NR_clock_settime64 404
#define TARGET_NR_clock_adjtime64 405
#define TARGET_NR_clock_getres_time64 406
#define TARGET_NR_clock_nanosleep_time64 407
#define TARGET_NR_timer_gettime64 408
#define TARGET_NR_timer_settime64 409
#define TARGET_NR_timerfd_gettime64 410
#define TARGET_NR_timerfd_settime64 411
#define TARGET_NR_utimensat_time64 412
#define TARGET_NR_pselect6_time64 413
#define TARGET_NR_ppoll_time64 414
#define TARGET_NR_io_pgetevents_time64 416
#define TARGET_NR_recvmmsg_time64 417
#define TARGET_NR_mq_timedsend_time64 418
#define TARGET_NR_mq_timedreceive_time64 419
#define TARGET_NR_semtimedop_time64 420
#define TARGET_NR_rt_sigtimedwait_time64 421
#define TARGET_NR_futex_time64 422
#define TARGET_NR_sched_rr_get_interval_time64 423
#define TARGET_NR_pidfd_send_signal 424
#define TARGET_NR_io_uring_setup 425
#define TARGET_NR_io_uring_enter 426
#define TARGET_NR_io_uring_register 427
#define TARGET_NR_open_tree 428
#define TARGET_NR_move_mount 429
#define TARGET_NR_fsopen 430
#define TARGET_NR_fsconfig 431
#define TARGET_NR_fsmount 432
#define TARGET_NR_fspick 433
#define TARGET_NR_pidfd_open 434
#define TARGET_NR_clone3 435
#define TARGET_NR_close_range 436
#define TARGET_NR_openat2 437
#define TARGET_NR_pidfd_getfd 438
#define TARGET_NR_faccessat2 439
#define TARGET_NR_process_madvise 440
#define TARGET_NR_epoll_pwait2 441
#define TARGET_NR_mount_setattr 442
#define TARGET_NR_quotactl_fd 443
#define TARGET_NR_landlock_create_ruleset 444
#define TARGET_NR_landlock_add_rule 445
#define TARGET_NR_landlock_restrict_self 446
#define TARGET_NR_memfd_secret 447
#define TARGET_NR_process_mrelease 448
#define TARGET_NR_futex_waitv 449
#define TARGET_NR_set_mempolicy_home_node 450

#define TARGET_NR_SYSCALLS \
    (450 + 1)

/* Names for -strace, indexed by number (NULL: no syscall). */
#define TARGET_SYSCALL_NAMES \
    [0] = "restart_syscall", \
    [1] = "exit", \
    [2] = "fork", \
    [3] = "read", \
    [4] = "write", \
    [5] = "open", \
    [6] = "close", \
    [7] = "waitpid", \
    [8] = "creat", \
    [9] = "link", \
    [10] = "unlink", \
    [11] = "execve", \
    [12] = "chdir", \
    [13] = "time", \
    [14] = "mknod", \
    [15] = "chmod", \
    [16] = "lchown", \
    [17] = "break", \
    [18] = "oldstat", \
    [19] = "lseek", \
    [20] = "getpid", \
    [21] = "mount", \
    [22] = "umount", \
    [23] = "setuid", \
    [24] = "getuid", \
    [25] = "stime", \
    [26] = "ptrace", \
    [27] = "alarm", \
    [28] = "oldfstat", \
    [29] = "pause", \
    [30] = "utime", \
    [31] = "stty", \
    [32] = "gtty", \
    [33] = "access", \
    [34] = "nice", \
    [35] = "ftime", \
    [36] = "sync", \
    [37] = "kill", \
    [38] = "rename", \
    [39] = "mkdir", \
    [40] = "rmdir", \
    [41] = "dup", \
    [42] = "pipe", \
    [43] = "times", \
    [44] = "prof", \
    [45] = "brk", \
    [46] = "setgid", \
    [47] = "getgid", \
    [48] = "signal", \
    [49] = "geteuid", \
    [50] = "getegid", \
    [51] = "acct", \
    [52] = "umount2", \
    [53] = "lock", \
    [54] = "ioctl", \
    [55] = "fcntl", \
    [56] = "mpx", \
    [57] = "setpgid", \
    [58] = "ulimit", \
    [59] = "oldolduname", \
    [60] = "umask", \
    [61] = "chroot", \
    [62] = "ustat", \
    [63] = "dup2", \
    [64] = "getppid", \
    [65] = "getpgrp", \
    [66] = "setsid", \
    [67] = "sigaction", \
    [68] = "sgetmask", \
    [69] = "ssetmask", \
    [70] = "setreuid", \
    [71] = "setregid", \
    [72] = "sigsuspend", \
    [73] = "sigpending", \
    [74] = "sethostname", \
    [75] = "setrlimit", \
    [76] = "getrlimit", \
    [77] = "getrusage", \
    [78] = "gettimeofday", \
    [79] = "settimeofday", \
    [80] = "getgroups", \
    [81] = "setgroups", \
    [82] = "select", \
    [83] = "symlink", \
    [84] = "oldlstat", \
    [85] = "readlink", \
    [86] = "uselib", \
    [87] = "swapon", \
    [88] = "reboot", \
    [89] = "readdir", \
    [90] = "mmap", \
    [91] = "munmap", \
    [92] = "truncate", \
    [93] = "ftruncate", \
    [94] = "fchmod", \
    [95] = "fchown", \
    [96] = "getpriority", \
    [97] = "setpriority", \
    [98] = "profil", \
    [99] = "statfs", \
    [100] = "fstatfs", \
    [101] = "ioperm", \
    [102] = "socketcall", \
    [103] = "syslog", \
    [104] = "setitimer", \
    [105] = "getitimer", \
    [106] = "stat", \
    [107] = "lstat", \
    [108] = "fstat", \
    [109] = "olduname", \
    [110] = "iopl", \
    [111] = "vhangup", \
    [112] = "idle", \
    [113] = "vm86old", \
    [114] = "wait4", \
    [115] = "swapoff", \
    [116] = "sysinfo", \
    [117] = "ipc", \
    [118] = "fsync", \
    [119] = "sigreturn", \
    [120] = "clone", \
    [121] = "setdomainname", \
    [122] = "uname", \
    [123] = "modify_ldt", \
    [124] = "adjtimex", \
    [125] = "mprotect", \
    [126] = "sigprocmask", \
    [127] = "create_module", \
    [128] = "init_module", \
    [129] = "delete_module", \
    [130] = "get_kernel_syms", \
    [131] = "quotactl", \
    [132] = "getpgid", \
    [133] = "fchdir", \
    [134] = "bdflush", \
    [135] = "sysfs", \
    [136] = "personality", \
    [137] = "afs_syscall", \
    [138] = "setfsuid", \
    [139] = "setfsgid", \
    [140] = "_llseek", \
    [141] = "getdents", \
    [142] = "_newselect", \
    [143] = "flock", \
    [144] = "msync", \
    [145] = "readv", \
    [146] = "writev", \
    [147] = "getsid", \
    [148] = "fdatasync", \
    [149] = "_sysctl", \
    [150] = "mlock", \
    [151] = "munlock", \
    [152] = "mlockall", \
    [153] = "munlockall", \
    [154] = "sched_setparam", \
    [155] = "sched_getparam", \
    [156] = "sched_setscheduler", \
    [157] = "sched_getscheduler", \
    [158] = "sched_yield", \
    [159] = "sched_get_priority_max", \
    [160] = "sched_get_priority_min", \
    [161] = "sched_rr_get_interval", \
    [162] = "nanosleep", \
    [163] = "mremap", \
    [164] = "setresuid", \
    [165] = "getresuid", \
    [166] = "vm86", \
    [167] = "query_module", \
    [168] = "poll", \
    [169] = "nfsservctl", \
    [170] = "setresgid", \
    [171] = "getresgid", \
    [172] = "prctl", \
    [173] = "rt_sigreturn", \
    [174] = "rt_sigaction", \
    [175] = "rt_sigprocmask", \
    [176] = "rt_sigpending", \
    [177] = "rt_sigtimedwait", \
    [178] = "rt_sigqueueinfo", \
    [179] = "rt_sigsuspend", \
    [180] = "pread64", \
    [181] = "pwrite64", \
    [182] = "chown", \
    [183] = "getcwd", \
    [184] = "capget", \
    [185] = "capset", \
    [186] = "sigaltstack", \
    [187] = "sendfile", \
    [188] = "getpmsg", \
    [189] = "putpmsg", \
    [190] = "vfork", \
    [191] = "ugetrlimit", \
    [192] = "mmap2", \
    [193] = "truncate64", \
    [194] = "ftruncate64", \
    [195] = "stat64", \
    [196] = "lstat64", \
    [197] = "fstat64", \
    [198] = "lchown32", \
    [199] = "getuid32", \
    [200] = "getgid32", \
    [201] = "geteuid32", \
    [202] = "getegid32", \
    [203] = "setreuid32", \
    [204] = "setregid32", \
    [205] = "getgroups32", \
    [206] = "setgroups32", \
    [207] = "fchown32", \
    [208] = "setresuid32", \
    [209] = "getresuid32", \
    [210] = "setresgid32", \
    [211] = "getresgid32", \
    [212] = "chown32", \
    [213] = "setuid32", \
    [214] = "setgid32", \
    [215] = "setfsuid32", \
    [216] = "setfsgid32", \
    [217] = "pivot_root", \
    [218] = "mincore", \
    [219] = "madvise", \
    [220] = "getdents64", \
    [221] = "fcntl64", \
    [224] = "gettid", \
    [225] = "readahead", \
    [226] = "setxattr", \
    [227] = "lsetxattr", \
    [228] = "fsetxattr", \
    [229] = "getxattr", \
    [230] = "lgetxattr", \
    [231] = "fgetxattr", \
    [232] = "listxattr", \
    [233] = "llistxattr", \
    [234] = "flistxattr", \
    [235] = "removexattr", \
    [236] = "lremovexattr", \
    [237] = "fremovexattr", \
    [238] = "tkill", \
    [239] = "sendfile64", \
    [240] = "futex", \
    [241] = "sched_setaffinity", \
    [242] = "sched_getaffinity", \
    [243] = "set_thread_area", \
    [244] = "get_thread_area", \
    [245] = "io_setup", \
    [246] = "io_destroy", \
    [247] = "io_getevents", \
    [248] = "io_submit", \
    [249] = "io_cancel", \
    [250] = "fadvise64", \
    [252] = "exit_group", \
    [253] = "lookup_dcookie", \
    [254] = "epoll_create", \
    [255] = "epoll_ctl", \
    [256] = "epoll_wait", \
    [257] = "remap_file_pages", \
    [258] = "set_tid_address", \
    [259] = "timer_create", \
    [260] = "timer_settime", \
    [261] = "timer_gettime", \
    [262] = "timer_getoverrun", \
    [263] = "timer_delete", \
    [264] = "clock_settime", \
    [265] = "clock_gettime", \
    [266] = "clock_getres", \
    [267] = "clock_nanosleep", \
    [268] = "statfs64", \
    [269] = "fstatfs64", \
    [270] = "tgkill", \
    [271] = "utimes", \
    [272] = "fadvise64_64", \
    [273] = "vserver", \
    [274] = "mbind", \
    [275] = "get_mempolicy", \
    [276] = "set_mempolicy", \
    [277] = "mq_open", \
    [278] = "mq_unlink", \
    [279] = "mq_timedsend", \
    [280] = "mq_timedreceive", \
    [281] = "mq_notify", \
    [282] = "mq_getsetattr", \
    [283] = "kexec_load", \
    [284] = "waitid", \
    [286] = "add_key", \
    [287] = "request_key", \
    [288] = "keyctl", \
    [289] = "ioprio_set", \
    [290] = "ioprio_get", \
    [291] = "inotify_init", \
    [292] = "inotify_add_watch", \
    [293] = "inotify_rm_watch", \
    [294] = "migrate_pages", \
    [295] = "openat", \
    [296] = "mkdirat", \
    [297] = "mknodat", \
    [298] = "fchownat", \
    [299] = "futimesat", \
    [300] = "fstatat64", \
    [301] = "unlinkat", \
    [302] = "renameat", \
    [303] = "linkat", \
    [304] = "symlinkat", \
    [305] = "readlinkat", \
    [306] = "fchmodat", \
    [307] = "faccessat", \
    [308] = "pselect6", \
    [309] = "ppoll", \
    [310] = "unshare", \
    [311] = "set_robust_list", \
    [312] = "get_robust_list", \
    [313] = "splice", \
    [314] = "sync_file_range", \
    [315] = "tee", \
    [316] = "vmsplice", \
    [317] = "move_pages", \
    [318] = "getcpu", \
    [319] = "epoll_pwait", \
    [320] = "utimensat", \
    [321] = "signalfd", \
    [322] = "timerfd_create", \
    [323] = "eventfd", \
    [324] = "fallocate", \
    [325] = "timerfd_settime", \
    [326] = "timerfd_gettime", \
    [327] = "signalfd4", \
    [328] = "eventfd2", \
    [329] = "epoll_create1", \
    [330] = "dup3", \
    [331] = "pipe2", \
    [332] = "inotify_init1", \
    [333] = "preadv", \
    [334] = "pwritev", \
    [335] = "rt_tgsigqueueinfo", \
    [336] = "perf_event_open", \
    [337] = "recvmmsg", \
    [338] = "fanotify_init", \
    [339] = "fanotify_mark", \
    [340] = "prlimit64", \
    [341] = "name_to_handle_at", \
    [342] = "open_by_handle_at", \
    [343] = "clock_adjtime", \
    [344] = "syncfs", \
    [345] = "sendmmsg", \
    [346] = "setns", \
    [347] = "process_vm_readv", \
    [348] = "process_vm_writev", \
    [349] = "kcmp", \
    [350] = "finit_module", \
    [351] = "sched_setattr", \
    [352] = "sched_getattr", \
    [353] = "renameat2", \
    [354] = "seccomp", \
    [355] = "getrandom", \
    [356] = "memfd_create", \
    [357] = "bpf", \
    [358] = "execveat", \
    [359] = "socket", \
    [360] = "socketpair", \
    [361] = "bind", \
    [362] = "connect", \
    [363] = "listen", \
    [364] = "accept4", \
    [365] = "getsockopt", \
    [366] = "setsockopt", \
    [367] = "getsockname", \
    [368] = "getpeername", \
    [369] = "sendto", \
    [370] = "sendmsg", \
    [371] = "recvfrom", \
    [372] = "recvmsg", \
    [373] = "shutdown", \
    [374] = "userfaultfd", \
    [375] = "membarrier", \
    [376] = "mlock2", \
    [377] = "copy_file_range", \
    [378] = "preadv2", \
    [379] = "pwritev2", \
    [380] = "pkey_mprotect", \
    [381] = "pkey_alloc", \
    [382] = "pkey_free", \
    [383] = "statx", \
    [384] = "arch_prctl", \
    [385] = "io_pgetevents", \
    [386] = "rseq", \
    [393] = "semget", \
    [394] = "semctl", \
    [395] = "shmget", \
    [396] = "shmctl", \
    [397] = "shmat", \
    [398] = "shmdt", \
    [399] = "msgget", \
    [400] = "msgsnd", \
    [401] = "msgrcv", \
    [402] = "msgctl", \
    [403] = "clock_gettime64", \
    [404] = "clock_settime64", \
    [405] = "clock_adjtime64", \
    [406] = "clock_getres_time64", \
    [407] = "clock_nanosleep_time64", \
    [408] = "timer_gettime64", \
    [409] = "timer_settime64", \
    [410] = "timerfd_gettime64", \
    [411] = "timerfd_settime64", \
    [412] = "utimensat_time64", \
    [413] = "pselect6_time64", \
    [414] = "ppoll_time64", \
    [416] = "io_pgetevents_time64", \
    [417] = "recvmmsg_time64", \
    [418] = "mq_timedsend_time64", \
    [419] = "mq_timedreceive_time64", \
    [420] = "semtimedop_time64", \
    [421] = "rt_sigtimedwait_time64", \
    [422] = "futex_time64", \
    [423] = "sched_rr_get_interval_time64", \
    [424] = "pidfd_send_signal", \
    [425] = "io_uring_setup", \
    [426] = "io_uring_enter", \
    [427] = "io_uring_register", \
    [428] = "open_tree", \
    [429] = "move_mount", \
    [430] = "fsopen", \
    [431] = "fsconfig", \
    [432] = "fsmount", \
    [433] = "fspick", \
    [434] = "pidfd_open", \
    [435] = "clone3", \
    [436] = "close_range", \
    [437] = "openat2", \
    [438] = "pidfd_getfd", \
    [439] = "faccessat2", \
    [440] = "process_madvise", \
    [441] = "epoll_pwait2", \
    [442] = "mount_setattr", \
    [443] = "quotactl_fd", \
    [444] = "landlock_create_ruleset", \
    [445] = "landlock_add_rule", \
    [446] = "landlock_restrict_self", \
    [447] = "memfd_secret", \
    [448] = "process_mrelease", \
    [449] = "futex_waitv", \
    [450] = "set_mempolicy_home_node", \

#endif
