/* explore.c - the ':' prompt over the status line: a LineEdit for the text,
 * Tab completion (the longest common prefix of the server's candidates and
 * the commands', then a list of them above the prompt, paged by further
 * Tabs) and Enter to run a command or show the expression in the ad-hoc
 * Query tab. Answers the completion waits
 * for arrive through the event loop; a Tab pressed before them is applied
 * when they come, unless the text changed meanwhile. */
#include "explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adhoc.h"
#include "app.h"
#include "commands.h"
#include "complete.h"
#include "lineedit.h"
#include "prompt.h"
#include "view.h"

#define LIST_ROWS_MAX 8 /* candidate rows above the prompt */

struct Explore {
    App *app;
    int open;
    LineEdit le;
    Complete *comp;
    int list;        /* the candidate list is shown */
    int page;        /* its page */
    int pending_tab; /* a Tab waits for the server's answer */
    int arg;         /* the candidates are a command's argument's */
    char msg[512];   /* one line above the prompt, "" none */
    int msg_error;
};

static void tab(struct Explore *e);
static const Overlay explore_overlay;

/* An answer for the completion arrived. */
static void on_ready(void *ud)
{
    struct Explore *e = ud;
    if (e->open && e->pending_tab) {
        e->pending_tab = 0;
        e->msg[0] = '\0';
        tab(e);
    }
}

int explore_open(App *a)
{
    struct Explore *e = a->explore;
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e)
            return -1;
        e->app = a;
        e->comp = complete_new(a->prom, on_ready, e);
        if (!e->comp) {
            free(e);
            return -1;
        }
        a->explore = e;
    }
    if (lineedit_start(&e->le, "") < 0 || view_open(a, &explore_overlay) < 0)
        return -1;
    e->open = 1;
    e->list = e->page = e->pending_tab = 0;
    e->msg[0] = '\0';
    /* metric names are wanted first: ask before the first Tab */
    CompleteCtx ctx;
    complete_context("", 0, &ctx);
    double now = app_now(a);
    complete_get(e->comp, &ctx, now - app_range(a, a->cur), now);
    return 0;
}

void explore_free(struct Explore *e)
{
    if (!e)
        return;
    complete_free(e->comp);
    lineedit_free(&e->le);
    free(e);
}

static void say(struct Explore *e, int error, const char *fmt, const char *s)
{
    snprintf(e->msg, sizeof e->msg, fmt, s);
    e->msg_error = error;
}

/* Candidates for what is typed at the cursor: *ctx, and a malloc'd array
 * in *v (count returned), or -1 with a message set (or the answer asked
 * for when *pending). */
static int candidates(struct Explore *e, CompleteCtx *ctx, const char ***v,
                      int *pending)
{
    App *a = e->app;
    const char *text = lineedit_text(&e->le);
    size_t cur = lineedit_cursor(&e->le);
    *v = NULL;
    *pending = 0;
    /* a command's argument: dashboard names, ranges, "now" */
    memset(ctx, 0, sizeof *ctx);
    ctx->kind = CK_METRIC; /* inserted as it is */
    int k = commands_args(a, text, cur, &ctx->start, v);
    if (k == -2)
        say(e, 1, "%sout of memory", "");
    if (k != -1) {
        e->arg = 1;
        return k < 0 ? -1 : k;
    }
    e->arg = 0;
    if (complete_context(text, cur, ctx) == CK_NONE) {
        say(e, 0, "%snothing to complete here", "");
        return -1;
    }
    double now = app_now(a);
    const CompleteList *l =
        complete_get(e->comp, ctx, now - app_range(a, a->cur), now);
    if (!l) {
        say(e, 1, "%scannot ask the server (out of memory)", "");
        return -1;
    }
    if (l->state == CL_PENDING) {
        *pending = 1;
        return -1;
    }
    if (l->state == CL_FAILED) {
        say(e, 1, "completion: %s", l->error);
        return -1;
    }
    int n =
        complete_filter(l, ctx->kind, text + ctx->start, cur - ctx->start, v);
    size_t lead = strspn(text, " ");
    if (n >= 0 && ctx->kind == CK_METRIC && ctx->start == lead)
        n = commands_names(text + ctx->start, cur - ctx->start, v, n);
    if (n < 0)
        say(e, 1, "%sout of memory", "");
    return n;
}

