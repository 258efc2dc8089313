/* alerting.h - the App's alerting sources: Prometheus' alerts and rules,
 * and, when one is configured, Alertmanager's alerts, silences and groups.
 * They are asked at one rhythm on every dashboard (the status line's badge
 * and a wall screen must show what fires), kept in one AlertStore that the
 * alert list panels, the alerts view, the badge and --once read, and
 * written to by the alerts view (silences made and expired). */
#ifndef PROMBOARD_ALERTING_H
#define PROMBOARD_ALERTING_H

#include <stddef.h>

#include "../datasource/alerts.h"
#include "app.h"

/* Seconds between two rounds of questions when --refresh gives none and no
 * alert panel on screen asks for less. */
#define ALERTING_EVERY 15.0

/* Called when a write finished: err is NULL on success, else its one-line
 * error; id is the new silence's id (adding) or NULL. */
typedef void (*AlertWriteDone)(App *a, const char *err, const char *id);

/* Sets up a's alerting: `am_server` is the client's server number of the
 * Alertmanager (0: none configured); `read_only` turns every write off;
 * `author` names who makes silences (NULL: $USER, else "promboard");
 * `panels_only`: ask only when an alert panel is on the dashboard (--once
 * --format json, which has no status line). Returns 0, or -1 on OOM. */
int alerting_init(App *a, int am_server, int read_only, const char *author,
                  int panels_only);
void alerting_free(App *a);

/* Asks what is due (everything when `force`): Prometheus' alerts at every
 * round, its rules at most once a minute (with --once only for an alert
 * panel), Alertmanager's alerts at every round, its silences and groups
 * while `detail` is set (the alerts view). At a frozen time (--at, a
 * panned window) an alert panel on the dashboard has Prometheus asked
 * what it recorded at that instant (its ALERTS and ALERTS_FOR_STATE
 * series) into the store's past feed, even while paused; with --at the
 * present is asked only for the alerts view. Returns the number of
 * requests sent. */
int alerting_schedule(App *a, int force);

/* The client dropped every request on its way (the time window moved):
 * what was asked is asked again at the next round, and a write under way
 * is reported to its done() as unconfirmed. */
void alerting_requests_dropped(App *a);

/* Seconds until the next round is due (>= 0; an hour when none will be). */
double alerting_next_due(const App *a);

/* Asks for the detail (silences, groups, rules) at once and at every round
 * from now on (on 1), or stops asking for it (0). */
void alerting_detail(App *a, int on);

/* The store the panels and views read, or NULL when alerting is not set
 * up. */
const AlertStore *alerting_store(const App *a);

/* 1 when silences may be made and expired (an Alertmanager is configured
 * and nothing made the session read-only); else 0 with why into buf. */
int alerting_can_write(const App *a, char *why, size_t n);

/* Who makes silences: the configured author, else $USER, else
 * "promboard". */
const char *alerting_author(const App *a);

/* Asks Alertmanager for a silence of every label of `labels` (n of them)
 * from now for `secs` seconds with `comment`; done() is called with the
 * answer. Returns 0, or -1 with why into buf (read-only, no Alertmanager,
 * a write already under way, OOM). */
int alerting_silence(App *a, const Label *labels, int n, double secs,
                     const char *comment, AlertWriteDone done, char *why,
                     size_t wn);

/* Asks Alertmanager to expire silence `id`; as alerting_silence(). */
int alerting_expire(App *a, const char *id, AlertWriteDone done, char *why,
                    size_t wn);

/* The status line's badge: "N firing" (alerts firing now and not silenced
 * or inhibited) into buf and the role of the most severe of them; returns
 * N (0: no badge, buf empty; always with --at, which asks nothing of the
 * present but for the alerts view). */
int alerting_badge(const App *a, char *buf, size_t n, Role *role);

/* 1 when the badge differs from the one drawn before (once per change):
 * the frame's chrome must be drawn again. */
int alerting_badge_changed(App *a);

/* Draws the badge at (x, y) within maxw columns (nothing when none fire);
 * returns the columns used. */
int alerting_draw_badge(const App *a, Canvas *c, int x, int y, int maxw);

#endif
