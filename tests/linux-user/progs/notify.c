/*
 * Descriptor extras under qemu-i386 vs native: inotify events, extended
 * attributes, signalfd reading a blocked signal.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/xattr.h>
#include <sys/signalfd.h>
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <string.h>
int main(void){
  char d[] = "/tmp/q86-misc-XXXXXX"; mkdtemp(d); chdir(d);
  int in = inotify_init1(IN_NONBLOCK); int w = inotify_add_watch(in, ".", IN_CREATE);
  close(open("newfile", O_CREAT|O_WRONLY, 0600));
  char buf[4096]; ssize_t n = read(in, buf, sizeof buf); struct inotify_event *ev = (void*)buf;
  printf("inotify %d %d read>0 %d name %s\n", in >= 0, w, n > 0, n > 0 ? ev->name : "");
  int r = setxattr("newfile", "user.q86", "v1", 2, 0); int e = errno;
  char v[16] = {0}; ssize_t g = getxattr("newfile", "user.q86", v, sizeof v);
  printf("xattr set %d/%d get %zd %s\n", r, r ? e : 0, g, g > 0 ? v : "-");
  sigset_t m; sigemptyset(&m); sigaddset(&m, SIGUSR1); sigprocmask(SIG_BLOCK, &m, NULL);
  int sfd = signalfd(-1, &m, 0); raise(SIGUSR1); struct signalfd_siginfo si; ssize_t sr = read(sfd, &si, sizeof si);
  printf("signalfd %zd signo %u\n", sr, si.ssi_signo);
  unlink("newfile"); chdir("/"); rmdir(d); return 0; }
