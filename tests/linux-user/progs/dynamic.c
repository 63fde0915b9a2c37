/*
 * A dynamically linked program: the ELF interpreter, shared libc and libm,
 * lazy PLT binding, TLS in a dynamic executable, dlopen/dlsym, and
 * floating-point formatting through libc.  Its output under qemu-i386 must
 * equal the native run's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread int tls_counter = 7;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int v[16];
    unsigned seed = 12345;
    for (int i = 0; i < 16; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (int)(seed >> 16) % 1000;
    }
    qsort(v, 16, sizeof(v[0]), cmp_int);
    printf("sorted:");
    for (int i = 0; i < 16; i++) {
        printf(" %d", v[i]);
    }
    printf("\n");

    tls_counter += argc;
    printf("tls %d\n", tls_counter);
    printf("libm: sqrt(2)=%.15g exp(1)=%.15g atan2(1,3)=%.15g\n", sqrt(2.0), exp(1.0),
           atan2(1.0, 3.0));
    printf("strtod: %.17g %a\n", strtod("3.14159265358979", NULL), strtod("0.1", NULL));

    void *h = dlopen("libm.so.6", RTLD_NOW);
    if (!h) {
        printf("dlopen failed: %s\n", dlerror());
        return 1;
    }
    double (*cosine)(double) = (double (*)(double))dlsym(h, "cos");
    printf("dlsym cos(0.5)=%.15g\n", cosine ? cosine(0.5) : -1.0);
    dlclose(h);

    char buf[64];
    snprintf(buf, sizeof(buf), "%s has %d args", strrchr(argv[0], '/') ? "prog" : argv[0], argc);
    puts(buf);
    return 0;
}
