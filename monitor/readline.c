/* The monitor's line editor and history (see monitor/readline.h). */
#include <string.h>

#include <glib.h>

#include "monitor/readline.h"

ReadLineState *readline_new(bool terminal, ReadLinePrintFunc *print,
                            ReadLineLineFunc *line_done, void *opaque)
{
    ReadLineState *rs = g_new0(ReadLineState, 1);

    rs->terminal = terminal;
    rs->print = print;
    rs->line_done = line_done;
    rs->opaque = opaque;
    rs->prompt = "";
    return rs;
}

void readline_free(ReadLineState *rs)
{
    if (!rs) {
        return;
    }
    for (int i = 0; i < rs->history_count; i++) {
        g_free(rs->history[i]);
    }
    g_free(rs);
}

void readline_set_prompt(ReadLineState *rs, const char *prompt)
{
    rs->prompt = prompt;
}

void readline_set_completion(ReadLineState *rs, ReadLineCompletionFunc *complete)
{
    rs->complete = complete;
}

void readline_show_prompt(ReadLineState *rs)
{
    rs->print(rs->opaque, rs->prompt);
    if (rs->terminal && rs->len) {
        rs->buf[rs->len] = '\0';
        rs->print(rs->opaque, rs->buf);
    }
}

const char *readline_get_history(ReadLineState *rs, int i)
{
    return i >= 0 && i < rs->history_count ? rs->history[i] : NULL;
}

/* Repaints the line: prompt, text, clear to the end, cursor back in place. */
static void redraw(ReadLineState *rs)
{
    GString *s = g_string_new("\r");

    g_string_append(s, rs->prompt);
    g_string_append_len(s, rs->buf, rs->len);
    g_string_append(s, "\033[K");
    if (rs->cursor < rs->len) {
        g_string_append_printf(s, "\033[%dD", rs->len - rs->cursor);
    }
    rs->print(rs->opaque, s->str);
    g_string_free(s, TRUE);
}

static void add_history(ReadLineState *rs, const char *line)
{
    if (!line[0]) {
        return;
    }
    /* a repeated command moves to the end instead of piling up */
    for (int i = 0; i < rs->history_count; i++) {
        if (strcmp(rs->history[i], line) == 0) {
            char *e = rs->history[i];
            memmove(&rs->history[i], &rs->history[i + 1],
                    (rs->history_count - i - 1) * sizeof(char *));
            rs->history[rs->history_count - 1] = e;
            return;
        }
    }
    if (rs->history_count == READLINE_MAX_HISTORY) {
        g_free(rs->history[0]);
        memmove(&rs->history[0], &rs->history[1], (READLINE_MAX_HISTORY - 1) * sizeof(char *));
        rs->history_count--;
    }
    rs->history[rs->history_count++] = g_strdup(line);
}

static void set_line(ReadLineState *rs, const char *text)
{
    rs->len = (int)MIN(strlen(text), sizeof(rs->buf) - 1);
    memcpy(rs->buf, text, rs->len);
    rs->cursor = rs->len;
}

static void history_move(ReadLineState *rs, int delta)
{
    int pos = rs->history_pos + delta;

    if (pos < 0 || pos > rs->history_count) {
        return;
    }
    rs->history_pos = pos;
    set_line(rs, pos == rs->history_count ? "" : rs->history[pos]);
    redraw(rs);
}

static void finish_line(ReadLineState *rs)
{
    char *line;

    rs->buf[rs->len] = '\0';
    line = g_strdup(rs->buf);
    if (rs->terminal) {
        rs->print(rs->opaque, "\r\n");
    }
    add_history(rs, line);
    rs->history_pos = rs->history_count;
    rs->len = 0;
    rs->cursor = 0;
    rs->line_done(rs->opaque, line);
    g_free(line);
}

static void insert_char(ReadLineState *rs, char ch)
{
    if (rs->len >= (int)sizeof(rs->buf) - 1) {
        return;
    }
    memmove(rs->buf + rs->cursor + 1, rs->buf + rs->cursor, rs->len - rs->cursor);
    rs->buf[rs->cursor++] = ch;
    rs->len++;
}

static void delete_range(ReadLineState *rs, int from, int to)
{
    memmove(rs->buf + from, rs->buf + to, rs->len - to);
    rs->len -= to - from;
    rs->cursor = from;
}

/*
 * Tab: one candidate completes the word (and adds a space); several
 * complete their common prefix, and a second Tab lists them.
 */
