/* stat.c - the "stat" panel kind: the current value of each series as a
 * big number coloured by thresholds, with a sparkline of the time range
 * under it. Several series are shown side by side, or stacked one per line
 * when the rect is too narrow. */
#include "panel.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

#define STAT_MAX_ITEMS 32 /* stats drawn at most */
#define STAT_MAX_REDUCE                                                        \
    256 /* series a combined sparkline looks at, at most                       \
         */

static const OptSpec stat_opts[] = {
    {.name = "sparkline",
     .type = OPT_BOOL,
     .def = "true",
     .help = "Draw a sparkline of the time range under the value (none "
             "when a month-to-date or today window is counted over "
             "$__range: its points would reach back before the month or "
             "the day began)."},
    {.name = "reduce",
     .type = OPT_ENUM,
     .def = "last",
     .choices = "last|sum|mean|max|min",
     .help = "How several series of one query become one number (last: one "
             "stat per series)."},
    {.name = "label",
     .type = OPT_STRING,
     .help = "Text shown under the value, e.g. \"MTD\"."},
    {.name = "calc",
     .type = OPT_ENUM,
     .def = "last",
     .choices = "last|first|mean|max|min|sum|delta|diff|range|count",
     .help = "What each series' value is over the time range: its last "
             "value, or the first, mean, max, min, sum, delta (increases, "
             "counter resets aside), diff (last - first), range (max - min) "
             "or count of its points."},
    {.name = "color_mode",
     .type = OPT_ENUM,
     .def = "value",
     .choices = "value|background|none",
     .help = "How thresholds colour the value: its text, its background "
             "(reverse video; big digits keep coloured digits), or not at "
             "all."},
    {0},
};

enum { RED_LAST, RED_SUM, RED_MEAN, RED_MAX, RED_MIN };

/* One number to show and where its trend comes from. */
typedef struct {
    int qi;              /* query it belongs to */
    const Series *src;   /* the series shown, NULL: several reduced */
    double v;            /* the value */
    const Result *range; /* range answer of the query, NULL: no trend */
    const Series *spark; /* the matching range series; NULL with range set:
                            all of range's series combined by `reduce` */
    char name[64];       /* shown above the value when there are several */
} StatItem;

/* 1 when query qi's range answer can be drawn as a trend of the value. Not
 * when the window starts at a fixed instant (month to date, today) and the
 * expression counts over $__range: every point of the range answer then
 * counts the whole window's length back from its own time, so all but the
 * last reach before the month or the day began. */
static int trend_honest(const Panel *p, int qi, const DrawCtx *ctx)
{
    const char *e = p->conf->queries[qi].expr;
    return !ctx->anchored || !e || !strstr(e, "__range");
}

static int reduce_mode(const Panel *p)
{
    static const char *const names[] = {"last", "sum", "mean", "max", "min"};
    const char *s = panel_opt_str(p, "reduce", "last");
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, names[i]))
            return i;
    return RED_LAST;
}

/* Values combined one at a time by a `reduce` mode, NaN skipped. */
typedef struct {
    int mode, k;
    double acc;
} Reducer;

static void reduce_add(Reducer *r, double v)
{
    if (isnan(v))
        return;
    if (r->k++ == 0 || r->mode == RED_LAST)
        r->acc = v;
    else if (r->mode == RED_MAX)
        r->acc = v > r->acc ? v : r->acc;
    else if (r->mode == RED_MIN)
        r->acc = v < r->acc ? v : r->acc;
    else
        r->acc += v;
}

/* The combined value; NaN when every value was NaN (or none came). */
static double reduce_result(const Reducer *r)
{
    if (r->k == 0)
        return NAN;
    return r->mode == RED_MEAN ? r->acc / r->k : r->acc;
}

/* Returns 1 when a and b carry the same labels (in any order). */
static int same_labels(const Series *a, const Series *b)
{
    if (a->nlabels != b->nlabels)
        return 0;
    for (int i = 0; i < a->nlabels; i++) {
        const char *v = series_label(b, a->labels[i].name);
        if (!v || strcmp(v, a->labels[i].value))
            return 0;
    }
    return 1;
}

