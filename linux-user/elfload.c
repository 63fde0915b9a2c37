/*
 * The ELF32 loader: validates an i386 executable, maps its PT_LOAD segments
 * into the guest space, loads the PT_INTERP dynamic loader if any, and
 * builds the initial stack (argc, argv, envp, auxv) as the kernel's
 * fs/binfmt_elf.c does for a 32-bit process.  #! scripts are handled like
 * fs/binfmt_script.c.  Every field read from the file is checked: a broken
 * file is an error message, never a crash.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/qemu.h"

#define MAX_PHDRS     (65536 / sizeof(Elf32_Phdr))  /* fs/binfmt_elf.c: 64 KiB of headers */
#define BINPRM_BUF    256                           /* #! line length the kernel reads */

typedef struct LoadedElf {
    uint32_t bias;
    uint32_t load_addr;
    uint32_t entry;
    uint32_t phdr;
    uint32_t phnum;
    uint32_t start_code, end_code, start_data, end_data;
    uint32_t brk;           /* end of the highest segment */
    bool has_gnu_stack;     /* PT_GNU_STACK present */
    bool exec_stack;        /* PT_GNU_STACK asks for PF_X */
    char *interp;           /* PT_INTERP path, g_malloc'ed */
} LoadedElf;

static bool fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static bool read_at(int fd, void *buf, size_t len, off_t off)
{
    ssize_t n = pread(fd, buf, len, off);
    return n >= 0 && (size_t)n == len;
}

/* Opens a guest program: a regular, executable file. */
static int open_program(const char *path, struct stat *st, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(err, errlen, "%s", strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        fail(err, errlen, "%s", strerror(errno));
    } else if (S_ISDIR(st->st_mode)) {
        fail(err, errlen, "%s", strerror(EISDIR));
    } else if (!S_ISREG(st->st_mode)) {
        fail(err, errlen, "not a regular file");
    } else if (!(st->st_mode & 0111) || access(path, X_OK) != 0) {
        fail(err, errlen, "%s", strerror(EACCES));
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

static bool check_ehdr(const Elf32_Ehdr *eh, size_t have, off_t fsize, char *err, size_t errlen)
{
    if (have < SELFMAG || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
        return fail(err, errlen, "not an ELF executable");
    }
    if (have < EI_NIDENT) {
        return fail(err, errlen, "truncated ELF header");
    }
    if (eh->e_ident[EI_CLASS] == ELFCLASS64) {
        return fail(err, errlen, "64-bit ELF, not an i386 program");
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS32) {
        return fail(err, errlen, "bad ELF class %d", eh->e_ident[EI_CLASS]);
    }
    if (have < sizeof(*eh)) {
        return fail(err, errlen, "truncated ELF header");
    }
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        return fail(err, errlen, "big-endian ELF, not an i386 program");
    }
    if (eh->e_machine != EM_386) {
        return fail(err, errlen, "ELF for machine %u, not an i386 program", eh->e_machine);
    }
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT) {
        return fail(err, errlen, "bad ELF version");
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        return fail(err, errlen, "ELF type %u is not an executable", eh->e_type);
    }
    if (eh->e_phentsize != sizeof(Elf32_Phdr)) {
        return fail(err, errlen, "bad program header size %u", eh->e_phentsize);
    }
    if (eh->e_phnum == 0 || eh->e_phnum > MAX_PHDRS) {
        return fail(err, errlen, "bad number of program headers (%u)", eh->e_phnum);
    }
    if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > (uint64_t)fsize) {
        return fail(err, errlen, "program headers lie outside the file");
    }
    return true;
}

static int elf_prot(uint32_t p_flags)
{
    return ((p_flags & PF_R) ? PROT_READ : 0) | ((p_flags & PF_W) ? PROT_WRITE : 0) |
           ((p_flags & PF_X) ? PROT_EXEC : 0);
}