static void complete_word(ReadLineState *rs)
{
    GPtrArray *cands = g_ptr_array_new_with_free_func(g_free);
    char *before = g_strndup(rs->buf, rs->cursor);
    const char *word = strrchr(before, ' ');
    size_t wlen;

    word = word ? word + 1 : before;
    wlen = strlen(word);
    if (rs->complete) {
        rs->complete(rs->opaque, before, cands);
    }
    if (cands->len > 0) {
        /* the longest prefix all candidates share */
        size_t common = strlen(g_ptr_array_index(cands, 0));
        for (unsigned i = 1; i < cands->len; i++) {
            const char *a = g_ptr_array_index(cands, 0), *b = g_ptr_array_index(cands, i);
            size_t k = 0;
            while (k < common && a[k] == b[k]) {
                k++;
            }
            common = k;
        }
        const char *first = g_ptr_array_index(cands, 0);
        for (size_t k = wlen; k < common; k++) {
            insert_char(rs, first[k]);
        }
        if (cands->len == 1) {
            insert_char(rs, ' ');
        } else if (common == wlen) {
            GString *list = g_string_new("\r\n");
            for (unsigned i = 0; i < cands->len; i++) {
                g_string_append_printf(list, "%s\r\n", (char *)g_ptr_array_index(cands, i));
            }
            rs->print(rs->opaque, list->str);
            g_string_free(list, TRUE);
        }
    }
    g_ptr_array_free(cands, TRUE);
    g_free(before);
    redraw(rs);
}

/* After ESC [ <param>: the final byte of a CSI sequence. */
static void handle_csi(ReadLineState *rs, int ch)
{
    switch (ch) {
    case 'A':
        history_move(rs, -1);
        return;
    case 'B':
        history_move(rs, 1);
        return;
    case 'C':
        rs->cursor += rs->cursor < rs->len;
        break;
    case 'D':
        rs->cursor -= rs->cursor > 0;
        break;
    case 'H':
        rs->cursor = 0;
        break;
    case 'F':
        rs->cursor = rs->len;
        break;
    case '~':
        if (rs->esc_param == 1 || rs->esc_param == 7) {
            rs->cursor = 0;
        } else if (rs->esc_param == 4 || rs->esc_param == 8) {
            rs->cursor = rs->len;
        } else if (rs->esc_param == 3 && rs->cursor < rs->len) {
            delete_range(rs, rs->cursor, rs->cursor + 1);
        }
        break;
    default:
        return;
    }
    redraw(rs);
}

static void handle_terminal_byte(ReadLineState *rs, int ch)
{
    if (rs->esc_state == 1) {
        rs->esc_state = (ch == '[' || ch == 'O') ? 2 : 0;
        rs->esc_param = 0;
        return;
    }
    if (rs->esc_state == 2) {
        if (ch >= '0' && ch <= '9') {
            rs->esc_param = rs->esc_param * 10 + (ch - '0');
            return;
        }
        rs->esc_state = 0;
        handle_csi(rs, ch);
        return;
    }
    switch (ch) {
    case '\r':
    case '\n':
        finish_line(rs);
        return;
    case 27:
        rs->esc_state = 1;
        return;
    case '\t':
        complete_word(rs);
        return;
    case 127:
    case 8:
        if (rs->cursor > 0) {
            delete_range(rs, rs->cursor - 1, rs->cursor);
        }
        break;
    case 4: /* Ctrl-D */
        if (rs->cursor < rs->len) {
            delete_range(rs, rs->cursor, rs->cursor + 1);
        }
        break;
    case 2: /* Ctrl-B */
        rs->cursor -= rs->cursor > 0;
        break;
    case 6: /* Ctrl-F */
        rs->cursor += rs->cursor < rs->len;
        break;
    case 5: /* Ctrl-E */
        rs->cursor = rs->len;
        break;
    case 11: /* Ctrl-K */
        rs->len = rs->cursor;
        break;
    case 21: /* Ctrl-U */
        delete_range(rs, 0, rs->cursor);
        break;
    case 23: { /* Ctrl-W: the word before the cursor */
        int from = rs->cursor;
        while (from > 0 && rs->buf[from - 1] == ' ') {
            from--;
        }
        while (from > 0 && rs->buf[from - 1] != ' ') {
            from--;
        }
        delete_range(rs, from, rs->cursor);
        break;
    }
    case 16: /* Ctrl-P */
        history_move(rs, -1);
        return;
    case 14: /* Ctrl-N */
        history_move(rs, 1);
        return;
    default:
        if (ch >= 32 && ch < 127) {
            bool at_end = rs->cursor == rs->len;
            insert_char(rs, (char)ch);
            if (at_end && rs->cursor == rs->len) {
                /* typing at the end needs no repaint, just the echo */
                char echo[2] = { (char)ch, '\0' };
                rs->print(rs->opaque, echo);
                return;
            }
            break;
        }
        return;
    }
    redraw(rs);
}

void readline_handle_byte(ReadLineState *rs, int ch)
{
    if (rs->terminal) {
        handle_terminal_byte(rs, ch);
        return;
    }
    if (ch == '\n') {
        finish_line(rs);
    } else if (ch != '\r' && ch != '\0') {
        insert_char(rs, (char)ch);
    }
}
