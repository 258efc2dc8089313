/* panel.c - what all panel kinds share: typed access to kind options,
 * per-query unit/threshold/legend look-ups, the frame (box, title, stale
 * and error marks) drawn around every kind's content, and the drawing
 * helpers several kinds use (no data, time axis, big digits). */
#include "panel.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"

#define PANEL_TITLE_MAX 1024

const PanelClass *panel_kind_find(const char *name)
{
    for (int i = 0; name && panel_kinds[i]; i++)
        if (!strcmp(panel_kinds[i]->name, name))
            return panel_kinds[i];
    return NULL;
}

int panel_opt_index(const PanelClass *cls, const char *name)
{
    for (int i = 0; cls && cls->opts && cls->opts[i].name; i++)
        if (!strcmp(cls->opts[i].name, name))
            return i;
    return -1;
}

const OptValue *panel_opt(const Panel *p, const char *name)
{
    int i = panel_opt_index(p->cls, name);
    if (i < 0 || !p->conf->opts || !p->conf->opts[i].set)
        return NULL;
    return &p->conf->opts[i];
}

double panel_opt_num(const Panel *p, const char *name, double dflt)
{
    const OptValue *v = panel_opt(p, name);
    return v ? v->num : dflt;
}

const char *panel_opt_str(const Panel *p, const char *name, const char *dflt)
{
    const OptValue *v = panel_opt(p, name);
    return v && v->str ? v->str : dflt;
}

int panel_init(Panel *p, const PanelConf *conf)
{
    memset(p, 0, sizeof *p);
    p->conf = conf;
    p->cls = conf->cls;
    if (conf->nqueries > 0) {
        p->qs = calloc((size_t)conf->nqueries, sizeof *p->qs);
        if (!p->qs)
            return -1;
    }
    int mode = p->cls->query_mode_for ? p->cls->query_mode_for(conf)
                                      : p->cls->query_mode;
    p->mode = mode;
    for (int i = 0; i < conf->nqueries; i++) {
        int inst = (mode & QM_INSTANT) || conf->queries[i].instant;
        int range = (mode & QM_RANGE) && !conf->queries[i].instant;
        p->qs[i].inst.used = inst;
        p->qs[i].inst.q.type = PQ_INSTANT;
        p->qs[i].range.used = range;
        p->qs[i].range.q.type = PQ_RANGE;
    }
    p->dirty = 1;
    return 0;
}

static void state_free(QueryState *s)
{
    free((char *)s->q.expr);
    s->q.expr = NULL;
    result_free(&s->res);
    free(s->error);
    s->error = NULL;
}

void panel_done(Panel *p)
{
    if (!p || !p->conf)
        return;
    for (int i = 0; p->qs && i < p->conf->nqueries; i++) {
        state_free(&p->qs[i].inst);
        state_free(&p->qs[i].range);
    }
    free(p->qs);
    p->qs = NULL;
    panel_filter_free(p);
}

static const Result *slot_result(const QueryState *s)
{
    return s->used && s->res.type != RESULT_NONE ? &s->res : NULL;
}

const Result *panel_range_result(const Panel *p, int i)
{
    if (i < 0 || i >= p->conf->nqueries)
        return NULL;
    return slot_result(&p->qs[i].range);
}

const Result *panel_instant_result(const Panel *p, int i)
{
    if (i < 0 || i >= p->conf->nqueries)
        return NULL;
    return slot_result(&p->qs[i].inst);
}

const Result *panel_result(const Panel *p, int i)
{
    if (i < 0 || i >= p->conf->nqueries)
        return NULL;
    if (p->qs[i].range.used && !(p->mode & QM_INSTANT))
        return slot_result(&p->qs[i].range);
    if (p->qs[i].inst.used)
        return slot_result(&p->qs[i].inst);
    return slot_result(&p->qs[i].range);
}

const char *panel_unit(const Panel *p, int i)
{
    if (i >= 0 && i < p->conf->nqueries && p->conf->queries[i].unit)
        return p->conf->queries[i].unit;
    return p->conf->unit;
}

int panel_decimals(const Panel *p, int i)
{
    if (i >= 0 && i < p->conf->nqueries && p->conf->queries[i].decimals >= 0)
        return p->conf->queries[i].decimals;
    return p->conf->decimals;
}

const Thresholds *panel_thresholds(const Panel *p, int i)
{
    if (i >= 0 && i < p->conf->nqueries && p->conf->queries[i].thresholds.set)
        return &p->conf->queries[i].thresholds;
    return &p->conf->thresholds;
}