/* Maps one ELF image.  is_interp: the dynamic loader (placed anywhere). */
static bool load_elf_image(const char *path, int fd, off_t fsize, const Elf32_Ehdr *eh,
                           bool is_interp, LoadedElf *out, char *err, size_t errlen)
{
    Elf32_Phdr *ph = g_new(Elf32_Phdr, eh->e_phnum);
    bool ok = false;
    memset(out, 0, sizeof(*out));
    if (!read_at(fd, ph, eh->e_phnum * sizeof(Elf32_Phdr), eh->e_phoff)) {
        fail(err, errlen, "cannot read program headers");
        goto out;
    }

    /* Validate every segment and find the span of the image. */
    uint64_t lo = UINT64_MAX, hi = 0;
    int nload = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf32_Phdr *p = &ph[i];
        if (p->p_type == PT_INTERP && !is_interp) {
            if (out->interp) {
                fail(err, errlen, "more than one PT_INTERP");
                goto out;
            }
            if (p->p_filesz < 2 || p->p_filesz > PATH_MAX ||
                (uint64_t)p->p_offset + p->p_filesz > (uint64_t)fsize) {
                fail(err, errlen, "bad PT_INTERP segment");
                goto out;
            }
            out->interp = g_malloc(p->p_filesz);
            if (!read_at(fd, out->interp, p->p_filesz, p->p_offset) ||
                out->interp[p->p_filesz - 1] != '\0') {
                fail(err, errlen, "bad PT_INTERP segment");
                goto out;
            }
        }
        if (p->p_type == PT_GNU_STACK) {
            out->has_gnu_stack = true;
            out->exec_stack = (p->p_flags & PF_X) != 0;
        }
        if (p->p_type != PT_LOAD) {
            continue;
        }
        nload++;
        if (p->p_filesz > p->p_memsz) {
            fail(err, errlen, "segment %d: file size larger than memory size", i);
            goto out;
        }
        if ((uint64_t)p->p_offset + p->p_filesz > (uint64_t)fsize) {
            fail(err, errlen, "segment %d lies outside the file", i);
            goto out;
        }
        if ((p->p_vaddr - p->p_offset) & (TARGET_PAGE_SIZE - 1)) {
            fail(err, errlen, "segment %d: offset and address are not congruent modulo the page size", i);
            goto out;
        }
        uint64_t end = (uint64_t)p->p_vaddr + p->p_memsz;
        if (end > TARGET_TASK_SIZE) {
            fail(err, errlen, "segment %d lies outside the 32-bit address space", i);
            goto out;
        }
        lo = MIN(lo, p->p_vaddr & TARGET_PAGE_MASK);
        hi = MAX(hi, end);
    }
    if (nload == 0) {
        fail(err, errlen, "no loadable segments");
        goto out;
    }
    if (!is_interp) {
        /* The personality is set before anything is mapped (fs/binfmt_elf.c). */
        mmap_read_implies_exec = !out->has_gnu_stack;
    }

    /* Where the image goes. */
    uint64_t span = TARGET_PAGE_ALIGN(hi) - lo;
    uint32_t bias = 0;
    if (eh->e_type == ET_DYN) {
        uint32_t base = is_interp ? mmap_find_free(GUEST_MMAP_BASE, (abi_ulong)span)
                                  : (guest_range_free(GUEST_PIE_BASE, (abi_ulong)span)
                                         ? GUEST_PIE_BASE
                                         : mmap_find_free(GUEST_MMAP_BASE, (abi_ulong)span));
        if (base == (uint32_t)-1 || span > TARGET_TASK_SIZE) {
            fail(err, errlen, "no room for the image in the guest address space");
            goto out;
        }
        bias = base - (uint32_t)lo;
    } else if (lo < TARGET_PAGE_SIZE * 16 || !guest_range_free((abi_ulong)lo, (abi_ulong)span)) {
        /* The kernel refuses mappings below mmap_min_addr (64 KiB). */
        fail(err, errlen, "segments overlap reserved guest memory");
        goto out;
    }

    out->bias = bias;
    out->start_code = UINT32_MAX;
    out->start_data = 0;
    bool first = true;
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf32_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        int prot = elf_prot(p->p_flags);
        uint32_t vaddr = p->p_vaddr + bias;
        uint32_t page = vaddr & (uint32_t)TARGET_PAGE_MASK;
        uint32_t in_page = vaddr - page;
        uint32_t file_end = vaddr + p->p_filesz;      /* end of file-backed bytes */
        uint32_t mem_end = vaddr + p->p_memsz;
        uint32_t file_map_end = TARGET_PAGE_ALIGN(file_end);
        bool zero_tail = p->p_memsz > p->p_filesz && (file_end & (TARGET_PAGE_SIZE - 1));

        if (first) {
            out->load_addr = p->p_vaddr - p->p_offset + bias;
            first = false;
        }
        if (p->p_filesz > 0) {
            /* Writable while the bss part of the last file page is cleared. */
            abi_long r = target_mmap(page, in_page + p->p_filesz,
                                     prot | (zero_tail ? PROT_WRITE : 0),
                                     MAP_PRIVATE | MAP_FIXED, fd, p->p_offset - in_page);
            if (r < 0 && r > -4096) {
                fail(err, errlen, "cannot map segment %d: %s", i, strerror(-r));
                goto out;
            }
            if (zero_tail) {
                memset(g2h_untagged(file_end), 0, file_map_end - file_end);
                target_mprotect(page, file_map_end - page, prot);
            }
        } else {
            file_map_end = page;
        }
        if (TARGET_PAGE_ALIGN((uint64_t)mem_end) > file_map_end) {
            abi_long r = target_mmap(file_map_end, (abi_ulong)(TARGET_PAGE_ALIGN((uint64_t)mem_end) - file_map_end),
                                     prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r < 0 && r > -4096) {
                fail(err, errlen, "cannot map the bss of segment %d: %s", i, strerror(-r));
                goto out;
            }
        }
        if (p->p_flags & PF_X) {
            out->start_code = MIN(out->start_code, vaddr);
            out->end_code = MAX(out->end_code, file_end);
        }
        if (p->p_flags & PF_W) {
            if (!out->start_data) {
                out->start_data = vaddr;
            }
            out->end_data = MAX(out->end_data, file_end);
        }
        out->brk = MAX(out->brk, mem_end);
    }
    if (out->start_code == UINT32_MAX) {
        out->start_code = out->end_code = 0;
    }

    /* AT_PHDR: the PT_PHDR segment, else the headers inside the first segment. */
    out->phdr = out->load_addr + eh->e_phoff;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_PHDR) {
            out->phdr = ph[i].p_vaddr + bias;
        }
    }
    out->phnum = eh->e_phnum;
    out->entry = eh->e_entry + bias;
    ok = true;
