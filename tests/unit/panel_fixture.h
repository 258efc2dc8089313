/* panel_fixture.h - what the panel-kind unit tests (test_panels.c,
 * test_kinds_a.c, test_kinds_b.c) share: a panel with its configuration
 * built by hand (Fix), hand-made answers (Results and Series), drawing onto
 * a canvas and reading its rows and cells back.
 *
 * Include after <cmocka.h> (its asserts are used). Before including, a test
 * may define NOW (default 2026-03-01 03:10:00 UTC), STEP (default 60 s) and
 * FIX_DUMP_ENV, the environment variable that makes draw() print every
 * canvas (default "TEST_PANELS_DUMP"). Every function is static inline, so
 * a test that leaves one unused still builds with -Werror. */
#ifndef PROMBOARD_TESTS_PANEL_FIXTURE_H
#define PROMBOARD_TESTS_PANEL_FIXTURE_H

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panels/panel.h"

#ifndef NOW
#define NOW 1772334600.0 /* 2026-03-01 03:10:00 UTC */
#endif
#ifndef STEP
#define STEP 60.0
#endif
#ifndef FIX_DUMP_ENV
#define FIX_DUMP_ENV "TEST_PANELS_DUMP"
#endif

#define MAXQ 6
#define MAXOPT 8

/* A panel with its configuration, built by hand. */
typedef struct {
    PanelConf conf;
    QueryConf q[MAXQ];
    OptValue opts[MAXOPT];
    Panel p;
    DrawCtx ctx;
} Fix;

/* A new panel of kind cls with nq queries (all "up"), no options set yet;
 * fix_start() initialises it, fix_free() frees it. */
static inline Fix *fix_new(const PanelClass *cls, const char *title, int nq)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_true(nq >= 0 && nq <= MAXQ);
    f->conf.title = (char *)title;
    f->conf.cls = cls;
    f->conf.queries = nq ? f->q : NULL;
    f->conf.nqueries = nq;
    f->conf.width = 1;
    f->conf.decimals = -1;
    f->conf.min = NAN;
    f->conf.max = NAN;
    f->conf.opts = f->opts;
    for (int i = 0; i < nq; i++) {
        f->q[i].expr = (char *)"up";
        f->q[i].decimals = -1;
    }
    f->ctx = (DrawCtx){.now = NOW, .wall = NOW + 5, .range = 3600};
    return f;
}

/* Sets kind option `name`: its text (ENUM, as the loader gives it) and
 * number (BOOL, or the ENUM's index). */
static inline void fix_opt(Fix *f, const char *name, const char *str,
                           double num)
{
    int i = panel_opt_index(f->conf.cls, name);
    assert_true(i >= 0 && i < MAXOPT);
    f->opts[i].set = 1;
    f->opts[i].str = (char *)str;
    f->opts[i].num = num;
}

/* Sets list option `name` to the n strings strs. */
static inline void fix_strs(Fix *f, const char *name, char **strs, int n)
{
    int i = panel_opt_index(f->conf.cls, name);
    assert_true(i >= 0 && i < MAXOPT);
    f->opts[i].set = 1;
    f->opts[i].strs = strs;
    f->opts[i].n = n;
}

/* Initialises the panel once the conf is complete; every slot the kind
 * uses has answered (empty so far), with a step of STEP. */
static inline void fix_start(Fix *f)
{
    assert_int_equal(panel_init(&f->p, &f->conf), 0);
    for (int i = 0; i < f->conf.nqueries; i++) {
        QueryState *st[2] = {&f->p.qs[i].inst, &f->p.qs[i].range};
        for (int k = 0; k < 2; k++) {
            st[k]->ok_at = st[k]->sent_at = 1;
            if (st[k]->used)
                st[k]->res.type = k ? RESULT_MATRIX : RESULT_VECTOR;
        }
        f->p.qs[i].range.q.step = STEP;
    }
}

static inline void fix_free(Fix *f)
{
    panel_done(&f->p);
    free(f);
}

static inline char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    assert_non_null(d);
    memcpy(d, s, n);
    return d;
}

/* Appends a series to r: labels as "name=value" strings ended by NULL,
 * n points (t[i], v[i]). */
