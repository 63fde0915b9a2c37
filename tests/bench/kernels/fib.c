/* Bench kernel: call-heavy recursion (naive Fibonacci and Ackermann). */
#include <stdio.h>
#include <stdlib.h>

static unsigned __attribute__((noinline)) fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned __attribute__((noinline)) ack(unsigned m, unsigned n)
{
    return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? atoi(argv[1]) : 32;
    printf("fib(%u) = %u ack(2,%u) = %u\n", n, fib(n), n * 100, ack(2, n * 100));
    return 0;
}