/* Whether mapping m matches value v (NaN: no number). */
static int mapping_matches(const ValueMap *m, double v)
{
    switch (m->type) {
    case MAP_VALUE:
        return m->value == v;
    case MAP_RANGE:
        return !isnan(v) && v >= m->from && v <= m->to;
    case MAP_REGEX: {
        if (isnan(v) || !m->regex)
            return 0;
        char t[40];
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(t, sizeof t, "%.*g", digits, v);
            if (strtod(t, NULL) == v)
                break;
        }
        return regexec(m->regex, t, 0, NULL, 0) == 0;
    }
    case MAP_SPECIAL:
        return isnan(v) &&
               (m->special == MAP_NAN || m->special == MAP_NULL_NAN);
    }
    return 0;
}

/* The first of mappings m[0..n) matching v, or NULL. */
static const ValueMap *first_mapping(const ValueMap *m, int n, double v)
{
    for (int k = 0; k < n; k++)
        if (mapping_matches(&m[k], v))
            return &m[k];
    return NULL;
}

/* The mapping of query i (or the panel's) matching v, or NULL. */
static const ValueMap *find_mapping(const Panel *p, int i, double v)
{
    const ValueMap *m = p->conf->mappings;
    int n = p->conf->nmappings;
    if (i >= 0 && i < p->conf->nqueries && p->conf->queries[i].nmappings) {
        m = p->conf->queries[i].mappings;
        n = p->conf->queries[i].nmappings;
    }
    return first_mapping(m, n, v);
}

/* The lowest and highest value query i holds now, for percentage
 * thresholds without a min and max of their own. 0 when there is none. */
static int data_span(const Panel *p, int i, double *lo, double *hi)
{
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (int q = 0; q < p->conf->nqueries; q++) {
        if (i >= 0 && q != i)
            continue;
        const Result *r = panel_result(p, q);
        for (int k = 0; r && k < r->nseries; k++) {
            const Series *se = &r->series[k];
            for (int j = 0; j < se->npoints; j++) {
                double v = se->points[j].v;
                if (isnan(v))
                    continue;
                *lo = v < *lo ? v : *lo;
                *hi = v > *hi ? v : *hi;
            }
        }
    }
    return *hi >= *lo;
}

/* Role of v against thresholds t; min/max bound percentage ones (NaN:
 * the data's span of query i). */
static Role thresholds_role(const Panel *p, int i, const Thresholds *t,
                            double v, double min, double max)
{
    if (isnan(v))
        return ROLE_DIM;
    double scale = 1, base = 0;
    if (t->percent) {
        double lo = min, hi = max;
        if ((isnan(lo) || isnan(hi)) && data_span(p, i, &lo, &hi)) {
            lo = isnan(min) ? lo : min;
            hi = isnan(max) ? hi : max;
        }
        if (isnan(lo) || isnan(hi) || !(hi > lo))
            lo = 0, hi = 100;
        base = lo;
        scale = (hi - lo) / 100;
    }
    if (!t->roles) {
        if (!t->percent)
            return format_threshold_role(v, t->steps, t->n, t->good_high);
        double steps[64];
        int n = t->n < 64 ? t->n : 64;
        for (int k = 0; k < n; k++)
            steps[k] = base + t->steps[k] * scale;
        return format_threshold_role(v, steps, n, t->good_high);
    }
    int crossed = 0;
    for (int k = 0; k < t->n; k++)
        if (v >= base + t->steps[k] * scale)
            crossed = k + 1;
    return (Role)t->roles[crossed];
}

Role panel_value_role(const Panel *p, int i, double v, Role dflt)
{
    const ValueMap *m = find_mapping(p, i, v);
    if (m && m->role >= 0)
        return (Role)m->role;
    const Thresholds *t = panel_thresholds(p, i);
    if (!t->set || t->n == 0)
        return isnan(v) ? ROLE_DIM : dflt;
    return thresholds_role(p, i, t, v, p->conf->min, p->conf->max);
}

char *panel_format(const Panel *p, int i, double v, char *buf, int n)
{
    const ValueMap *m = find_mapping(p, i, v);
    if (m && m->text) {
        snprintf(buf, (size_t)n, "%s", m->text);
        return buf;
    }
    return format_value(v, panel_unit(p, i), panel_decimals(p, i), buf,
                        (size_t)n);
}

const char *panel_no_value(const Panel *p)
{
    /* the kinds showing values say so; a chart says a special mapping's
     * text only when asked in so many words (no_value) */
    const char *k0 = p->cls->name;
    int value_kind =
        !strcmp(k0, "stat") || !strcmp(k0, "gauge") || !strcmp(k0, "bargauge");
    if (p->conf->no_value && (value_kind || !strcmp(k0, "timeseries")))
        return p->conf->no_value;
    for (int k = 0; value_kind && k < p->conf->nmappings; k++) {
        const ValueMap *m = &p->conf->mappings[k];
        if (m->type == MAP_SPECIAL && m->text &&
            (m->special == MAP_NULL || m->special == MAP_NULL_NAN))
            return m->text;
    }
    return "no data";
}

