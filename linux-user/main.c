/*
 * qemu-i386: runs a 32-bit x86 Linux program on the host.  Parses the
 * command line (QEMU's options and QEMU_* environment variables), reserves
 * the guest address space, creates the CPU, loads the program and enters
 * the cpu loop.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib.h>

#include "exec/exec-all.h"
#include "linux-user/qemu.h"
#include "q86-config.h"
#include "qemu/log.h"

const char *interp_prefix;
char exec_path[PATH_MAX];
const char *cpu_model;
unsigned long guest_stack_size = 8 * 1024 * 1024;
bool do_strace;
char **reexec_options;
ImageInfo guest_image;

extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: qemu-i386 [options] program [arguments...]\n"
            "Linux CPU emulator (compiled for i386 emulation)\n"
            "\n"
            "Options and associated environment variables:\n"
            "\n"
            "Argument      Env-variable      Description\n"
            "-h                              print this help\n"
            "-help                           print this help\n"
            "-L path       QEMU_LD_PREFIX    set the elf interpreter prefix to 'path'\n"
            "-s size       QEMU_STACK_SIZE   set the stack size to 'size' bytes\n"
            "-cpu model    QEMU_CPU          select CPU (-cpu help for list)\n"
            "-E var=value  QEMU_SET_ENV      sets targets environment variable (see below)\n"
            "-U var        QEMU_UNSET_ENV    unsets targets environment variable (see below)\n"
            "-0 argv0      QEMU_ARGV0        forces target process argv[0] to be 'argv0'\n"
            "-B address    QEMU_GUEST_BASE   set guest_base address to 'address'\n"
            "-d item[,...] QEMU_LOG          enable logging of specified items (use '-d help' for a list of items)\n"
            "-D logfile    QEMU_LOG_FILENAME write logs to 'logfile' (default stderr)\n"
            "-strace       QEMU_STRACE       log system calls\n"
            "-version      QEMU_VERSION      display version information and exit\n"
            "\n"
            "Defaults:\n"
            "QEMU_LD_PREFIX  = %s\n"
            "QEMU_STACK_SIZE = %lu byte\n"
            "\n"
            "You can use -E and -U options or the QEMU_SET_ENV and\n"
            "QEMU_UNSET_ENV environment variables to set and unset\n"
            "environment variables for the target process.\n"
            "It is possible to provide several variables by separating them\n"
            "by commas in getsubopt(3) style. Additionally it is possible to\n"
            "provide the -E and -U options multiple times.\n",
            interp_prefix ? interp_prefix : "(none)", guest_stack_size);
}

static __attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("qemu-i386: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* "8M", "65536", "1g"... */
static bool parse_size(const char *s, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s) {
        return false;
    }
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end || v > 0x80000000ull) {
        return false;
    }
    *out = (unsigned long)v;
    return true;
}

typedef struct Options {
    GPtrArray *set_env;     /* "var=value" */
    GPtrArray *unset_env;
    const char *argv0;
    const char *log_items;
    const char *log_file;
    uintptr_t guest_base;
    GPtrArray *reexec;
} Options;

static void add_env_list(GPtrArray *arr, const char *list)
{
    gchar **v = g_strsplit(list, ",", -1);
    for (gchar **p = v; *p; p++) {
        if (**p) {
            g_ptr_array_add(arr, g_strdup(*p));
        }
    }
    g_strfreev(v);
}

/* One option that takes an argument: the handlers below. */
typedef void OptHandler(Options *o, const char *arg);

static void opt_L(Options *o, const char *arg) { interp_prefix = arg; }
static void opt_cpu(Options *o, const char *arg) { cpu_model = arg; }
static void opt_E(Options *o, const char *arg) { add_env_list(o->set_env, arg); }
static void opt_U(Options *o, const char *arg) { add_env_list(o->unset_env, arg); }
static void opt_0(Options *o, const char *arg) { o->argv0 = arg; }
static void opt_d(Options *o, const char *arg) { o->log_items = arg; }
static void opt_D(Options *o, const char *arg) { o->log_file = arg; }