out:
    g_free(ph);
    if (!ok) {
        g_free(out->interp);
        out->interp = NULL;
    }
    (void)path;
    return ok;
}

/* Opens and checks an ELF file; fills eh.  Returns the fd or -1. */
static int open_elf(const char *path, Elf32_Ehdr *eh, off_t *fsize, char *err, size_t errlen)
{
    struct stat st;
    int fd = open_program(path, &st, err, errlen);
    if (fd < 0) {
        return -1;
    }
    memset(eh, 0, sizeof(*eh));
    ssize_t n = pread(fd, eh, sizeof(*eh), 0);
    if (n < 0) {
        fail(err, errlen, "%s", strerror(errno));
    } else if (check_ehdr(eh, (size_t)n, st.st_size, err, errlen)) {
        *fsize = st.st_size;
        return fd;
    }
    close(fd);
    return -1;
}

/* ---- the initial stack ---- */

typedef struct StackBuilder {
    uint32_t sp;        /* grows down */
    uint32_t limit;
    bool overflow;
} StackBuilder;

static uint32_t push_bytes(StackBuilder *sb, const void *data, size_t len)
{
    if (sb->overflow || sb->sp - sb->limit < len + 64) {
        sb->overflow = true;
        return 0;
    }
    sb->sp -= (uint32_t)len;
    memcpy(g2h_untagged(sb->sp), data, len);
    return sb->sp;
}

static uint32_t push_string(StackBuilder *sb, const char *s)
{
    return push_bytes(sb, s, strlen(s) + 1);
}

/* AT_HWCAP: the CPUID leaf 1 EDX feature bits, as the kernel reports them. */
static uint32_t elf_hwcap(CPUX86State *env)
{
    return env->cpuid_features;
}

/* __kernel_vsyscall, for AT_SYSINFO: `int $0x80; ret`, the kernel's entry
 * for CPUs without SYSENTER (arch/x86/entry/vdso/vdso32/system_call.S), in
 * the page above the stack (free in a native 32-bit process too, whose
 * stack also ends at 0xfffdd000).  glibc calls it for every syscall
 * (%gs:0x10), Go's 386 runtime when AT_SYSINFO is there.  0 if the page
 * cannot be had. */
