/* reload.h - the files a running promboard follows: the user's dashboards
 * (and one given by path), config.yaml and a theme file. When one changes
 * (looked at every RELOAD_EVERY seconds, and at once on r and SIGHUP) it
 * is read again: a good new version takes the old one's place; a bad one
 * leaves the old one on screen and its error in the status line until it
 * is fixed. */
#ifndef PROMBOARD_RELOAD_H
#define PROMBOARD_RELOAD_H

#include "../themes/theme.h"
#include "app.h"

#define RELOAD_EVERY 2.0 /* seconds between looks at the files */

/* What the command line decided, which the files then do not. */
typedef struct {
    const char *config; /* --config or PROMBOARD_CONFIG, NULL: the default
                           config.yaml */
    const char *extra;  /* a dashboard given by path, NULL: none */
    const char *theme;  /* the theme in use, as named */
    int theme_fixed;    /* --theme chose it: config.yaml's is not used */
    const char *theme_default; /* the theme when config.yaml names none */
    int refresh_fixed;         /* --refresh chose the interval */
    int url_fixed;             /* --url or PROMBOARD_URL chose the server */
    /* What else a dashboard must pass to be shown (its datasources are
     * known): 0, or -1 with a one-line message in err. NULL: nothing. */
    int (*check)(const Dashboard *d, char *err, size_t n);
} ReloadSetup;

/* Starts following the files for App a, whose dashboards were just loaded
 * (user files left out at start are followed too: fixing one opens it).
 * Sets a->reload and a->problems. Returns 0, or -1 on OOM. */
int reload_init(App *a, const ReloadSetup *setup);

/* Seconds until the next look at the files (>= 0; a large number without
 * reload_init). */
double reload_wait(const App *a);

enum {
    RELOAD_SHOWN = 1, /* something shown changed: draw everything again */
    RELOAD_THEME = 2, /* the theme changed: reload_theme() has it */
};

/* Looks at the files when due (every file read again when `force`, as r
 * and SIGHUP ask) and applies what changed: dashboards replaced, added or
 * dropped (the view keeps to the current one), the refresh interval, the
 * theme. Returns RELOAD_* bits (0: nothing changed). */
int reload_check(App *a, int force);

/* The theme reloaded last, or NULL when none was. */
const Theme *reload_theme(const App *a);

/* Frees what reload_init made (a->reload NULL is fine). */
void reload_free(App *a);

#endif
