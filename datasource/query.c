/* query.c - time arithmetic of promboard's queries: Prometheus durations both
 * ways, RFC 3339 times, Grafana's nice step and aligned window, the rate
 * interval, and $variable expansion of PromQL text. Pure functions. */
#include "query.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, y >= 1). */
static long long days_from_epoch(int y, int m, int d)
{
    static const int before_month[12] = {0,   31,  59,  90,  120, 151,
                                         181, 212, 243, 273, 304, 334};
    long long py = y - 1; /* whole years before y since year 1 */
    long long days = py * 365 + py / 4 - py / 100 + py / 400;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    days += before_month[m - 1] + (m > 2 && leap) + (d - 1);
    /* 1970-01-01 is day 719162 counted from 0001-01-01. */
    return days - 719162;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return len[m - 1] + (m == 2 && leap);
}

/* Reads exactly `width` digits at *p into *out and advances *p. */
static int read_fixed(const char **p, int width, int *out)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (!is_digit((*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += width;
    *out = v;
    return 0;
}

int time_parse(const char *s, double *secs)
{
    if (!s || !*s || !secs)
        return -1;
    double plain;
    if (duration_parse_plain(s, &plain) == 0) {
        if (!time_in_range(plain))
            return -1;
        *secs = plain;
        return 0;
    }

    const char *p = s;
    int y, mo, d, h, mi, sec;
    if (read_fixed(&p, 4, &y) || *p++ != '-' || read_fixed(&p, 2, &mo) ||
        *p++ != '-' || read_fixed(&p, 2, &d))
        return -1;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    p++;
    if (read_fixed(&p, 2, &h) || *p++ != ':' || read_fixed(&p, 2, &mi) ||
        *p++ != ':' || read_fixed(&p, 2, &sec))
        return -1;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
        h > 23 || mi > 59 || sec > 60)
        return -1;

    double frac = 0;
    if (*p == '.') {
        p++;
        if (!is_digit(*p))
            return -1;
        double scale = 0.1;
        while (is_digit(*p)) {
            frac += (*p - '0') * scale;
            scale /= 10;
            p++;
        }
    }

    long long offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        int oh, om;
        p++;
        if (read_fixed(&p, 2, &oh) || *p++ != ':' || read_fixed(&p, 2, &om) ||
            oh > 23 || om > 59)
            return -1;
        offset = sign * (oh * 3600LL + om * 60LL);
    } else {
        return -1;
    }
    if (*p)
        return -1;

    long long t = days_from_epoch(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL +
                  sec - offset;
    if (!time_in_range((double)t + frac))
        return -1; /* a zone offset past 0001 or 9999 */
    *secs = (double)t + frac;
    return 0;
}

/* Reads "HH:MM" or "HH:MM:SS" at p to the end of the string. */
static int read_clock(const char *p, int *h, int *mi, int *sec)
{
    *sec = 0;
    if (read_fixed(&p, 2, h) || *p++ != ':' || read_fixed(&p, 2, mi))
        return -1;
    if (*p == ':' && (p++, read_fixed(&p, 2, sec)))
        return -1;
    return *p || *h > 23 || *mi > 59 || *sec > 59 ? -1 : 0;
}

/* The unix time of a wall-clock time in the local zone; -1 when the zone
 * cannot say. */
static int local_to_unix(int y, int mo, int d, int h, int mi, int sec,
                         double *out)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && (y != 1969 || mo != 12 || d != 31))
        return -1;
    *out = (double)t;
    return time_in_range(*out) ? 0 : -1;
}

int time_parse_user(const char *s, double now, double *secs)
{
    if (!s || !secs)
        return -1;
    if (time_parse(s, secs) == 0)
        return 0;
    double ago;
    if (!strncmp(s, "now-", 4) && duration_parse(s + 4, &ago) == 0 && ago > 0) {
        *secs = now - ago;
        return time_in_range(*secs) ? 0 : -1;
    }
    int y, mo, d, h, mi, sec;
    if (read_clock(s, &h, &mi, &sec) == 0) {
        /* the latest such time of day, at or before now */
        time_t tn = (time_t)now;
        struct tm today;
        if (!time_in_range(now) || !localtime_r(&tn, &today))
            return -1;
        if (local_to_unix(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday,
                          h, mi, sec, secs) < 0)
            return -1;
        if (*secs > now &&
            local_to_unix(today.tm_year + 1900, today.tm_mon + 1,
                          today.tm_mday - 1, h, mi, sec, secs) < 0)
            return -1;
        return 0;
    }
    const char *p = s;
    if (read_fixed(&p, 4, &y) || *p++ != '-' || read_fixed(&p, 2, &mo) ||
        *p++ != '-' || read_fixed(&p, 2, &d) || y < 1 || mo < 1 || mo > 12 ||
        d < 1 || d > days_in_month(y, mo))
        return -1;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    if (read_clock(p + 1, &h, &mi, &sec) < 0)
        return -1;
    return local_to_unix(y, mo, d, h, mi, sec, secs);
}