static void opt_s(Options *o, const char *arg)
{
    if (!parse_size(arg, &guest_stack_size) || guest_stack_size < 64 * 1024) {
        die("invalid stack size '%s'", arg);
    }
}

static void opt_B(Options *o, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 0);
    if (errno || *end || v == 0) {
        die("invalid guest base '%s'", arg);
    }
    o->guest_base = (uintptr_t)v;
}

static const struct {
    const char *name;
    const char *env;    /* the QEMU_* variable, NULL: none */
    OptHandler *fn;
    bool reexec;        /* repeated when the guest execve()s an i386 program */
} arg_options[] = {
    { "L", "QEMU_LD_PREFIX", opt_L, true },
    { "s", "QEMU_STACK_SIZE", opt_s, true },
    { "cpu", "QEMU_CPU", opt_cpu, true },
    { "E", "QEMU_SET_ENV", opt_E, false },
    { "U", "QEMU_UNSET_ENV", opt_U, false },
    { "0", "QEMU_ARGV0", opt_0, false },
    { "B", "QEMU_GUEST_BASE", opt_B, false },
    { "d", "QEMU_LOG", opt_d, true },
    { "D", "QEMU_LOG_FILENAME", opt_D, true },
};

/* QEMU options Q86 knows but does not implement: an error, never ignored. */
static const char *const unsupported_options[] = {
    "g", "R", "p", "r", "seed", "trace", "plugin", "one-insn-per-tb", "singlestep",
    "dfilter", "t", "j",
};

static int parse_args(int argc, char **argv, Options *o)
{
    /* Environment first; the command line overrides it. */
    for (size_t i = 0; i < G_N_ELEMENTS(arg_options); i++) {
        const char *v = arg_options[i].env ? getenv(arg_options[i].env) : NULL;
        if (v) {
            arg_options[i].fn(o, v);
        }
    }
    if (getenv("QEMU_STRACE")) {
        do_strace = true;
    }

    int i = 1;
    while (i < argc) {
        const char *arg = argv[i];
        if (arg[0] != '-') {
            break;
        }
        i++;
        const char *opt = arg + 1;
        if (opt[0] == '-') {
            if (opt[1] == '\0') {
                break; /* "--" ends the options */
            }
            opt++; /* --opt is -opt */
        }
        if (strcmp(opt, "h") == 0 || strcmp(opt, "help") == 0) {
            usage(stdout);
            exit(0);
        }
        if (strcmp(opt, "version") == 0) {
            printf("qemu-i386 version " Q86_VERSION " (Q86)\n");
            exit(0);
        }
        if (strcmp(opt, "strace") == 0) {
            do_strace = true;
            g_ptr_array_add(o->reexec, (char *)"-strace");
            continue;
        }
        bool found = false;
        for (size_t k = 0; k < G_N_ELEMENTS(arg_options); k++) {
            if (strcmp(opt, arg_options[k].name) != 0) {
                continue;
            }
            if (i >= argc) {
                die("option '%s' needs an argument", arg);
            }
            arg_options[k].fn(o, argv[i]);
            if (arg_options[k].reexec) {
                g_ptr_array_add(o->reexec, (char *)arg);
                g_ptr_array_add(o->reexec, argv[i]);
            }
            i++;
            found = true;
            break;
        }
        if (found) {
            continue;
        }
        for (size_t k = 0; k < G_N_ELEMENTS(unsupported_options); k++) {
            if (strcmp(opt, unsupported_options[k]) == 0) {
                die("option '%s' is not supported by this emulator", arg);
            }
        }
        die("unknown option '%s'", arg);
    }
    return i;
}

