/* alertsview.h - the alerts view ('a'): every alert of the server and of
 * Alertmanager in one list, filtered with '/'; Enter shows one alert whole
 * (labels, annotations, its rule's expression and state, its Alertmanager
 * group, the silences or alerts that mute it); 'y' and 'Y' copy its
 * runbook URL and its rule's expression to the terminal's clipboard; 's'
 * silences it (a duration, a comment, a confirmation) and 'e' expires the
 * silence that covers it, unless the session is read-only. Full screen;
 * the dashboard goes on refreshing under it. */
#ifndef PROMBOARD_ALERTSVIEW_H
#define PROMBOARD_ALERTSVIEW_H

#include "app.h"

/* Opens the view (asking Alertmanager for its silences and groups too
 * while it is open). */
void alertsview_open(App *a);

/* Frees what the view kept (app teardown). */
void alertsview_free(App *a);

#endif