void panel_draw_novalue(const Panel *p, Canvas *c, Rect r)
{
    const char *msg = panel_no_value(p);
    int w = canvas_text_width(msg);
    if (r.w <= 0 || r.h <= 0)
        return;
    canvas_text(c, r.x + (r.w > w ? (r.w - w) / 2 : 0), r.y + (r.h - 1) / 2,
                r.w, msg, ROLE_DIM, 0);
}

/* Appends s to buf (of size n, current length *len), cutting at the end. */
static void append(char *buf, int n, int *len, const char *s, size_t k)
{
    if (*len >= n - 1)
        return;
    size_t room = (size_t)(n - 1 - *len);
    if (k > room)
        k = room;
    memcpy(buf + *len, s, k);
    *len += (int)k;
    buf[*len] = 0;
}

/* Expands a legend template ("{{label}} text") for series s into buf. */
static void legend_expand(const char *t, const Series *s, char *buf, int n,
                          int *len);

/* The name of series s of query i before overrides: legend template, else
 * name, else labels. */
static char *series_base_name(const Panel *p, int i, const Series *s, char *buf,
                              int n)
{
    int len = 0;
    if (n <= 0)
        return buf;
    buf[0] = 0;
    const QueryConf *q =
        i >= 0 && i < p->conf->nqueries ? &p->conf->queries[i] : NULL;
    if (q && q->legend) {
        legend_expand(q->legend, s, buf, n, &len);
        return buf;
    }
    if (q && q->name && (!s || s->nlabels == 0 || p->conf->nqueries > 1)) {
        append(buf, n, &len, q->name, strlen(q->name));
        return buf;
    }
    const char *metric = s ? series_label(s, "__name__") : NULL;
    if (metric)
        append(buf, n, &len, metric, strlen(metric));
    int first = 1;
    for (int k = 0; s && k < s->nlabels; k++) {
        if (!strcmp(s->labels[k].name, "__name__"))
            continue;
        append(buf, n, &len, first ? "{" : ", ", first ? 1 : 2);
        first = 0;
        append(buf, n, &len, s->labels[k].name, strlen(s->labels[k].name));
        append(buf, n, &len, "=\"", 2);
        append(buf, n, &len, s->labels[k].value, strlen(s->labels[k].value));
        append(buf, n, &len, "\"", 1);
    }
    if (!first)
        append(buf, n, &len, "}", 1);
    if (!len && q && q->name)
        append(buf, n, &len, q->name, strlen(q->name));
    if (!len)
        append(buf, n, &len, "value", 5);
    return buf;
}

static void legend_expand(const char *t, const Series *s, char *buf, int n,
                          int *plen)
{
    int len = *plen;
    while (*t) {
        const char *open = strstr(t, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close) {
            append(buf, n, &len, t, strlen(t));
            break;
        }
        append(buf, n, &len, t, (size_t)(open - t));
        char key[128];
        const char *a = open + 2, *b = close;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        size_t kl =
            (size_t)(b - a) < sizeof key - 1 ? (size_t)(b - a) : sizeof key - 1;
        memcpy(key, a, kl);
        key[kl] = 0;
        const char *v = s ? series_label(s, key) : NULL;
        if (v)
            append(buf, n, &len, v, strlen(v));
        t = close + 2;
    }
    *plen = len;
}

/* Whether override o matches a series named `name`. */
int panel_override_matches(const SeriesOverride *o, const char *name)
{
    int hit = 0;
    if (o->regex)
        hit = regexec(o->regex, name, 0, NULL, 0) == 0;
    for (int k = 0; k < o->nnames && !hit; k++)
        hit = !strcmp(o->names[k], name);
    return o->exclude ? !hit : hit;
}

const SeriesOverride *panel_series_override(const Panel *p, int i,
                                            const Series *s, SeriesOverride *o)
{
    if (p->conf->noverrides == 0)
        return NULL;
    char name[512];
    series_base_name(p, i, s, name, sizeof name);
    return panel_name_override(p, name, o);
}

const SeriesOverride *panel_name_override(const Panel *p, const char *name,
                                          SeriesOverride *o)
{
    int any = 0;
    for (int k = 0; k < p->conf->noverrides; k++) {
        const SeriesOverride *ov = &p->conf->overrides[k];
        if (!panel_override_matches(ov, name))
            continue;
        if (!any) {
            memset(o, 0, sizeof *o);
            o->decimals = -1;
            o->min = o->max = NAN;
            o->role = -1;
            any = 1;
        }
        if (ov->name)
            o->name = ov->name;
        if (ov->unit)
            o->unit = ov->unit;
        if (ov->decimals >= 0)
            o->decimals = ov->decimals;
        if (!isnan(ov->min))
            o->min = ov->min;
        if (!isnan(ov->max))
            o->max = ov->max;
        if (ov->thresholds.set)
            o->thresholds = ov->thresholds;
        if (ov->nmappings) {
            o->mappings = ov->mappings;
            o->nmappings = ov->nmappings;
        }
        if (ov->role >= 0)
            o->role = ov->role;
        o->negative |= ov->negative;
        o->hide |= ov->hide;
        o->nolegend |= ov->nolegend;
        o->nostack |= ov->nostack;
        o->right |= ov->right;
        o->dash |= ov->dash;
    }
    return any ? o : NULL;
}

