/*
 * i386 layouts of the structures syscalls exchange with the guest, where
 * they differ from the x86-64 host's.  Sources: the i386 branches of the
 * kernel UAPI headers (asm/stat.h, asm/statfs.h + asm-generic/statfs.h,
 * asm-generic/fcntl.h, linux/sysinfo.h, asm-generic/resource.h) and
 * include/linux/compat.h; sizes checked against `gcc -m32`.
 * All fields are little-endian and 4-byte aligned at most, hence `packed`
 * wherever a 64-bit field would otherwise be 8-aligned on the host.
 */
#ifndef LINUX_USER_SYSCALL_DEFS_H
#define LINUX_USER_SYSCALL_DEFS_H

#include <stdint.h>

#define PACKED __attribute__((packed))

typedef struct PACKED TargetStat64 {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino_lo;        /* __st_ino */
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime_, st_atime_nsec;
    uint32_t st_mtime_, st_mtime_nsec;
    uint32_t st_ctime_, st_ctime_nsec;
    uint64_t st_ino;
} TargetStat64;
_Static_assert(sizeof(TargetStat64) == 96, "i386 struct stat64 is 96 bytes");

/* The old struct stat of stat(2)/fstat(2) (#106-#108). */
typedef struct TargetStat {
    uint32_t st_dev;
    uint32_t st_ino;
    uint16_t st_mode;
    uint16_t st_nlink;
    uint16_t st_uid;
    uint16_t st_gid;
    uint32_t st_rdev;
    uint32_t st_size;
    uint32_t st_blksize;
    uint32_t st_blocks;
    uint32_t st_atime_, st_atime_nsec;
    uint32_t st_mtime_, st_mtime_nsec;
    uint32_t st_ctime_, st_ctime_nsec;
    uint32_t unused4, unused5;
} TargetStat;
_Static_assert(sizeof(TargetStat) == 64, "i386 struct stat is 64 bytes");

typedef struct PACKED TargetStatfs64 {
    uint32_t f_type;
    uint32_t f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen;
    uint32_t f_frsize;
    uint32_t f_flags;
    uint32_t f_spare[4];
} TargetStatfs64;
_Static_assert(sizeof(TargetStatfs64) == 84, "i386 struct statfs64 is 84 bytes");

typedef struct TargetStatfs {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags;
    uint32_t f_spare[4];
} TargetStatfs;
_Static_assert(sizeof(TargetStatfs) == 64, "i386 struct statfs is 64 bytes");

typedef struct TargetTimespec32 { int32_t tv_sec; int32_t tv_nsec; } TargetTimespec32;
typedef struct TargetTimeval32 { int32_t tv_sec; int32_t tv_usec; } TargetTimeval32;
/* struct __kernel_timespec of the *_time64 syscalls: same as the host's. */
typedef struct TargetTimespec64 { int64_t tv_sec; int64_t tv_nsec; } PACKED TargetTimespec64;
typedef struct TargetItimerval32 { TargetTimeval32 it_interval, it_value; } TargetItimerval32;

typedef struct TargetRusage {
    TargetTimeval32 ru_utime, ru_stime;
    int32_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
        ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
} TargetRusage;
_Static_assert(sizeof(TargetRusage) == 72, "i386 struct rusage is 72 bytes");

typedef struct TargetSysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh, mem_unit;
    uint8_t f[8];
} TargetSysinfo;
_Static_assert(sizeof(TargetSysinfo) == 64, "i386 struct sysinfo is 64 bytes");

typedef struct TargetTms { int32_t tms_utime, tms_stime, tms_cutime, tms_cstime; } TargetTms;
typedef struct TargetRlimit { uint32_t rlim_cur, rlim_max; } TargetRlimit;
#define TARGET_RLIM_INFINITY 0xffffffffu

typedef struct TargetIovec { uint32_t iov_base, iov_len; } TargetIovec;

typedef struct PACKED TargetFlock64 {
    int16_t l_type, l_whence;
    int64_t l_start, l_len;
    int32_t l_pid;
} TargetFlock64;
_Static_assert(sizeof(TargetFlock64) == 24, "i386 struct flock64 is 24 bytes");

typedef struct TargetFlock {
    int16_t l_type, l_whence;
    int32_t l_start, l_len;
    int32_t l_pid;
} TargetFlock;

/* The kernel's O_LARGEFILE (asm-generic/fcntl.h); x86-64 glibc defines it as 0. */
#define TARGET_O_LARGEFILE 0100000

/* fcntl commands whose numbers are i386-specific (asm-generic/fcntl.h with
 * a 32-bit long). */
#define TARGET_F_GETLK64  12
#define TARGET_F_SETLK64  13
#define TARGET_F_SETLKW64 14

/* struct linux_dirent of getdents(2) for a 32-bit long. */
typedef struct TargetDirent {
    uint32_t d_ino;
    uint32_t d_off;
    uint16_t d_reclen;
    char d_name[];
} TargetDirent;

/* struct msghdr (compat_msghdr) and cmsghdr for 32-bit. */
typedef struct TargetMsghdr {
    uint32_t msg_name;
    uint32_t msg_namelen;
    uint32_t msg_iov;
    uint32_t msg_iovlen;
    uint32_t msg_control;
    uint32_t msg_controllen;
    uint32_t msg_flags;
} TargetMsghdr;

#endif