/* The series of range answer rr with the labels of s, or NULL. */
static const Series *match_range(const Result *rr, const Series *s, int hint)
{
    if (!rr)
        return NULL;
    if (hint < rr->nseries && same_labels(&rr->series[hint], s))
        return &rr->series[hint];
    for (int i = 0; i < rr->nseries; i++)
        if (same_labels(&rr->series[i], s))
            return &rr->series[i];
    return NULL;
}

/* Series s's points over the time window (t0, t1] reduced by `calc` (an
 * index into the calc option's choices). NaN when it has none. */
static double calc_value(const Series *s, int calc, double t0, double t1)
{
    double acc = NAN, first = NAN, last = NAN, prev = NAN;
    double lo = INFINITY, hi = -INFINITY, sum = 0, delta = 0;
    int k = 0;
    for (int i = 0; i < s->npoints; i++) {
        double t = s->points[i].t, v = s->points[i].v;
        if (t <= t0 || t > t1 || isnan(v))
            continue;
        if (k++ == 0)
            first = v;
        last = v;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
        sum += v;
        if (!isnan(prev))
            delta += v >= prev ? v - prev : v; /* a counter reset */
        prev = v;
    }
    if (k == 0)
        return calc == 9 ? 0 : NAN;
    switch (calc) {
    case 1:
        acc = first;
        break;
    case 2:
        acc = sum / k;
        break;
    case 3:
        acc = hi;
        break;
    case 4:
        acc = lo;
        break;
    case 5:
        acc = sum;
        break;
    case 6:
        acc = delta;
        break;
    case 7:
        acc = last - first;
        break;
    case 8:
        acc = hi - lo;
        break;
    case 9:
        acc = k;
        break;
    default:
        acc = last;
    }
    return acc;
}

/* Fills items (at most max) from every query: one per series, or one per
 * query reduced. Returns the count; *total gets how many there would be. */
static int stat_items(const Panel *p, StatItem *items, int max, int *total,
                      const DrawCtx *ctx)
{
    int n = 0, mode = reduce_mode(p);
    int calc = (int)panel_opt_num(p, "calc", 0);
    *total = 0;
    for (int qi = 0; qi < p->conf->nqueries; qi++) {
        const Result *ir = panel_instant_result(p, qi);
        const Result *rr = panel_range_result(p, qi);
        const Result *src = ir && ir->nseries > 0 ? ir : rr;
        if (!src || src->nseries == 0)
            continue;
        if (src->nseries > 1 && mode != RED_LAST) {
            (*total)++;
            if (n >= max)
                continue;
            Reducer red = {mode, 0, 0};
            for (int i = 0; i < src->nseries; i++)
                reduce_add(&red, series_last(&src->series[i]));
            StatItem *it = &items[n++];
            it->qi = qi;
            it->v = reduce_result(&red);
            it->src = NULL;
            it->range = trend_honest(p, qi, ctx) ? rr : NULL;
            it->spark = NULL;
            const char *qn = p->conf->queries[qi].name;
            snprintf(it->name, sizeof it->name, "%s",
                     qn ? qn : panel_opt_str(p, "reduce", "last"));
            continue;
        }
        for (int i = 0; i < src->nseries; i++) {
            (*total)++;
            if (n >= max)
                continue;
            const Series *s = &src->series[i];
            StatItem *it = &items[n++];
            it->qi = qi;
            it->v = series_last(s);
            it->src = s;
            it->range = rr;
            it->spark = src == rr ? s : match_range(rr, s, i);
            if (!it->spark || !trend_honest(p, qi, ctx)) {
                it->range = NULL;
                it->spark = NULL;
            }
            if (calc > 0 && it->spark) /* over the window, not the last */
                it->v = calc_value(it->spark, calc, ctx->now - ctx->range,
                                   ctx->now);
            panel_series_name(p, qi, s, it->name, sizeof it->name);
        }
    }
    return n;
}

/* Value of s for the column covering (ta, tb]: its last point inside, else
 * a straight line between the points around it when they are at most two
 * steps apart; NaN when there is none. */