/* Tab: completes as far as the candidates agree; when that adds nothing,
 * shows them (a further Tab turns the page). */
static void tab(struct Explore *e)
{
    CompleteCtx ctx;
    const char **v;
    int pending;
    if (e->list) {
        e->page++;
        return;
    }
    int n = candidates(e, &ctx, &v, &pending);
    if (pending) {
        e->pending_tab = 1;
        say(e, 0, "%sasking the server...", "");
        return;
    }
    if (n < 0)
        return;
    size_t cur = lineedit_cursor(&e->le), typed = cur - ctx.start;
    char buf[LINEEDIT_MAX];
    if (n == 0) {
        snprintf(e->msg, sizeof e->msg, "no %s starts with '%.*s'",
                 e->arg                  ? "choice"
                 : ctx.kind == CK_METRIC ? "metric, function or command"
                 : ctx.kind == CK_LABEL  ? "label name"
                                         : "label value",
                 (int)typed, lineedit_text(&e->le) + ctx.start);
    } else if (n == 1) {
        /* no second closing quote when one follows already */
        int whole =
            !(ctx.kind == CK_VALUE && lineedit_text(&e->le)[cur] == ctx.quote);
        if (complete_insert_text(&ctx, v[0], whole, buf, sizeof buf)) {
            if (ctx.kind == CK_LABEL && ctx.braces &&
                lineedit_text(&e->le)[cur] != '=')
                strncat(buf, "=\"", sizeof buf - strlen(buf) - 1);
            /* a command that takes an argument: the blank before it */
            const Command *cmd = commands_find(v[0], strlen(v[0]));
            size_t lead = strspn(lineedit_text(&e->le), " ");
            if (!e->arg && cmd && cmd->args[0] && ctx.start == lead &&
                lineedit_text(&e->le)[cur] != ' ')
                strncat(buf, " ", sizeof buf - strlen(buf) - 1);
            lineedit_replace(&e->le, ctx.start, buf);
        }
        e->msg[0] = '\0';
    } else {
        size_t k = complete_common(v, n);
        char part[LINEEDIT_MAX];
        if (k > typed && k < sizeof part) {
            memcpy(part, v[0], k);
            part[k] = '\0';
            if (complete_insert_text(&ctx, part, 0, buf, sizeof buf))
                lineedit_replace(&e->le, ctx.start, buf);
            e->msg[0] = '\0';
        } else {
            e->list = 1;
            e->page = 0;
        }
    }
    free(v);
}

/* Enter: runs a command (its first word is one), else shows the text in
 * the Query tab; closes the prompt unless that failed. */
static void run(struct Explore *e)
{
    App *a = e->app;
    const char *text = lineedit_text(&e->le);
    char err[512];
    int cmd = commands_run(a, text, err, sizeof err);
    if (cmd == 1) {
        say(e, 1, "%s", err);
        return;
    }
    if (cmd == 0) {
        lineedit_history_add(&e->le, text);
        e->open = 0;
        return;
    }
    if (adhoc_show(a, text, err, sizeof err) < 0) {
        say(e, 1, "%s", err);
        return;
    }
    lineedit_history_add(&e->le, text);
    e->open = 0;
    app_layout(a, a->w, a->h);
    if (!a->kiosk) /* the keys act on its chart */
        a->focus = view_first_shown(a);
    app_schedule(a, 0);
}

/* Every key is the prompt's (see explore_open). */
static OverlayAnswer explore_key(App *a, int key, Action act, int arg)
{
    (void)arg;
    struct Explore *e = a->explore;
    if (!e || !e->open)
        return OV_CLOSE;
    if (act == ACT_MOUSE)
        return OV_PASS; /* taken off the queue, then ignored */
    if (key == '\t') {
        tab(e);
        return OV_TAKEN;
    }
    if (e->list && (act == ACT_SCROLL_DOWN || act == ACT_SCROLL_UP)) {
        e->page += act == ACT_SCROLL_DOWN ? 1 : -1;
        return OV_TAKEN;
    }
    e->list = 0;
    e->pending_tab = 0;
    e->msg[0] = '\0';
    switch (lineedit_key(&e->le, key)) {
    case LE_DONE:
        run(e);
        break;
    case LE_CANCEL:
        e->open = 0;
        break;
    case LE_EDITING:
    case LE_IGNORED:
        break;
    }
    return e->open ? OV_TAKEN : OV_CLOSE;
}