char *panel_series_name(const Panel *p, int i, const Series *s, char *buf,
                        int n)
{
    SeriesOverride o;
    const SeriesOverride *ov = s ? panel_series_override(p, i, s, &o) : NULL;
    if (ov && ov->name && n > 0) {
        int len = 0;
        buf[0] = '\0';
        legend_expand(ov->name, s, buf, n, &len);
        return buf;
    }
    return series_base_name(p, i, s, buf, n);
}

char *panel_series_format(const Panel *p, int i, const Series *s, double v,
                          char *buf, int n)
{
    SeriesOverride o;
    const SeriesOverride *ov = s ? panel_series_override(p, i, s, &o) : NULL;
    return panel_override_format(p, i, ov, v, buf, n);
}

char *panel_override_format(const Panel *p, int i, const SeriesOverride *ov,
                            double v, char *buf, int n)
{
    if (!ov)
        return panel_format(p, i, v, buf, n);
    const ValueMap *m = first_mapping(ov->mappings, ov->nmappings, v);
    if (!m)
        m = find_mapping(p, i, v);
    if (m && m->text) {
        snprintf(buf, (size_t)n, "%s", m->text);
        return buf;
    }
    return format_value(v, ov->unit ? ov->unit : panel_unit(p, i),
                        ov->decimals >= 0 ? ov->decimals : panel_decimals(p, i),
                        buf, (size_t)n);
}

Role panel_series_role(const Panel *p, int i, const Series *s, double v,
                       Role dflt)
{
    SeriesOverride o;
    const SeriesOverride *ov = s ? panel_series_override(p, i, s, &o) : NULL;
    return panel_override_role(p, i, ov, v, dflt);
}

Role panel_override_role(const Panel *p, int i, const SeriesOverride *ov,
                         double v, Role dflt)
{
    if (!ov)
        return panel_value_role(p, i, v, dflt);
    const ValueMap *m = first_mapping(ov->mappings, ov->nmappings, v);
    if (m && m->role >= 0)
        return (Role)m->role;
    if (ov->thresholds.set && ov->thresholds.n > 0)
        return thresholds_role(p, i, &ov->thresholds, v,
                               isnan(ov->min) ? p->conf->min : ov->min,
                               isnan(ov->max) ? p->conf->max : ov->max);
    if (ov->role >= 0 && !isnan(v))
        return (Role)ov->role;
    return panel_value_role(p, i, v, dflt);
}

const char *panel_series_unit(const Panel *p, int i, const Series *s)
{
    SeriesOverride o;
    const SeriesOverride *ov = s ? panel_series_override(p, i, s, &o) : NULL;
    return ov && ov->unit ? ov->unit : panel_unit(p, i);
}

/* The panel's overall state for its frame: error text of the first failed
 * query, and the oldest good answer's time when any query has failed. */
static const char *panel_error(const Panel *p, double *oldest_ok, int *any_data)
{
    const char *err = NULL;
    *oldest_ok = 0;
    *any_data = 0;
    for (int i = 0; i < p->conf->nqueries; i++) {
        const QueryState *st[2] = {&p->qs[i].inst, &p->qs[i].range};
        for (int k = 0; k < 2; k++) {
            if (!st[k]->used)
                continue;
            if (st[k]->res.type != RESULT_NONE)
                *any_data = 1;
            if (st[k]->error && !err) {
                err = st[k]->error;
                *oldest_ok = st[k]->ok_at;
            }
        }
    }
    return err;
}

double panel_per_step(const Panel *p)
{
    for (int i = 0; i < p->conf->nqueries; i++)
        if (p->qs[i].range.used && p->qs[i].range.q.step > 0 &&
            strstr(p->conf->queries[i].expr, "$__interval"))
            return p->qs[i].range.q.step;
    return 0;
}

/* Writes msg centred in r, word-wrapped into lines each centred (a word
 * wider than r is cut; a newline ends a line), the block centred
 * vertically. */