static double column_value(const Series *s, double ta, double tb, double step)
{
    int lo = 0, hi = s->npoints; /* first point with t > tb */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->points[mid].t > tb)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo > 0 && s->points[lo - 1].t > ta)
        return s->points[lo - 1].v;
    if (lo == 0 || lo >= s->npoints)
        return NAN;
    const Point *a = &s->points[lo - 1], *b = &s->points[lo];
    if (!(b->t - a->t <= 2 * step * 1.0001))
        return NAN;
    double f = ((ta + tb) / 2 - a->t) / (b->t - a->t);
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    return a->v + (b->v - a->v) * f;
}

/* The time window sparklines span: the dashboard's range ending now, or the
 * data's own extent when there is no range. Returns 0 when empty. */
static int spark_window(const StatItem *it, const DrawCtx *ctx, double *t0,
                        double *t1)
{
    if (ctx->range > 0) {
        *t1 = ctx->now;
        *t0 = ctx->now - ctx->range;
        return 1;
    }
    *t0 = INFINITY;
    *t1 = -INFINITY;
    for (int i = 0; i < it->range->nseries; i++) {
        const Series *s = &it->range->series[i];
        if (it->spark && s != it->spark)
            continue;
        if (s->npoints > 0) {
            *t0 = fmin(*t0, s->points[0].t);
            *t1 = fmax(*t1, s->points[s->npoints - 1].t);
        }
    }
    return *t1 > *t0;
}

/* Draws the item's trend in w columns and `rows` rows whose bottom row is
 * y, one column per step of time. */
static void draw_spark(const Panel *p, Canvas *c, int x, int y, int w, int rows,
                       const StatItem *it, Role role, const DrawCtx *ctx)
{
    double t0, t1, col[512];
    if (w <= 0 || rows <= 0 || !it->range || !spark_window(it, ctx, &t0, &t1))
        return;
    if (w > 512)
        w = 512;
    /* the series drawn (one, or up to STAT_MAX_REDUCE combined) and their
     * steps for the gap rule: the query's, else each series' own */
    const Series *one = it->spark;
    const Series *ss = one ? one : it->range->series;
    int ns = one ? 1 : it->range->nseries;
    double steps[STAT_MAX_REDUCE];
    ns = ns < STAT_MAX_REDUCE ? ns : STAT_MAX_REDUCE;
    for (int i = 0; i < ns; i++)
        steps[i] = panel_series_step(p, it->qi, &ss[i]);
    int mode = reduce_mode(p);
    double dt = (t1 - t0) / w, lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < w; k++) {
        double ta = t0 + k * dt, tb = ta + dt;
        Reducer red = {mode, 0, 0};
        for (int i = 0; i < ns; i++)
            reduce_add(&red, column_value(&ss[i], ta, tb, steps[i]));
        col[k] = reduce_result(&red);
        if (isfinite(col[k])) {
            lo = fmin(lo, col[k]);
            hi = fmax(hi, col[k]);
        }
    }
    if (!(hi >= lo))
        return; /* nothing finite to draw */
    /* an honest scale: the panel's min and max, else for a percent its
     * natural 0-100% (96.7% to 100% is not empty to full) */
    Unit u;
    format_unit_parse(panel_unit(p, it->qi), &u);
    if (u.kind == FMT_PERCENT) {
        lo = fmin(lo, 0);
        hi = fmax(hi, 100 / u.scale);
    }
    if (isfinite(p->conf->min))
        lo = fmin(lo, p->conf->min);
    if (isfinite(p->conf->max))
        hi = fmax(hi, p->conf->max);
    for (int k = 0; k < w; k++) {
        if (!isfinite(col[k]))
            continue;
        double level = hi > lo ? (col[k] - lo) / (hi - lo) : 0.5;
        if (rows == 1) {
            canvas_put(c, x + k, y, canvas_spark_glyph(c, level), role, 0);
        } else {
            double min = 1.0 / (8 * rows); /* the lowest still shows */
            canvas_vbar(c, x + k, y, rows, min + level * (1 - min), role);
        }
    }
}

/* The value's text, and its role and attributes by `color_mode`. */
static void item_text(const Panel *p, const StatItem *it, char *val, int n)
{
    panel_series_format(p, it->qi, it->src, it->v, val, n);
}