/* The guest's environment: ours, with -U removals and -E settings. */
static char **guest_environment(const Options *o)
{
    GPtrArray *env = g_ptr_array_new();
    for (char **e = environ; *e; e++) {
        g_ptr_array_add(env, g_strdup(*e));
    }
    for (guint k = 0; k < o->unset_env->len; k++) {
        const char *name = o->unset_env->pdata[k];
        size_t n = strlen(name);
        for (guint j = 0; j < env->len;) {
            const char *e = env->pdata[j];
            if (strncmp(e, name, n) == 0 && e[n] == '=') {
                g_free(g_ptr_array_steal_index(env, j));
            } else {
                j++;
            }
        }
    }
    for (guint k = 0; k < o->set_env->len; k++) {
        const char *kv = o->set_env->pdata[k];
        const char *eq = strchr(kv, '=');
        size_t n = eq ? (size_t)(eq - kv) : strlen(kv);
        for (guint j = 0; j < env->len;) {
            const char *e = env->pdata[j];
            if (strncmp(e, kv, n) == 0 && e[n] == '=') {
                g_free(g_ptr_array_steal_index(env, j));
            } else {
                j++;
            }
        }
        g_ptr_array_add(env, eq ? g_strdup(kv) : g_strdup_printf("%s=", kv));
    }
    g_ptr_array_add(env, NULL);
    return (char **)g_ptr_array_free(env, FALSE);
}

int main(int argc, char **argv)
{
    Options o = {
        .set_env = g_ptr_array_new(),
        .unset_env = g_ptr_array_new(),
        .reexec = g_ptr_array_new(),
    };
    int first = parse_args(argc, argv, &o);
    g_ptr_array_add(o.reexec, NULL);
    reexec_options = (char **)o.reexec->pdata;

    if (o.log_items) {
        if (strcmp(o.log_items, "help") == 0) {
            qemu_print_log_usage(stdout);
            exit(0);
        }
        int mask = qemu_str_to_log_mask(o.log_items);
        if (mask < 0) {
            die("invalid -d item list '%s' (use -d help)", o.log_items);
        }
        qemu_set_log(mask);
    }
    if (o.log_file && !qemu_set_log_filename(o.log_file)) {
        die("cannot open log file '%s': %s", o.log_file, strerror(errno));
    }
    if (cpu_model && strcmp(cpu_model, "help") == 0) {
        x86_cpu_list(stdout);
        exit(0);
    }
    if (first >= argc) {
        usage(stderr);
        exit(1);
    }

    const char *filename = argv[first];
    char **guest_argv = g_new0(char *, argc - first + 1);
    for (int k = first; k < argc; k++) {
        guest_argv[k - first] = argv[k];
    }
    if (o.argv0) {
        guest_argv[0] = (char *)o.argv0;
    }
    char **guest_envp = guest_environment(&o);

    char err[512];
    if (!guest_space_reserve(o.guest_base, err, sizeof(err))) {
        die("%s", err);
    }
    tcg_exec_init(0);
    X86CPU *cpu = cpu_x86_create(cpu_model);
    if (!cpu) {
        die("unable to find CPU model '%s'", cpu_model ? cpu_model : "(default)");
    }
    CPUX86State *env = &cpu->env;
    /* The CPU list starts with the main thread's CPU: clone appends to it,
     * and accel/tcg walks it (exclusive sections, jump-cache flushes). */
    first_cpu = &cpu->parent_obj;
    gdt_init(env);

    ImageInfo *info = &guest_image;
    if (!loader_exec(filename, guest_argv, guest_envp, env, info, err, sizeof(err))) {
        die("%s: %s", filename, err);
    }
    /* The task's comm is the program's file name, as execve sets it (shown
     * by /proc/self/stat and comm, ps, prctl(PR_GET_NAME)). */
    const char *slash = strrchr(filename, '/');
    prctl(PR_SET_NAME, slash ? slash + 1 : filename);
    qemu_log_mask(CPU_LOG_PAGE,
                  "guest_base  0x%lx\nstart_brk   0x%08x\nentry       0x%08x\n"
                  "start_eip   0x%08x\nstack       0x%08x-0x%08x\nsp          0x%08x\n",
                  (unsigned long)guest_base, info->start_brk, info->entry, info->start_eip,
                  info->stack_limit, info->stack_top, info->sp);
    target_cpu_init_regs(env, info);
    signal_init();
    cpu_loop(env);
}
