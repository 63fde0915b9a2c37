/* QMP, the JSON machine protocol monitor (monitor/qmp.c). */
#ifndef MONITOR_QMP_H
#define MONITOR_QMP_H

#include <stdbool.h>

#include "chardev/char.h"

/* Starts a QMP monitor on @chr (-qmp, -mon mode=control). */
bool monitor_init_qmp(Chardev *chr, char **errp);
/* Sends an event ({"event": NAME, "data": DATA_JSON, "timestamp": ...}) to every QMP client. */
void qmp_send_event(const char *name, const char *data_json);
/*
 * Why the coming shutdown happens, for the SHUTDOWN event ("guest-shutdown"
 * from a guest power-off; the default is "host-signal").
 */
void qmp_note_shutdown_reason(bool guest, const char *reason);

#endif
