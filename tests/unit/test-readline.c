/* The monitor's line editor: editing keys, history, and plain-line mode. */
#include <string.h>

#include <glib.h>

#include "monitor/readline.h"

typedef struct Capture {
    GPtrArray *lines;
    GString *echo;
} Capture;

static void cap_print(void *opaque, const char *text)
{
    g_string_append(((Capture *)opaque)->echo, text);
}

static void cap_line(void *opaque, const char *line)
{
    g_ptr_array_add(((Capture *)opaque)->lines, g_strdup(line));
}

static void feed(ReadLineState *rs, const char *bytes)
{
    for (const char *p = bytes; *p; p++) {
        readline_handle_byte(rs, (unsigned char)*p);
    }
}

static Capture *capture_new(void)
{
    Capture *c = g_new0(Capture, 1);

    c->lines = g_ptr_array_new_with_free_func(g_free);
    c->echo = g_string_new(NULL);
    return c;
}

static void capture_free(Capture *c)
{
    g_ptr_array_free(c->lines, TRUE);
    g_string_free(c->echo, TRUE);
    g_free(c);
}

#define LINE(c, i) ((const char *)g_ptr_array_index((c)->lines, (i)))

static void test_terminal_editing_keys(void)
{
    Capture *c = capture_new();
    ReadLineState *rs = readline_new(true, cap_print, cap_line, c);

    readline_set_prompt(rs, "(qemu) ");
    /* left twice, insert; Home, Delete; End, Backspace */
    feed(rs, "info stxus\x1b[D\x1b[Da\x1b[H\x1b[3~\x1b[F\x7fs\r");
    g_assert_cmpuint(c->lines->len, ==, 1);
    g_assert_cmpstr(LINE(c, 0), ==, "nfo stxaus");
    /* Ctrl-U kills to the start, Ctrl-W a word, Ctrl-K to the end */
    feed(rs, "garbage\x15x /4x 0x10 junk\x17\x7f\r");
    g_assert_cmpstr(LINE(c, 1), ==, "x /4x 0x10");
    feed(rs, "abcdef\x02\x02\x02\x0b\r");
    g_assert_cmpstr(LINE(c, 2), ==, "abc");
    /* typed characters are echoed */
    g_assert_nonnull(strstr(c->echo->str, "garbage"));
    readline_free(rs);
    capture_free(c);
}

static void test_history_up_down_and_dedup(void)
{
    Capture *c = capture_new();
    ReadLineState *rs = readline_new(true, cap_print, cap_line, c);

    feed(rs, "one\rtwo\rthree\r");
    feed(rs, "\x1b[A\x1b[A\r");          /* up, up: "two" */
    g_assert_cmpstr(LINE(c, 3), ==, "two");
    feed(rs, "\x1b[A\x1b[A\x1b[B\r");    /* "two" moved last: up up down = "two" */
    g_assert_cmpstr(LINE(c, 4), ==, "two");
    feed(rs, "\x10\x10\x10\x0e\r");      /* Ctrl-P x3, Ctrl-N */
    g_assert_cmpstr(LINE(c, 5), ==, "three");
    /* a repeated line is kept once, at the end */
    g_assert_cmpstr(readline_get_history(rs, 0), ==, "one");
    g_assert_cmpstr(readline_get_history(rs, 1), ==, "two");
    g_assert_cmpstr(readline_get_history(rs, 2), ==, "three");
    g_assert_null(readline_get_history(rs, 3));
    readline_free(rs);
    capture_free(c);
}

static void test_plain_mode_has_no_echo_and_strips_cr(void)
{
    Capture *c = capture_new();
    ReadLineState *rs = readline_new(false, cap_print, cap_line, c);

    feed(rs, "info status\r\ninfo\x1b[Dmtree\n");
    g_assert_cmpuint(c->lines->len, ==, 2);
    g_assert_cmpstr(LINE(c, 0), ==, "info status");
    /* escape sequences are not interpreted off a terminal */
    g_assert_cmpstr(LINE(c, 1), ==, "info\x1b[Dmtree");
    g_assert_cmpstr(c->echo->str, ==, "");
    readline_free(rs);
    capture_free(c);
}

static void complete_from_list(void *opaque, const char *line, GPtrArray *out)
{
    static const char *const words[] = { "info", "mtree", "ramblock", "registers", NULL };
    const char *space = strrchr(line, ' ');
    const char *word = space ? space + 1 : line;

    for (int i = 0; words[i]; i++) {
        if (g_str_has_prefix(words[i], word)) {
            g_ptr_array_add(out, g_strdup(words[i]));
        }
    }
}

static void test_tab_completes_unique_word_and_lists_ambiguous_ones(void)
{
    Capture *c = capture_new();
    ReadLineState *rs = readline_new(true, cap_print, cap_line, c);

    readline_set_completion(rs, complete_from_list);
    feed(rs, "inf\tmt\t\r");
    g_assert_cmpstr(LINE(c, 0), ==, "info mtree ");
    /* "r": two candidates, common prefix "r"; Tab lists them; "a" + Tab completes */
    g_string_truncate(c->echo, 0);
    feed(rs, "info r\t");
    g_assert_nonnull(strstr(c->echo->str, "\r\nramblock\r\nregisters\r\n"));
    feed(rs, "a\t\r");
    g_assert_cmpstr(LINE(c, 1), ==, "info ramblock ");
    readline_free(rs);
    capture_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/readline/terminal-editing-keys", test_terminal_editing_keys);
    g_test_add_func("/readline/history", test_history_up_down_and_dedup);
    g_test_add_func("/readline/plain-mode", test_plain_mode_has_no_echo_and_strips_cr);
    g_test_add_func("/readline/tab-completion", test_tab_completes_unique_word_and_lists_ambiguous_ones);
    return g_test_run();
}