static void draw_centred(Canvas *c, Rect r, const char *msg, Role role)
{
    enum { MAXL = 16 };
    char line[MAXL][256];
    int nl = 0;
    const char *s = msg;
    while (*s && nl < MAXL) {
        while (*s == ' ' || *s == '\n')
            s++;
        if (!*s)
            break;
        size_t len = 0;
        line[nl][0] = 0;
        while (*s && *s != '\n') { /* words while they fit */
            const char *e = s;
            while (*e && *e != ' ' && *e != '\n')
                e++;
            size_t wl = (size_t)(e - s);
            if (len + 1 + wl >= sizeof line[nl])
                break;
            char save[256];
            memcpy(save, line[nl], len + 1);
            if (len)
                line[nl][len++] = ' ';
            memcpy(line[nl] + len, s, wl);
            line[nl][len + wl] = 0;
            if (save[0] && canvas_text_width(line[nl]) > r.w) {
                memcpy(line[nl], save, strlen(save) + 1);
                break;
            }
            len += wl;
            s = e;
            while (*s == ' ')
                s++;
        }
        if (!len) { /* a word longer than a line */
            const char *e = s;
            while (*e && *e != ' ' && *e != '\n')
                e++;
            size_t wl = (size_t)(e - s) < sizeof line[nl] - 1
                            ? (size_t)(e - s)
                            : sizeof line[nl] - 1;
            memcpy(line[nl], s, wl);
            line[nl][wl] = 0;
            s = e;
        }
        nl++;
    }
    int y0 = r.y + (r.h - nl) / 2;
    if (y0 < r.y)
        y0 = r.y;
    for (int i = 0; i < nl && y0 + i < r.y + r.h; i++) {
        int w = canvas_text_width(line[i]);
        int x = w < r.w ? r.x + (r.w - w) / 2 : r.x;
        canvas_text(c, x, y0 + i, r.w - (x - r.x), line[i], role, 0);
    }
}

/* An alert list reading the App's alerting answers: the error of its main
 * feed, as panel_error() gives a query's. */
static const char *alert_feed_error(const Panel *p, const DrawCtx *ctx,
                                    double *oldest_ok, int *any_data)
{
    int src = panel_alert_from(p->conf, ctx->frozen);
    *oldest_ok = 0;
    *any_data = 0;
    const AlertFeed *f = alerts_feed(ctx->alerts, src);
    if (!f || (src == ALERTS_FROM_AM && ctx->frozen))
        return NULL;
    *oldest_ok = f->ok_at;
    *any_data = f->set != NULL;
    return f->error;
}

const char *panel_warning(const Panel *p)
{
    for (int i = 0; i < p->conf->nqueries; i++) {
        const QueryState *st[2] = {&p->qs[i].inst, &p->qs[i].range};
        for (int k = 0; k < 2; k++)
            if (st[k]->used && st[k]->res.nwarnings > 0)
                return st[k]->res.warnings[0];
    }
    return NULL;
}

/* The mark of an answer that is partial or warned: " partial " in the top
 * border beside the title (left of a stale mark), and the warning's first
 * words in the bottom border (not on a wall screen). */
static void draw_warning(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx,
                         int stale_w)
{
    const char *w = panel_warning(p);
    if (!w)
        return;
    const char *mark = " ! partial ";
    int mw = canvas_text_width(mark);
    int x = r.x + r.w - 1 - stale_w - mw;
    int tw = canvas_text_width(p->conf->title) + 4;
    if (x - r.x > tw || x - r.x > 4)
        canvas_text(c, x, r.y, mw, mark, ROLE_WARN, TA_BOLD | TA_REVERSE);
    if (ctx->kiosk || r.w < 12)
        return;
    char line[512];
    snprintf(line, sizeof line, " %s ", w);
    int capw = 0; /* the window's caption keeps the right of the border */
    if (ctx->caption) {
        snprintf(line, sizeof line, " %s ", ctx->caption);
        capw = canvas_text_width(line) + 1;
        snprintf(line, sizeof line, " %s ", w);
    }
    if (r.w - 4 - capw > 0)
        canvas_text(c, r.x + 2, r.y + r.h - 1, r.w - 4 - capw, line, ROLE_WARN,
                    0);
}

/* panel_draw for p (maybe a filtered view), titled `name`; `nomatch`: the
 * filter hides every series there is. */
