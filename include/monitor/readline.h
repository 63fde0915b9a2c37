/*
 * Line input for the monitor.  On a terminal: echo, cursor movement
 * (arrows, Home/End, Ctrl-B/F/E), deletion (Backspace, Delete, Ctrl-D,
 * Ctrl-K, Ctrl-U, Ctrl-W), history (Up/Down, Ctrl-P/N) and Tab completion
 * of the word before the cursor.  Elsewhere
 * (pipes, sockets, files): plain lines, no echo.
 */
#ifndef MONITOR_READLINE_H
#define MONITOR_READLINE_H

#include <stdbool.h>

#include <glib.h>

#define READLINE_CMD_BUF_SIZE 4096
#define READLINE_MAX_HISTORY 64

typedef void ReadLinePrintFunc(void *opaque, const char *text);
typedef void ReadLineLineFunc(void *opaque, const char *line);
/* Adds to @out (g_strdup'ed strings) the words that may complete the last
 * word of @line (the text before the cursor). */
typedef void ReadLineCompletionFunc(void *opaque, const char *line, GPtrArray *out);

typedef struct ReadLineState {
    char buf[READLINE_CMD_BUF_SIZE];
    int len;
    int cursor;
    char *history[READLINE_MAX_HISTORY];
    int history_count;
    int history_pos;           /* browsing position; == history_count: the new line */
    int esc_state;             /* 0 none, 1 after ESC, 2 after ESC [ */
    int esc_param;
    bool terminal;
    const char *prompt;
    ReadLinePrintFunc *print;
    ReadLineLineFunc *line_done;
    ReadLineCompletionFunc *complete;
    void *opaque;
} ReadLineState;

ReadLineState *readline_new(bool terminal, ReadLinePrintFunc *print,
                            ReadLineLineFunc *line_done, void *opaque);
void readline_free(ReadLineState *rs);
void readline_set_prompt(ReadLineState *rs, const char *prompt);
void readline_set_completion(ReadLineState *rs, ReadLineCompletionFunc *complete);
void readline_show_prompt(ReadLineState *rs);
void readline_handle_byte(ReadLineState *rs, int ch);
/* History entry @i, oldest first, or NULL. */
const char *readline_get_history(ReadLineState *rs, int i);

#endif