static uint32_t map_vsyscall_page(void)
{
    static const uint8_t vsyscall[] = { 0xcd, 0x80, 0xc3 };
    abi_long r = target_mmap(GUEST_VSYSCALL_ADDR, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (r != (abi_long)GUEST_VSYSCALL_ADDR) {
        return 0;
    }
    memcpy(g2h_untagged(GUEST_VSYSCALL_ADDR), vsyscall, sizeof(vsyscall));
    target_mprotect(GUEST_VSYSCALL_ADDR, TARGET_PAGE_SIZE, PROT_READ | PROT_EXEC);
    return GUEST_VSYSCALL_ADDR;
}

static bool setup_stack(ImageInfo *info, const LoadedElf *prog, const char *execfn,
                        char **argv, char **envp, CPUX86State *env, char *err, size_t errlen)
{
    uint32_t size = (uint32_t)TARGET_PAGE_ALIGN((uint64_t)guest_stack_size);
    uint32_t top = GUEST_STACK_TOP;
    if (size < 64 * 1024 || size > top / 2) {
        return fail(err, errlen, "bad stack size %lu", guest_stack_size);
    }
    /* No PT_GNU_STACK: an old binary whose stack (and, for i386, every
     * readable mapping: READ_IMPLIES_EXEC) is executable
     * (arch/x86/include/asm/elf.h elf_read_implies_exec). */
    int prot = PROT_READ | PROT_WRITE | ((prog->exec_stack || !prog->has_gnu_stack) ? PROT_EXEC : 0);
    abi_long r = target_mmap(top - size, size, prot,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (r < 0 && r > -4096) {
        return fail(err, errlen, "cannot map the stack: %s", strerror(-r));
    }
    info->stack_limit = top - size;
    info->stack_top = top;

    StackBuilder sb = { .sp = top - 4, .limit = top - size }; /* a NULL word at the very top */
    int argc = 0, envc = 0;
    while (argv[argc]) {
        argc++;
    }
    while (envp[envc]) {
        envc++;
    }
    uint32_t *argp = g_new(uint32_t, argc + 1);
    uint32_t *envpp = g_new(uint32_t, envc + 1);

    /* Strings, highest first: the file name, the environment, the arguments
     * (fs/exec.c copies them in that order). */
    uint32_t execfn_addr = push_string(&sb, execfn);
    info->env_end = sb.sp;
    for (int i = envc - 1; i >= 0; i--) {
        envpp[i] = push_string(&sb, envp[i]);
    }
    info->env_start = sb.sp;
    info->arg_end = sb.sp;
    for (int i = argc - 1; i >= 0; i--) {
        argp[i] = push_string(&sb, argv[i]);
    }
    info->arg_start = sb.sp;
    uint32_t platform = push_string(&sb, "i686");
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        memset(rnd, 0x5a, sizeof(rnd));
    }
    uint32_t random_addr = push_bytes(&sb, rnd, sizeof(rnd));
    sb.sp &= ~15u;

    uint32_t vsyscall = map_vsyscall_page();
    info->vsyscall = vsyscall;
    uint32_t auxv[][2] = {
        { vsyscall ? AT_SYSINFO : AT_IGNORE, vsyscall },
        { AT_HWCAP, elf_hwcap(env) },
        { AT_PAGESZ, TARGET_PAGE_SIZE },
        { AT_CLKTCK, 100 },
        { AT_PHDR, prog->phdr },
        { AT_PHENT, sizeof(Elf32_Phdr) },
        { AT_PHNUM, prog->phnum },
        { AT_BASE, info->interp_base },
        { AT_FLAGS, 0 },
        { AT_ENTRY, prog->entry },
        { AT_UID, getuid() },
        { AT_EUID, geteuid() },
        { AT_GID, getgid() },
        { AT_EGID, getegid() },
        { AT_SECURE, 0 },
        { AT_RANDOM, random_addr },
        { AT_HWCAP2, 0 },
        { AT_EXECFN, execfn_addr },
        { AT_PLATFORM, platform },
        { AT_NULL, 0 },
    };
    size_t nauxv = sizeof(auxv) / sizeof(auxv[0]);
    /* argc, argv[], NULL, envp[], NULL, auxv: the final sp is 16-aligned
     * (STACK_ROUND in fs/binfmt_elf.c). */
    uint32_t words = 1 + (uint32_t)(argc + 1) + (uint32_t)(envc + 1) + (uint32_t)nauxv * 2;
    uint32_t sp = (sb.sp - words * 4) & ~15u;
    bool ok = false;
    if (sb.overflow || sp < sb.limit + 256) {
        fail(err, errlen, "arguments and environment do not fit in the stack");
        goto out;
    }
    uint32_t *w = g2h_untagged(sp);
    *w++ = (uint32_t)argc;
    for (int i = 0; i < argc; i++) {
        *w++ = argp[i];
    }
    *w++ = 0;
    for (int i = 0; i < envc; i++) {
        *w++ = envpp[i];
    }
    *w++ = 0;
    for (size_t i = 0; i < nauxv; i++) {
        *w++ = auxv[i][0];
        *w++ = auxv[i][1];
    }
    info->sp = sp;
    ok = true;
out:
    g_free(argp);
    g_free(envpp);
    return ok;
}

/* #!interpreter [one argument]: rebuilds argv as fs/binfmt_script.c does. */
static char **script_argv(const char *filename, const char *buf, size_t n, char **argv,
                          char *err, size_t errlen)
{
    char line[BINPRM_BUF + 1];
    memcpy(line, buf, n);
    line[n] = '\0';
    char *nl = strchr(line, '\n');
    if (!nl) {
        fail(err, errlen, "#! line too long or unterminated");
        return NULL;
    }
    *nl = '\0';
    char *p = line + 2;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    char *interp = p;
    while (*p && *p != ' ' && *p != '\t') {
        p++;
    }
    if (p == interp) {
        fail(err, errlen, "#! line names no interpreter");
        return NULL;
    }
    char *arg = NULL;
    if (*p) {
        *p++ = '\0';
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char *e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t')) {
            *--e = '\0';
        }
        if (*p) {
            arg = p;
        }
    }
    GPtrArray *a = g_ptr_array_new();
    g_ptr_array_add(a, g_strdup(interp));
    if (arg) {
        g_ptr_array_add(a, g_strdup(arg));
    }
    g_ptr_array_add(a, g_strdup(filename));
    for (int i = 1; argv[0] && argv[i]; i++) {
        g_ptr_array_add(a, g_strdup(argv[i]));
    }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

bool loader_exec(const char *filename, char **argv, char **envp, CPUX86State *env,
                 ImageInfo *info, char *err, size_t errlen)
{
    char pbuf[PATH_MAX];
    char **script_args = NULL;
    const char *execfn = filename;
    memset(info, 0, sizeof(*info));

    /* A #! script: load its interpreter with the script as an argument. */
    {
        struct stat st;
        int fd = open_program(filename, &st, err, errlen);
        if (fd < 0) {
            return false;
        }
        char buf[BINPRM_BUF];
        ssize_t n = pread(fd, buf, sizeof(buf), 0);
        close(fd);
        if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
            script_args = script_argv(filename, buf, (size_t)n, argv, err, errlen);
            if (!script_args) {
                return false;
            }
            argv = script_args;
            filename = path_for_guest(script_args[0], pbuf, sizeof(pbuf));
        }
    }

    Elf32_Ehdr eh;
    off_t fsize;
    LoadedElf prog, interp;
    mmap_read_implies_exec = false;
    bool ok = false;
    int fd = open_elf(filename, &eh, &fsize, err, errlen);
    if (fd < 0) {
        goto out_args;
    }
    if (!realpath(filename, exec_path)) {
        snprintf(exec_path, sizeof(exec_path), "%s", filename);
    }
    if (!load_elf_image(filename, fd, fsize, &eh, false, &prog, err, errlen)) {
        close(fd);
        goto out_args;
    }
    close(fd);

    info->entry = prog.entry;
    info->start_eip = prog.entry;
    info->load_bias = prog.bias;
    info->load_addr = prog.load_addr;
    info->phdr = prog.phdr;
    info->phnum = prog.phnum;
    info->start_code = prog.start_code;
    info->end_code = prog.end_code;
    info->start_data = prog.start_data;
    info->end_data = prog.end_data;
    info->start_brk = (uint32_t)TARGET_PAGE_ALIGN((uint64_t)prog.brk);

    if (prog.interp) {
        char ibuf[PATH_MAX];
        const char *ipath = path_for_guest(prog.interp, ibuf, sizeof(ibuf));
        char ierr[256];
        Elf32_Ehdr ieh;
        off_t isize;
        int ifd = open_elf(ipath, &ieh, &isize, ierr, sizeof(ierr));
        if (ifd < 0 || !load_elf_image(ipath, ifd, isize, &ieh, true, &interp, ierr, sizeof(ierr))) {
            fail(err, errlen, "interpreter %s: %s", ipath, ierr);
            if (ifd >= 0) {
                close(ifd);
            }
            g_free(prog.interp);
            goto out_args;
        }
        close(ifd);
        info->interp_base = interp.load_addr;
        info->start_eip = interp.entry;
        g_free(prog.interp);
    }

    target_set_brk(info->start_brk);
    ok = setup_stack(info, &prog, execfn, argv, envp, env, err, errlen);
out_args:
    g_strfreev(script_args);
    return ok;
}
