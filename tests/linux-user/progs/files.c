/*
 * File syscalls under qemu-i386 vs native: open/read/write/lseek, stat64
 * and lstat64 fields, getdents64, links, rename, pipes, dup2, fcntl, pread/
 * pwrite, readv/writev, truncate, utimensat, statfs, getcwd/chdir.
 * Prints only values that do not depend on the run (no inode numbers, no
 * times, relative names).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(x) do { if (!(x)) { printf("FAIL %s:%d: %s (errno %d)\n", __FILE__, __LINE__, #x, errno); } } while (0)
/* A call's result and, when it failed, errno (read after the call). */
#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
        printf("%s: %ld errno %d\n", label, r_, r_ < 0 ? errno : 0); } while (0)

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    char buf[4096];
    char *names[64];
    int n = 0;
    /* name and type, sorted: the order getdents returns depends on the fs */
    long r;
    while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
        for (long off = 0; off < r;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);
            if (n < 64) {
                const char *t = d->d_type == DT_DIR ? "dir" : d->d_type == DT_REG ? "file" :
                                d->d_type == DT_LNK ? "link" : "other";
                if (asprintf(&names[n], "%s(%s)", d->d_name, t) > 0) {
                    n++;
                }
            }
            off += d->d_reclen;
        }
    }
    qsort(names, n, sizeof(names[0]), cmp);
    printf("listing:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char tmpl[] = "/tmp/q86-files-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    CHECK(chdir(dir) == 0);

    char cwd[4096];
    CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
    printf("getcwd matches: %d\n", strcmp(cwd, dir) == 0);

    /* write, lseek, read */
    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0640);
    CHECK(fd >= 0);
    printf("write: %zd\n", write(fd, "hello, world\n", 13));
    printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
    printf("lseek set: %ld\n", (long)lseek(fd, 7, SEEK_SET));
    char buf[64] = { 0 };
    printf("read: %zd '%s'\n", read(fd, buf, sizeof(buf) - 1), buf);
    /* _llseek past 4 GiB */
    off64_t o = lseek64(fd, 0x100000000LL, SEEK_SET);
    printf("lseek64 4G: %lld\n", (long long)o);
    printf("lseek64 back: %lld\n", (long long)lseek64(fd, 0, SEEK_END));

    /* stat64 / fstat64 / lstat64 */
    struct stat64 st;
    CHECK(fstat64(fd, &st) == 0);
    printf("fstat64: size %lld mode %o nlink %lu blocks<size %d\n", (long long)st.st_size,
           st.st_mode, (unsigned long)st.st_nlink, st.st_blocks * 512 < st.st_size);
    CHECK(ftruncate64(fd, 5) == 0);
    CHECK(stat64("a.txt", &st) == 0);
    printf("after ftruncate: size %lld\n", (long long)st.st_size);

    /* pread/pwrite */
    printf("pwrite: %zd\n", pwrite(fd, "XY", 2, 1));
    memset(buf, 0, sizeof(buf));
    printf("pread: %zd '%s'\n", pread(fd, buf, 10, 0), buf);

    /* readv/writev */
    struct iovec iov[3] = { { "ab", 2 }, { "cde", 3 }, { "f\n", 2 } };
    lseek(fd, 0, SEEK_SET);
    printf("writev: %zd\n", writev(fd, iov, 3));
    char b1[3] = { 0 }, b2[5] = { 0 };
    struct iovec riov[2] = { { b1, 2 }, { b2, 4 } };
    lseek(fd, 0, SEEK_SET);
    printf("readv: %zd '%s' '%s'\n", readv(fd, riov, 2), b1, b2);
    close(fd);

    /* append */
    fd = open("a.txt", O_WRONLY | O_APPEND);
    write(fd, "END", 3);
    printf("fcntl GETFL append: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    printf("fcntl GETFD: %d\n", fcntl(fd, F_GETFD));
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    printf("fcntl GETFD after: %d\n", fcntl(fd, F_GETFD));
    close(fd);

    /* links and symlinks */
    CHECK(link("a.txt", "b.txt") == 0);
    CHECK(symlink("a.txt", "c.lnk") == 0);
    CHECK(lstat64("c.lnk", &st) == 0);
    printf("lstat64 link: islnk %d size %lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
    CHECK(stat64("c.lnk", &st) == 0);
    printf("stat64 through link: isreg %d nlink %lu size %lld\n", S_ISREG(st.st_mode),
           (unsigned long)st.st_nlink, (long long)st.st_size);
    char lb[64] = { 0 };
    printf("readlink: %zd '%s'\n", readlink("c.lnk", lb, sizeof(lb)), lb);

    CHECK(mkdir("sub", 0755) == 0);
    CHECK(rename("b.txt", "sub/b2.txt") == 0);
    list_dir(".");
    list_dir("sub");
    SHOW("access a.txt R_OK", access("a.txt", R_OK));
    SHOW("access missing", access("nope", F_OK));
    CHECK(chmod("a.txt", 0600) == 0);
    CHECK(stat64("a.txt", &st) == 0);
    printf("mode after chmod: %o\n", st.st_mode & 07777);
    SHOW("open missing", open("nope", O_RDONLY));
    SHOW("mkdir exists", mkdir("sub", 0755));
    SHOW("rmdir nonempty", rmdir("sub"));

    /* utimensat */
    struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
    CHECK(utimensat(AT_FDCWD, "a.txt", ts, 0) == 0);
    CHECK(stat64("a.txt", &st) == 0);
    printf("mtime: %ld.%ld atime %ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
           (long)st.st_atim.tv_sec);

    /* pipes and dup2 */
    int p[2];
    CHECK(pipe(p) == 0);
    int saved = dup(1);
    CHECK(dup2(p[1], 1) == 1);
    write(1, "through pipe", 12);
    dup2(saved, 1);
    close(saved);
    close(p[1]);
    memset(buf, 0, sizeof(buf));
    printf("pipe read: %zd '%s'\n", read(p[0], buf, sizeof(buf)), buf);
    printf("pipe EOF: %zd\n", read(p[0], buf, sizeof(buf)));
    close(p[0]);
    CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
    SHOW("pipe2 nonblock read", read(p[0], buf, 1));
    close(p[0]);
    close(p[1]);

    /* statfs */
    struct statfs64 sf;
    CHECK(statfs64(".", &sf) == 0);
    printf("statfs64: bsize>0 %d blocks>0 %d\n", sf.f_bsize > 0, sf.f_blocks > 0);

    /* bad pointers are EFAULT, not crashes */
    void *volatile bad = (void *)16;
    SHOW("write bad ptr", write(1, bad, 4));
    SHOW("stat bad ptr", stat64(bad, &st));
    SHOW("read into bad ptr", read(0, bad, 4));

    /* cleanup */
    CHECK(unlink("sub/b2.txt") == 0);
    CHECK(rmdir("sub") == 0);
    CHECK(unlink("c.lnk") == 0);
    CHECK(unlink("a.txt") == 0);
    CHECK(chdir("/") == 0);
    CHECK(rmdir(dir) == 0);
    printf("done\n");
    return 0;
}