static Role item_role(const Panel *p, const StatItem *it, int *attrs)
{
    const char *cm = panel_opt_str(p, "color_mode", "value");
    *attrs = TA_BOLD;
    if (!strcmp(cm, "none"))
        return isnan(it->v) ? ROLE_DIM : ROLE_VALUE;
    Role r = panel_series_role(p, it->qi, it->src, it->v, ROLE_VALUE);
    if (!strcmp(cm, "background") && r != ROLE_VALUE && r != ROLE_DIM)
        *attrs |= TA_REVERSE;
    return r;
}

/* One stat in one line: name at left, sparkline, value at right. */
static void draw_line(const Panel *p, Canvas *c, Rect r, const StatItem *it,
                      const char *name, const char *label, int spark,
                      const DrawCtx *ctx)
{
    char val[64], text[160];
    int attrs;
    item_text(p, it, val, sizeof val);
    Role role = item_role(p, it, &attrs);
    if (label && *label)
        snprintf(text, sizeof text, "%s %s", val, label);
    else
        snprintf(text, sizeof text, "%s", val);
    int vw = canvas_text_width(text);
    if (!name) { /* the value alone, centred */
        int x = r.x + (r.w > vw ? (r.w - vw) / 2 : 0);
        int n = canvas_text(c, x, r.y, r.w, val, role, attrs);
        if (label && *label && n < r.w)
            canvas_text(c, x + n + 1, r.y, r.w - n - 1, label, ROLE_DIM, 0);
        return;
    }
    if (vw > r.w)
        vw = r.w;
    int rest = r.w - vw - 1;
    int nw = canvas_text_width(name);
    int sw = 0;
    if (spark && it->range && rest >= 12) {
        if (nw > rest / 2)
            nw = rest / 2;
        sw = rest - nw - 1;
    } else if (nw > rest) {
        nw = rest;
    }
    if (nw > 0)
        canvas_label(c, r.x, r.y, nw, name, ROLE_DEFAULT, 0);
    Role sr = panel_thresholds(p, it->qi)->set ? role : theme_series_role(0);
    if (sw > 0)
        draw_spark(p, c, r.x + nw + 1, r.y, sw, 1, it, sr, ctx);
    int vx = r.x + r.w - vw;
    int n = canvas_text(c, vx, r.y, vw, val, role, attrs);
    if (label && *label && n + 1 < vw) /* the label after the value, dim */
        canvas_text(c, vx + n + 1, r.y, vw - n - 1, label, ROLE_DIM, 0);
}

/* One stat in a cell of several rows: name (when given), value (big when
 * it fits), label, and the sparkline along the bottom. */
static void draw_cell(const Panel *p, Canvas *c, Rect r, const StatItem *it,
                      const char *name, const char *label, int spark,
                      const DrawCtx *ctx, int fixed_scale)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (r.h == 1) {
        draw_line(p, c, r, it, name, label, 0, ctx);
        return;
    }
    char val[64];
    int attrs;
    item_text(p, it, val, sizeof val);
    Role role = item_role(p, it, &attrs);
    int has_label = label && *label;
    int spark_rows = spark && it->range ? 1 : 0;
    int name_rows = name && r.h >= 2 + spark_rows ? 1 : 0;
    int label_rows = has_label && r.h >= 2 + spark_rows + name_rows ? 1 : 0;
    /* big digits when there are rows for them (3 at least); too wide, the
     * value is plain text. On a wall screen the digits grow first and the
     * trend gets what is left; elsewhere the trend grows first. */
    int fixed = spark_rows + name_rows + label_rows;
    int vw_big = r.w - canvas_bigtext_tag_width(c, role); /* its tag beside */
    int scale = fixed_scale > 0 ? fixed_scale
                                : panel_bigtext_scale(vw_big, r.h - fixed, val);
    if (scale > 1 && !ctx->kiosk && fixed_scale <= 0)
        scale = 1;
    int value_rows = scale ? canvas_bigtext_height(scale) : 1;
    int left = r.h - value_rows - fixed;
    if (spark_rows && left >= 2) { /* spare rows: a taller trend */
        int cap = r.h / 3 - 1 > 2 ? r.h / 3 - 1 : 2;
        int more = left / 2 < cap ? left / 2 : cap;
        spark_rows += more;
        left -= more;
    }
    if (scale && !ctx->kiosk && fixed_scale <= 0) { /* rows still spare:
                                                      bigger digits */
        int k = panel_bigtext_scale(vw_big, value_rows + left, val);
        left += value_rows - canvas_bigtext_height(k);
        value_rows = canvas_bigtext_height(k);
        scale = k;
    }
    int y = r.y + left / 2;
    if (name_rows) {
        int nw = canvas_text_width(name);
        if (nw > r.w)
            nw = r.w;
        canvas_label(c, r.x + (r.w - nw) / 2, y, r.w, name, ROLE_DEFAULT, 0);
        y++;
    }
    if (scale) {
        canvas_bigtext_scaled(c, (Rect){r.x, y, r.w, value_rows}, val, role,
                              scale);
    } else {
        int vw = canvas_text_width(val);
        if (vw > r.w)
            vw = r.w;
        canvas_text(c, r.x + (r.w - vw) / 2, y, r.w, val, role, attrs);
    }
    y += value_rows;
    if (label_rows) {
        int lw = canvas_text_width(label);
        if (lw > r.w)
            lw = r.w;
        canvas_text(c, r.x + (r.w - lw) / 2, y, r.w, label, ROLE_DIM, 0);
    }
    if (spark_rows) {
        Role sr =
            panel_thresholds(p, it->qi)->set ? role : theme_series_role(0);
        draw_spark(p, c, r.x, r.y + r.h - 1, r.w, spark_rows, it, sr, ctx);
    }
}

