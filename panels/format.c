/* format.c - how numbers look on every panel: the unit table, SI and IEC
 * prefixes, grouped thousands, currency, humane durations and ages, axis
 * ticks on 1-2-5 values, and threshold roles. Every number is rounded once,
 * at its last shown digit. */
#include "format.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const UnitDef format_units[] = {
    {"none", FMT_PLAIN, 1, "", "", "the number as is"},
    {"percent", FMT_PERCENT, 1, "", "%", "0-100 as 42.1%"},
    {"percentunit", FMT_PERCENT, 100, "", "%", "0-1 as 42.1%"},
    {"s", FMT_DURATION, 1, "", "", "seconds as 850ms, 3m 20s, 2d 8h"},
    {"ms", FMT_DURATION, 1e-3, "", "", "milliseconds, written as durations"},
    {"bytes", FMT_IEC, 1, "", "", "1.5 GiB"},
    {"bytes/s", FMT_IEC, 1, "", "/s", "1.5 MiB/s"},
    {"req/s", FMT_SI, 1, "", " req/s", "12.3 req/s"},
    {"ops/s", FMT_SI, 1, "", " ops/s", "1.5k ops/s"},
    {"dollars", FMT_CURRENCY, 1, "$", "", "$1,234.56, $1.23M"},
    {"hours", FMT_SI, 1, "", " h", "12.5 h, 2.28k h"},
    {"perday", FMT_SI, 1, "", "/day", "3.2/day"},
    {"x", FMT_MULT, 1, "", "x", "a factor: 14.4x"},
    {"count", FMT_COUNT, 1, "", "", "whole numbers: 9,999, 12.3k"},
    /* the units of Grafana dashboards (their names there in help) */
    {"decbytes", FMT_SI, 1, "", "B",
     "bytes in 1000 steps: 1.5kB, 250MB "
     "(Grafana's decbytes)"},
    {"kbytes", FMT_IEC, 1024, "", "", "kibibytes, written as bytes"},
    {"mbytes", FMT_IEC, 1048576, "", "", "mebibytes, written as bytes"},
    {"gbytes", FMT_IEC, 1073741824, "", "", "gibibytes, written as bytes"},
    {"deckbytes", FMT_SI, 1e3, "", "B", "kilobytes, written as decbytes"},
    {"decmbytes", FMT_SI, 1e6, "", "B", "megabytes, written as decbytes"},
    {"decgbytes", FMT_SI, 1e9, "", "B", "gigabytes, written as decbytes"},
    {"decbytes/s", FMT_SI, 1, "", "B/s", "1.5MB/s (Grafana's Bps)"},
    {"decbits", FMT_SI, 1, "", "b",
     "bits in 1000 steps: 1.5kb (Grafana's "
     "decbits)"},
    {"decbits/s", FMT_SI, 1, "", "b/s", "1.5Mb/s (Grafana's bps)"},
    {"packets/s", FMT_SI, 1, "", " p/s", "1.5k p/s (Grafana's pps)"},
    {"io/s", FMT_SI, 1, "", " io/s", "250 io/s (Grafana's iops)"},
    {"reads/s", FMT_SI, 1, "", " rd/s", "250 rd/s (Grafana's rps, rds)"},
    {"writes/s", FMT_SI, 1, "", " wr/s", "250 wr/s (Grafana's wps)"},
    {"events/s", FMT_SI, 1, "", " evt/s", "3.2 evt/s (Grafana's eps)"},
    {"ops/min", FMT_SI, 1, "", " ops/min", "12 ops/min (Grafana's opm)"},
    {"hertz", FMT_SI, 1, "", "Hz", "3.4GHz"},
    {"rpm", FMT_SI, 1, "", " rpm", "1.2k rpm (Grafana's rotrpm)"},
    {"celsius", FMT_MULT, 1, "", "°C", "42.5°C"},
    {"fahrenheit", FMT_MULT, 1, "", "°F", "98.6°F"},
    {"volt", FMT_SI, 1, "", "V", "12V, 3.3mV"},
    {"amp", FMT_SI, 1, "", "A", "1.5A"},
    {"watt", FMT_SI, 1, "", "W", "1.5kW"},
    {"us", FMT_DURATION, 1e-6, "", "", "microseconds, written as durations"},
    {"ns", FMT_DURATION, 1e-9, "", "", "nanoseconds, written as durations"},
    {"m", FMT_DURATION, 60, "", "", "minutes, written as durations"},
    {"days", FMT_DURATION, 86400, "", "", "days, written as durations"},
    {NULL, 0, 0, NULL, NULL, NULL},
};

