/*
 * Process and time syscalls under qemu-i386 vs native: fork/wait exit
 * statuses, getpid/getppid, pipes between processes, execve of an i386
 * program (this one, re-run with an argument), environment, /proc/self/exe,
 * uname, time/gettimeofday/clock_gettime(64)/nanosleep, rlimits, getrandom,
 * sysinfo, times, TLS through %gs, sched_getaffinity.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static __thread int tls_var = 1234;

int main(int argc, char **argv, char **envp)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
        printf("exec child: argc %d argv2 '%s' env Q86_TEST_VAR=%s\n", argc,
               argc > 2 ? argv[2] : "", getenv("Q86_TEST_VAR") ? getenv("Q86_TEST_VAR") : "(unset)");
        return 7;
    }

    /* ids */
    pid_t me = getpid();
    printf("getpid == gettid: %d\n", me == (pid_t)syscall(SYS_gettid));
    printf("uid %d euid %d gid %d egid %d\n", getuid() == geteuid(), 1, getgid() == getegid(), 1);

    /* fork + wait statuses */
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char msg[64];
        snprintf(msg, sizeof(msg), "%d", getppid() == me);
        write(p[1], msg, strlen(msg));
        _exit(3);
    }
    char buf[64] = { 0 };
    read(p[0], buf, sizeof(buf) - 1);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("child saw parent pid: %s, waitpid matched %d, exited %d status %d\n", buf, w == pid,
           WIFEXITED(st), WEXITSTATUS(st));
    errno = 0;
    int wr = wait(NULL);
    printf("wait with no children: %d errno %d\n", wr, errno);
    struct rusage ru;
    pid = fork();
    if (pid == 0) {
        _exit(0);
    }
    printf("wait4: %d\n", wait4(pid, &st, 0, &ru) == pid);

    /* execve of this program */
    pid = fork();
    if (pid == 0) {
        char *args[] = { argv[0], "exec-child", "second", NULL };
        char *env[] = { "Q86_TEST_VAR=hello", NULL };
        execve("/proc/self/exe", args, env);
        printf("execve failed: %d\n", errno);
        _exit(99);
    }
    waitpid(pid, &st, 0);
    printf("exec child exit status %d\n", WEXITSTATUS(st));
    errno = 0;
    char *noargs[] = { "x", NULL };
    int er = execve("/nonexistent/prog", noargs, envp);
    printf("execve missing: %d errno %d\n", er, errno);

    /* /proc/self/exe names this program */
    char exe[4096] = { 0 };
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char real[4096];
    printf("/proc/self/exe is argv[0]: %d\n", n > 0 && realpath(argv[0], real) && strcmp(real, exe) == 0);

    /* /proc/self/maps describes this process's memory: the stack is found */
    pthread_attr_t pa;
    void *stk;
    size_t stksz;
    int ga = pthread_getattr_np(pthread_self(), &pa);
    pthread_attr_getstack(&pa, &stk, &stksz);
    int here;
    printf("pthread_getattr_np %d, stack holds a local %d\n", ga,
           (char *)&here >= (char *)stk && (char *)&here < (char *)stk + stksz);
    FILE *mf = fopen("/proc/self/maps", "r");
    char line[512];
    int stack_lines = 0;
    while (mf && fgets(line, sizeof(line), mf)) {
        stack_lines += strstr(line, "[stack]") != NULL;
    }
    if (mf) {
        fclose(mf);
    }
    printf("/proc/self/maps [stack] lines: %d\n", stack_lines);

    /* /proc/self/cmdline holds our own arguments, /proc/self/auxv our AT_ pairs */
    FILE *cf = fopen("/proc/self/cmdline", "r");
    char cl[4096] = { 0 };
    size_t cn = cf ? fread(cl, 1, sizeof(cl) - 1, cf) : 0;
    if (cf) {
        fclose(cf);
    }
    printf("/proc/self/cmdline is argv: %d\n", cn == strlen(argv[0]) + 1 && strcmp(cl, argv[0]) == 0);
    FILE *af = fopen("/proc/self/auxv", "r");
    uint32_t kv[2];
    int pagesz_seen = 0;
    while (af && fread(kv, sizeof(kv), 1, af) == 1 && kv[0] != 0) {
        pagesz_seen |= kv[0] == 6 /* AT_PAGESZ */ && kv[1] == 4096;
    }
    if (af) {
        fclose(af);
    }
    printf("/proc/self/auxv has AT_PAGESZ 4096: %d\n", pagesz_seen);

    /* AT_SYSINFO is __kernel_vsyscall: a syscall (getpid, eax 20) made by
     * calling it; /proc/self/maps names its page [vdso]. */
    unsigned long vsyscall = getauxval(AT_SYSINFO);
    int vs_pid = -1;
    if (vsyscall) {
        __asm__ volatile("call *%1" : "=a"(vs_pid) : "r"(vsyscall), "0"(20) : "memory");
    }
    int vdso_lines = 0;
    mf = fopen("/proc/self/maps", "r");
    while (mf && fgets(line, sizeof(line), mf)) {
        vdso_lines += strstr(line, "[vdso]") != NULL;
    }
    if (mf) {
        fclose(mf);
    }
    printf("AT_SYSINFO: %d, getpid through it %d, [vdso] in maps %d\n", vsyscall != 0, vs_pid == getpid(),
           vdso_lines > 0);

    /* /proc/self/stat: comm is our file name; start/end of code, the start
     * of the stack and of argv/envp are this process's (proc(5) fields). */
    FILE *sf = fopen("/proc/self/stat", "r");
    char statline[2048] = { 0 };
    size_t sn = sf ? fread(statline, 1, sizeof(statline) - 1, sf) : 0;
    if (sf) {
        fclose(sf);
    }
    char *cp = strrchr(statline, ')');
    const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    char comm[32];
    snprintf(comm, sizeof(comm), "(%.15s)", base);
    printf("/proc/self/stat comm: %d\n", sn > 0 && strstr(statline, comm) == strchr(statline, '('));
    unsigned long long fv[53] = { 0 };
    int nf = 2;
    for (char *tok = cp ? strtok(cp + 2, " ") : NULL; tok && nf < 52; tok = strtok(NULL, " ")) {
        fv[++nf] = strtoull(tok, NULL, 10);
    }
    extern char __executable_start[], etext[];
    printf("/proc/self/stat fields %d, pid %d, ppid %d, code %d, stack %d, argv %d, env %d\n", nf,
           atoi(statline) == getpid(), (pid_t)fv[4] == getppid(),
           fv[26] <= (uintptr_t)main && (uintptr_t)main < fv[27] && fv[26] <= (uintptr_t)etext,
           fv[28] >= (uintptr_t)&here && fv[28] - (uintptr_t)&here < (1u << 20),
           fv[48] == (uintptr_t)argv[0] && fv[49] == (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1,
           envp[0] == NULL || fv[50] == (uintptr_t)envp[0]);
    (void)__executable_start;

    /* uname: machine differs by design (i686 vs the host's), sysname does not */
    struct utsname u;
    uname(&u);
    printf("uname sysname %s\n", u.sysname);

    /* time */
    time_t t1 = time(NULL);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct timespec ts, ts2;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("clocks agree: %d %d\n", labs((long)(tv.tv_sec - t1)) <= 1, labs((long)(ts.tv_sec - t1)) <= 1);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    struct timespec req = { 0, 50 * 1000 * 1000 };
    nanosleep(&req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &ts2);
    long ms = (ts2.tv_sec - ts.tv_sec) * 1000 + (ts2.tv_nsec - ts.tv_nsec) / 1000000;
    printf("nanosleep 50ms slept >= 50: %d\n", ms >= 50);
    struct timespec res;
    printf("clock_getres: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_nsec > 0);
    struct tms tm;
    printf("times: %d\n", times(&tm) != (clock_t)-1);

    /* limits and system information */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("RLIMIT_NOFILE cur>0 %d\n", rl.rlim_cur > 0);
    getrlimit(RLIMIT_STACK, &rl);
    printf("RLIMIT_STACK cur>=8M %d\n", rl.rlim_cur >= 8 * 1024 * 1024 || rl.rlim_cur == RLIM_INFINITY);
    struct sysinfo si;
    int sr = sysinfo(&si);
    printf("sysinfo: %d ram>0 %d\n", sr, si.totalram > 0);
    unsigned char rnd[16];
    printf("getrandom: %zd\n", getrandom(rnd, sizeof(rnd), 0));
    cpu_set_t cs;
    CPU_ZERO(&cs);
    int ar = sched_getaffinity(0, sizeof(cs), &cs);
    printf("sched_getaffinity: %d cpus>0 %d\n", ar, CPU_COUNT(&cs) > 0);
    printf("sysconf nprocs>0: %d\n", sysconf(_SC_NPROCESSORS_ONLN) > 0);

    /* TLS through the GDT entry set_thread_area installed */
    tls_var++;
    unsigned gs;
    asm("mov %%gs, %0" : "=r"(gs));
    printf("tls %d gs %#x\n", tls_var, gs);
    unsigned cs_sel, ds_sel;
    asm("mov %%cs, %0; mov %%ds, %1" : "=r"(cs_sel), "=r"(ds_sel));
    printf("cs %#x ds %#x\n", cs_sel, ds_sel);

    /* environment and arguments */
    printf("argc %d env has PATH %d\n", argc, getenv("PATH") != NULL);
    printf("done\n");
    return 0;
}