typedef struct {
    long long below_ms; /* raw intervals below this ... */
    long long nice_ms;  /* ... become this */
} NiceStep;

/* Grafana's rounding of range / max points to a value people recognise. */
static const NiceStep nice_steps[] = {
    {10, 1},
    {15, 10},
    {35, 20},
    {75, 50},
    {150, 100},
    {350, 200},
    {750, 500},
    {1500, MS_PER_S},
    {3500, 2 * MS_PER_S},
    {7500, 5 * MS_PER_S},
    {12500, 10 * MS_PER_S},
    {17500, 15 * MS_PER_S},
    {25000, 20 * MS_PER_S},
    {45000, 30 * MS_PER_S},
    {90000, MS_PER_M},
    {210000, 2 * MS_PER_M},
    {450000, 5 * MS_PER_M},
    {750000, 10 * MS_PER_M},
    {1050000, 15 * MS_PER_M},
    {1500000, 20 * MS_PER_M},
    {2700000, 30 * MS_PER_M},
    {5400000, MS_PER_H},
    {9000000, 2 * MS_PER_H},
    {16200000, 3 * MS_PER_H},
    {32400000, 6 * MS_PER_H},
    {86400000, 12 * MS_PER_H},
    {604800000, MS_PER_D},
    {1814400000, MS_PER_W},
    {3628800000, 30 * MS_PER_D},
};

static long long nice_ms(double raw_ms)
{
    for (size_t i = 0; i < sizeof nice_steps / sizeof nice_steps[0]; i++) {
        if (raw_ms < (double)nice_steps[i].below_ms)
            return nice_steps[i].nice_ms;
    }
    return MS_PER_Y;
}

/* The step in whole milliseconds (>= 1); see query_interval(). */
static long long interval_ms(double range, int max_points, double min_step)
{
    if (!(range > 0) || !isfinite(range))
        range = 0;
    if (range > DURATION_MAX_S)
        range = DURATION_MAX_S;
    if (max_points < 1)
        max_points = 1;

    long long step = nice_ms(range * 1000.0 / max_points);

    if (min_step > 0 && isfinite(min_step)) {
        if (min_step > DURATION_MAX_S)
            min_step = DURATION_MAX_S;
        long long m = (long long)ceil(min_step * 1000.0 - 1e-6);
        if (m > step)
            step = m;
    }

    /* The server refuses more than QUERY_MAX_POINTS steps per range; above
     * a second the safe step is rounded up to whole seconds. */
    double safe = range / QUERY_MAX_POINTS;
    long long safe_ms = safe > 1 ? (long long)ceil(safe) * MS_PER_S
                                 : (long long)ceil(safe * 1000.0);
    if (safe_ms > step)
        step = safe_ms;
    return step < 1 ? 1 : step;
}

