/* reload.c - follows the files a running promboard was started from: each
 * one's stat signature is looked at every RELOAD_EVERY seconds (and its
 * text hashed when that moved, so that a file saved unchanged changes
 * nothing); a changed dashboard replaces its tab, a new one opens as a new
 * tab, a removed one closes its tab (a bundled one it replaced comes back);
 * config.yaml's theme and refresh apply at once, its server settings at
 * the next start (the status line says so); a bad file leaves what was
 * there and its error in the status line. */
#include "reload.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/conf.h"
#include "config.h"
#include "view.h"

#define READ_MAX (4u << 20) /* bytes of a file hashed; larger: unreadable */

typedef enum { W_DASH, W_EXTRA, W_CONFIG, W_THEME } WatchKind;

/* What stat says of a file: a save (even by an editor that writes a new
 * file and renames it) changes one of these. */
typedef struct {
    int exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns, ctime_ns;
} Sig;

typedef struct {
    char *path;
    WatchKind kind;
    Sig sig;
    uint64_t hash;      /* of the text last read, 0: never read */
    const Dashboard *d; /* W_DASH, W_EXTRA: the tab it gave, NULL: none */
    char *error;        /* why its text is not used, NULL: it is */
    long error_at;      /* when the error came (a count of looks): the
                           newest is said first */
    int seen;           /* in the last listing of the directory */
} Watch;

struct Reload {
    Watch *w;
    int n;
    char *dir; /* the user dashboards' directory, NULL: none */
    Sig dir_sig;
    char *dir_error; /* why it cannot be listed, NULL: it can */
    double next;     /* monotonic time of the next look */
    char *config;    /* --config's path, NULL: the default one */
    int theme_fixed, refresh_fixed, url_fixed;
    int (*check)(const Dashboard *d, char *err, size_t n);
    char *theme_default;
    char *theme_name; /* the theme in use */
    Theme theme;      /* the theme reloaded last */
    int have_theme;
    uint64_t conn;  /* digest of the settings only a restart applies */
    int restart;    /* they changed since the start */
    char *problems; /* the text last put in a->problems */
};

/* ---- files ----------------------------------------------------------------
 */