static void draw_framed(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx,
                        const char *name, int nomatch)
{
    canvas_clear(c, r, ROLE_DEFAULT);
    Role border = ctx->focused ? ROLE_BORDER_FOCUS : ROLE_BORDER;
    Role title = ctx->focused ? ROLE_TITLE_FOCUS : ROLE_TITLE;
    if (r.h < 3 || r.w < 6) { /* too small for a box: the title alone */
        canvas_text(c, r.x, r.y, r.w, name, title, TA_BOLD);
        return;
    }
    if (ctx->focused)
        canvas_box_heavy(c, r, border, name, title);
    else
        canvas_box(c, r, border, name, title);
    /* right in the bottom border: the step of a per-step quantity (its
     * values change with the step, which follows the panel's width) and a
     * window of its own */
    char cap[160], step[48];
    double st = panel_per_step(p);
    if (st > 0) {
        char d[32];
        snprintf(step, sizeof step, "per %s",
                 format_duration(st, -1, d, sizeof d));
    }
    snprintf(cap, sizeof cap, " %s%s%s ", st > 0 ? step : "",
             st > 0 && ctx->caption ? ", " : "",
             ctx->caption ? ctx->caption : "");
    int cw = canvas_text_width(cap);
    if ((st > 0 || ctx->caption) && cw <= r.w - 4)
        canvas_text(c, r.x + r.w - 2 - cw, r.y + r.h - 1, cw, cap, ROLE_TITLE,
                    0);
    Rect in = {r.x + 1, r.y + 1, r.w - 2, r.h - 2};
    double ok_at;
    int any;
    const char *err = panel_alert_source(p->conf)
                          ? alert_feed_error(p, ctx, &ok_at, &any)
                          : panel_error(p, &ok_at, &any);
    int stale_w = 0;
    if (err && any && !ctx->kiosk) {
        /* last good data, marked stale with its age, in the top border (a
         * wall screen says it once, in its own corner) */
        char age[32], mark[64];
        if (ok_at > 0)
            snprintf(mark, sizeof mark, " stale %s ",
                     format_age(ctx->wall - ok_at, age, sizeof age));
        else
            snprintf(mark, sizeof mark, " stale ");
        int mw = canvas_text_width(mark);
        int tw = canvas_text_width(p->conf->title) + 4;
        if (r.w - 2 - mw > tw || r.w - 2 - mw > 4) {
            canvas_text(c, r.x + r.w - 1 - mw, r.y, mw, mark, ROLE_STALE,
                        TA_BOLD | TA_REVERSE);
            stale_w = mw;
        }
    }
    if (any)
        draw_warning(p, c, r, ctx, stale_w);
    if (err && !any && ctx->quiet)
        return;
    if (err && !any && ctx->kiosk) { /* no error text on a wall screen */
        panel_draw_nodata(c, in);
        return;
    }
    if (err && !any) { /* nothing to draw: the server's own words */
        canvas_wrap(c, in, err, ROLE_ERROR);
        return;
    }
    if (!any) {
        int pending = 0;
        for (int i = 0; i < p->conf->nqueries; i++)
            if ((p->qs[i].inst.used && !p->qs[i].inst.ok_at) ||
                (p->qs[i].range.used && !p->qs[i].range.ok_at))
                pending = 1;
        if (p->conf->nqueries > 0 && pending) {
            canvas_text(c, in.x, in.y + (in.h - 1) / 2, in.w, "loading...",
                        ROLE_DIM, 0);
            return;
        }
    }
    if (!p->cls->native_histograms && panel_has_native(p)) {
        panel_draw_native_hint(c, in);
        return;
    }
    char missing[FAMILIES_MAX_LEN];
    if (panel_missing_metric(p, missing, sizeof missing)) {
        char msg[FAMILIES_MAX_LEN + 40];
        /* the author's own text for no value (Grafana's "N/A") stays,
         * the reason below it */
        const char *nv = panel_no_value(p);
        if (strcmp(nv, "no data"))
            snprintf(msg, sizeof msg, "%s\nmetric %s not found", nv, missing);
        else
            snprintf(msg, sizeof msg, "no data: metric %s not found", missing);
        if (ctx->kiosk) /* a wall screen keeps it short */
            panel_draw_nodata(c, in);
        else
            draw_centred(c, in, msg, ROLE_DIM);
        return;
    }
    if (nomatch) {
        char msg[PANEL_TITLE_MAX];
        snprintf(msg, sizeof msg, "no series match /%s/", p->filter);
        draw_centred(c, in, msg, ROLE_DIM);
        return;
    }
    p->cls->draw(p, c, in, ctx);
}

void panel_draw(const Panel *p, Canvas *c, Rect r, const DrawCtx *ctx)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (p->cls->frameless) {
        p->cls->draw(p, c, r, ctx);
        return;
    }
    Panel view;
    int total = 0, shown = 0;
    if (panel_filter_view(p, &view, &total, &shown) != 1) {
        draw_framed(p, c, r, ctx, p->conf->title, 0);
        return;
    }
    char name[PANEL_TITLE_MAX];
    snprintf(name, sizeof name, "%s  /%s/", p->conf->title, p->filter);
    draw_framed(&view, c, r, ctx, name, total > 0 && shown == 0);
    panel_filter_view_free(&view);
}

int panel_no_data(const Panel *p)
{
    for (int i = 0; i < p->conf->nqueries; i++) {
        const Result *r = panel_result(p, i);
        if (r && r->nseries > 0)
            return 0;
    }
    return 1;
}

void panel_draw_nodata(Canvas *c, Rect r)
{
    const char *msg = "no data";
    int w = canvas_text_width(msg);
    if (r.w <= 0 || r.h <= 0)
        return;
    canvas_text(c, r.x + (r.w > w ? (r.w - w) / 2 : 0), r.y + (r.h - 1) / 2,
                r.w, msg, ROLE_DIM, 0);
}

