/*
 * 16550A UART: loopback through the receiver (FIFO and non-FIFO), modem
 * control lines looped to modem status, the divisor latch, interrupt
 * identification on IRQ4, output to a file chardev; and isa-debugcon.
 */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libqtest.h"

#define COM1 0x3f8
#define RBR 0
#define THR 0
#define IER 1
#define IIR 2
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

static void uart_loopback_echoes_bytes_without_fifo(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");

    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x60);       /* THRE | TEMT */
    qtest_outb(s, COM1 + MCR, 0x10);                           /* LOOP */
    qtest_outb(s, COM1 + THR, 'Q');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x61, ==, 0x61); /* DR too */
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, 'Q');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x01, ==, 0x00);
    /* A second byte before the first is read overruns. */
    qtest_outb(s, COM1 + THR, 'a');
    qtest_outb(s, COM1 + THR, 'b');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x03, ==, 0x03); /* DR | OE */
    g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x02, ==, 0x00); /* OE cleared by the read */
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, 'b');
    qtest_quit(s);
}

static void uart_loopback_fills_the_receive_fifo_in_order(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");
    const char *msg = "16550A fifo";

    qtest_outb(s, COM1 + FCR, 0x07);                           /* enable + clear */
    g_assert_cmphex(qtest_inb(s, COM1 + IIR) & 0xc0, ==, 0xc0); /* FIFOs enabled */
    qtest_outb(s, COM1 + MCR, 0x10);
    for (const char *c = msg; *c; c++) {
        qtest_outb(s, COM1 + THR, *c);
    }
    for (const char *c = msg; *c; c++) {
        g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x01, ==, 0x01);
        g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, (uint8_t)*c);
    }
    g_assert_cmphex(qtest_inb(s, COM1 + LSR) & 0x01, ==, 0x00);
    qtest_quit(s);
}

static void uart_loopback_ties_modem_control_to_modem_status(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");

    qtest_outb(s, COM1 + MCR, 0x10);
    qtest_inb(s, COM1 + MSR);
    qtest_outb(s, COM1 + MCR, 0x10 | 0x02);                    /* RTS -> CTS */
    g_assert_cmphex(qtest_inb(s, COM1 + MSR), ==, 0x10 | 0x01); /* CTS, DCTS */
    qtest_outb(s, COM1 + MCR, 0x10 | 0x0f);                    /* DTR RTS OUT1 OUT2 */
    g_assert_cmphex(qtest_inb(s, COM1 + MSR) & 0xf0, ==, 0xf0); /* DCD RI DSR CTS */
    qtest_quit(s);
}

static void uart_divisor_latch_and_scratch_register(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");

    qtest_outb(s, COM1 + LCR, 0x83);
    qtest_outb(s, COM1 + 0, 0x01);
    qtest_outb(s, COM1 + 1, 0x00);
    g_assert_cmphex(qtest_inb(s, COM1 + 0), ==, 0x01);
    g_assert_cmphex(qtest_inb(s, COM1 + 1), ==, 0x00);
    qtest_outb(s, COM1 + LCR, 0x03);
    g_assert_cmphex(qtest_inb(s, COM1 + IER), ==, 0x00);        /* IER, not DLM */
    qtest_outb(s, COM1 + SCR, 0x5a);
    g_assert_cmphex(qtest_inb(s, COM1 + SCR), ==, 0x5a);
    qtest_quit(s);
}

static void uart_interrupts_on_irq4_with_iir_priorities(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");

    qtest_irq_intercept_in(s, "/machine/unattached/pic-master");
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x01);        /* none pending */
    qtest_outb(s, COM1 + IER, 0x02);                           /* ETBEI: THR is empty */
    g_assert_true(qtest_get_irq(s, 4));
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x02);        /* THRE; reading clears it */
    g_assert_false(qtest_get_irq(s, 4));
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x01);
    /* Received data outranks THRE. */
    qtest_outb(s, COM1 + IER, 0x03);
    qtest_outb(s, COM1 + MCR, 0x10);
    qtest_outb(s, COM1 + THR, 'x');
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x04);
    qtest_inb(s, COM1 + RBR);
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x02);
    qtest_quit(s);
}

static void uart_character_timeout_reports_a_short_fifo(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-serial");

    qtest_outb(s, COM1 + FCR, 0x41);                           /* FIFO, trigger level 4 */
    qtest_outb(s, COM1 + IER, 0x01);
    qtest_outb(s, COM1 + MCR, 0x10);
    qtest_outb(s, COM1 + THR, '1');
    qtest_outb(s, COM1 + THR, '2');
    /* Below the trigger level: no interrupt yet. */
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0xc1);
    /* Four character times at 9600 baud (about 4.2 ms) later: timeout. */
    qtest_clock_step(s, 5000000);
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0xcc);
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, '1');
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0xc1);
    qtest_clock_step(s, 5000000);
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0xcc);
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, '2');
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0xc1);
    qtest_quit(s);
}

static void global_and_device_properties_place_the_uart(void)
{
    QTestState *s = qtest_init("-nodefaults -global isa-serial.iobase=0x2e8 "
                               "-device isa-serial,id=com4,irq=5");
    char *tree;

    qtest_outb(s, 0x2e8 + SCR, 0xa5);
    g_assert_cmphex(qtest_inb(s, 0x2e8 + SCR), ==, 0xa5);
    g_assert_cmphex(qtest_inb(s, COM1 + SCR), ==, 0xff);   /* nothing at 0x3f8 */
    tree = qtest_hmp(s, "info qtree");
    g_test_message("%s", tree);
    g_assert_nonnull(strstr(tree, "dev: isa-serial, id \"com4\""));
    g_assert_nonnull(strstr(tree, "iobase = 744 (0x2e8)"));
    g_assert_nonnull(strstr(tree, "isa irq 5"));
    g_free(tree);
    qtest_quit(s);
}

