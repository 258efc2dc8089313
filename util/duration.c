/* duration.c - Prometheus durations: parsing what people write and writing
 * the shortest exact form. */
#include "duration.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    long long ms;
} DurUnit;

/* Largest first: the order a Prometheus duration must be written in. */
static const DurUnit dur_units[] = {
    {"y", MS_PER_Y}, {"w", MS_PER_W}, {"d", MS_PER_D}, {"h", MS_PER_H},
    {"m", MS_PER_M}, {"s", MS_PER_S}, {"ms", 1},
};
#define NUNITS ((int)(sizeof dur_units / sizeof dur_units[0]))

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int time_in_range(double t)
{
    return t >= TIME_MIN_S && t <= TIME_MAX_S;
}

int duration_parse_plain(const char *s, double *out)
{
    const char *p = s;
    if (!is_digit(*p))
        return -1;
    while (is_digit(*p))
        p++;
    if (*p == '.') {
        p++;
        if (!is_digit(*p))
            return -1;
        while (is_digit(*p))
            p++;
    }
    if (*p)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (end != p || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int duration_parse(const char *s, double *secs)
{
    if (!s || !*s || !secs)
        return -1;
    double plain;
    if (duration_parse_plain(s, &plain) == 0) {
        if (plain > DURATION_MAX_S)
            return -1;
        *secs = plain;
        return 0;
    }

    /* <int><unit> groups, units strictly in decreasing order. */
    const char *p = s;
    int next_unit = 0; /* index of the largest unit still allowed */
    double total_ms = 0;
    while (*p) {
        if (!is_digit(*p))
            return -1;
        double n = 0;
        while (is_digit(*p)) {
            n = n * 10 + (*p - '0');
            if (n > 1e18)
                return -1;
            p++;
        }
        int u = -1;
        /* "ms" before "m": try the two-letter name first. */
        if (p[0] == 'm' && p[1] == 's')
            u = NUNITS - 1;
        else {
            for (int i = 0; i < NUNITS - 1; i++) {
                if (p[0] == dur_units[i].name[0]) {
                    u = i;
                    break;
                }
            }
        }
        if (u < 0 || u < next_unit)
            return -1;
        p += strlen(dur_units[u].name);
        next_unit = u + 1;
        total_ms += n * (double)dur_units[u].ms;
        if (total_ms / 1000.0 > DURATION_MAX_S)
            return -1;
    }
    *secs = total_ms / 1000.0;
    return 0;
}

/* Writes ms greedily with units from dur_units[first] down; returns the
 * length written (the text may be cut when n is small). */
static size_t format_from(long long ms, int first, char *buf, size_t n)
{
    size_t len = 0;
    for (int i = first; i < NUNITS && ms > 0; i++) {
        long long q = ms / dur_units[i].ms;
        if (q == 0)
            continue;
        ms -= q * dur_units[i].ms;
        char part[32];
        int k = snprintf(part, sizeof part, "%lld%s", q, dur_units[i].name);
        if (k > 0 && len + (size_t)k < n)
            memcpy(buf + len, part, (size_t)k);
        len += (size_t)k;
    }
    if (len < n)
        buf[len] = '\0';
    else if (n > 0)
        buf[n - 1] = '\0';
    return len;
}

char *duration_format(double secs, char *buf, size_t n)
{
    if (!buf || n == 0)
        return buf;
    if (!isfinite(secs) || secs > DURATION_MAX_S)
        secs = isfinite(secs) && secs > 0 ? DURATION_MAX_S : 0;
    long long ms = llround(secs * 1000.0);
    if (ms <= 0) {
        snprintf(buf, n, "0s");
        return buf;
    }
    /* Try every largest unit; keep the shortest text, the first on ties. */
    char best[64], cand[64];
    size_t best_len = SIZE_MAX;
    for (int first = 0; first < NUNITS; first++) {
        size_t len = format_from(ms, first, cand, sizeof cand);
        if (len < best_len) {
            best_len = len;
            memcpy(best, cand, sizeof best);
        }
    }
    snprintf(buf, n, "%s", best);
    return buf;
}