/* Calls fn for every used query slot of p; stops at a non-zero return,
 * which it returns. */
static int each_slot(const Panel *p, int (*fn)(const QueryState *, void *),
                     void *ud)
{
    for (int i = 0; i < p->conf->nqueries; i++) {
        const QueryState *st[2] = {&p->qs[i].inst, &p->qs[i].range};
        for (int k = 0; k < 2; k++)
            if (st[k]->used) {
                int r = fn(st[k], ud);
                if (r)
                    return r;
            }
    }
    return 0;
}

typedef struct {
    const Families *names;
    char *buf;
    size_t n;
} MissingArg;

/* 1: the slot has not answered well or has series; else 0. */
static int slot_not_empty(const QueryState *st, void *ud)
{
    (void)ud;
    return st->error || st->res.type == RESULT_NONE || st->res.nseries > 0;
}

/* 1 when the slot's expression selects a metric the server lacks (into
 * the buffer). */
static int slot_missing(const QueryState *st, void *ud)
{
    MissingArg *m = ud;
    char found[16][FAMILIES_MAX_LEN];
    int k = families_in_expr(st->q.expr, found, 16);
    for (int i = 0; i < k; i++)
        if (families_has(m->names, found[i]) == 0) {
            snprintf(m->buf, m->n, "%s", found[i]);
            return 1;
        }
    return 0;
}

/* 1 when the slot failed, has not answered, or selects a metric not known
 * to exist. */
static int slot_unverified(const QueryState *st, void *ud)
{
    const Families *names = ud;
    if (st->error || st->res.type == RESULT_NONE)
        return 1;
    char found[16][FAMILIES_MAX_LEN];
    int k = families_in_expr(st->q.expr, found, 16);
    for (int i = 0; i < k; i++)
        if (families_has(names, found[i]) != 1)
            return 1;
    return 0;
}

int panel_missing_metric(const Panel *p, char *buf, size_t n)
{
    if (!p->families || families_state(p->families) != FAMILIES_KNOWN ||
        p->conf->nqueries == 0 || each_slot(p, slot_not_empty, NULL))
        return 0;
    MissingArg m = {p->families, buf, n};
    return each_slot(p, slot_missing, &m);
}

int panel_metrics_exist(const Panel *p)
{
    return p->conf->nqueries > 0 &&
           !each_slot(p, slot_unverified, (void *)p->families);
}

double panel_series_step(const Panel *p, int i, const Series *s)
{
    double qstep = p->qs[i].range.q.step;
    return qstep > 0 ? qstep : series_step(s);
}

int panel_by_labels(const Panel *p, const char **by, int max)
{
    const OptValue *o = panel_opt(p, "by");
    int n = 0;
    if (o && o->n > 0) {
        for (int i = 0; i < o->n && n < max; i++)
            by[n++] = o->strs[i];
        return n;
    }
    const Result *res = NULL;
    for (int qi = 0; qi < p->conf->nqueries && !(res && res->nseries); qi++)
        res = panel_result(p, qi);
    for (int s = 0; res && s < res->nseries && s < 1000; s++) {
        const Series *se = &res->series[s];
        for (int l = 0; l < se->nlabels && n < max; l++) {
            const char *name = se->labels[l].name;
            int seen = !strcmp(name, "__name__");
            for (int k = 0; k < n && !seen; k++)
                seen = !strcmp(by[k], name);
            if (!seen)
                by[n++] = name;
        }
    }
    return n;
}

/* Fills key[0..nby) with series s's values of labels by[0..nby), "" for a
 * label s lacks; the values point into s. */
static void series_key(const Series *s, const char *const *by, int nby,
                       const char **key)
{
    for (int i = 0; i < nby; i++) {
        key[i] = series_label(s, by[i]);
        if (!key[i])
            key[i] = "";
    }
}

/* 1 when the two row keys (n label values each) are equal. */
static int key_equal(const char *const *a, const char *const *b, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(a[i], b[i]))
            return 0;
    return 1;
}

int panel_rowkey_cmp(const RowKey *a, const RowKey *b)
{
    for (int i = 0; i < a->nby; i++) {
        int c = strcmp(a->key[i], b->key[i]);
        if (c)
            return c;
    }
    return 0;
}

void panel_rowindex_clear(RowIndex *ix)
{
    memset(ix->slot, 0, sizeof ix->slot);
}

/* FNV-1a over the key's values, each ended by a 0 byte. */
static unsigned rowkey_hash(const RowKey *k)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < k->nby; i++)
        for (const unsigned char *c = (const unsigned char *)k->key[i];; c++) {
            h = (h ^ *c) * 16777619u;
            if (!*c)
                break;
        }
    return h;
}