static char *read_file_when(const char *path, size_t want)
{
    for (int i = 0; i < 100; i++) {
        gchar *data = NULL;
        gsize len = 0;
        if (g_file_get_contents(path, &data, &len, NULL) && len >= want) {
            return data;
        }
        g_free(data);
        g_usleep(20000);
    }
    return g_strdup("");
}

static void uart_output_reaches_its_chardev(void)
{
    char *path = g_strdup_printf("%s/q86-serial-%d.out", g_get_tmp_dir(), getpid());
    QTestState *s = qtest_initf("-nodefaults -chardev file,id=s0,path=%s "
                                "-device isa-serial,chardev=s0", path);
    char *data;

    for (const char *c = "hello, uart\n"; *c; c++) {
        qtest_outb(s, COM1 + THR, *c);
    }
    data = read_file_when(path, 12);
    g_assert_cmpstr(data, ==, "hello, uart\n");
    g_free(data);
    qtest_quit(s);
    unlink(path);
    g_free(path);
}

static void debugcon_writes_to_its_chardev_and_reads_back_e9(void)
{
    char *path = g_strdup_printf("%s/q86-debugcon-%d.out", g_get_tmp_dir(), getpid());
    QTestState *s = qtest_initf("-nodefaults -chardev file,id=d0,path=%s "
                                "-device isa-debugcon,iobase=0x402,chardev=d0", path);
    char *data;

    for (const char *c = "SeaBIOS"; *c; c++) {
        qtest_outb(s, 0x402, *c);
    }
    g_assert_cmphex(qtest_inb(s, 0x402), ==, 0xe9);
    data = read_file_when(path, 7);
    g_assert_cmpstr(data, ==, "SeaBIOS");
    g_free(data);
    qtest_quit(s);
    unlink(path);
    g_free(path);
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    for (int i = 0; i < 100; i++) {
        if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
            return fd;
        }
        g_usleep(20000);
    }
    g_error("cannot connect to %s", path);
}

static void uart_receives_bytes_from_its_chardev_into_the_fifo(void)
{
    char *path = g_strdup_printf("%s/q86-serial-in-%d.sock", g_get_tmp_dir(), getpid());
    QTestState *s = qtest_initf("-nodefaults -chardev socket,id=s0,path=%s,server=on,wait=off "
                                "-device isa-serial,chardev=s0", path);
    int fd = connect_unix(path);
    const char *msg = "typed";
    GString *got = g_string_new(NULL);

    qtest_outb(s, COM1 + FCR, 0x07);
    g_assert_cmpint(write(fd, msg, strlen(msg)), ==, (int)strlen(msg));
    /* The bytes arrive through the main loop; poll LSR.DR like a driver. */
    for (int i = 0; i < 500 && got->len < strlen(msg); i++) {
        if (qtest_inb(s, COM1 + LSR) & 0x01) {
            g_string_append_c(got, qtest_inb(s, COM1 + RBR));
        } else {
            g_usleep(2000);
        }
    }
    g_assert_cmpstr(got->str, ==, msg);
    g_string_free(got, TRUE);
    close(fd);
    qtest_quit(s);
    unlink(path);
    g_free(path);
}

static void debug_exit_ends_the_emulator_with_the_written_status(void)
{
    QTestState *s = qtest_init("-nodefaults -device isa-debug-exit,iobase=0xf4,iosize=0x04");
    int status;

    qtest_raw_send(s, "outb 0xf4 0x10");
    status = qtest_wait_exit(s, 10000);
    g_test_message("wait status %#x", status);
    g_assert_true(status != -1 && WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, (0x10 << 1) | 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/serial/loopback_echoes_bytes_without_fifo",
                    uart_loopback_echoes_bytes_without_fifo);
    g_test_add_func("/serial/loopback_fills_the_receive_fifo_in_order",
                    uart_loopback_fills_the_receive_fifo_in_order);
    g_test_add_func("/serial/loopback_ties_modem_control_to_modem_status",
                    uart_loopback_ties_modem_control_to_modem_status);
    g_test_add_func("/serial/divisor_latch_and_scratch_register",
                    uart_divisor_latch_and_scratch_register);
    g_test_add_func("/serial/interrupts_on_irq4_with_iir_priorities",
                    uart_interrupts_on_irq4_with_iir_priorities);
    g_test_add_func("/serial/character_timeout_reports_a_short_fifo",
                    uart_character_timeout_reports_a_short_fifo);
    g_test_add_func("/serial/global_and_device_properties_place_the_uart",
                    global_and_device_properties_place_the_uart);
    g_test_add_func("/serial/output_reaches_its_chardev", uart_output_reaches_its_chardev);
    g_test_add_func("/serial/receives_bytes_from_its_chardev_into_the_fifo",
                    uart_receives_bytes_from_its_chardev_into_the_fifo);
    g_test_add_func("/debugcon/writes_to_its_chardev_and_reads_back_e9",
                    debugcon_writes_to_its_chardev_and_reads_back_e9);
    g_test_add_func("/debug-exit/ends_the_emulator_with_the_written_status",
                    debug_exit_ends_the_emulator_with_the_written_status);
    return g_test_run();
}