double query_interval(double range, int max_points, double min_step)
{
    return (double)interval_ms(range, max_points, min_step) / 1000.0;
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

void query_window(double now, double range, int max_points, double min_step,
                  RangeWindow *out)
{
    if (!out)
        return;
    long long step = interval_ms(range, max_points, min_step);
    if (!time_in_range(now))
        now = 0;
    if (!(range > 0) || !isfinite(range))
        range = 0;
    if (range > DURATION_MAX_S)
        range = DURATION_MAX_S;
    long long now_ms = llround(now * 1000.0);
    long long range_ms = llround(range * 1000.0);

    long long end = floor_div(now_ms, step) * step;
    long long start = floor_div(now_ms - range_ms, step) * step;
    if ((end - start) / step > QUERY_MAX_POINTS)
        start = end - (long long)QUERY_MAX_POINTS * step;

    out->step = (double)step / 1000.0;
    out->end = (double)end / 1000.0;
    out->start = (double)start / 1000.0;
}

double query_rate_interval(double interval, double scrape)
{
    if (!(scrape > 0))
        scrape = 15;
    if (!(interval > 0))
        interval = 0;
    double a = interval + scrape, b = 4 * scrape;
    return a > b ? a : b;
}

/* A growing output string; `oom` sticks once an allocation failed. */
typedef struct {
    char *buf;
    size_t len, cap;
    int oom;
} StrBuf;

static void sb_put(StrBuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb) {
            b->oom = 1;
            return;
        }
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(char c)
{
    return is_ident_start(c) || is_digit(c);
}

/* Seconds as a plain number rounded to the millisecond: "30", "0.5". */
static void format_seconds(double secs, char *buf, size_t n)
{
    snprintf(buf, n, "%.3f", round(secs * 1000.0) / 1000.0);
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    char *e = buf + strlen(buf) - 1;
    while (e > dot && *e == '0')
        *e-- = '\0';
    if (e == dot)
        *e = '\0';
}

static int name_is(const char *name, size_t len, const char *lit)
{
    return strlen(lit) == len && memcmp(name, lit, len) == 0;
}

/* Finds the value of variable `name` (len bytes, no '$'): built-ins first,
 * then the user's. Built-ins are formatted into tmp. NULL when unknown. */
static const char *lookup_var(const char *name, size_t len, const QueryVars *v,
                              char *tmp, size_t tmpn)
{
    if (!v)
        return NULL;
    double interval = v->interval > 0 ? v->interval : 0;
    double range = v->range > 0 ? v->range : 0;
    if (name_is(name, len, "__range"))
        return duration_format(range, tmp, tmpn);
    if (name_is(name, len, "__range_text"))
        return v->range_text ? v->range_text
                             : duration_format(range, tmp, tmpn);
    if (name_is(name, len, "__interval"))
        return duration_format(interval, tmp, tmpn);
    if (name_is(name, len, "__rate_interval"))
        return duration_format(query_rate_interval(interval, v->scrape), tmp,
                               tmpn);
    if (name_is(name, len, "__range_s")) {
        format_seconds(range, tmp, tmpn);
        return tmp;
    }
    if (name_is(name, len, "__interval_s")) {
        format_seconds(interval, tmp, tmpn);
        return tmp;
    }
    if (name_is(name, len, "__range_ms")) {
        snprintf(tmp, tmpn, "%.0f", round(range * 1000.0));
        return tmp;
    }
    if (name_is(name, len, "__interval_ms")) {
        snprintf(tmp, tmpn, "%.0f", round(interval * 1000.0));
        return tmp;
    }
    for (int i = 0; i < v->nvars; i++) {
        const char *n = v->names ? v->names[i] : NULL;
        if (n && name_is(name, len, n))
            return v->values && v->values[i] ? v->values[i] : "";
    }
    return NULL;
}

/* One pass over expr (values are not expanded again). A variable name is a
 * whole word [A-Za-z_][A-Za-z0-9_]*, so "$__range_s" is never "$__range"
 * followed by "_s", and "$1" (label_replace) or a lone "$" stay text. */
char *query_expand(const char *expr, const QueryVars *v, char *unknown,
                   size_t unknown_n)
{
    if (unknown && unknown_n > 0)
        unknown[0] = '\0';
    int have_unknown = 0;
    StrBuf b = {0};
    sb_put(&b, "", 0);
    if (!expr)
        expr = "";

    const char *p = expr;
    while (*p && !b.oom) {
        if (*p != '$') {
            const char *q = p;
            while (*q && *q != '$')
                q++;
            sb_put(&b, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *name = NULL, *after = NULL;
        size_t len = 0;
        if (p[1] == '{') {
            const char *q = p + 2;
            if (is_ident_start(*q)) {
                while (is_ident(*q))
                    q++;
                if (*q == '}') {
                    name = p + 2;
                    len = (size_t)(q - name);
                    after = q + 1;
                }
            }
        } else if (is_ident_start(p[1])) {
            const char *q = p + 1;
            while (is_ident(*q))
                q++;
            name = p + 1;
            len = (size_t)(q - name);
            after = q;
        }
        if (!name) {
            sb_put(&b, "$", 1);
            p++;
            continue;
        }
        char tmp[64];
        const char *val = lookup_var(name, len, v, tmp, sizeof tmp);
        if (val) {
            sb_put(&b, val, strlen(val));
        } else {
            sb_put(&b, p, (size_t)(after - p));
            if (!have_unknown && unknown && unknown_n > 0) {
                size_t k = len < unknown_n - 1 ? len : unknown_n - 1;
                memcpy(unknown, name, k);
                unknown[k] = '\0';
            }
            have_unknown = 1;
        }
        p = after;
    }
    if (b.oom) {
        free(b.buf);
        return NULL;
    }
    return b.buf;
}

/* ---- label matchers added to every selector ------------------------------ */

static int is_name_start(char c)
{
    return is_ident_start(c) || c == ':';
}

static int is_name_char(char c)
{
    return is_ident(c) || c == ':';
}

/* Words that are not metric names where a name could stand. */
static int promql_keyword(const char *s, size_t n)
{
    static const char *const kw[] = {
        "and",          "or",      "unless", "bool",     "offset",
        "by",           "without", "on",     "ignoring", "group_left",
        "group_right",  "Inf",     "NaN",    "inf",      "nan",
        "start",        "end",     "sum",    "min",      "max",
        "avg",          "group",   "stddev", "stdvar",   "count",
        "count_values", "bottomk", "topk",   "quantile", "limitk",
        "limit_ratio",  NULL};
    for (int i = 0; kw[i]; i++)
        if (strlen(kw[i]) == n && !memcmp(kw[i], s, n))
            return 1;
    return 0;
}

/* Skips a quoted string starting at p (its quote); returns what follows. */
static const char *skip_string(const char *p)
{
    char q = *p++;
    while (*p && *p != q) {
        if (*p == '\\' && q != '`' && p[1])
            p++;
        p++;
    }
    return *p ? p + 1 : p;
}

char *query_add_matchers(const char *expr, const char *matchers)
{
    StrBuf b = {0};
    sb_put(&b, "", 0);
    if (!expr)
        expr = "";
    if (!matchers || !*matchers) {
        sb_put(&b, expr, strlen(expr));
        return b.oom ? (free(b.buf), NULL) : b.buf;
    }
    size_t ml = strlen(matchers);
    int labels_next = 0; /* a (label, list) follows: by, without, on... */
    const char *p = expr;
    while (*p && !b.oom) {
        if (*p == '"' || *p == '\'' || *p == '`') {
            const char *e = skip_string(p);
            sb_put(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        if (*p == '#') { /* a comment to the end of the line */
            const char *e = strchr(p, '\n');
            e = e ? e : p + strlen(p);
            sb_put(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        if (*p == '[') { /* a range or a subquery's durations */
            const char *e = strchr(p, ']');
            e = e ? e + 1 : p + strlen(p);
            sb_put(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        if (*p == '(' && labels_next) { /* by (a, b): label names */
            const char *e = strchr(p, ')');
            e = e ? e + 1 : p + strlen(p);
            sb_put(&b, p, (size_t)(e - p));
            p = e;
            labels_next = 0;
            continue;
        }
        if (*p == '{') { /* a selector without a name */
            const char *e = p + 1;
            while (*e && *e != '}') {
                if (*e == '"' || *e == '\'' || *e == '`')
                    e = skip_string(e);
                else
                    e++;
            }
            const char *in = p + 1;
            while (in < e && (*in == ' ' || *in == '\t' || *in == '\n'))
                in++;
            sb_put(&b, p, (size_t)(e - p));
            if (in < e)
                sb_put(&b, ",", 1);
            sb_put(&b, matchers, ml);
            if (*e) {
                sb_put(&b, "}", 1);
                e++;
            }
            p = e;
            continue;
        }
        if (is_digit(*p) || (*p == '.' && is_digit(p[1]))) {
            const char *e = p;
            while (is_name_char(*e) || *e == '.' ||
                   ((*e == '+' || *e == '-') && (e[-1] == 'e' || e[-1] == 'E')))
                e++;
            sb_put(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        if (is_name_start(*p)) {
            const char *e = p;
            while (is_name_char(*e))
                e++;
            size_t n = (size_t)(e - p);
            const char *after = e;
            while (*after == ' ' || *after == '\t' || *after == '\n')
                after++;
            sb_put(&b, p, n);
            if (promql_keyword(p, n)) {
                static const char *const lists[] = {
                    "by",         "without",     "on", "ignoring",
                    "group_left", "group_right", NULL};
                for (int i = 0; lists[i]; i++)
                    if (strlen(lists[i]) == n && !memcmp(lists[i], p, n))
                        labels_next = 1;
                p = e;
                continue;
            }
            if (*after == '(') { /* a function or an aggregation */
                p = e;
                continue;
            }
            if (*after == '{') { /* name{...}: the braces take them */
                sb_put(&b, e, (size_t)(after - e));
                p = after;
                continue;
            }
            sb_put(&b, "{", 1);
            sb_put(&b, matchers, ml);
            sb_put(&b, "}", 1);
            p = e;
            continue;
        }
        sb_put(&b, p, 1);
        p++;
    }
    if (b.oom) {
        free(b.buf);
        return NULL;
    }
    return b.buf;
}