/* The one scale of big digits at which every value of items[0..n) fits a
 * w x h area, a critical or warning value with its tag beside it: 0 when
 * one does not; at most 1 off a wall screen (the trend grows there
 * instead). */
static int common_scale(const Panel *p, const Canvas *c, const StatItem *items,
                        int n, int w, int h, const DrawCtx *ctx)
{
    int scale = PANEL_BIGTEXT_MAX;
    for (int i = 0; i < n && scale > 0; i++) {
        char val[64];
        int attrs;
        panel_format(p, items[i].qi, items[i].v, val, sizeof val);
        Role role = item_role(p, &items[i], &attrs);
        int k =
            panel_bigtext_scale(w - canvas_bigtext_tag_width(c, role), h, val);
        scale = k < scale ? k : scale;
    }
    return scale > 1 && !ctx->kiosk ? 1 : scale;
}

/* Several stats in big digits, all of one size, when they fit: a grid of
 * cells (name over the value, the trend under it), or one row each with
 * the name at the left; the arrangement with the biggest digits wins
 * (a grid on ties). Returns 1 when drawn, 0 when no arrangement fits. */
static int draw_big_grid(const Panel *p, Canvas *c, Rect r,
                         const StatItem *items, int n, int total,
                         const char *label, int spark, const DrawCtx *ctx)
{
    if (total > n || n > 12)
        return 0; /* more than fit: the "+N more" list */
    int has_label = label && *label;
    int best = 0, best_cols = 0, nw = 0;
    for (int i = 0; i < n; i++) {
        int k = canvas_text_width(items[i].name);
        nw = k > nw ? k : nw;
    }
    /* the names whole: a value whose name is cut says less than text */
    for (int cols = n; cols >= 1; cols--) {
        int rows = (n + cols - 1) / cols;
        int cw = (r.w - (cols - 1)) / cols, ch = r.h / rows;
        int fixed = 1 + has_label + (spark ? 1 : 0);
        if (cw < 3 || ch - fixed < 3 || nw > cw)
            continue;
        int k = common_scale(p, c, items, n, cw, ch - fixed, ctx);
        if (k > best) {
            best = k;
            best_cols = cols;
        }
    }
    /* one row each: the names at the left, the digits beside them */
    int rh = r.h / n, rows_scale = 0;
    if (nw > 0 && nw <= r.w / 3 && rh >= 3)
        rows_scale = common_scale(p, c, items, n, r.w - nw - 1, rh, ctx);
    if (rows_scale > best) {
        const char **set =
            panel_name_set(items, sizeof *items, offsetof(StatItem, name), n);
        int top = r.y + (r.h - rh * n) / 2;
        for (int i = 0; i < n; i++) {
            char val[64];
            int attrs;
            panel_format(p, items[i].qi, items[i].v, val, sizeof val);
            Role role = item_role(p, &items[i], &attrs);
            int y = top + i * rh;
            canvas_label_among(c, r.x, y + (rh - 1) / 2, nw, items[i].name, set,
                               set ? n : 0, ROLE_DEFAULT, 0);
            canvas_bigtext_scaled(c, (Rect){r.x + nw + 1, y, r.w - nw - 1, rh},
                                  val, role, rows_scale);
        }
        free(set);
        return 1;
    }
    if (!best)
        return 0;
    int rows = (n + best_cols - 1) / best_cols;
    int cw = (r.w - (best_cols - 1)) / best_cols, ch = r.h / rows;
    int top = r.y + (r.h - ch * rows) / 2;
    for (int i = 0; i < n; i++) {
        int row = i / best_cols, col = i % best_cols;
        Rect cr = {r.x + col * (cw + 1), top + row * ch, cw, ch};
        if (col == best_cols - 1)
            cr.w = r.x + r.w - cr.x;
        draw_cell(p, c, cr, &items[i], items[i].name, label, spark, ctx, best);
    }
    return 1;
}