static const char *const si[] = {"", "k", "M", "G", "T", "P", "E"};
#define SI_MAX 6
static const char *const iec[] = {"B",   "KiB", "MiB", "GiB",
                                  "TiB", "PiB", "EiB"};

/* Writes the strings of the NULL-ended list after each other into buf
 * (cut to n - 1 bytes). */
static void join(char *buf, size_t n, ...)
{
    va_list ap;
    size_t len = 0;
    if (n == 0)
        return;
    va_start(ap, n);
    for (const char *s; (s = va_arg(ap, const char *));) {
        size_t k = strlen(s);
        if (k > n - 1 - len)
            k = n - 1 - len;
        memcpy(buf + len, s, k);
        len += k;
    }
    va_end(ap);
    buf[len] = 0;
}

int format_unit_parse(const char *unit, Unit *u)
{
    memset(u, 0, sizeof *u);
    u->kind = FMT_SI;
    u->scale = 1;
    if (!unit || !*unit)
        return 0;
    for (int i = 0; format_units[i].name; i++)
        if (!strcmp(format_units[i].name, unit)) {
            u->kind = format_units[i].kind;
            u->scale = format_units[i].scale;
            snprintf(u->prefix, sizeof u->prefix, "%s", format_units[i].prefix);
            snprintf(u->suffix, sizeof u->suffix, "%s", format_units[i].suffix);
            return 0;
        }
    const char *text = NULL;
    int is_prefix = 0;
    if (!strncmp(unit, "suffix:", 7))
        text = unit + 7;
    else if (!strncmp(unit, "prefix:", 7)) {
        text = unit + 7;
        is_prefix = 1;
    }
    if (!text || !*text || strlen(text) >= sizeof u->prefix - 1)
        return -1;
    for (const char *c = text; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return -1;
    if (is_prefix) {
        snprintf(u->prefix, sizeof u->prefix, "%s", text);
    } else {
        unsigned char c0 = (unsigned char)text[0];
        int word = (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') ||
                   (c0 >= '0' && c0 <= '9') || c0 >= 0x80;
        snprintf(u->suffix, sizeof u->suffix, "%s%s", word ? " " : "", text);
    }
    return 0;
}

int format_unit_known(const char *unit)
{
    Unit u;
    return format_unit_parse(unit, &u) == 0;
}

char *format_unit_list(char *buf, size_t n)
{
    size_t len = 0;
    if (!buf || n == 0)
        return buf;
    buf[0] = 0;
    for (int i = 0; format_units[i].name && len < n; i++) {
        int k = snprintf(buf + len, n - len, "%s%s", i ? ", " : "",
                         format_units[i].name);
        if (k < 0)
            break;
        len += (size_t)k;
    }
    return buf;
}

/* Decimals that give three significant digits to a (>= 0), at most 6. */
static int auto_decimals(double a)
{
    if (a == 0 || !isfinite(a))
        return 0;
    int d = 2 - (int)floor(log10(a));
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

/* Drops trailing zeros after a decimal point (and the point). */
static void trim_zeros(char *s)
{
    if (!strchr(s, '.'))
        return;
    char *e = s + strlen(s) - 1;
    while (*e == '0')
        *e-- = 0;
    if (*e == '.')
        *e = 0;
}

/* Writes a (>= 0) with d decimals (-1: automatic, zeros trimmed), thousands
 * grouped by commas when `group`. */
static void digits(double a, int d, int group, char *buf, size_t n)
{
    char tmp[400];
    int aut = d < 0;
    if (aut)
        d = auto_decimals(a);
    snprintf(tmp, sizeof tmp, "%.*f", d, a);
    if (aut)
        trim_zeros(tmp);
    char *dot = strchr(tmp, '.');
    int intlen = dot ? (int)(dot - tmp) : (int)strlen(tmp);
    if (!group || intlen < 4) {
        join(buf, n, tmp, (char *)NULL);
        return;
    }
    char out[520];
    int o = 0;
    for (int i = 0; i < intlen && o < (int)sizeof out - 2; i++) {
        if (i && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = tmp[i];
    }
    out[o] = 0;
    join(buf, n, out, dot ? dot : "", (char *)NULL);
}

/* The value digits() wrote (commas skipped). */
static double digits_value(const char *s)
{
    char tmp[128];
    size_t o = 0;
    for (; *s && o < sizeof tmp - 1; s++)
        if (*s != ',')
            tmp[o++] = *s;
    tmp[o] = 0;
    return strtod(tmp, NULL);
}

/* Writes a (>= 0) shortened by powers of `base` into num; returns the
 * prefix index. Below `full_below` (when > 0) the number is written in
 * full with `decimals` (or automatic ones) and grouped thousands; else it
 * is shortened and keeps at least three significant digits (more when
 * `decimals` asks). A rounded value that reaches the base moves up. */
static int shorten(double a, int decimals, double base, int full_below,
                   double full_limit, char *num, size_t n)
{
    if (full_below) {
        digits(a, decimals, 1, num, n);
        if (digits_value(num) < full_limit)
            return 0;
    }
    int i = 0;
    double x = a;
    while (x >= base && i < SI_MAX) {
        x /= base;
        i++;
    }
    for (;;) {
        int d = auto_decimals(x);
        if (decimals >= 0 && decimals > d)
            d = decimals;
        char tmp[400];
        snprintf(tmp, sizeof tmp, "%.*f", d, x);
        if (decimals < 0)
            trim_zeros(tmp);
        if (strtod(tmp, NULL) >= base && i < SI_MAX) {
            x /= base;
            i++;
            continue;
        }
        snprintf(num, n, "%s", tmp);
        return i;
    }
}

/* ---- durations ----------------------------------------------------------- */

typedef struct {
    const char *name;
    double secs;
} TimeUnit;

/* Largest first. */
static const TimeUnit time_units[] = {
    {"y", 31536000}, {"d", 86400}, {"h", 3600}, {"m", 60}, {"s", 1},
};
#define NTIME ((int)(sizeof time_units / sizeof time_units[0]))

/* Past a million years, durations are counted in whole years alone, with
 * grouped thousands ("1,901,826y"): the two-unit form would overflow the
 * integers it counts in. Past YEARS_DIGITS years (only a hostile answer
 * gets there), three significant digits with an exponent ("3.17e+300y"). */
#define YEARS_ALONE 1e6
#define YEARS_DIGITS 1e15

/* Writes a (>= 60 s) in two units, the second rounded (or truncated when
 * `trunc`). */
static void two_units(double a, int trunc, char *buf, size_t n)
{
    if (a >= YEARS_ALONE * time_units[0].secs) {
        double y = a / time_units[0].secs;
        char num[64];
        if (y < YEARS_DIGITS)
            digits(y, 0, 1, num, sizeof num);
        else
            snprintf(num, sizeof num, "%.3g", y);
        snprintf(buf, n, "%sy", num);
        return;
    }
    int u = 0;
    while (u < NTIME - 1 && a < time_units[u].secs)
        u++;
    for (;;) {
        double small = u + 1 < NTIME ? time_units[u + 1].secs : 1;
        double q = a / small;
        long long total = trunc ? (long long)floor(q) : llround(q);
        double r = (double)total * small;
        if (u > 0 && r >= time_units[u - 1].secs) { /* rounded up a unit */
            u--;
            a = r;
            continue;
        }
        long long per = (long long)llround(time_units[u].secs / small);
        long long big = total / per, rest = total % per;
        if (rest && u + 1 < NTIME)
            snprintf(buf, n, "%lld%s %lld%s", big, time_units[u].name, rest,
                     time_units[u + 1].name);
        else
            snprintf(buf, n, "%lld%s", big, time_units[u].name);
        return;
    }
}

char *format_duration(double s, int decimals, char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    if (isnan(s)) {
        snprintf(buf, n, "NaN");
        return buf;
    }
    if (isinf(s)) {
        snprintf(buf, n, s > 0 ? "+Inf" : "-Inf");
        return buf;
    }
    const char *sign = s < 0 ? "-" : "";
    double a = fabs(s);
    char num[64], body[96];
    if (a == 0) {
        snprintf(buf, n, "0s");
        return buf;
    }
    /* below a minute, one unit with decimals; a value that rounds up to
     * the next unit's first ("1000ms") is written in that one ("1s") */
    static const struct {
        double below; /* seconds under which this unit is used */
        double per;   /* of this unit in a second */
        const char *name;
    } small[] = {
        {1e-6, 1e9, "ns"}, {1e-3, 1e6, "us"}, {1, 1e3, "ms"}, {60, 1, "s"}};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        if (a >= small[i].below)
            continue;
        digits(a * small[i].per, decimals, 0, num, sizeof num);
        if (digits_value(num) < round(small[i].below * small[i].per)) {
            snprintf(buf, n, "%s%s%s", sign, num, small[i].name);
            return buf;
        }
        a = small[i].below;
    }
    two_units(a, 0, body, sizeof body);
    snprintf(buf, n, "%s%s", sign, body);
    return buf;
}

char *format_age(double seconds, char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    if (!(seconds > 0))
        seconds = 0;
    if (seconds < 60)
        snprintf(buf, n, "%.0fs", floor(seconds));
    else
        two_units(floor(seconds), 1, buf, n);
    return buf;
}

/* ---- values -------------------------------------------------------------- */

char *format_value(double v, const char *unit, int decimals, char *buf,
                   size_t n)
{
    if (!buf || n == 0)
        return buf;
    if (isnan(v)) {
        snprintf(buf, n, "NaN");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, n, v > 0 ? "+Inf" : "-Inf");
        return buf;
    }
    Unit u;
    format_unit_parse(unit, &u);
    v *= u.scale;
    double a = fabs(v);
    char num[480];
    const char *sfx = u.suffix;
    switch (u.kind) {
    case FMT_PLAIN:
    case FMT_MULT:
    case FMT_PERCENT:
        digits(a, decimals, u.kind == FMT_PERCENT, num, sizeof num);
        break;
    case FMT_DURATION:
        return format_duration(v, decimals, buf, n);
    case FMT_IEC: {
        int i = shorten(a, decimals, 1024, 0, 0, num, sizeof num);
        char s2[64];
        snprintf(s2, sizeof s2, " %s%s", iec[i], u.suffix);
        snprintf(num + strlen(num), sizeof num - strlen(num), "%s", s2);
        sfx = "";
        break;
    }
    case FMT_CURRENCY:
        /* in full below a million: cents below a thousand, three
         * significant digits below a dollar */
        if (decimals < 0 && a < 1 && a > 0) {
            digits(a, auto_decimals(a), 0, num, sizeof num);
            char *dot = strchr(num, '.');
            char *e = num + strlen(num) - 1;
            while (dot && e > dot + 2 && *e == '0')
                *e-- = 0;
            break;
        }
        digits(a, decimals >= 0 ? decimals : 2, 1, num, sizeof num);
        if (decimals < 0 && digits_value(num) >= 1000)
            digits(a, 0, 1, num, sizeof num);
        if (digits_value(num) >= 1e6) {
            int i = shorten(a, decimals, 1000, 0, 0, num, sizeof num);
            snprintf(num + strlen(num), sizeof num - strlen(num), "%s", si[i]);
        }
        break;
    case FMT_COUNT: {
        if (decimals < 0) {
            digits(a, 0, 1, num, sizeof num);
            if (digits_value(num) < 10000)
                break;
        }
        int i = shorten(a, decimals, 1000, decimals >= 0, 1e6, num, sizeof num);
        snprintf(num + strlen(num), sizeof num - strlen(num), "%s", si[i]);
        break;
    }
    case FMT_SI:
    default: {
        int i = shorten(a, decimals, 1000, decimals >= 0, 1e6, num, sizeof num);
        snprintf(num + strlen(num), sizeof num - strlen(num), "%s", si[i]);
        break;
    }
    }
    /* no "-0": a negative value that rounds to zero is zero */
    int neg = v < 0 && digits_value(num) != 0;
    snprintf(buf, n, "%s%s%s%s", neg ? "-" : "", u.prefix, num, sfx);
    return buf;
}

Role format_threshold_role(double v, const double *steps, int n, int good_high)
{
    if (isnan(v))
        return ROLE_DIM;
    if (!steps || n <= 0)
        return ROLE_VALUE;
    int crossed = 0;
    for (int i = 0; i < n; i++)
        if (v >= steps[i])
            crossed = i + 1;
    if (good_high)
        crossed = n - crossed;
    if (crossed == 0)
        return ROLE_OK;
    if (crossed >= n)
        return ROLE_CRIT;
    return ROLE_WARN;
}

char *format_time(double t, const char *fmt, char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    buf[0] = 0;
    if (!isfinite(t) || fabs(t) > 1e11)
        return buf;
    time_t tt = (time_t)floor(t);
    struct tm tm;
    if (localtime_r(&tt, &tm) && !strftime(buf, n, fmt, &tm))
        buf[0] = 0;
    return buf;
}

const char *format_unit_suffix(const char *unit)
{
    if (!unit)
        return "";
    if (!strcmp(unit, "percent") || !strcmp(unit, "percentunit"))
        return "%";
    if (!strcmp(unit, "s") || !strcmp(unit, "ms"))
        return "s";
    if (!strcmp(unit, "bytes"))
        return "B";
    if (!strcmp(unit, "dollars"))
        return "$";
    return "";
}

/* ---- axis ticks ---------------------------------------------------------- */

/* The display unit of an axis whose values reach m (>= 0) in unit u: the
 * divisor from value units to display units, and the text that follows a
 * number (with any blank it needs) and the unit alone. */
static void axis_unit(const Unit *u, double m, double *div, char *after,
                      size_t an, char *alone, size_t aln)
{
    int i = 0;
    *div = 1;
    switch (u->kind) {
    case FMT_DURATION: {
        static const TimeUnit tu[] = {{"us", 1e-6}, {"ms", 1e-3}, {"s", 1},
                                      {"m", 60},    {"h", 3600},  {"d", 86400}};
        double s = m * u->scale;
        int k = s < 1e-3     ? 0
                : s < 1      ? 1
                : s < 120    ? 2
                : s < 7200   ? 3
                : s < 172800 ? 4
                             : 5;
        *div = tu[k].secs / u->scale;
        snprintf(after, an, "%s", tu[k].name);
        snprintf(alone, aln, "%s", tu[k].name);
        return;
    }
    case FMT_PERCENT:
        *div = 1 / u->scale;
        snprintf(after, an, "%%");
        snprintf(alone, aln, "%%");
        return;
    case FMT_IEC:
        while (m >= 1024 && i < SI_MAX) {
            m /= 1024;
            *div *= 1024;
            i++;
        }
        join(after, an, " ", iec[i], u->suffix, (char *)NULL);
        join(alone, aln, iec[i], u->suffix, (char *)NULL);
        return;
    case FMT_PLAIN:
    case FMT_MULT:
        break;
    case FMT_CURRENCY:
        if (m < 1e4)
            break; /* fall through to SI above 10k */
        /* FALLTHROUGH */
    case FMT_SI:
    case FMT_COUNT:
    default:
        while (m >= 1000 && i < SI_MAX) {
            m /= 1000;
            *div *= 1000;
            i++;
        }
        break;
    }
    join(after, an, si[i], u->suffix, (char *)NULL);
    const char *s = u->suffix;
    while (*s == ' ')
        s++;
    join(alone, aln, si[i], s, (char *)NULL);
}

/* The smallest 1-2-5 step cutting [a, b] (display units) in at most maxn
 * intervals, counting the rounded-out ends when asked. */
static double step125(double a, double b, int maxn, int rlo, int rhi)
{
    double raw = (b - a) / maxn;
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    double e = pow(10, floor(log10(raw)));
    static const double mant[] = {1, 2, 5};
    for (int k = 0; k < 12; k++) {
        double st = mant[k % 3] * e * pow(10, k / 3);
        double first = rlo ? floor(a / st + 1e-9) : ceil(a / st - 1e-9);
        double last = rhi ? ceil(b / st - 1e-9) : floor(b / st + 1e-9);
        if (last - first <= maxn)
            return st;
    }
    return 1000 * e;
}

int format_ticks(double lo, double hi, int maxn, const char *unit, int round_lo,
                 int round_hi, FormatTicks *t)
{
    memset(t, 0, sizeof *t);
    if (maxn < 1)
        maxn = 1;
    if (maxn > FORMAT_MAX_TICKS - 1)
        maxn = FORMAT_MAX_TICKS - 1;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (lo > hi) {
        double x = lo;
        lo = hi;
        hi = x;
    }
    Unit u;
    format_unit_parse(unit, &u);
    double div;
    char after[40];
    double m = fmax(fabs(lo), fabs(hi));
    axis_unit(&u, m, &div, after, sizeof after, t->unit, sizeof t->unit);
    double a = lo / div, b = hi / div;
    if (a == b) { /* one value: a unit of room above it */
        double w = a == 0 ? 1 : pow(10, floor(log10(fabs(a))));
        b = a + w;
        round_hi = 1;
    }
    double st = step125(a, b, maxn, round_lo, round_hi);
    double first = round_lo ? floor(a / st + 1e-9) : ceil(a / st - 1e-9);
    double last = round_hi ? ceil(b / st - 1e-9) : floor(b / st + 1e-9);
    int d = st >= 1 ? 0 : (int)ceil(-log10(st) - 1e-9);
    t->step = st * div;
    t->lo = round_lo ? first * st * div : lo;
    t->hi = round_hi ? last * st * div : hi;
    for (double k = first; k <= last + 1e-9 && t->n < FORMAT_MAX_TICKS; k++) {
        double dv = k * st;
        if (fabs(dv) < st * 1e-6)
            dv = 0;
        char num[20];
        int grp = u.kind != FMT_PLAIN && u.kind != FMT_DURATION;
        digits(fabs(dv), d, grp, num, sizeof num);
        const char *sg = dv < 0 ? "-" : "";
        join(t->bare[t->n], sizeof t->bare[0], sg, u.prefix, num, (char *)NULL);
        join(t->text[t->n], sizeof t->text[0], sg, u.prefix, num, after,
             (char *)NULL);
        t->v[t->n++] = dv * div;
    }
    return t->n;
}
