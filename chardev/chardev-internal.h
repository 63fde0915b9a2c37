/* Shared between the files of chardev/ only. */
#ifndef CHARDEV_INTERNAL_H
#define CHARDEV_INTERNAL_H

#include "chardev/char.h"

/* Each backend file registers its drivers (called once, from char.c). */
void chr_register_fd_drivers(void);
void chr_register_socket_driver(void);
void chr_register_mux_driver(void);

/* The mux (char-mux.c): wraps @base in a mux labelled @label. */
Chardev *chr_mux_new(const char *label, Chardev *base, char **errp);
/* A frontend joins a mux: returns its tag, or -1 if the mux is full. */
int chr_mux_attach(Chardev *mux, CharBackend *be);
void chr_mux_detach(Chardev *mux, CharBackend *be);
/* A frontend's handlers changed: deliver what waits, read on. */
void chr_mux_update_handlers(Chardev *mux);

#endif
