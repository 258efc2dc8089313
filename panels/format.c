/* format.c - units, SI and IEC prefixes, durations, ages and threshold
 * roles: how numbers look on every panel. */
#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const units[] = {
    "",       "none",    "percent", "percentunit", "s",       "ms",
    "bytes",  "bytes/s", "req/s",   "ops/s",       "dollars", "hours",
    "perday", "x",       "count",   NULL,
};

int format_unit_known(const char *unit)
{
    if (!unit)
        return 1;
    for (int i = 0; units[i]; i++)
        if (!strcmp(units[i], unit))
            return 1;
    return 0;
}

/* Number with `decimals` or, when -1, three significant digits (at least
 * the integer part, without a trailing ".0"). */
static void num(double v, int decimals, char *buf, size_t n)
{
    if (decimals >= 0) {
        snprintf(buf, n, "%.*f", decimals, v);
        return;
    }
    double a = fabs(v);
    int d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.01 ? 3 : 4;
    if (a == 0)
        d = 0;
    snprintf(buf, n, "%.*f", d, v);
    if (strchr(buf, '.')) { /* trim trailing zeros of automatic decimals */
        char *e = buf + strlen(buf) - 1;
        while (*e == '0')
            *e-- = 0;
        if (*e == '.')
            *e = 0;
    }
    if (!strcmp(buf, "-0"))
        snprintf(buf, n, "0");
}

/* v scaled by 1000 (or 1024) steps with prefix letters. */
static void scaled(double v, int decimals, double base, const char *const *pfx,
                   const char *sep, const char *suffix, char *buf, size_t n)
{
    int i = 0;
    double a = fabs(v);
    while (a >= base && pfx[i + 1]) {
        a /= base;
        v /= base;
        i++;
    }
    char tmp[64];
    num(v, decimals, tmp, sizeof tmp);
    snprintf(buf, n, "%s%s%s%s", tmp, *pfx[i] || *suffix ? sep : "", pfx[i],
             suffix);
}

static const char *const si[] = {"", "k", "M", "G", "T", "P", NULL};
static const char *const iec[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", NULL};

/* A duration in seconds as "850ms", "1.20s", "3m20s", "2h05m", "3d4h". */
static void duration(double s, int decimals, char *buf, size_t n)
{
    char tmp[64];
    double a = fabs(s);
    const char *sign = s < 0 ? "-" : "";
    if (a == 0) {
        snprintf(buf, n, "0s");
    } else if (a < 1e-3) {
        num(a * 1e6, decimals, tmp, sizeof tmp);
        snprintf(buf, n, "%s%sus", sign, tmp);
    } else if (a < 1) {
        num(a * 1e3, decimals, tmp, sizeof tmp);
        snprintf(buf, n, "%s%sms", sign, tmp);
    } else if (a < 60) {
        num(a, decimals, tmp, sizeof tmp);
        snprintf(buf, n, "%s%ss", sign, tmp);
    } else if (a < 3600) {
        long t = lround(a);
        snprintf(buf, n, "%s%ldm%02lds", sign, t / 60, t % 60);
    } else if (a < 86400) {
        long t = lround(a / 60);
        snprintf(buf, n, "%s%ldh%02ldm", sign, t / 60, t % 60);
    } else {
        long t = lround(a / 3600);
        snprintf(buf, n, "%s%ldd%ldh", sign, t / 24, t % 24);
    }
}

/* Dollars with thousands separators below a million, then $1.2M. */
static void dollars(double v, int decimals, char *buf, size_t n)
{
    double a = fabs(v);
    if (a >= 1e6) {
        char tmp[64];
        scaled(a, decimals < 0 ? 1 : decimals, 1000, si, "", "", tmp,
               sizeof tmp);
        snprintf(buf, n, "%s$%s", v < 0 ? "-" : "", tmp);
        return;
    }
    int d = decimals >= 0 ? decimals : a >= 1000 ? 0 : 2;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", d, a);
    char *dot = strchr(tmp, '.');
    int intlen = dot ? (int)(dot - tmp) : (int)strlen(tmp);
    char out[96];
    int o = 0;
    for (int i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = tmp[i];
    }
    out[o] = 0;
    snprintf(buf, n, "%s$%s%s", v < 0 ? "-" : "", out, dot ? dot : "");
}

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
    if (!unit)
        unit = "";
    char tmp[64];
    if (!strcmp(unit, "none")) {
        num(v, decimals, buf, n);
    } else if (!strcmp(unit, "percent") || !strcmp(unit, "percentunit")) {
        double p = !strcmp(unit, "percent") ? v : v * 100;
        num(p, decimals, tmp, sizeof tmp);
        snprintf(buf, n, "%s%%", tmp);
    } else if (!strcmp(unit, "s")) {
        duration(v, decimals, buf, n);
    } else if (!strcmp(unit, "ms")) {
        duration(v / 1000, decimals, buf, n);
    } else if (!strcmp(unit, "bytes")) {
        scaled(v, decimals, 1024, iec, " ", "", buf, n);
    } else if (!strcmp(unit, "bytes/s")) {
        scaled(v, decimals, 1024, iec, " ", "/s", buf, n);
    } else if (!strcmp(unit, "req/s") || !strcmp(unit, "ops/s")) {
        scaled(v, decimals, 1000, si, "", "", tmp, sizeof tmp);
        snprintf(buf, n, "%s %s", tmp, unit);
    } else if (!strcmp(unit, "dollars")) {
        dollars(v, decimals, buf, n);
    } else if (!strcmp(unit, "hours")) {
        scaled(v, decimals, 1000, si, "", "", tmp, sizeof tmp);
        snprintf(buf, n, "%s h", tmp);
    } else if (!strcmp(unit, "perday")) {
        scaled(v, decimals, 1000, si, "", "", tmp, sizeof tmp);
        snprintf(buf, n, "%s/day", tmp);
    } else if (!strcmp(unit, "x")) {
        num(v, decimals, tmp, sizeof tmp);
        snprintf(buf, n, "%sx", tmp);
    } else if (!strcmp(unit, "count")) {
        if (fabs(v) < 10000)
            num(v, decimals < 0 ? 0 : decimals, buf, n);
        else
            scaled(v, decimals, 1000, si, "", "", buf, n);
    } else {
        scaled(v, decimals, 1000, si, "", "", buf, n);
    }
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

char *format_age(double seconds, char *buf, size_t n)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 120)
        snprintf(buf, n, "%.0fs", seconds);
    else if (seconds < 7200)
        snprintf(buf, n, "%.0fm", floor(seconds / 60));
    else if (seconds < 172800)
        snprintf(buf, n, "%.0fh", floor(seconds / 3600));
    else
        snprintf(buf, n, "%.0fd", floor(seconds / 86400));
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