/* Draws s in w columns; when too long, its end after a cut mark: names
 * sharing what was typed differ at their ends. */
static void draw_tail(Canvas *c, int x, int y, int w, const char *s)
{
    if (w <= 1 || canvas_text_width(s) <= w) {
        canvas_text(c, x, y, w, s, ROLE_VALUE, 0);
        return;
    }
    const char *t = s;
    while (*t && canvas_text_width(t) > w - 1) {
        t++;
        while (((unsigned char)*t & 0xc0) == 0x80)
            t++;
    }
    canvas_put(c, x, y, c->ascii ? '~' : 0x2026, ROLE_DIM, 0);
    canvas_text(c, x + 1, y, w - 1, t, ROLE_VALUE, 0);
}

/* The candidates in columns over the rows above the prompt. */
static void draw_list(struct Explore *e, Canvas *c)
{
    CompleteCtx ctx;
    const char **v;
    int pending;
    int n = candidates(e, &ctx, &v, &pending);
    if (n <= 0) {
        e->list = 0;
        return;
    }
    int colw = 0;
    for (int i = 0; i < n; i++) {
        int w = canvas_text_width(v[i]) + 2;
        if (w > colw)
            colw = w;
    }
    /* long names are cut rather than leave a single column */
    int third = c->w / 3 > 24 ? c->w / 3 : 24;
    if (colw > third && c->w / third >= 2)
        colw = third;
    if (colw > c->w)
        colw = c->w;
    int ncols = c->w / (colw > 0 ? colw : 1);
    if (ncols < 1)
        ncols = 1;
    int rows = (n + ncols - 1) / ncols;
    int maxrows = (c->h - 3) / 2;
    if (maxrows > LIST_ROWS_MAX)
        maxrows = LIST_ROWS_MAX;
    if (maxrows < 1)
        maxrows = 1;
    if (rows > maxrows)
        rows = maxrows;
    int per = rows * ncols, pages = (n + per - 1) / per;
    e->page = ((e->page % pages) + pages) % pages;
    int top = c->h - 2 - rows; /* the header row, then the candidates */
    if (top < 1) {
        free(v);
        return;
    }
    canvas_clear(c, (Rect){0, top, c->w, rows + 1}, ROLE_DEFAULT);
    char head[160];
    if (pages > 1)
        snprintf(head, sizeof head,
                 " %d candidates, page %d/%d (Tab: next page) ", n, e->page + 1,
                 pages);
    else
        snprintf(head, sizeof head, " %d candidates ", n);
    canvas_hline(c, 0, top, c->w, ROLE_BORDER);
    canvas_text(c, 1, top, c->w - 2, head, ROLE_DIM, 0);
    for (int k = 0; k < per && e->page * per + k < n; k++) {
        int i = e->page * per + k;
        int col = k / rows, row = k % rows; /* down the columns, like ls */
        draw_tail(c, col * colw + 1, top + 1 + row, colw - 1, v[i]);
    }
    free(v);
}

/* The prompt over the status line, and the candidates or a message above
 * it. */
static void explore_draw(App *a, Canvas *c)
{
    struct Explore *e = a->explore;
    if (!e || !e->open || c->h < 2)
        return;
    int y = c->h - 1;
    canvas_clear(c, (Rect){0, y, c->w, 1}, ROLE_DEFAULT);
    canvas_text(c, 0, y, 1, ":", ROLE_VALUE, TA_BOLD);
    int tw = prompt_draw_line(&e->le, c, 1, y, ROLE_DEFAULT);
    static const char hint[] = " Tab complete  Enter run  Esc cancel ";
    int hw = (int)sizeof hint - 1;
    if (!e->list && !e->msg[0] && 1 + tw + 2 + hw <= c->w)
        canvas_text(c, c->w - hw, y, hw, hint, ROLE_DIM, 0);
    if (e->list)
        draw_list(e, c);
    if (!e->list && e->msg[0]) {
        canvas_clear(c, (Rect){0, y - 1, c->w, 1}, ROLE_DEFAULT);
        canvas_text(c, 1, y - 1, c->w - 2, e->msg,
                    e->msg_error ? ROLE_ERROR : ROLE_DIM, 0);
    }
}

static void explore_close(App *a)
{
    if (a->explore)
        a->explore->open = 0;
}

static const Overlay explore_overlay = {"explore", explore_key, NULL,
                                        explore_draw, explore_close};