static Sig sig_of(const char *path)
{
    struct stat st;
    Sig s = {0};
    if (!path || stat(path, &st) < 0)
        return s;
    s.exists = 1;
    s.dev = st.st_dev;
    s.ino = st.st_ino;
    s.size = st.st_size;
    s.mtime_ns =
        (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    s.ctime_ns =
        (long long)st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec;
    return s;
}

static int sig_same(const Sig *a, const Sig *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
           a->size == b->size && a->mtime_ns == b->mtime_ns &&
           a->ctime_ns == b->ctime_ns;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) {
        h ^= c[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The hash of the file's text (never 0), or 0 when it cannot be read. */
static uint64_t hash_file(const char *path)
{
    char *text, why[160];
    size_t len;
    if (conf_read_file(path, READ_MAX, &text, &len, why, sizeof why) < 0)
        return 0;
    uint64_t h = fnv(14695981039346656037ULL, text, len) | 1;
    free(text);
    return h;
}

static long looks; /* looks at the files so far: the order errors came */

static void set_error(Watch *w, const char *msg)
{
    if (msg && w->error && !strcmp(msg, w->error))
        return; /* the same: it keeps its place */
    free(w->error);
    w->error = msg ? strdup(msg) : NULL;
    w->error_at = ++looks;
}

static Watch *watch_find(struct Reload *r, const char *path, WatchKind kind)
{
    for (int i = 0; i < r->n; i++)
        if (r->w[i].kind == kind && !strcmp(r->w[i].path, path))
            return &r->w[i];
    return NULL;
}

static Watch *watch_add(struct Reload *r, const char *path, WatchKind kind)
{
    Watch *grown = realloc(r->w, sizeof *grown * (size_t)(r->n + 1));
    if (!grown)
        return NULL;
    r->w = grown;
    Watch *w = &r->w[r->n];
    memset(w, 0, sizeof *w);
    if (!(w->path = strdup(path)))
        return NULL;
    w->kind = kind;
    r->n++;
    return w;
}

static void watch_drop(struct Reload *r, Watch *w)
{
    free(w->path);
    free(w->error);
    int i = (int)(w - r->w);
    memmove(w, w + 1, sizeof *w * (size_t)(r->n - i - 1));
    r->n--;
}

/* 1 when the file moved since it was last looked at (with `force`: when
 * its text differs from the one last read); the new signature and hash are
 * kept either way. */
static int watch_moved(Watch *w, int force)
{
    Sig s = sig_of(w->path);
    if (!force && sig_same(&s, &w->sig))
        return 0;
    w->sig = s;
    uint64_t h = s.exists ? hash_file(w->path) : 0;
    if (h == w->hash && h != 0)
        return 0; /* saved as it was */
    w->hash = h;
    return 1;
}

/* ---- dashboards -------------------------------------------------------------
 */

static int tab_of(const App *a, const Dashboard *d)
{
    for (int i = 0; d && i < a->ndash; i++)
        if (a->dash[i].d == d)
            return i;
    return -1;
}

/* The watch whose tab is dashboard d, or NULL (a bundled one). */
static Watch *watch_of(struct Reload *r, const Dashboard *d)
{
    for (int i = 0; i < r->n; i++)
        if (r->w[i].d == d)
            return &r->w[i];
    return NULL;
}

/* Chosen values of old's variables stay chosen in d when d has a variable
 * of that name that can take them. */
static void carry_vars(const Dashboard *old, Dashboard *d)
{
    for (int i = 0; old && i < d->nvars; i++)
        for (int j = 0; j < old->nvars; j++) {
            const VarConf *o = &old->vars[j];
            VarConf *v = &d->vars[i];
            if (strcmp(o->name, v->name) || !o->value || v->value)
                continue;
            int ok = v->nvalues == 0 || v->metric; /* asked from the server */
            for (int k = 0; k < v->nvalues && !ok; k++)
                ok = !strcmp(v->values[k], o->value);
            if (ok)
                v->value = strdup(o->value);
        }
}

/* Puts dashboard d (ownership passes) in the tab of watch w: its own, a
 * bundled one of its name, else a new last tab. Returns 1 when the current
 * tab was replaced, 0 otherwise, -1 when d could not be put (w->error
 * says why). */
static int put_dash(App *a, struct Reload *r, Watch *w, Dashboard *d)
{
    int t = tab_of(a, w->d);
    for (int i = 0; i < a->ndash && w->kind == W_DASH; i++) {
        if (i == t || strcmp(a->dash[i].d->name, d->name))
            continue;
        Watch *other = watch_of(r, a->dash[i].d);
        if (other || t >= 0) {
            char msg[1200];
            snprintf(msg, sizeof msg,
                     "%s: dashboard name '%s' is also used by %s", w->path,
                     d->name, other ? other->path : "a bundled one");
            set_error(w, msg);
            layout_free(d);
            return -1;
        }
        t = i; /* a new file of a bundled one's name takes its place */
    }
    if (t >= 0)
        carry_vars(a->dash[t].d, d);
    int cur = t >= 0 && t == a->cur;
    if (app_put_dashboard(a, d, t) < 0) {
        set_error(w, "out of memory");
        w->d = NULL;
        return cur;
    }
    w->d = d;
    set_error(w, NULL);
    return cur;
}

/* The tab of watch w goes: a bundled one of its name comes back in its
 * place, else it closes. Returns 1 when it was the current tab. */
static int drop_dash(App *a, Watch *w)
{
    int t = tab_of(a, w->d);
    if (t < 0)
        return 0;
    int cur = t == a->cur;
    const BundledLayout *b = layout_bundled_find(w->d->name);
    LayoutError err;
    Dashboard *d =
        b ? layout_load_text(b->file, b->name, b->text, b->len, &err) : NULL;
    if (d)
        app_put_dashboard(a, d, t);
    else
        app_remove_dashboard(a, t);
    w->d = NULL;
    return cur;
}

/* Loads the dashboard file of watch w when it moved (or `force`d) and puts
 * it in its tab. Returns RELOAD_* bits, plus 4 when the current tab was
 * replaced. */
static int reload_dash(App *a, struct Reload *r, Watch *w, int force)
{
    if (!watch_moved(w, force) && !(force && w->error))
        return 0;
    LayoutError err;
    char msg[1200];
    Dashboard *d = layout_load_file(w->path, &err);
    if (!d) {
        set_error(w, conf_error_format(&err, msg, sizeof msg));
        return RELOAD_SHOWN; /* the status line says it */
    }
    if (r->check && r->check(d, msg, sizeof msg) < 0) {
        set_error(w, msg); /* a datasource config.yaml does not have */
        layout_free(d);
        return RELOAD_SHOWN;
    }
    int cur = put_dash(a, r, w, d);
    return RELOAD_SHOWN | (cur > 0 ? 4 : 0);
}

/* Lists the dashboards directory when it moved (or `force`d): new files
 * are followed, removed ones dropped with their tabs. Returns as
 * reload_dash. */
static int list_dir(App *a, struct Reload *r, int force)
{
    Sig s = sig_of(r->dir);
    if (!force && sig_same(&s, &r->dir_sig))
        return 0;
    r->dir_sig = s;
    char **files, msg[1024];
    int nf, out = 0;
    free(r->dir_error);
    r->dir_error = NULL;
    if (config_dashboard_files(&files, &nf, msg, sizeof msg) < 0) {
        r->dir_error = strdup(msg);
        return RELOAD_SHOWN;
    }
    for (int i = 0; i < r->n; i++)
        r->w[i].seen = 0;
    for (int i = 0; i < nf; i++) {
        Watch *w = watch_find(r, files[i], W_DASH);
        if (!w && !(w = watch_add(r, files[i], W_DASH)))
            break;
        w->seen = 1;
    }
    config_paths_free(files, nf);
    for (int i = 0; i < r->n;) {
        Watch *w = &r->w[i];
        if (w->kind != W_DASH || w->seen) {
            i++;
            continue;
        }
        out |= RELOAD_SHOWN | (drop_dash(a, w) ? 4 : 0);
        watch_drop(r, w);
    }
    return out;
}

/* ---- config.yaml and the theme ----------------------------------------- */

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static uint64_t server_digest(uint64_t h, const ServerConf *s, int url)
{
    if (url)
        h = fnv_str(h, s->url);
    h = fnv_str(h, s->username);
    h = fnv_str(h, s->password);
    h = fnv_str(h, s->auth_type);
    h = fnv_str(h, s->credentials);
    for (int i = 0; i < s->nheaders; i++)
        h = fnv_str(h, s->headers[i]);
    h = fnv_str(h, s->ca_file);
    h = fnv_str(h, s->cert_file);
    h = fnv_str(h, s->key_file);
    h = fnv_str(h, s->server_name);
    return fnv(h, &s->insecure, sizeof s->insecure);
}

/* A digest of the settings a running promboard cannot change: how it
 * reaches its servers. */
static uint64_t conn_digest(const struct Reload *r, const Config *c)
{
    uint64_t h = 14695981039346656037ULL;
    h = server_digest(h, &c->server, !r->url_fixed);
    h = server_digest(h, &c->am, 1);
    h = fnv(h, &c->timeout, sizeof c->timeout);
    h = fnv(h, &c->compression, sizeof c->compression);
    h = fnv(h, &c->read_only, sizeof c->read_only);
    return fnv_str(h, c->silence_author);
}

/* The file theme `name` is read from, into buf; NULL for a built-in one. */
static const char *theme_path(const char *name, char *buf, size_t n)
{
    if (!name || theme_find(name))
        return NULL;
    size_t len = strlen(name);
    if (strchr(name, '/') || (len > 5 && !strcmp(name + len - 5, ".yaml")) ||
        (len > 4 && !strcmp(name + len - 4, ".yml"))) {
        snprintf(buf, n, "%s", name);
        return buf;
    }
    char dir[4096];
    if (!conf_dir(dir, sizeof dir))
        return NULL;
    snprintf(buf, n, "%s/themes/%s.yaml", dir, name);
    return buf;
}

/* Follows the file of theme `name` (none for a built-in one). */
static void watch_theme(struct Reload *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (r->w[i].kind == W_THEME) {
            watch_drop(r, &r->w[i]);
            break;
        }
    char buf[4200];
    const char *path = theme_path(name, buf, sizeof buf);
    Watch *w = path ? watch_add(r, path, W_THEME) : NULL;
    if (w) {
        w->sig = sig_of(path);
        w->hash = w->sig.exists ? hash_file(path) : 0;
    }
}

/* Loads theme `name`; on success it is the one in use. Returns RELOAD_*
 * bits; an error goes into w (when not NULL). */
static int load_theme(struct Reload *r, const char *name, Watch *w)
{
    char err[600];
    Theme t;
    if (theme_load(name, &t, err, sizeof err) < 0) {
        if (w)
            set_error(w, err);
        return RELOAD_SHOWN;
    }
    if (w)
        set_error(w, NULL);
    r->theme = t;
    r->have_theme = 1;
    if (!r->theme_name || strcmp(r->theme_name, name)) {
        char *copy = strdup(name);
        if (copy) {
            free(r->theme_name);
            r->theme_name = copy;
        }
    }
    return RELOAD_SHOWN | RELOAD_THEME;
}

/* config.yaml moved: applies its theme and refresh, notes other changes. */
static int reload_config(App *a, struct Reload *r, Watch *w, int force)
{
    if (!watch_moved(w, force) && !(force && w->error))
        return 0;
    Config c;
    char err[1024];
    int out = RELOAD_SHOWN;
    if (config_load(&c, r->config, err, sizeof err) < 0) {
        set_error(w, err);
        config_free(&c);
        return out;
    }
    set_error(w, NULL);
    r->restart = conn_digest(r, &c) != r->conn;
    if (!r->refresh_fixed) {
        a->refresh = c.refresh;
        for (int d = 0; d < a->ndash; d++) /* the new interval from now */
            for (int i = 0; i < a->dash[d].npanels; i++)
                app_refresh_in(a, &a->dash[d].panels[i], 0);
    }
    const char *name = c.theme ? c.theme : r->theme_default;
    if (!r->theme_fixed && name && strcmp(name, r->theme_name)) {
        char where[1200];
        Watch tmp = {0};
        out |= load_theme(r, name, &tmp);
        if (tmp.error) { /* said where config.yaml names it */
            snprintf(where, sizeof where, "%s:%d:%d: %s", c.file ? c.file : "",
                     c.theme_line, c.theme_col, tmp.error);
            set_error(w, where);
            free(tmp.error);
        } else {
            watch_theme(r, name);
        }
    }
    config_free(&c);
    return out;
}

/* ---- the whole
 * --------------------------------------------------------------- */

/* Rebuilds a->problems from the watches: one line a file. Returns 1 when
 * the text changed. */
static int problems(App *a, struct Reload *r)
{
    size_t cap = 64;
    for (int i = 0; i < r->n; i++)
        cap += r->w[i].error ? strlen(r->w[i].error) + 64 : 0;
    cap += r->dir_error ? strlen(r->dir_error) + 2 : 0;
    char *t = malloc(cap);
    if (!t)
        return 0;
    size_t len = 0;
    t[0] = '\0';
    if (r->dir_error)
        len += (size_t)snprintf(t + len, cap - len, "%s\n", r->dir_error);
    /* the newest first: the file just saved is the one looked at */
    int *order = malloc(sizeof *order * ((size_t)r->n + 1)), k = 0;
    if (!order) {
        free(t);
        return 0;
    }
    for (int i = 0; i < r->n; i++)
        if (r->w[i].error) {
            int j = k++;
            while (j > 0 && r->w[order[j - 1]].error_at < r->w[i].error_at) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
    for (int o = 0; o < k; o++) {
        const Watch *w = &r->w[order[o]];
        /* what it means first: the message may be cut on screen */
        const char *head = w->kind == W_CONFIG  ? "kept the last good settings"
                           : w->kind == W_THEME ? "kept the last good theme"
                           : w->d               ? "kept the last good version"
                                                : "skipped";
        len += (size_t)snprintf(t + len, cap - len, "%s: %s\n", head, w->error);
    }
    free(order);
    if (r->restart)
        len += (size_t)snprintf(t + len, cap - len,
                                "config.yaml: the server settings changed: "
                                "restart promboard to use them\n");
    if (len == 0) {
        free(t);
        t = NULL;
    }
    int changed = (!t != !a->problems) || (t && strcmp(t, a->problems));
    free(a->problems);
    a->problems = t;
    return changed;
}

int reload_init(App *a, const ReloadSetup *setup)
{
    struct Reload *r = calloc(1, sizeof *r);
    if (!r)
        return -1;
    a->reload = r;
    r->theme_fixed = setup->theme_fixed;
    r->refresh_fixed = setup->refresh_fixed;
    r->url_fixed = setup->url_fixed;
    r->check = setup->check;
    r->config = setup->config ? strdup(setup->config) : NULL;
    r->theme_default =
        strdup(setup->theme_default ? setup->theme_default : "dark");
    r->theme_name = strdup(setup->theme ? setup->theme : "dark");
    r->next = app_mono(a) + RELOAD_EVERY;
    char dir[4096];
    if (conf_dir(dir, sizeof dir - 16)) {
        strcat(dir, "/dashboards");
        r->dir = strdup(dir);
    }
    /* the user files: each is a tab, or was left out at start */
    list_dir(a, r, 1);
    for (int i = 0; i < r->n; i++) {
        Watch *w = &r->w[i];
        w->sig = sig_of(w->path);
        w->hash = w->sig.exists ? hash_file(w->path) : 0;
        for (int t = 0; t < a->ndash && !w->d; t++)
            if (!strcmp(a->dash[t].d->file, w->path) &&
                !watch_of(r, a->dash[t].d))
                w->d = a->dash[t].d;
        if (!w->d) { /* say why */
            LayoutError err;
            char msg[1200];
            Dashboard *d = layout_load_file(w->path, &err);
            if (!d) {
                set_error(w, conf_error_format(&err, msg, sizeof msg));
            } else if (r->check && r->check(d, msg, sizeof msg) < 0) {
                set_error(w, msg);
            } else {
                for (int t = 0; t < a->ndash; t++)
                    if (!strcmp(a->dash[t].d->name, d->name)) {
                        Watch *o = watch_of(r, a->dash[t].d);
                        snprintf(msg, sizeof msg,
                                 "%s: dashboard name '%s' is also used by %s",
                                 w->path, d->name, o ? o->path : "another");
                        set_error(w, msg);
                    }
                layout_free(d);
            }
        }
    }
    if (setup->extra) {
        Watch *w = watch_add(r, setup->extra, W_EXTRA);
        if (w) {
            w->sig = sig_of(w->path);
            w->hash = w->sig.exists ? hash_file(w->path) : 0;
            for (int t = a->ndash - 1; t >= 0 && !w->d; t--)
                if (!strcmp(a->dash[t].d->file, w->path) &&
                    !watch_of(r, a->dash[t].d))
                    w->d = a->dash[t].d;
        }
    }
    char cpath[4200];
    const char *cfile = r->config;
    if (!cfile && conf_dir(dir, sizeof dir)) {
        snprintf(cpath, sizeof cpath, "%s/config.yaml", dir);
        cfile = cpath;
    }
    Watch *cw = cfile ? watch_add(r, cfile, W_CONFIG) : NULL;
    if (cw) {
        cw->sig = sig_of(cfile);
        cw->hash = cw->sig.exists ? hash_file(cfile) : 0;
        Config c;
        char err[1024];
        if (config_load(&c, r->config, err, sizeof err) == 0)
            r->conn = conn_digest(r, &c);
        config_free(&c);
    }
    watch_theme(r, r->theme_name);
    free(a->problems); /* the same, said by the watches from now on */
    a->problems = NULL;
    problems(a, r);
    return r->theme_default && r->theme_name ? 0 : -1;
}

double reload_wait(const App *a)
{
    if (!a->reload)
        return 3600;
    double w = a->reload->next - app_mono(a);
    return w > 0 ? w : 0;
}

int reload_check(App *a, int force)
{
    struct Reload *r = a->reload;
    double mono = app_mono(a);
    if (!r || (!force && mono < r->next))
        return 0;
    r->next = mono + RELOAD_EVERY;
    int out = list_dir(a, r, force);
    for (int i = 0; i < r->n; i++) {
        Watch *w = &r->w[i];
        if (w->kind == W_DASH || w->kind == W_EXTRA)
            out |= reload_dash(a, r, w, force);
        else if (w->kind == W_CONFIG)
            out |= reload_config(a, r, w, force);
    }
    for (int i = 0; i < r->n; i++) /* after config.yaml: it may name another */
        if (r->w[i].kind == W_THEME &&
            (watch_moved(&r->w[i], force) || (force && r->w[i].error)))
            out |= load_theme(r, r->theme_name, &r->w[i]);
    if (out & (RELOAD_SHOWN | 4)) {
        if (out & 4) { /* the dashboard shown was replaced or closed */
            view_close_all(a);
            a->refreshed_at = 0;
        }
        app_layout(a, a->w, a->h);
        if ((out & 4) && !a->kiosk)
            a->focus = view_first_shown(a);
        app_schedule(a, 0);
    }
    if (problems(a, r))
        out |= RELOAD_SHOWN;
    return out & (RELOAD_SHOWN | RELOAD_THEME);
}

const Theme *reload_theme(const App *a)
{
    return a->reload && a->reload->have_theme ? &a->reload->theme : NULL;
}

void reload_free(App *a)
{
    struct Reload *r = a->reload;
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        free(r->w[i].path);
        free(r->w[i].error);
    }
    free(r->w);
    free(r->dir);
    free(r->dir_error);
    free(r->config);
    free(r->theme_default);
    free(r->theme_name);
    free(r->problems);
    free(r);
    a->reload = NULL;
}