int panel_row_claim(void *rows, size_t stride, int *n, int max, RowIndex *ix,
                    const Series *s, const char *const *by, int nby, int *total,
                    int *fresh)
{
    RowKey k = {.nby = nby < PANEL_MAX_BY ? nby : PANEL_MAX_BY};
    series_key(s, by, k.nby, k.key);
    if (fresh)
        *fresh = 0;
    if (max > PANEL_ROWINDEX_MAX)
        max = PANEL_ROWINDEX_MAX;
    char *base = rows;
    const unsigned mask = PANEL_ROWINDEX_MAX * 2 - 1;
    unsigned at = rowkey_hash(&k) & mask;
    for (; ix->slot[at]; at = (at + 1) & mask) {
        int r = ix->slot[at] - 1;
        const RowKey *rk = (const RowKey *)(base + (size_t)r * stride);
        if (key_equal(rk->key, k.key, k.nby))
            return r;
    }
    (*total)++;
    if (*n >= max)
        return -1;
    char *row = base + (size_t)*n * stride;
    memset(row, 0, stride);
    memcpy(row, &k, sizeof k);
    if (fresh)
        *fresh = 1;
    ix->slot[at] = *n + 1;
    return (*n)++;
}

int panel_same_but_le(const Series *a, const Series *b)
{
    int na = 0, nb = 0;
    for (int i = 0; i < a->nlabels; i++) {
        if (!strcmp(a->labels[i].name, "le"))
            continue;
        na++;
        const char *v = series_label(b, a->labels[i].name);
        if (!v || strcmp(v, a->labels[i].value))
            return 0;
    }
    for (int i = 0; i < b->nlabels; i++)
        nb += strcmp(b->labels[i].name, "le") != 0;
    return na == nb;
}

void panel_time_axis(Canvas *c, int x, int y, int w, double t0, double t1)
{
    static const double steps[] = {
        1,   2,    5,    10,   15,    30,    60,    120,   300,    600,
        900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    };
    int maxn = w / 10 < 4 ? w / 10 : 4;
    if (maxn < 1 || !(t1 > t0))
        return;
    double span = t1 - t0, step = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !step; i++)
        if (span / steps[i] <= maxn)
            step = steps[i];
    if (!step)
        step = ceil(span / maxn / 604800) * 604800;
    const char *fmt = step >= 86400 ? "%m-%d"
                      : step < 60   ? "%H:%M:%S"
                                    : "%H:%M";
    /* round times of the local clock: steps counted from local midnight */
    time_t t0t = (time_t)t0;
    struct tm tz;
    double off = localtime_r(&t0t, &tz) ? (double)tz.tm_gmtoff : 0;
    int end = x - 1, drawn = 0;
    for (double t = ceil((t0 + off) / step) * step - off;
         t <= t1 && drawn < maxn; t += step) {
        char lab[16];
        time_t tt = (time_t)t;
        struct tm tm;
        if (!localtime_r(&tt, &tm) || !strftime(lab, sizeof lab, fmt, &tm))
            continue;
        int lw = (int)strlen(lab);
        int col = x + (int)lround((t - t0) / span * (w - 1));
        int lx = col - lw / 2;
        if (lx + lw > x + w)
            lx = x + w - lw;
        if (lx < x || lx <= end + 2) /* 3 blanks between labels */
            continue;
        canvas_text(c, lx, y, lw, lab, ROLE_AXIS, 0);
        end = lx + lw;
        drawn++;
    }
}

const char **panel_name_set(const void *items, size_t stride, size_t off, int n)
{
    if (n < 1)
        return NULL;
    const char **set = malloc(sizeof *set * (size_t)n);
    for (int i = 0; set && i < n; i++)
        set[i] = (const char *)items + (size_t)i * stride + off;
    return set;
}

int panel_bigtext_fits(int w, const char *s)
{
    /* a sign or currency of up to 4 bytes, the number, then a unit
     * without digits of up to 8 bytes ("3.0/day", "$6,731", "1.3 h");
     * "2d 8h" or a name is text */
    const char *p = s;
    int pre = 0;
    while (*p && !(*p >= '0' && *p <= '9') && pre < 4) {
        p++;
        pre++;
    }
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    while ((*p >= '0' && *p <= '9') || (*p && strchr(".,%:", *p)))
        p++;
    if (strlen(p) > 8)
        return 0;
    for (const char *q = p; *q; q++)
        if (*q >= '0' && *q <= '9')
            return 0;
    return canvas_bigtext_width(s) <= w;
}

int panel_bigtext_scale(int w, int h, const char *s)
{
    if (!panel_bigtext_fits(w, s) || h < canvas_bigtext_height(1))
        return 0;
    int k = canvas_bigtext_fit(s, w - 2, h, PANEL_BIGTEXT_MAX);
    return k > 1 ? k : 1;
}
