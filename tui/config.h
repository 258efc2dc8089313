/* config.h - promboard's user configuration: config.yaml (the server's
 * connection settings: URL and the Prometheus-style client auth blocks
 * basic_auth, authorization, headers, tls_config, and its query_params and
 * scrape_interval; the same for each of `datasources:` and for an
 * Alertmanager under alertmanager:; theme, default dashboard and the tabs,
 * refresh, timeout, read-only) and the directory of user dashboards beside
 * it.
 * Every error is one line, "file:line:col: message", and never contains a
 * secret. */
#ifndef PROMBOARD_CONFIG_H
#define PROMBOARD_CONFIG_H

#include <stddef.h>

#include "../datasource/prom.h"
#include "../layouts/layout.h"

/* A server's connection settings: its URL and how promboard proves who it
 * is and whom it trusts, as PromAuth wants them. config.yaml writes them
 * with the same keys at the top (the Prometheus server), in each of
 * datasources: and under alertmanager:. */
typedef struct {
    char *name;                /* a datasource's name; NULL: not one */
    char *url;                 /* NULL when not set */
    char *username, *password; /* password read from password_file too */
    char *auth_type, *credentials;
    int auth_line;  /* line of basic_auth/authorization, for messages */
    char **headers; /* "Name: value" */
    int nheaders;
    char *ca_file, *cert_file, *key_file, *server_name;
    int insecure;
    char hint[600]; /* what to check after a 401/403 */
    /* of a Prometheus-compatible server (the top level, datasources) */
    char *params;  /* query_params as "name=value&..." (URL-escaped), NULL:
                      none; added to every query */
    double scrape; /* scrape_interval, seconds; 0 when not set */
    int line, col; /* where a datasource is named, for messages */
} ServerConf;

typedef struct {
    char *file;          /* the file read; NULL when none was */
    ServerConf server;   /* the Prometheus server */
    ServerConf am;       /* alertmanager:, am.url NULL when not set */
    ServerConf *sources; /* datasources:, in the file's order */
    int nsources;
    char **dashboards; /* dashboards: the tabs and their order; NULL: all */
    int *dash_line, *dash_col; /* where each name is, for messages */
    int ndashboards;
    char *theme;
    int theme_line, theme_col; /* where theme's value is, for messages */
    char *dashboard;           /* default dashboard name or path */
    double refresh;            /* seconds; 0 when not set */
    double timeout;            /* seconds; 0 when not set */
    int compression;           /* PromCompression: auto, on, off */
    char *timezone;       /* zone times are shown in: "UTC", "local" or a zone
                             name such as Europe/Paris; NULL: the system's */
    int read_only;        /* never make or expire a silence */
    char *silence_author; /* who makes silences; NULL: $USER */
} Config;

/* 1 when `zone` names a time zone promboard can show times in: UTC,
 * local (the system's) or a name of the time zone database (a file under
 * $TZDIR or /usr/share/zoneinfo, e.g. Europe/Paris). */
int config_zone_known(const char *zone);

/* Makes `zone` (see config_zone_known; NULL: the system's) the zone every
 * time on screen is written in, for the whole process (TZ). */
void config_zone_apply(const char *zone);

/* Loads the configuration into *c (which it zeroes first). `path` is a file
 * the user named (--config, PROMBOARD_CONFIG): it must exist. With path
 * NULL the default file conf_dir()/config.yaml is read when it exists.
 * Secret files (password_file, credentials_file, bearer_token_file) are read
 * now, relative paths from the config file's directory, one trailing
 * newline stripped. Returns 0, or -1 with "file:line:col: message" in err.
 * config_free() must be called either way. */
int config_load(Config *c, const char *path, char *err, size_t errn);

/* Parses YAML `text` (len bytes) named `file` into *c (zeroed first).
 * Same contract as config_load(). */
int config_parse(Config *c, const char *file, const char *text, size_t len,
                 char *err, size_t errn);

/* Adds one extra header given as "Name: value" (--header) to the server's.
 * Returns 0, or -1 when it is not of that form (or on OOM). */
int config_add_header(Config *c, const char *line);

/* Adds the headers of FILE (-H @FILE): one "Name: value" a line; blank
 * lines and lines starting with '#' are skipped. FILE must be a regular
 * file. Keeps secrets out of the command line, which every local user can
 * read (/proc/PID/cmdline). Returns 0, or -1 with "FILE:LINE: message" (or
 * "FILE: message") in err, never quoting the file's content. */
int config_add_header_file(Config *c, const char *path, char *err, size_t errn);

/* Reads FILE's one line (--url @FILE), one trailing newline dropped;
 * `what` names the file in messages. Returns it malloc'd (free with
 * prom_secret_free), or NULL with a one-line message in err that does not
 * quote the content. */
char *config_read_line(const char *path, const char *what, char *err,
                       size_t errn);

/* Fills *a from s (pointers into s). `url` is the server URL in use: when
 * it carries user:password@ and no basic_auth is set, the 401 hint points
 * at it. */
void config_server_auth(ServerConf *s, const char *url, PromAuth *a);

/* config_server_auth() of the Prometheus server. */
void config_auth(Config *c, const char *url, PromAuth *a);

/* The datasource called `name` (LAYOUT_MAIN_SOURCE or NULL: the server at
 * the top), or NULL. */
const ServerConf *config_source(const Config *c, const char *name);

/* The datasource names of c for a message: "'a', 'b'" or "none". */
char *config_source_names(const Config *c, char *buf, size_t n);

void config_free(Config *c);

/* The user dashboards: conf_dir()/dashboards/ *.yaml and *.yml, sorted by
 * file name. Sets *paths (malloc'd array of malloc'd paths, free with
 * config_paths_free) and *n. A missing directory gives none. Returns 0, or
 * -1 with a message in err. */
int config_dashboard_files(char ***paths, int *n, char *err, size_t errn);
void config_paths_free(char **paths, int n);

#endif