static inline Series *add_series(Result *r, const char *const *labels,
                                 const double *t, const double *v, int n)
{
    Series *ss = realloc(r->series, sizeof *ss * (size_t)(r->nseries + 1));
    assert_non_null(ss);
    r->series = ss;
    Series *s = &r->series[r->nseries++];
    memset(s, 0, sizeof *s);
    int nl = 0;
    while (labels && labels[nl])
        nl++;
    s->labels = calloc((size_t)nl + 1, sizeof *s->labels);
    assert_non_null(s->labels);
    for (int i = 0; i < nl; i++) {
        const char *eq = strchr(labels[i], '=');
        assert_non_null(eq);
        char *name = xstrdup(labels[i]);
        name[eq - labels[i]] = 0;
        s->labels[i].name = name;
        s->labels[i].value = xstrdup(eq + 1);
    }
    s->nlabels = nl;
    s->points = calloc((size_t)n + 1, sizeof *s->points);
    assert_non_null(s->points);
    for (int i = 0; i < n; i++)
        s->points[i] = (Point){t[i], v[i]};
    s->npoints = n;
    return s;
}

/* An instant answer of query qi: one series with value v at NOW. */
static inline void inst(Fix *f, int qi, const char *const *labels, double v)
{
    double t = NOW;
    add_series(&f->p.qs[qi].inst.res, labels, &t, &v, 1);
}

/* A range answer of query qi: n points ending at `end`, STEP apart. */
static inline void range(Fix *f, int qi, const char *const *labels, double end,
                         const double *v, int n)
{
    double t[256];
    assert_true(n <= 256);
    for (int i = 0; i < n; i++)
        t[i] = end - (n - 1 - i) * STEP;
    add_series(&f->p.qs[qi].range.res, labels, t, v, n);
}

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NOLABELS ((const char *const[]){NULL})

/* Prints c, to look at or when a test fails. */
static inline void dump(const Canvas *c)
{
    char buf[4096];
    for (int y = 0; y < c->h; y++) {
        canvas_row_text(c, y, buf, sizeof buf);
        print_message("%2d|%s|\n", y, buf);
    }
}

/* Draws f's panel through panel_draw() on a new w x h canvas (printed
 * when the FIX_DUMP_ENV variable is set, to look at). */
static inline Canvas *draw(Fix *f, int w, int h, int ascii)
{
    Canvas *c = canvas_new(w, h, ascii);
    assert_non_null(c);
    panel_draw(&f->p, c, (Rect){0, 0, w, h}, &f->ctx);
    if (getenv(FIX_DUMP_ENV))
        dump(c);
    return c;
}

/* Row y of c as text. */
static inline const char *row(const Canvas *c, int y, char *buf, int n)
{
    canvas_row_text(c, y, buf, n);
    return buf;
}

#define ROW(c, y) row((c), (y), rowbuf, sizeof rowbuf)

/* Checks row y of c, and prints c when it differs (needs a rowbuf). */
#define ASSERT_ROW(c, y, want)                                                 \
    do {                                                                       \
        if (strcmp(ROW((c), (y)), (want)))                                     \
            dump(c);                                                           \
        assert_string_equal(ROW((c), (y)), (want));                            \
    } while (0)

#define VBAR "\xe2\x94\x82" /* │ */

/* What a row inside a frame of w columns reads when it holds s at its
 * left: the borders, s, and blanks up to the right border. */
static inline const char *boxed(const char *s, int w, const char *edge,
                                char *buf, int n)
{
    int pad = w - 2 - canvas_text_width(s);
    assert_true(pad >= 0);
    int k = snprintf(buf, (size_t)n, "%s%s%*s%s", edge, s, pad, "", edge);
    assert_true(k < n);
    return buf;
}

#define BOXED(s, w) boxed((s), (w), VBAR, boxbuf, sizeof boxbuf)
#define ABOXED(s, w) boxed((s), (w), "|", boxbuf, sizeof boxbuf)

/* The first row of c holding `s`, or -1. */
static inline int find_row(const Canvas *c, const char *s)
{
    char buf[4096];
    for (int y = 0; y < c->h; y++) {
        canvas_row_text(c, y, buf, sizeof buf);
        if (strstr(buf, s))
            return y;
    }
    return -1;
}

/* Column of the first cell of row y holding `ch`, or -1. */
static inline int find_cell(const Canvas *c, int y, uint32_t ch)
{
    for (int x = 0; x < c->w; x++)
        if (c->cells[y * c->w + x].ch == ch)
            return x;
    return -1;
}

/* The cell at (x, y) of c. */
static inline const Cell *cell(const Canvas *c, int x, int y)
{
    return &c->cells[y * c->w + x];
}

/* A cmocka group setup: a UTF-8 locale, so the kinds draw their glyphs. */
static inline int setup_locale(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    return 0;
}

#endif