static void stat_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (panel_no_data(p)) {
        panel_draw_novalue(p, c, r);
        return;
    }
    StatItem items[STAT_MAX_ITEMS];
    int total, n = stat_items(p, items, STAT_MAX_ITEMS, &total, ctx);
    if (n == 0) {
        panel_draw_novalue(p, c, r);
        return;
    }
    const char *label = panel_opt_str(p, "label", NULL);
    int spark = panel_opt_num(p, "sparkline", 1) != 0 && !ctx->compact;
    if (n == 1) {
        draw_cell(p, c, r, &items[0], NULL, label, spark, ctx, 0);
        return;
    }
    if (draw_big_grid(p, c, r, items, n, total, label, spark, ctx))
        return;
    /* side by side when each value fits its share of the width */
    int widest = 0;
    for (int i = 0; i < n; i++) {
        char val[64];
        item_text(p, &items[i], val, sizeof val);
        int vw = canvas_text_width(val);
        widest = vw > widest ? vw : widest;
    }
    int cw = (r.w - (n - 1)) / n;
    if (cw >= widest + 2 && cw >= 8 && r.h >= 2) {
        for (int i = 0; i < n; i++) {
            Rect cr = {r.x + i * (cw + 1), r.y, cw, r.h};
            if (i == n - 1)
                cr.w = r.x + r.w - cr.x;
            draw_cell(p, c, cr, &items[i], items[i].name, label, spark, ctx, 0);
        }
        return;
    }
    /* stacked: an equal share of the rows each, "+N more" when short */
    int shown = n, more = total - n;
    if (shown > r.h || more > 0) {
        shown = shown < r.h - 1 ? shown : r.h - 1;
        more = total - shown;
    }
    if (shown < 1) { /* one row: the first only */
        draw_line(p, c, r, &items[0], items[0].name, NULL, 0, ctx);
        return;
    }
    int rh = (r.h - (more > 0)) / shown;
    for (int i = 0; i < shown; i++) {
        Rect cr = {r.x, r.y + i * rh, r.w, rh};
        if (rh == 1)
            draw_line(p, c, cr, &items[i], items[i].name, label, spark, ctx);
        else
            draw_cell(p, c, cr, &items[i], items[i].name, label, spark, ctx, 0);
    }
    if (more > 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "+%d more", more);
        canvas_text(c, r.x, r.y + shown * rh, r.w, buf, ROLE_DIM, 0);
    }
}

/* One point per column of the sparkline. */
static int stat_points(const Panel *p, int w, int h)
{
    (void)p;
    (void)h;
    return w > 1 ? w : 1;
}

const PanelClass stat_class = {
    .name = "stat",
    .help = "The current value in big digits, coloured by thresholds, with a "
            "sparkline.",
    .opts = stat_opts,
    .query_mode = QM_BOTH,
    .points = stat_points,
    .draw = stat_draw,
};
