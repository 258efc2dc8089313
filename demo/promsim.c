/*
 * promsim.c - deterministic simulator of promboard's metric catalog.
 *
 * promsim produces every metric family of the catalog in promboard's
 * specification (LLM usage, AI safety, agents, releases, DORA, SLOs,
 * security, cost, Kubernetes, Redis, PostgreSQL, HTTP, `up`) so that the
 * dashboards can be shown and tested against a real Prometheus without a
 * real Nexus deployment.
 *
 * Every value is a pure function of (time, seed): the same inputs always
 * give the same bytes.  Counters are closed-form integrals of a rate
 * function (a diurnal sinusoid plus a few incommensurate sinusoids standing
 * in for noise, plus incident bumps), so a counter at any instant costs O(1)
 * and never decreases.  Histograms are cumulative bucket counters built the
 * same way from two populations (normal traffic, incident traffic).
 *
 * An incident recurs every 4 hours and lasts 24 minutes (its phase comes
 * from the seed); a slow SLO burn of report-service runs 9 hours a day.
 * See demo/README.md for the story the data tells.
 *
 * Subcommands:
 *   promsim openmetrics --from T0 --to T1 [--step S] [--seed N]
 *   promsim import --from T0 --to T1 [--step S] [--seed N]
 *   promsim textfile --dir D [--interval S] [--count K] [--seed N]
 *   promsim incidents --from T0 --to T1 [--seed N] [--slow-burn] [--detail]
 *   promsim value --at T --series 'name{label="value",...}' [--seed N]
 *   promsim seed --at T --into S [--slow-into S2]
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L promsim.c -lm
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PI 3.14159265358979323846
#define DAY 86400.0

/* Counters count from zero at this instant (2020-01-01T00:00:00Z). */
#define ORIGIN 1577836800.0

#define DEFAULT_SEED 1
/* With the default seed incidents start at 02:52 UTC and every 4 h after. */
#define INC_PERIOD 14400
#define INC_LEN 1440
#define INC_UP 120
#define INC_DOWN 180
#define INC_BASE_PHASE 10320
#define INC_PHASE_STEP 3607
/* With the default seed report-service burns slowly from 08:00 to 17:00 UTC. */
#define SLOW_PERIOD 86400
#define SLOW_LEN 32400
#define SLOW_RAMP 1800
#define SLOW_BASE_PHASE 28800
#define SLOW_PHASE_STEP 5923

/* Before an incident its project ships a production deployment. */
#define DEPLOY_LEAD 240.0
/* The hit target is down from +60 s to 90 s before the incident's end. */
#define DOWN_FROM 60.0
#define DOWN_UNTIL_END 90.0

#define LB 512 /* room for one rendered label set */

/* ------------------------------------------------------------------ */
/* Time schedules (incidents, slow burn)                               */

/* A periodic window: start(k) = k * period + phase, lasting len seconds,
 * with a linear ramp of `up` seconds at the start and `down` at the end. */
typedef struct Sched {
    int64_t period, phase, len, up, down;
} Sched;

typedef struct Sim {
    uint64_t seed;
    Sched inc;  /* incidents */
    Sched slow; /* slow burn episodes of report-service */
} Sim;

static int64_t fdiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int64_t fmod64(int64_t a, int64_t b)
{
    return a - fdiv(a, b) * b;
}

static int64_t sched_index(const Sched *s, double t)
{
    return (int64_t)floor((t - (double)s->phase) / (double)s->period);
}

static double sched_start(const Sched *s, int64_t k)
{
    return (double)k * (double)s->period + (double)s->phase;
}

/* Envelope (0..1) at x seconds after a window's start. */
static double sched_shape(const Sched *s, double x)
{
    double len = (double)s->len, up = (double)s->up, down = (double)s->down;
    if (x < 0 || x >= len)
        return 0;
    if (x < up)
        return x / up;
    if (x > len - down)
        return (len - x) / down;
    return 1;
}

/* Integral of the envelope from a window's start to x seconds after it. */
static double sched_area(const Sched *s, double x)
{
    double len = (double)s->len, up = (double)s->up, down = (double)s->down;
    if (x <= 0)
        return 0;
    if (x > len)
        x = len;
    if (x < up)
        return x * x / (2 * up);
    if (x <= len - down)
        return up / 2 + (x - up);
    return up / 2 + (len - down - up) +
           (down * down - (len - x) * (len - x)) / (2 * down);
}

static double sched_env(const Sched *s, double t)
{
    int64_t k = sched_index(s, t);
    return sched_shape(s, t - sched_start(s, k));
}

/* Index of the first window starting at or after ORIGIN. */
static int64_t sched_first(const Sched *s)
{
    return -fdiv(-(int64_t)ORIGIN + s->phase, s->period);
}

/* Number of j in [a, b) with j = r (mod m). */
static int64_t count_congruent(int64_t a, int64_t b, int64_t m, int64_t r)
{
    if (b <= a)
        return 0;
    return fdiv(b - 1 - r, m) - fdiv(a - 1 - r, m);
}

/* Integral of the envelope from ORIGIN to t over windows k = r (mod m). */
static double sched_int(const Sched *s, double t, int m, int r)
{
    if (t <= ORIGIN)
        return 0;
    int64_t k0 = sched_first(s), kc = sched_index(s, t);
    if (kc < k0)
        return 0;
    double full = sched_area(s, (double)s->len);
    double v = (double)count_congruent(k0, kc, m, r) * full;
    if (fmod64(kc, m) == r)
        v += sched_area(s, t - sched_start(s, kc));
    return v;
}

/* Number of windows k = r (mod m) (k >= first) with start(k) - lead <= t. */
static double sched_events(const Sched *s, double t, double lead, int m, int r)
{
    if (t <= ORIGIN)
        return 0;
    int64_t k0 = sched_first(s), kx = sched_index(s, t + lead);
    if (kx < k0)
        return 0;
    return (double)count_congruent(k0, kx + 1, m, r);
}

/* Latest window index <= the one containing t with index = r (mod m). */
static int64_t sched_last(const Sched *s, double t, int m, int r)
{
    int64_t kc = sched_index(s, t);
    return kc - fmod64(kc - r, m);
}

/* ------------------------------------------------------------------ */
/* Deterministic pseudo-randomness and rate shapes                     */

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* A stable 64-bit id for (seed, a, b). */
static uint64_t hid(const Sim *sim, const char *a, const char *b)
{
    uint64_t h = 14695981039346656037ULL ^ mix64(sim->seed);
    h = hash_str(h, a);
    h ^= 0xff;
    h *= 1099511628211ULL;
    h = hash_str(h, b);
    return mix64(h);
}

static double u01(uint64_t h)
{
    return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform number in [0,1) fixed for (seed, a, b, i). */
static double urand(const Sim *sim, const char *a, const char *b, uint64_t i)
{
    return u01(mix64(hid(sim, a, b) ^ mix64(i + 0x51ed270b)));
}

/* A rate shape: 1 + sum of a[i] * sin(w[i] * t + p[i]).  Term 0 is the
 * daily cycle (peak in the UTC afternoon); terms 1-4 have incommensurate
 * periods and stand in for noise.  The amplitudes sum to less than 1, so
 * the shape stays positive. */
typedef struct Wave {
    double a[5], w[5], p[5];
} Wave;

static const double NOISE_PERIOD[4] = {7919, 2351, 607, 173};
static const double NOISE_SHARE[4] = {0.4, 0.3, 0.2, 0.1};

static Wave wave_make(const Sim *sim, const char *a, const char *b,
                      double diurnal, double noise)
{
    Wave w;
    uint64_t h = hid(sim, a, b);
    if (diurnal + noise > 0.95) {
        double k = 0.95 / (diurnal + noise);
        diurnal *= k;
        noise *= k;
    }
    double peak = 14 * 3600 + (u01(h) - 0.5) * 3 * 3600;
    w.a[0] = diurnal;
    w.w[0] = 2 * PI / DAY;
    w.p[0] = PI / 2 - w.w[0] * peak;
    for (int i = 0; i < 4; i++) {
        h = mix64(h + (uint64_t)i + 1);
        w.a[i + 1] = noise * NOISE_SHARE[i];
        w.w[i + 1] = 2 * PI / (NOISE_PERIOD[i] * (0.85 + 0.3 * u01(h)));
        h = mix64(h);
        w.p[i + 1] = 2 * PI * u01(h);
    }
    return w;
}

static double wave_value(const Wave *w, double t)
{
    double v = 1;
    for (int i = 0; i < 5; i++)
        v += w->a[i] * sin(w->w[i] * t + w->p[i]);
    return v;
}

/* Integral of the shape from ORIGIN to t (0 before ORIGIN). */
static double wave_integral(const Wave *w, double t)
{
    if (t <= ORIGIN)
        return 0;
    double v = t - ORIGIN;
    for (int i = 0; i < 5; i++)
        v += w->a[i] / w->w[i] *
             (cos(w->w[i] * ORIGIN + w->p[i]) - cos(w->w[i] * t + w->p[i]));
    return v;
}

/* Shape value at t for the series identified by (a, b). */
static double wval(const Sim *sim, const char *a, const char *b, double diurnal,
                   double noise, double t)
{
    Wave w = wave_make(sim, a, b, diurnal, noise);
    return wave_value(&w, t);
}

/* Shape integral up to t for the series identified by (a, b). */
static double wint(const Sim *sim, const char *a, const char *b, double diurnal,
                   double noise, double t)
{
    Wave w = wave_make(sim, a, b, diurnal, noise);
    return wave_integral(&w, t);
}

/* Smooth noise in [-1, 1] for gauges: hashed knots every 30 s, linearly
 * interpolated. */
static double gnoise(const Sim *sim, const char *a, const char *b, double t)
{
    double x = t / 30.0, k = floor(x), f = x - k;
    uint64_t h = hid(sim, a, b);
    double v0 = 2 * u01(mix64(h ^ (uint64_t)(int64_t)k)) - 1;
    double v1 = 2 * u01(mix64(h ^ (uint64_t)((int64_t)k + 1))) - 1;
    return v0 + (v1 - v0) * f;
}

/* Slow drift in [-1, 1] with the given period, phase fixed by (a, b). */
static double drift(const Sim *sim, const char *a, const char *b, double period,
                    double t)
{
    return sin(2 * PI * t / period + 2 * PI * u01(hid(sim, a, b)));
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* ------------------------------------------------------------------ */
/* Incident helpers                                                    */

/* The three rotating incident victims: incident k hits HIT_*[k mod 3]. */
static const char *const HIT_SERVICE[3] = {"llm-router", "agent-runtime",
                                           "api-gateway"};
static const char *const HIT_INSTANCE[3] = {
    "llm-router-1:8000", "agent-runtime-1:8000", "api-gateway-1:8080"};
static const char *const PROJECTS[3] = {"NEXUS", "ATLAS", "ORION"};

#define NAGENTS 6
static const char *const AGENTS[NAGENTS] = {
    "release-planner", "jira-triage",        "code-reviewer",
    "report-writer",   "incident-responder", "qa-analyst"};

/* Incident intensity (0..1) at t. */
static double inc_I(const Sim *s, double t)
{
    return sched_env(&s->inc, t);
}

/* Integral of the incident intensity from ORIGIN to t (seconds). */
static double inc_E(const Sim *s, double t)
{
    return sched_int(&s->inc, t, 1, 0);
}

/* Which of the three victims (0..2) the incident running (or last) at t hits.
 */
static int inc_victim(const Sim *s, double t)
{
    return (int)fmod64(sched_index(&s->inc, t), 3);
}

/* 1 when victim r's target is down at t. */
static int inc_down(const Sim *s, double t, int r)
{
    int64_t k = sched_index(&s->inc, t);
    double x = t - sched_start(&s->inc, k);
    return fmod64(k, 3) == r && x >= DOWN_FROM &&
           x < (double)s->inc.len - DOWN_UNTIL_END;
}

/* exp(-(t - end)/tau) after the end of victim r's latest incident. */
static double inc_tail(const Sim *s, double t, int r, double tau)
{
    int64_t j = sched_last(&s->inc, t, 3, r);
    double end = sched_start(&s->inc, j) + (double)s->inc.len;
    if (t < end)
        return 0;
    return exp(-(t - end) / tau);
}

/* Seconds since the start of the incident window containing (or last before) t.
 */
static double inc_elapsed(const Sim *s, double t)
{
    return t - sched_start(&s->inc, sched_index(&s->inc, t));
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

typedef enum { T_COUNTER, T_GAUGE, T_HISTOGRAM } FamType;
typedef enum { FMT_INT, FMT_GAUGE, FMT_FLOAT } Fmt;
typedef enum { OUT_TEXT, OUT_COLLECT, OUT_MATCH } OutMode;

typedef struct Out Out;
typedef void (*EmitFn)(Out *o, double t);

typedef struct Family {
    const char *name; /* counters carry their _total suffix here */
    FamType type;
    const char *job; /* NULL: the samples carry their own job and instance */
    const char *instance;
    EmitFn emit;
    const char *help;
} Family;

typedef struct Row {
    char *key; /* name{labels}: the printable series */
    int group; /* histogram point group, -1 for a plain series */
    int next;  /* next row of the same group, -1 at the end */
    Fmt fmt;
    double *v; /* one value per step, NAN where absent */
} Row;

#define MAXSEL 32

struct Out {
    OutMode mode;
    const Sim *sim;
    const Family *fam;
    FILE *fp;
    /* OUT_MATCH: series selector */
    const char *sel_name;
    char *sel_pair[MAXSEL]; /* rendered `name="value"` */
    int nsel;
    int matched;
    /* OUT_COLLECT: one family over a time range */
    size_t step, nsteps;
    Row *rows;
    size_t nrows, caprows;
    size_t *slots; /* open addressing, row index + 1, 0 = empty */
    size_t nslots;
    char **groups;
    size_t ngroups, capgroups;
    const char *group; /* label set of the histogram point being emitted */
    int oom;
};

static void die_oom(void)
{
    fputs("promsim: out of memory\n", stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom();
    return q;
}

/* Append text to buf (capacity n) at *len, always NUL-terminated. */
static void app(char *buf, size_t n, size_t *len, const char *s)
{
    while (*s && *len + 1 < n)
        buf[(*len)++] = *s++;
    buf[*len] = '\0';
}

/* Append a label value with \, " and newline escaped. */
static void app_escaped(char *buf, size_t n, size_t *len, const char *s)
{
    for (; *s && *len + 2 < n; s++) {
        if (*s == '\\' || *s == '"') {
            buf[(*len)++] = '\\';
            buf[(*len)++] = *s;
        } else if (*s == '\n') {
            buf[(*len)++] = '\\';
            buf[(*len)++] = 'n';
        } else {
            buf[(*len)++] = *s;
        }
    }
    buf[*len] = '\0';
}

/* Render name="value" pairs (NULL-terminated list) into b (LB bytes). */
static const char *L(char *b, ...)
{
    va_list ap;
    size_t len = 0;
    const char *k;
    b[0] = '\0';
    va_start(ap, b);
    while ((k = va_arg(ap, const char *)) != NULL) {
        const char *v = va_arg(ap, const char *);
        if (len)
            app(b, LB, &len, ",");
        app(b, LB, &len, k);
        app(b, LB, &len, "=\"");
        app_escaped(b, LB, &len, v);
        app(b, LB, &len, "\"");
    }
    va_end(ap);
    return b;
}

static char *fmt_int(char *p, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u;
    if (v < 0) {
        *p++ = '-';
        u = (uint64_t)(-(v + 1)) + 1;
    } else {
        u = (uint64_t)v;
    }
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        *p++ = tmp[--n];
    *p = '\0';
    return p;
}

/* Format a sample value; returns the end of the string. */
static char *fmt_num(char *p, double v, Fmt f)
{
    if (isnan(v))
        return p + sprintf(p, "NaN");
    if (isinf(v))
        return p + sprintf(p, v > 0 ? "+Inf" : "-Inf");
    if (f == FMT_INT && fabs(v) < 9e15)
        return fmt_int(p, (int64_t)v);
    return p + sprintf(p, f == FMT_GAUGE ? "%.6g" : "%.12g", v);
}

static void build_key(const Out *o, char *key, size_t n, const char *suffix,
                      const char *labels)
{
    size_t len = 0;
    key[0] = '\0';
    app(key, n, &len, o->fam->name);
    app(key, n, &len, suffix);
    int extra = o->fam->job != NULL;
    if (!*labels && !extra)
        return;
    app(key, n, &len, "{");
    app(key, n, &len, labels);
    if (extra) {
        if (*labels)
            app(key, n, &len, ",");
        app(key, n, &len, "job=\"");
        app(key, n, &len, o->fam->job);
        app(key, n, &len, "\",instance=\"");
        app(key, n, &len, o->fam->instance);
        app(key, n, &len, "\"");
    }
    app(key, n, &len, "}");
}

static uint64_t key_hash(const char *s)
{
    return mix64(hash_str(14695981039346656037ULL, s));
}

static int group_id(Out *o, const char *labels)
{
    for (size_t i = 0; i < o->ngroups; i++)
        if (strcmp(o->groups[i], labels) == 0)
            return (int)i;
    if (o->ngroups == o->capgroups) {
        o->capgroups = o->capgroups ? 2 * o->capgroups : 32;
        o->groups = xrealloc(o->groups, o->capgroups * sizeof *o->groups);
    }
    o->groups[o->ngroups] = strdup(labels);
    if (!o->groups[o->ngroups])
        die_oom();
    return (int)o->ngroups++;
}

static void rehash(Out *o, size_t nslots)
{
    free(o->slots);
    o->slots = calloc(nslots, sizeof *o->slots);
    if (!o->slots)
        die_oom();
    o->nslots = nslots;
    for (size_t i = 0; i < o->nrows; i++) {
        size_t h = (size_t)key_hash(o->rows[i].key) & (nslots - 1);
        while (o->slots[h])
            h = (h + 1) & (nslots - 1);
        o->slots[h] = i + 1;
    }
}

static void collect(Out *o, const char *key, double v, Fmt f)
{
    if (o->nslots == 0 || 2 * (o->nrows + 1) > o->nslots)
        rehash(o, o->nslots ? 2 * o->nslots : 1024);
    size_t h = (size_t)key_hash(key) & (o->nslots - 1);
    while (o->slots[h]) {
        Row *r = &o->rows[o->slots[h] - 1];
        if (strcmp(r->key, key) == 0) {
            r->v[o->step] = v;
            return;
        }
        h = (h + 1) & (o->nslots - 1);
    }
    if (o->nrows == o->caprows) {
        o->caprows = o->caprows ? 2 * o->caprows : 256;
        o->rows = xrealloc(o->rows, o->caprows * sizeof *o->rows);
    }
    Row *r = &o->rows[o->nrows];
    r->key = strdup(key);
    if (!r->key)
        die_oom();
    r->group = o->group ? group_id(o, o->group) : -1;
    r->next = -1;
    r->fmt = f;
    r->v = malloc(o->nsteps * sizeof *r->v);
    if (!r->v)
        die_oom();
    for (size_t i = 0; i < o->nsteps; i++)
        r->v[i] = NAN;
    r->v[o->step] = v;
    o->slots[h] = ++o->nrows;
}

/* Does the series key carry every selected label pair? */
static int key_matches(const Out *o, const char *key, const char *name)
{
    if (strcmp(name, o->sel_name) != 0)
        return 0;
    for (int i = 0; i < o->nsel; i++) {
        const char *p = key;
        size_t n = strlen(o->sel_pair[i]);
        int found = 0;
        while ((p = strstr(p, o->sel_pair[i])) != NULL) {
            if ((p[-1] == '{' || p[-1] == ',') &&
                (p[n] == ',' || p[n] == '}')) {
                found = 1;
                break;
            }
            p++;
        }
        if (!found)
            return 0;
    }
    return 1;
}

/* Emit one sample of the current family. */
static void put(Out *o, const char *suffix, const char *labels, double v, Fmt f)
{
    char key[LB + 256], num[64];
    build_key(o, key, sizeof key, suffix, labels);
    switch (o->mode) {
    case OUT_TEXT:
        fmt_num(num, v, f);
        fputs(key, o->fp);
        fputc(' ', o->fp);
        fputs(num, o->fp);
        fputc('\n', o->fp);
        break;
    case OUT_MATCH: {
        char name[256];
        snprintf(name, sizeof name, "%s%s", o->fam->name, suffix);
        if (key_matches(o, key, name)) {
            fmt_num(num, v, f);
            printf("%s %s\n", key, num);
            o->matched++;
        }
        break;
    }
    case OUT_COLLECT:
        collect(o, key, v, f);
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Histograms                                                          */

typedef enum { D_LOGNORMAL, D_LOGITNORMAL, D_DISCRETE } DistKind;

/* a: median (lognormal, discrete) or mean of the logit (logit-normal);
 * b: sigma of the underlying normal. */
typedef struct Dist {
    DistKind kind;
    double a, b;
} Dist;

static double phi(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

static double dist_cdf(Dist d, double le)
{
    switch (d.kind) {
    case D_LOGNORMAL:
        return le <= 0 ? 0 : phi((log(le) - log(d.a)) / d.b);
    case D_LOGITNORMAL:
        if (le >= 1)
            return 1;
        if (le <= 0)
            return 0;
        return phi((log(le / (1 - le)) - d.a) / d.b);
    case D_DISCRETE:
        return le < 1 ? 0 : phi((log(floor(le) + 0.5) - log(d.a)) / d.b);
    }
    return 0;
}

static double dist_mean(Dist d)
{
    switch (d.kind) {
    case D_LOGNORMAL:
    case D_DISCRETE:
        return d.a * exp(d.b * d.b / 2);
    case D_LOGITNORMAL:
        return 1 / (1 + exp(-d.a / sqrt(1 + PI * d.b * d.b / 8)));
    }
    return 0;
}

static Dist lognormal(double median, double sigma)
{
    Dist d = {D_LOGNORMAL, median, sigma};
    return d;
}

static const double LE_LATENCY[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                    0.5,   1,    2.5,   5,    10};
#define NLE_LATENCY (sizeof LE_LATENCY / sizeof LE_LATENCY[0])

/* One histogram point from two populations: n1 observations drawn from d1
 * (normal operation) and n2 from d2 (incident traffic).  Buckets are
 * floor(n1 * F1(le)) + floor(n2 * F2(le)), so they rise with le and with
 * time, and the +Inf bucket equals _count. */
static void hist(Out *o, const char *labels, const double *les, size_t nb,
                 double n1, Dist d1, double n2, Dist d2)
{
    char lb[LB];
    char le[32];
    o->group = labels;
    for (size_t i = 0; i < nb; i++) {
        double c =
            floor(n1 * dist_cdf(d1, les[i])) + floor(n2 * dist_cdf(d2, les[i]));
        snprintf(le, sizeof le, "%.10g", les[i]);
        snprintf(lb, sizeof lb, "%s%sle=\"%s\"", labels, *labels ? "," : "",
                 le);
        put(o, "_bucket", lb, c, FMT_INT);
    }
    double count = floor(n1) + floor(n2);
    snprintf(lb, sizeof lb, "%s%sle=\"+Inf\"", labels, *labels ? "," : "");
    put(o, "_bucket", lb, count, FMT_INT);
    put(o, "_sum", labels, n1 * dist_mean(d1) + n2 * dist_mean(d2), FMT_FLOAT);
    put(o, "_count", labels, count, FMT_INT);
    o->group = NULL;
}

/* ------------------------------------------------------------------ */
/* Catalog: LLM usage (job llm-router)                                 */

#define NMODELS 4
static const char *const MODELS[NMODELS] = {"gpt-4o", "gpt-4o-mini",
                                            "claude-3-5-sonnet", "llama-3-70b"};
static const double MODEL_RPS[NMODELS] = {0.35, 0.8, 0.3, 0.2};
static const double MODEL_ERR[NMODELS] = {0.012, 0.008, 0.006, 0.02};
static const double MODEL_PTOK[NMODELS] = {1400, 700, 1600, 1100};
static const double MODEL_CTOK[NMODELS] = {380, 220, 450, 300};
static const double MODEL_PIN[NMODELS] = {2.5, 0.15, 3.0,
                                          0.6}; /* $ per 1M prompt tokens */
static const double MODEL_POUT[NMODELS] = {10.0, 0.6, 15.0,
                                           0.8}; /* $ per 1M completion */
static const double MODEL_LAT[NMODELS] = {0.9, 0.45, 1.1,
                                          0.8}; /* median seconds */
static const double MODEL_TPS[NMODELS] = {62, 105, 55, 41};
static const double MODEL_HALL[NMODELS] = {0.021, 0.034, 0.015, 0.046};
static const double MODEL_QUAL[NMODELS] = {88, 81, 91, 76};
static const double MODEL_CONF[NMODELS] = {1.6, 1.2, 1.8, 1.0};
#define LLM_INC                                                                \
    0.35 /* extra (failing) requests during an incident, share of base */

/* Requests of model m in normal operation since ORIGIN. */
static double llm_n(const Sim *s, int m, double t)
{
    return MODEL_RPS[m] * wint(s, "llm", MODELS[m], 0.35, 0.25, t);
}

static void f_llm_requests(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (int m = 0; m < NMODELS; m++) {
        double n = llm_n(o->sim, m, t);
        put(o, "", L(lb, "model", MODELS[m], "status", "success", NULL),
            floor(n * (1 - MODEL_ERR[m])), FMT_INT);
        put(o, "", L(lb, "model", MODELS[m], "status", "error", NULL),
            floor(n * MODEL_ERR[m] + LLM_INC * MODEL_RPS[m] * E), FMT_INT);
    }
}

static void llm_tokens(const Sim *s, int m, double t, double *prompt,
                       double *completion)
{
    double n = llm_n(s, m, t), ni = LLM_INC * MODEL_RPS[m] * inc_E(s, t);
    *prompt = (n + ni) * MODEL_PTOK[m];
    *completion = (n + 0.2 * ni) * MODEL_CTOK[m];
}

static void f_llm_tokens(Out *o, double t)
{
    char lb[LB];
    for (int m = 0; m < NMODELS; m++) {
        double p, c;
        llm_tokens(o->sim, m, t, &p, &c);
        put(o, "", L(lb, "model", MODELS[m], "type", "prompt", NULL), floor(p),
            FMT_INT);
        put(o, "", L(lb, "model", MODELS[m], "type", "completion", NULL),
            floor(c), FMT_INT);
    }
}

static void f_llm_cost(Out *o, double t)
{
    char lb[LB];
    for (int m = 0; m < NMODELS; m++) {
        double p, c;
        llm_tokens(o->sim, m, t, &p, &c);
        put(o, "", L(lb, "model", MODELS[m], NULL),
            (p * MODEL_PIN[m] + c * MODEL_POUT[m]) / 1e6, FMT_FLOAT);
    }
}

static void f_llm_tps(Out *o, double t)
{
    char lb[LB];
    double I = inc_I(o->sim, t);
    for (int m = 0; m < NMODELS; m++) {
        double v =
            MODEL_TPS[m] *
                (1 + 0.08 * drift(o->sim, "tps", MODELS[m], 3 * 3600, t)) *
                (1 - 0.45 * I) +
            2.5 * gnoise(o->sim, "tps", MODELS[m], t);
        put(o, "", L(lb, "model", MODELS[m], NULL), clamp(v, 1, 1000),
            FMT_GAUGE);
    }
}

static const double LE_LLM[] = {0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30};

static void f_llm_latency(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (int m = 0; m < NMODELS; m++)
        hist(o, L(lb, "model", MODELS[m], NULL), LE_LLM,
             sizeof LE_LLM / sizeof LE_LLM[0], llm_n(o->sim, m, t),
             lognormal(MODEL_LAT[m], 0.5), LLM_INC * MODEL_RPS[m] * E,
             lognormal(MODEL_LAT[m] * 4, 0.6));
}

/* ------------------------------------------------------------------ */
/* Catalog: AI safety and quality (job llm-router)                     */

#define NTASKS 3
static const char *const TASKS[NTASKS] = {"summarization", "code_review",
                                          "release_analysis"};
static const double TASK_SHARE[NTASKS] = {0.5, 0.3, 0.2};
static const double TASK_HALL[NTASKS] = {1.0, 0.8, 1.25};
static const double TASK_CONF[NTASKS] = {0.0, 0.2, -0.2};

static void f_hallucination(Out *o, double t)
{
    char lb[LB];
    double I = inc_I(o->sim, t);
    for (int m = 0; m < NMODELS; m++)
        for (int k = 0; k < NTASKS; k++) {
            double v =
                MODEL_HALL[m] * TASK_HALL[k] *
                    (1 +
                     0.15 * drift(o->sim, MODELS[m], TASKS[k], 0.7 * DAY, t) +
                     0.3 * I) +
                0.002 * gnoise(o->sim, MODELS[m], TASKS[k], t);
            put(o, "",
                L(lb, "model_name", MODELS[m], "task_type", TASKS[k], NULL),
                clamp(v, 0, 1), FMT_GAUGE);
        }
}

static const struct {
    const char *type, *action;
    double rate; /* per request */
} GUARDRAILS[] = {
    {"pii_filter", "redacted", 0.004}, {"toxicity", "blocked", 0.0015},
    {"toxicity", "flagged", 0.003},    {"prompt_injection", "blocked", 0.002},
    {"jailbreak", "blocked", 0.0008},
};

static void f_guardrails(Out *o, double t)
{
    char lb[LB];
    for (size_t g = 0; g < sizeof GUARDRAILS / sizeof GUARDRAILS[0]; g++)
        for (int m = 0; m < NMODELS; m++) {
            double v = GUARDRAILS[g].rate * MODEL_RPS[m] *
                       wint(o->sim, GUARDRAILS[g].type, MODELS[m], 0.4, 0.5, t);
            if (strcmp(GUARDRAILS[g].type, "prompt_injection") == 0)
                v += 0.01 * MODEL_RPS[m] *
                     inc_E(o->sim, t); /* probing during incidents */
            put(o, "",
                L(lb, "guardrail_type", GUARDRAILS[g].type, "model_name",
                  MODELS[m], "action", GUARDRAILS[g].action, NULL),
                floor(v), FMT_INT);
        }
}

static const double LE_CONF[] = {0.1, 0.2, 0.3, 0.4,  0.5,  0.6,
                                 0.7, 0.8, 0.9, 0.95, 0.99, 1.0};

static void f_confidence(Out *o, double t)
{
    char lb[LB];
    for (int m = 0; m < NMODELS; m++)
        for (int k = 0; k < NTASKS; k++) {
            Dist d = {D_LOGITNORMAL, MODEL_CONF[m] + TASK_CONF[k], 0.9};
            hist(o, L(lb, "model_name", MODELS[m], "task_type", TASKS[k], NULL),
                 LE_CONF, sizeof LE_CONF / sizeof LE_CONF[0],
                 TASK_SHARE[k] * llm_n(o->sim, m, t), d, 0, d);
        }
}

static const char *const EVALUATORS[3] = {"llm_judge", "human", "heuristic"};
static const double EVAL_OFFSET[3] = {0, -3, 2};

static void f_quality_ai(Out *o, double t)
{
    char lb[LB];
    double I = inc_I(o->sim, t);
    for (int m = 0; m < NMODELS; m++)
        for (int e = 0; e < 3; e++) {
            double v =
                MODEL_QUAL[m] + EVAL_OFFSET[e] +
                3 * drift(o->sim, MODELS[m], EVALUATORS[e], 1.3 * DAY, t) -
                6 * I + 0.8 * gnoise(o->sim, MODELS[m], EVALUATORS[e], t);
            put(o, "",
                L(lb, "model_name", MODELS[m], "evaluator", EVALUATORS[e],
                  NULL),
                clamp(v, 0, 100), FMT_GAUGE);
        }
}

static const double LE_PROMPT[] = {10,   50,   100,  250,   500,  1000,
                                   2000, 4000, 8000, 16000, 32000};

static void f_prompt_length(Out *o, double t)
{
    char lb[LB];
    for (int m = 0; m < NMODELS; m++) {
        Dist d = lognormal(MODEL_PTOK[m] / exp(0.5),
                           1.0); /* mean = tokens per request */
        hist(o, L(lb, "model_name", MODELS[m], NULL), LE_PROMPT,
             sizeof LE_PROMPT / sizeof LE_PROMPT[0], llm_n(o->sim, m, t), d, 0,
             d);
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: agents, tools, ReAct (job agent-runtime)                   */

static const struct {
    const char *name;
    double rps, median;
} TOOLS[] = {
    {"jira_search", 0.09, 0.35},     {"confluence_search", 0.05, 0.5},
    {"github_pr_lookup", 0.04, 0.4}, {"web_search", 0.03, 1.2},
    {"sql_query", 0.035, 0.15},      {"code_interpreter", 0.02, 2.0},
    {"slack_notify", 0.015, 0.2},    {"report_builder", 0.01, 3.0},
};
#define NTOOLS (sizeof TOOLS / sizeof TOOLS[0])

static void f_tool_usage(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NTOOLS; i++)
        put(o, "", L(lb, "tool", TOOLS[i].name, NULL),
            floor(TOOLS[i].rps *
                  (wint(o->sim, "tool", TOOLS[i].name, 0.4, 0.3, t) + 0.4 * E)),
            FMT_INT);
}

static void f_tool_latency(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NTOOLS; i++)
        hist(o, L(lb, "tool", TOOLS[i].name, NULL), LE_LATENCY, NLE_LATENCY,
             TOOLS[i].rps * wint(o->sim, "tool", TOOLS[i].name, 0.4, 0.3, t),
             lognormal(TOOLS[i].median, 0.6), TOOLS[i].rps * 0.4 * E,
             lognormal(TOOLS[i].median * 3, 0.6));
}

static const double AGENT_RPS[NAGENTS] = {0.012, 0.02,  0.01,
                                          0.006, 0.004, 0.008};

static void f_agent_tasks(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (int a = 0; a < NAGENTS; a++) {
        double n =
            AGENT_RPS[a] * wint(o->sim, "agent", AGENTS[a], 0.5, 0.35, t);
        put(o, "", L(lb, "agent", AGENTS[a], "status", "completed", NULL),
            floor(n * 0.96), FMT_INT);
        put(o, "", L(lb, "agent", AGENTS[a], "status", "failed", NULL),
            floor(n * 0.04 + 0.5 * AGENT_RPS[a] * E), FMT_INT);
    }
}

static void f_agent_up(Out *o, double t)
{
    char lb[LB];
    int64_t k = sched_index(&o->sim->inc, t);
    double x = t - sched_start(&o->sim->inc, k);
    int down_agent = (int)fmod64(k, NAGENTS);
    int down = x >= DOWN_FROM && x < (double)o->sim->inc.len - DOWN_UNTIL_END;
    for (int a = 0; a < NAGENTS; a++)
        put(o, "", L(lb, "agent", AGENTS[a], NULL),
            (down && a == down_agent) ? 0 : 1, FMT_INT);
}

/* ReAct loops run once per agent task. */
static double react_loops(const Sim *s, double t, double *inc)
{
    double n = 0, ni = 0, E = inc_E(s, t);
    for (int a = 0; a < NAGENTS; a++) {
        n += AGENT_RPS[a] * wint(s, "agent", AGENTS[a], 0.5, 0.35, t);
        ni += 0.5 * AGENT_RPS[a] * E;
    }
    *inc = ni;
    return n;
}

static const double LE_ITER[] = {1, 2, 3, 4, 5, 6, 8, 10, 15, 20};

static void f_react_iterations(Out *o, double t)
{
    double ni, n = react_loops(o->sim, t, &ni);
    Dist d1 = {D_DISCRETE, 3.2, 0.5}, d2 = {D_DISCRETE, 7, 0.5};
    hist(o, "", LE_ITER, sizeof LE_ITER / sizeof LE_ITER[0], n, d1, ni, d2);
}

static const double LE_LOOP[] = {0.5, 1, 2.5, 5, 10, 20, 30, 60, 120};

static void f_react_loop(Out *o, double t)
{
    double ni, n = react_loops(o->sim, t, &ni);
    hist(o, "", LE_LOOP, sizeof LE_LOOP / sizeof LE_LOOP[0], n,
         lognormal(8, 0.7), ni, lognormal(30, 0.6));
}

static const double LE_STEP[] = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

static void f_react_step(Out *o, double t)
{
    double ni, n = react_loops(o->sim, t, &ni);
    hist(o, "", LE_STEP, sizeof LE_STEP / sizeof LE_STEP[0], 3.6 * n,
         lognormal(1.2, 0.8), 7 * ni, lognormal(4, 0.7));
}

static const struct {
    const char *name;
    double rps, median;
} AI_TOOLS[] = {
    {"echo", 0.05, 0.01},      {"ssh", 0.03, 0.8},  {"powershell", 0.015, 1.5},
    {"http_probe", 0.04, 0.2}, {"sql", 0.02, 0.12}, {"kubectl", 0.025, 0.6},
};
#define NAI_TOOLS (sizeof AI_TOOLS / sizeof AI_TOOLS[0])

static void f_ai_requests(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NAI_TOOLS; i++) {
        double n = AI_TOOLS[i].rps *
                   wint(o->sim, "ai", AI_TOOLS[i].name, 0.45, 0.3, t);
        put(o, "", L(lb, "status", "success", "tool", AI_TOOLS[i].name, NULL),
            floor(n * 0.98 + 0.2 * AI_TOOLS[i].rps * E), FMT_INT);
        put(o, "", L(lb, "status", "error", "tool", AI_TOOLS[i].name, NULL),
            floor(n * 0.02 + 0.4 * AI_TOOLS[i].rps * E), FMT_INT);
    }
}

static void f_ai_duration(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NAI_TOOLS; i++)
        hist(o, L(lb, "tool", AI_TOOLS[i].name, NULL), LE_LATENCY, NLE_LATENCY,
             AI_TOOLS[i].rps *
                 wint(o->sim, "ai", AI_TOOLS[i].name, 0.45, 0.3, t),
             lognormal(AI_TOOLS[i].median, 0.6), 0.6 * AI_TOOLS[i].rps * E,
             lognormal(AI_TOOLS[i].median * 4 + 0.5, 0.5));
}

/* ------------------------------------------------------------------ */
/* Catalog: business and releases (job api-gateway)                    */

static const double PROJ_DECISIONS[3] = {1.0 / 7200, 1.0 / 10800, 1.0 / 14400};
static const double PROJ_GO[3][3] = {
    /* GO, NO_GO, CONDITIONAL */
    {0.88, 0.04, 0.08},
    {0.80, 0.07, 0.13},
    {0.70, 0.12, 0.18},
};
static const char *const DECISIONS[3] = {"GO", "NO_GO", "CONDITIONAL"};

static void f_release_decisions(Out *o, double t)
{
    char lb[LB];
    for (int p = 0; p < 3; p++)
        for (int d = 0; d < 3; d++)
            put(o, "",
                L(lb, "decision", DECISIONS[d], "project", PROJECTS[p], NULL),
                floor(PROJ_DECISIONS[p] * PROJ_GO[p][d] *
                      wint(o->sim, DECISIONS[d], PROJECTS[p], 0.75, 0.2, t)),
                FMT_INT);
}

static void f_jira_tickets(Out *o, double t)
{
    char lb[LB];
    static const double rate[3] = {0.01, 0.007, 0.005};
    for (int p = 0; p < 3; p++)
        put(o, "", L(lb, "project", PROJECTS[p], NULL),
            floor(rate[p] * wint(o->sim, "jira", PROJECTS[p], 0.7, 0.2, t)),
            FMT_INT);
}

static void f_reports(Out *o, double t)
{
    char lb[LB];
    static const char *const types[4] = {"release_readiness", "sprint_summary",
                                         "executive_brief", "risk_assessment"};
    static const double period[4] = {7200, 21600, 43200, 10800};
    for (int i = 0; i < 4; i++)
        put(o, "", L(lb, "type", types[i], NULL),
            floor(wint(o->sim, "report", types[i], 0.6, 0.3, t) / period[i]),
            FMT_INT);
}

static void f_quality_score(Out *o, double t)
{
    char lb[LB];
    static const double base[3] = {93, 87, 78};
    for (int p = 0; p < 3; p++) {
        double v = base[p] +
                   3 * drift(o->sim, "quality", PROJECTS[p], 4.3 * DAY, t) +
                   1.2 * drift(o->sim, "quality2", PROJECTS[p], 0.6 * DAY, t) +
                   0.3 * gnoise(o->sim, "quality", PROJECTS[p], t);
        put(o, "", L(lb, "project", PROJECTS[p], NULL), clamp(v, 0, 100),
            FMT_GAUGE);
    }
}

/* Releases: each project cuts a release every 14 days.  Release m of a
 * project is due at ORIGIN + offset + m * CYCLE. */
#define CYCLE (14 * DAY)
static const double PROJ_OFFSET[3] = {2 * DAY + 9 * 3600, 6 * DAY + 15 * 3600,
                                      10 * DAY + 11 * 3600};
static const double PROJ_VELOCITY[3] = {42, 35, 28};
#define NFACTORS 5
static const char *const FACTORS[NFACTORS] = {
    "scope_creep", "test_coverage", "open_blockers", "dependency_delays",
    "team_capacity"};

typedef struct Release {
    char name[48];
    const char *status;
    double due, predicted, done, remaining, risk[NFACTORS];
    int has_risk;
} Release;

static int64_t release_current(int p, double t)
{
    return (int64_t)floor((t - ORIGIN - PROJ_OFFSET[p]) / CYCLE) + 1;
}

static double release_due(int p, int64_t m)
{
    return ORIGIN + PROJ_OFFSET[p] + (double)m * CYCLE;
}

/* The releases of project p visible at t: the previous one for two days
 * after it shipped, the current one and the next one. */
static int releases(const Sim *s, int p, double t, Release *out)
{
    int64_t m = release_current(p, t);
    int n = 0;
    for (int64_t r = m - 1; r <= m + 1; r++) {
        Release *R = &out[n];
        snprintf(R->name, sizeof R->name, "%s-%d.%d.0", PROJECTS[p],
                 (int)(1 + r / 26), (int)(r % 26));
        R->due = release_due(p, r);
        double total0 = 60 + floor(80 * urand(s, "release", R->name, 1));
        double creep = 0.25 * urand(s, "release", R->name, 2);
        double eff = 0.85 + 0.2 * urand(s, "release", R->name, 3);
        double risk = 0;
        for (int f = 0; f < NFACTORS; f++) {
            double base = 0.05 + 0.65 * urand(s, R->name, FACTORS[f], 4);
            if (f == 0)
                base = 0.1 + 2.4 * creep;
            R->risk[f] = clamp(
                base + 0.08 * drift(s, R->name, FACTORS[f], 3 * DAY, t), 0, 1);
            risk += R->risk[f] / NFACTORS;
        }
        R->has_risk = r >= m;
        double ph = (t - release_due(p, m - 1)) /
                    CYCLE; /* progress of the current cycle */
        if (r == m - 1) {
            if (t - R->due > 2 * DAY)
                continue;
            R->status = "released";
            R->done = floor(total0 * (1 + creep));
            R->remaining = 0;
            R->predicted = R->due;
        } else {
            double total;
            if (r == m) {
                total = floor(total0 * (1 + creep * ph));
                R->done = fmin(total, floor(total0 * (0.1 + 0.88 * eff * ph)));
            } else {
                total = floor(total0 * 0.6 * (1 + ph));
                R->done = floor(total0 * 0.04 * ph);
            }
            R->remaining = total - R->done;
            R->predicted = R->due + DAY * (3.0 * risk - 0.9) +
                           10800 * drift(s, "predicted", R->name, 2 * DAY, t);
            R->status = r == m + 1                    ? "planning"
                        : R->predicted > R->due + DAY ? "at_risk"
                                                      : "in_progress";
        }
        n++;
    }
    return n;
}

static void f_release_velocity(Out *o, double t)
{
    char lb[LB];
    for (int p = 0; p < 3; p++) {
        int64_t m = release_current(p, t);
        double v =
            PROJ_VELOCITY[p] *
            (0.8 + 0.4 * urand(o->sim, "velocity", PROJECTS[p], (uint64_t)m));
        put(o, "", L(lb, "project", PROJECTS[p], NULL), floor(v), FMT_INT);
    }
}

static void f_release_info(Out *o, double t)
{
    char lb[LB];
    Release R[3];
    for (int p = 0; p < 3; p++) {
        int n = releases(o->sim, p, t, R);
        for (int i = 0; i < n; i++)
            put(o, "",
                L(lb, "project", PROJECTS[p], "release", R[i].name, "status",
                  R[i].status, NULL),
                1, FMT_INT);
    }
}

static void f_release_target(Out *o, double t)
{
    char lb[LB];
    Release R[3];
    for (int p = 0; p < 3; p++) {
        int n = releases(o->sim, p, t, R);
        for (int i = 0; i < n; i++)
            put(o, "",
                L(lb, "project", PROJECTS[p], "release", R[i].name, NULL),
                R[i].due, FMT_INT);
    }
}

static void f_release_predicted(Out *o, double t)
{
    char lb[LB];
    Release R[3];
    for (int p = 0; p < 3; p++) {
        int n = releases(o->sim, p, t, R);
        for (int i = 0; i < n; i++)
            put(o, "",
                L(lb, "project", PROJECTS[p], "release", R[i].name, NULL),
                floor(R[i].predicted), FMT_INT);
    }
}

static void f_release_tickets(Out *o, double t)
{
    char lb[LB];
    Release R[3];
    for (int p = 0; p < 3; p++) {
        int n = releases(o->sim, p, t, R);
        for (int i = 0; i < n; i++) {
            put(o, "",
                L(lb, "project", PROJECTS[p], "release", R[i].name, "state",
                  "done", NULL),
                R[i].done, FMT_INT);
            put(o, "",
                L(lb, "project", PROJECTS[p], "release", R[i].name, "state",
                  "remaining", NULL),
                R[i].remaining, FMT_INT);
        }
    }
}

static void f_release_risk(Out *o, double t)
{
    char lb[LB];
    Release R[3];
    for (int p = 0; p < 3; p++) {
        int n = releases(o->sim, p, t, R);
        for (int i = 0; i < n; i++)
            if (R[i].has_risk)
                for (int f = 0; f < NFACTORS; f++)
                    put(o, "",
                        L(lb, "release", R[i].name, "factor", FACTORS[f], NULL),
                        R[i].risk[f], FMT_GAUGE);
    }
}

static void f_blockers(Out *o, double t)
{
    char lb[LB];
    static const char *const prio[2] = {"blocker", "critical"};
    static const double base[3][2] = {{0, 1}, {1, 2}, {1, 3}};
    int64_t k = sched_index(&o->sim->inc, t);
    double x = t - sched_start(&o->sim->inc, k);
    int hit = (int)fmod64(k, 3);
    for (int p = 0; p < 3; p++)
        for (int q = 0; q < 2; q++) {
            double v =
                base[p][q] +
                floor(1.99 * (0.5 + 0.5 * drift(o->sim, prio[q], PROJECTS[p],
                                                29 * 3600, t)));
            if (q == 0 && p == hit && x >= 300 && x < 2 * 3600)
                v += 1; /* the incident is tracked as a blocker for two hours */
            put(o, "", L(lb, "project", PROJECTS[p], "priority", prio[q], NULL),
                v, FMT_INT);
        }
}

/* ------------------------------------------------------------------ */
/* Catalog: DORA and deployments (job api-gateway)                     */

static const char *const ENVS[2] = {"production", "staging"};
static const double DEPLOY_PER_DAY[3][2] = {{2.0, 12}, {1.0, 8}, {0.6, 6}};

static void f_dora_freq(Out *o, double t)
{
    char lb[LB];
    for (int p = 0; p < 3; p++)
        for (int e = 0; e < 2; e++) {
            /* production also ships one release before each of its incidents (2
             * a day) */
            double v =
                (DEPLOY_PER_DAY[p][e] + (e == 0 ? 2 : 0)) *
                (1 + 0.15 * drift(o->sim, "dora", PROJECTS[p], 5.7 * DAY, t));
            put(o, "",
                L(lb, "project", PROJECTS[p], "environment", ENVS[e], NULL), v,
                FMT_GAUGE);
        }
}

static void f_dora_lead(Out *o, double t)
{
    char lb[LB];
    static const double base[3] = {3.5, 9, 20};
    for (int p = 0; p < 3; p++)
        put(o, "", L(lb, "project", PROJECTS[p], NULL),
            base[p] *
                (1 + 0.2 * drift(o->sim, "lead", PROJECTS[p], 3.1 * DAY, t)),
            FMT_GAUGE);
}

static void f_dora_mttr(Out *o, double t)
{
    char lb[LB];
    static const char *const sev[3] = {"critical", "high", "medium"};
    static const double base[3] = {0.8, 1.2, 1.9}, mult[3] = {1, 2.5, 7};
    for (int p = 0; p < 3; p++)
        for (int s = 0; s < 3; s++)
            put(o, "", L(lb, "project", PROJECTS[p], "severity", sev[s], NULL),
                base[p] * mult[s] *
                    (1 +
                     0.15 * drift(o->sim, sev[s], PROJECTS[p], 4.4 * DAY, t)),
                FMT_GAUGE);
}

static void f_dora_cfr(Out *o, double t)
{
    char lb[LB];
    static const double base[3] = {4.5, 7.5, 11};
    for (int p = 0; p < 3; p++)
        put(o, "", L(lb, "project", PROJECTS[p], NULL),
            base[p] + 1.5 * drift(o->sim, "cfr", PROJECTS[p], 6.2 * DAY, t),
            FMT_GAUGE);
}

static void f_deployments(Out *o, double t)
{
    char lb[LB];
    for (int p = 0; p < 3; p++)
        for (int e = 0; e < 2; e++) {
            double v =
                floor(DEPLOY_PER_DAY[p][e] / DAY *
                          wint(o->sim, PROJECTS[p], ENVS[e], 0.8, 0.15, t) +
                      urand(o->sim, "deploy", PROJECTS[p], (uint64_t)e));
            if (e == 0)
                v += sched_events(&o->sim->inc, t, DEPLOY_LEAD, 3, p);
            put(o, "",
                L(lb, "project", PROJECTS[p], "environment", ENVS[e], NULL), v,
                FMT_INT);
        }
}

/* ------------------------------------------------------------------ */
/* Catalog: SLOs (job api-gateway)                                     */

#define NSVC 5
static const char *const SERVICES[NSVC] = {"api-gateway", "agent-runtime",
                                           "llm-router", "report-service",
                                           "auth-service"};
static const int SVC_VICTIM[NSVC] = {2, 1, 0, -1, -1};
static const double SVC_BURN[NSVC] = {0.45, 0.5, 0.55, 0.6, 0.3};
static const double SVC_BUDGET[NSVC] = {78, 61, 69, 52, 91};
static const char *const SVC_TIER[NSVC] = {"gold", "silver", "gold", "bronze",
                                           "gold"};
static const char *const SLOS[2] = {"availability", "latency"};
#define REPORT_SVC 3

static double slow_env(const Sim *s, double t)
{
    return sched_env(&s->slow, t);
}

/* Burn rate of (service, slo) at t.  The incident's victim burns at ~65x
 * (availability) with a decaying tail; bystanders see a small bump;
 * report-service burns at ~7x during its daily slow-burn episode. */
static double slo_burn(const Sim *s, int svc, int slo, double t)
{
    double v =
        SVC_BURN[svc] * (slo ? 0.7 : 1) *
            (1 + 0.3 * drift(s, SERVICES[svc], SLOS[slo], 5.3 * DAY, t)) +
        0.08 * gnoise(s, SERVICES[svc], SLOS[slo], t);
    double I = inc_I(s, t);
    int r = SVC_VICTIM[svc];
    if (r >= 0 && inc_victim(s, t) == r)
        v += (slo ? 9 : 65) * I *
             (1 + 0.04 * gnoise(s, "burn", SERVICES[svc], t));
    else
        v += (slo ? 2.5 : 4) * I;
    if (r >= 0)
        v += (slo ? 3 : 7) * inc_tail(s, t, r, 1200);
    if (svc == REPORT_SVC)
        v += (slo ? 2 : 7.2) * slow_env(s, t) *
             (1 + 0.06 * gnoise(s, "slow", SLOS[slo], t));
    return v < 0 ? 0 : v;
}

static void f_slo_burn(Out *o, double t)
{
    char lb[LB];
    for (int i = 0; i < NSVC; i++)
        for (int j = 0; j < 2; j++)
            put(o, "", L(lb, "service", SERVICES[i], "slo_name", SLOS[j], NULL),
                slo_burn(o->sim, i, j, t), FMT_GAUGE);
}

/* Error budget (percent of the 30-day budget) eaten by recent incidents
 * and slow-burn episodes, recovering as they slide out of the window. */
static double slo_drop(const Sim *s, int svc, int slo, double t)
{
    double drop = 0;
    int r = SVC_VICTIM[svc];
    if (r >= 0) {
        const Sched *sc = &s->inc;
        double area = sched_area(sc, (double)sc->len);
        int64_t j = sched_last(sc, t, 3, r);
        for (int i = 0; i < 4; i++, j -= 3) {
            double st = sched_start(sc, j), age = t - (st + (double)sc->len);
            double rec = age <= 0 ? 1 : fmax(0, 1 - age / (36 * 3600));
            drop += (slo ? 1.2 : 3.2) * sched_area(sc, t - st) / area * rec;
        }
    }
    if (svc == REPORT_SVC) {
        const Sched *sc = &s->slow;
        double area = sched_area(sc, (double)sc->len);
        int64_t j = sched_index(sc, t);
        for (int i = 0; i < 2; i++, j--) {
            double st = sched_start(sc, j), age = t - (st + (double)sc->len);
            double rec = age <= 0 ? 1 : fmax(0, 1 - age / DAY);
            drop += (slo ? 2 : 6) * sched_area(sc, t - st) / area * rec;
        }
    }
    return drop;
}

static void f_slo_budget(Out *o, double t)
{
    char lb[LB];
    for (int i = 0; i < NSVC; i++)
        for (int j = 0; j < 2; j++) {
            double v = SVC_BUDGET[i] + (j ? 8 : 0) +
                       4 * drift(o->sim, SERVICES[i], SLOS[j], 9.1 * DAY, t) -
                       slo_drop(o->sim, i, j, t);
            put(o, "", L(lb, "service", SERVICES[i], "slo_name", SLOS[j], NULL),
                clamp(v, 0, 100), FMT_GAUGE);
        }
}

static void f_sla(Out *o, double t)
{
    char lb[LB];
    for (int i = 0; i < NSVC; i++) {
        double v =
            99.97 -
            0.02 * (1 + drift(o->sim, "sla", SERVICES[i], 2.9 * DAY, t)) -
            0.12 * slo_drop(o->sim, i, 0, t);
        put(o, "", L(lb, "service", SERVICES[i], "sla_tier", SVC_TIER[i], NULL),
            clamp(v, 0, 100), FMT_GAUGE);
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: security and admin (job api-gateway)                       */

static const struct {
    const char *method;
    double rps, fail, inc_fail;
} AUTH[] = {
    {"sso", 0.25, 0.01, 0},
    {"password", 0.06, 0.06, 1.5}, /* brute force during incidents */
    {"api_key", 0.15, 0.02, 0.2},
    {"mfa", 0.05, 0.04, 0},
};

static void f_auth_attempts(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < sizeof AUTH / sizeof AUTH[0]; i++) {
        double n =
            AUTH[i].rps * wint(o->sim, "auth", AUTH[i].method, 0.55, 0.3, t);
        put(o, "", L(lb, "result", "success", "method", AUTH[i].method, NULL),
            floor(n * (1 - AUTH[i].fail)), FMT_INT);
        put(o, "", L(lb, "result", "failure", "method", AUTH[i].method, NULL),
            floor(n * AUTH[i].fail + AUTH[i].inc_fail * E), FMT_INT);
    }
}

static const struct {
    const char *user, *source;
    double rate, inc;
} AUTH_FAIL[] = {
    {"jsmith", "10.20.4.17", 0.0004, 0},
    {"mchen", "10.20.7.32", 0.0003, 0},
    {"svc-deploy", "10.30.0.5", 0.0002, 0},
    {"admin", "203.0.113.45", 0.00005, 1.2},
    {"root", "198.51.100.23", 0.0001, 0.3},
    {"unknown", "192.0.2.77", 0.0002, 0},
};

static void f_auth_failures(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < sizeof AUTH_FAIL / sizeof AUTH_FAIL[0]; i++)
        put(o, "",
            L(lb, "user", AUTH_FAIL[i].user, "source", AUTH_FAIL[i].source,
              NULL),
            floor(AUTH_FAIL[i].rate * wint(o->sim, AUTH_FAIL[i].user,
                                           AUTH_FAIL[i].source, 0.5, 0.45, t) +
                  AUTH_FAIL[i].inc * E),
            FMT_INT);
}

static void f_active_users(Out *o, double t)
{
    put(o, "", "",
        floor(82 * wval(o->sim, "active", "users", 0.6, 0.15, t) +
              3 * gnoise(o->sim, "active", "users", t)),
        FMT_INT);
}

static void f_users_by_role(Out *o, double t)
{
    char lb[LB];
    static const char *const roles[5] = {"admin", "release_manager", "engineer",
                                         "viewer", "auditor"};
    static const double base[5] = {4, 11, 86, 38, 3},
                        swing[5] = {0, 1, 4, 3, 0};
    for (int i = 0; i < 5; i++)
        put(o, "", L(lb, "role", roles[i], NULL),
            floor(base[i] + swing[i] * (1 + drift(o->sim, "role", roles[i],
                                                  17 * DAY, t))),
            FMT_INT);
}

static void f_config_changes(Out *o, double t)
{
    char lb[LB];
    static const char *const sections[6] = {
        "llm", "guardrails", "rbac", "integrations", "alerting", "slo"};
    static const double hours[6] = {6, 14, 20, 10, 16, 30};
    for (int i = 0; i < 6; i++) {
        double v = floor(wint(o->sim, "config", sections[i], 0.8, 0.15, t) /
                         (hours[i] * 3600));
        if (i == 4) /* someone tunes alerting five minutes into each incident */
            v += sched_events(&o->sim->inc, t, -300, 1, 0);
        put(o, "", L(lb, "section", sections[i], NULL), v, FMT_INT);
    }
}

static void f_audit_events(Out *o, double t)
{
    char lb[LB];
    static const char *const types[6] = {"login",         "logout",
                                         "config_change", "permission_change",
                                         "data_export",   "api_key_created"};
    static const double rate[6] = {0.28,        0.2,        1.0 / 3600,
                                   1.0 / 14400, 1.0 / 3600, 1.0 / DAY};
    for (int i = 0; i < 6; i++)
        put(o, "", L(lb, "event_type", types[i], NULL),
            floor(rate[i] * wint(o->sim, "audit", types[i], 0.6, 0.3, t)),
            FMT_INT);
}

static void f_api_keys(Out *o, double t)
{
    char lb[LB];
    static const char *const keys[5] = {"ci-pipeline", "grafana-sync",
                                        "jira-webhook", "slack-bot",
                                        "partner-acme"};
    static const double rate[5] = {0.08, 0.05, 0.12, 0.03, 0.02};
    double E = inc_E(o->sim, t);
    for (int i = 0; i < 5; i++)
        put(o, "", L(lb, "api_key", keys[i], NULL),
            floor(rate[i] * wint(o->sim, "apikey", keys[i], 0.4, 0.4, t) +
                  (i == 4 ? 0.2 * E : 0)),
            FMT_INT);
}

static void f_sensitive(Out *o, double t)
{
    char lb[LB];
    static const char *const classes[4] = {"pii", "credentials", "financial",
                                           "customer_data"};
    static const double rate[4] = {0.004, 0.0008, 0.0015, 0.003};
    for (int i = 0; i < 4; i++)
        put(o, "", L(lb, "data_class", classes[i], NULL),
            floor(rate[i] *
                  wint(o->sim, "sensitive", classes[i], 0.7, 0.25, t)),
            FMT_INT);
}

static const struct {
    const char *endpoint, *client;
    double rate, inc;
} RATE_LIMIT[] = {
    {"/api/chat", "partner-acme", 0.002, 0.3},
    {"/api/search", "mobile-app", 0.001, 0},
    {"/api/agents", "ci-pipeline", 0.0005, 0},
    {"/api/chat", "mobile-app", 0.0008, 0.05},
    {"/api/reports", "partner-acme", 0.0003, 0},
};

static void f_rate_limit(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < sizeof RATE_LIMIT / sizeof RATE_LIMIT[0]; i++)
        put(o, "",
            L(lb, "endpoint", RATE_LIMIT[i].endpoint, "client_id",
              RATE_LIMIT[i].client, NULL),
            floor(RATE_LIMIT[i].rate * wint(o->sim, RATE_LIMIT[i].endpoint,
                                            RATE_LIMIT[i].client, 0.55, 0.4,
                                            t) +
                  RATE_LIMIT[i].inc * E),
            FMT_INT);
}

static const struct {
    const char *user, *resource, *action;
    double rate;
} RBAC[] = {
    {"jsmith", "release", "approve", 0.0002},
    {"mchen", "config", "write", 0.0001},
    {"svc-deploy", "secrets", "read", 0.00015},
    {"viewer-bot", "agents", "execute", 0.0003},
    {"contractor-01", "reports", "export", 0.0001},
};

static void f_rbac(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < sizeof RBAC / sizeof RBAC[0]; i++)
        put(o, "",
            L(lb, "user", RBAC[i].user, "resource", RBAC[i].resource, "action",
              RBAC[i].action, NULL),
            floor(RBAC[i].rate *
                  wint(o->sim, RBAC[i].user, RBAC[i].resource, 0.6, 0.35, t)),
            FMT_INT);
}

static const struct {
    const char *type, *severity;
    double rate, inc;
} SUSPICIOUS[] = {
    {"brute_force", "high", 0.00002, 0.02},
    {"impossible_travel", "medium", 0.00003, 0},
    {"token_reuse", "high", 0.00001, 0},
    {"unusual_export", "medium", 0.00005, 0},
    {"credential_stuffing", "critical", 0, 0.005},
};

static void f_suspicious(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < sizeof SUSPICIOUS / sizeof SUSPICIOUS[0]; i++)
        put(o, "",
            L(lb, "activity_type", SUSPICIOUS[i].type, "severity",
              SUSPICIOUS[i].severity, NULL),
            floor(SUSPICIOUS[i].rate * wint(o->sim, "suspicious",
                                            SUSPICIOUS[i].type, 0.4, 0.4, t) +
                  SUSPICIOUS[i].inc * E),
            FMT_INT);
}

static void f_token_refresh(Out *o, double t)
{
    char lb[LB];
    static const char *const reasons[3] = {"expired", "rotation",
                                           "forced_logout"};
    static const double rate[3] = {0.15, 0.02, 0.001};
    for (int i = 0; i < 3; i++)
        put(o, "", L(lb, "reason", reasons[i], NULL),
            floor(rate[i] * wint(o->sim, "refresh", reasons[i], 0.55, 0.3, t)),
            FMT_INT);
}

/* ------------------------------------------------------------------ */
/* Catalog: cost (job api-gateway)                                     */

static void f_cost(Out *o, double t)
{
    char lb[LB];
    static const char *const features[4] = {"release_analysis", "chat",
                                            "report_generation", "code_review"};
    static const char *const teams[4] = {"release-eng", "platform", "analytics",
                                         "devex"};
    static const char *const types[3] = {"llm", "compute", "storage"};
    static const double rate[4][3] = {/* dollars per second */
                                      {0.004, 0.0012, 0.0002},
                                      {0.006, 0.0018, 0.0001},
                                      {0.002, 0.0009, 0.0004},
                                      {0.003, 0.0007, 0.0001}};
    for (int f = 0; f < 4; f++)
        for (int c = 0; c < 3; c++)
            put(o, "",
                L(lb, "feature", features[f], "cost_type", types[c], "team",
                  teams[f], NULL),
                rate[f][c] * wint(o->sim, features[f], types[c],
                                  c == 2 ? 0.05 : 0.4, 0.2, t),
                FMT_FLOAT);
}

static void f_resource_cost(Out *o, double t)
{
    char lb[LB];
    static const char *const res[3] = {"compute", "memory", "storage"};
    static const double compute[NSVC] = {1.8, 2.4, 3.1, 0.6, 0.4};
    static const double mult[3] = {1, 0.35, 0.08};
    for (int i = 0; i < NSVC; i++)
        for (int r = 0; r < 3; r++) {
            double v = compute[i] * mult[r];
            if (r == 0) /* autoscaling follows the load */
                v *= wval(o->sim, "rescost", SERVICES[i], 0.15, 0.03, t);
            put(o, "",
                L(lb, "service", SERVICES[i], "resource_type", res[r], NULL), v,
                FMT_GAUGE);
        }
}

static void f_queue_depth(Out *o, double t)
{
    char lb[LB];
    static const char *const queues[5] = {"agent_tasks", "report_jobs",
                                          "jira_sync", "embeddings",
                                          "notifications"};
    static const double base[5] = {12, 3, 25, 140, 6};
    static const double climb[5] = {9, 1.5, 4, 15,
                                    6}; /* jobs per minute of incident */
    const Sched *sc = &o->sim->inc;
    double x = inc_elapsed(o->sim, t), top = (double)(sc->len - sc->down);
    for (int q = 0; q < 5; q++) {
        double v = base[q] * wval(o->sim, "queue", queues[q], 0.4, 0.15, t) +
                   0.15 * base[q] * gnoise(o->sim, "queue", queues[q], t);
        if (t >= ORIGIN)
            v += x <= top ? climb[q] * x / 60
                          : climb[q] * top / 60 * exp(-(x - top) / 400);
        put(o, "", L(lb, "queue", queues[q], NULL), floor(fmax(0, v)), FMT_INT);
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: HTTP (job api-gateway)                                     */

static const struct {
    const char *handler;
    const char *methods[2];
    double rps[2], median, sigma, inc;
} HANDLERS[] = {
    {"/api/chat", {"POST", NULL}, {3.0, 0}, 0.18, 0.75, 1.0},
    {"/api/agents", {"GET", "POST"}, {1.5, 0.5}, 0.06, 0.8, 1.0},
    {"/api/reports", {"GET", "POST"}, {0.4, 0.1}, 0.22, 0.7, 1.0},
    {"/api/health", {"GET", NULL}, {2.0, 0}, 0.003, 0.4, 0.3},
    {"/api/search", {"GET", NULL}, {2.5, 0}, 0.09, 0.7, 1.0},
};
#define NHANDLERS (sizeof HANDLERS / sizeof HANDLERS[0])
static const char *const CODES[5] = {"200", "400", "404", "500", "503"};
static const double CODE_SHARE[5] = {0.962, 0.02, 0.013, 0.003, 0.002};
static const double HEALTH_SHARE[5] = {0.999, 0, 0, 0, 0.001};
static const double INC_CODE_SHARE[5] = {0.3, 0, 0, 0.3, 0.4};
#define HTTP_INC                                                               \
    0.5 /* incident retries and timeouts, share of the handler's base rate */
#define REPORTS_HANDLER 2

static double handler_rps(size_t h)
{
    return HANDLERS[h].rps[0] + HANDLERS[h].rps[1];
}

static void f_http_requests(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    double Es = sched_int(&o->sim->slow, t, 1, 0);
    for (size_t h = 0; h < NHANDLERS; h++) {
        double W = wint(o->sim, "http", HANDLERS[h].handler, 0.45, 0.25, t);
        const double *share = h == 3 ? HEALTH_SHARE : CODE_SHARE;
        for (int m = 0; m < 2 && HANDLERS[h].methods[m]; m++) {
            double rps = HANDLERS[h].rps[m];
            for (int c = 0; c < 5; c++) {
                double v = rps * share[c] * W + HTTP_INC * HANDLERS[h].inc *
                                                    rps * INC_CODE_SHARE[c] * E;
                if (h == REPORTS_HANDLER &&
                    c == 3) /* report-service slow burn */
                    v += 0.05 * rps * Es;
                put(o, "",
                    L(lb, "handler", HANDLERS[h].handler, "code", CODES[c],
                      "method", HANDLERS[h].methods[m], NULL),
                    floor(v), FMT_INT);
            }
        }
    }
}

static void f_http_duration(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t h = 0; h < NHANDLERS; h++) {
        double rps = handler_rps(h);
        hist(o, L(lb, "handler", HANDLERS[h].handler, NULL), LE_LATENCY,
             NLE_LATENCY,
             rps * wint(o->sim, "http", HANDLERS[h].handler, 0.45, 0.25, t),
             lognormal(HANDLERS[h].median, HANDLERS[h].sigma),
             HTTP_INC * HANDLERS[h].inc * rps * E, lognormal(2.5, 0.6));
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: targets (`up`)                                             */

static const struct {
    const char *job, *instance;
    int victim; /* incident victim index or -1 */
} TARGETS[] = {
    {"api-gateway", "api-gateway-0:8080", -1},
    {"api-gateway", "api-gateway-1:8080", 2},
    {"agent-runtime", "agent-runtime-0:8000", -1},
    {"agent-runtime", "agent-runtime-1:8000", 1},
    {"llm-router", "llm-router-0:8000", -1},
    {"llm-router", "llm-router-1:8000", 0},
    {"postgres", "postgres-0:9187", -1},
    {"redis", "redis-cache:6379", -1},
    {"kube-state-metrics", "kube-state-metrics:8080", -1},
    {"cadvisor", "cadvisor:8080", -1},
    {"prometheus", "localhost:9090", -1},
};

static void f_up(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < sizeof TARGETS / sizeof TARGETS[0]; i++) {
        int down =
            TARGETS[i].victim >= 0 && inc_down(o->sim, t, TARGETS[i].victim);
        put(o, "",
            L(lb, "job", TARGETS[i].job, "instance", TARGETS[i].instance, NULL),
            down ? 0 : 1, FMT_INT);
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: containers and Kubernetes (jobs cadvisor, kube-state-metrics) */

#define MiB (1024.0 * 1024.0)
#define GiB (1024.0 * MiB)

static const struct {
    const char *ns, *pod, *container, *node;
    int victim;
    double cpu, mem, rx, tx, fs, req_cpu, req_mem;
} PODS[] = {
    {"nexus", "api-gateway-6d8f7b9c4-2xk7p", "api-gateway", "worker-1", -1,
     0.35, 380 * MiB, 1.2e6, 3.5e6, 120 * MiB, 0.5, 512 * MiB},
    {"nexus", "api-gateway-6d8f7b9c4-9qm4t", "api-gateway", "worker-2", 2, 0.35,
     390 * MiB, 1.2e6, 3.4e6, 118 * MiB, 0.5, 512 * MiB},
    {"nexus", "agent-runtime-5c7d9f6b8-h4n2v", "agent-runtime", "worker-1", -1,
     0.6, 1.2 * GiB, 4e5, 2e5, 300 * MiB, 1.0, 2 * GiB},
    {"nexus", "agent-runtime-5c7d9f6b8-w8r6z", "agent-runtime", "worker-2", 1,
     0.6, 1.15 * GiB, 4e5, 2e5, 290 * MiB, 1.0, 2 * GiB},
    {"nexus", "llm-router-7f9b8c6d5-j3p9s", "llm-router", "worker-1", -1, 0.45,
     900 * MiB, 3e5, 9e5, 150 * MiB, 0.75, 1 * GiB},
    {"nexus", "llm-router-7f9b8c6d5-t6v2x", "llm-router", "worker-3", 0, 0.45,
     880 * MiB, 3e5, 9e5, 148 * MiB, 0.75, 1 * GiB},
    {"nexus", "report-service-84c6d7f9b-l5k8m", "report-service", "worker-2",
     -1, 0.2, 600 * MiB, 1.5e5, 4e5, 2 * GiB, 0.5, 768 * MiB},
    {"nexus", "auth-service-69b7c8d4f-q2w4e", "auth-service", "worker-3", -1,
     0.1, 200 * MiB, 1e5, 1.2e5, 60 * MiB, 0.25, 256 * MiB},
    {"data", "postgres-0", "postgres", "worker-1", -1, 0.8, 2.5 * GiB, 2e6,
     2.5e6, 18 * GiB, 2.0, 4 * GiB},
    {"data", "redis-cache-0", "redis", "worker-2", -1, 0.15, 700 * MiB, 1.8e6,
     2.2e6, 1 * GiB, 0.25, 1 * GiB},
    {"monitoring", "prometheus-0", "prometheus", "worker-3", -1, 0.3, 1.8 * GiB,
     5e5, 1e5, 25 * GiB, 0.5, 2 * GiB},
};
#define NPODS (sizeof PODS / sizeof PODS[0])

#define POD_LABELS(lb, i)                                                      \
    L(lb, "namespace", PODS[i].ns, "pod", PODS[i].pod, "container",            \
      PODS[i].container, NULL)

static double pod_hit_E(const Sim *s, size_t i, double t)
{
    return PODS[i].victim >= 0 ? sched_int(&s->inc, t, 3, PODS[i].victim) : 0;
}

static void f_cpu(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NPODS; i++)
        put(o, "", POD_LABELS(lb, i),
            PODS[i].cpu * wint(o->sim, "cpu", PODS[i].pod, 0.4, 0.3, t) +
                0.3 * PODS[i].cpu * E + 1.2 * pod_hit_E(o->sim, i, t),
            FMT_FLOAT);
}

static void f_memory(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < NPODS; i++) {
        double v =
            PODS[i].mem * (wval(o->sim, "mem", PODS[i].pod, 0.1, 0.03, t) +
                           0.01 * gnoise(o->sim, "mem", PODS[i].pod, t));
        if (PODS[i].victim >= 0) {
            double x = inc_elapsed(o->sim, t);
            if (inc_victim(o->sim, t) == PODS[i].victim &&
                x < DOWN_FROM) /* leak before crash */
                v *= 1 + 0.8 * x / DOWN_FROM;
            else if (inc_down(
                         o->sim, t,
                         PODS[i].victim)) /* crash-looping, restarted small */
                v *= 0.35 + 0.1 * gnoise(o->sim, "crash", PODS[i].pod, t);
        }
        put(o, "", POD_LABELS(lb, i), floor(v), FMT_INT);
    }
}

static void f_net_rx(Out *o, double t)
{
    char lb[LB];
    double E = inc_E(o->sim, t);
    for (size_t i = 0; i < NPODS; i++)
        put(o, "", POD_LABELS(lb, i),
            floor(PODS[i].rx *
                  (wint(o->sim, "rx", PODS[i].pod, 0.45, 0.3, t) + 0.4 * E)),
            FMT_INT);
}

static void f_net_tx(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < NPODS; i++)
        put(o, "", POD_LABELS(lb, i),
            floor(PODS[i].tx * wint(o->sim, "tx", PODS[i].pod, 0.45, 0.3, t)),
            FMT_INT);
}

static void f_fs(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < NPODS; i++) {
        /* logs and data grow, compacted once a week */
        double week = 7 * DAY,
               age =
                   fmod(t - ORIGIN + urand(o->sim, "fs", PODS[i].pod, 0) * week,
                        week);
        double v = PODS[i].fs * (0.7 + 0.5 * age / week);
        put(o, "", POD_LABELS(lb, i), floor(v), FMT_INT);
    }
}

static void f_restarts(Out *o, double t)
{
    char lb[LB];
    double area = sched_area(&o->sim->inc, (double)o->sim->inc.len);
    for (size_t i = 0; i < NPODS; i++) {
        double v = floor(wint(o->sim, "restart", PODS[i].pod, 0.2, 0.5, t) /
                         (9 * DAY));
        v += floor(5 * pod_hit_E(o->sim, i, t) /
                   area); /* five crash restarts per incident */
        put(o, "", POD_LABELS(lb, i), v, FMT_INT);
    }
}

static const struct {
    const char *name;
    int replicas, victim;
} DEPLOYMENTS[] = {
    {"api-gateway", 2, 2},     {"agent-runtime", 2, 1}, {"llm-router", 2, 0},
    {"report-service", 1, -1}, {"auth-service", 1, -1},
};
#define NDEPLOY (sizeof DEPLOYMENTS / sizeof DEPLOYMENTS[0])

static void f_deploy_spec(Out *o, double t)
{
    char lb[LB];
    (void)t;
    for (size_t i = 0; i < NDEPLOY; i++)
        put(o, "",
            L(lb, "namespace", "nexus", "deployment", DEPLOYMENTS[i].name,
              NULL),
            DEPLOYMENTS[i].replicas, FMT_INT);
}

static void f_deploy_available(Out *o, double t)
{
    char lb[LB];
    for (size_t i = 0; i < NDEPLOY; i++) {
        int v = DEPLOYMENTS[i].replicas;
        if (DEPLOYMENTS[i].victim >= 0 &&
            inc_down(o->sim, t, DEPLOYMENTS[i].victim))
            v--;
        put(o, "",
            L(lb, "namespace", "nexus", "deployment", DEPLOYMENTS[i].name,
              NULL),
            v, FMT_INT);
    }
}

static const char *const NODES[3] = {"worker-1", "worker-2", "worker-3"};

static void f_node_allocatable(Out *o, double t)
{
    char lb[LB];
    (void)t;
    for (int n = 0; n < 3; n++) {
        put(o, "", L(lb, "node", NODES[n], "resource", "cpu", NULL), 7.91,
            FMT_GAUGE);
        put(o, "", L(lb, "node", NODES[n], "resource", "memory", NULL),
            31.3 * GiB, FMT_INT);
    }
}

static void f_pod_requests(Out *o, double t)
{
    char lb[LB];
    (void)t;
    for (int n = 0; n < 3; n++) {
        double cpu = 0, mem = 0;
        for (size_t i = 0; i < NPODS; i++)
            if (strcmp(PODS[i].node, NODES[n]) == 0) {
                cpu += PODS[i].req_cpu;
                mem += PODS[i].req_mem;
            }
        put(o, "", L(lb, "node", NODES[n], "resource", "cpu", NULL), cpu,
            FMT_GAUGE);
        put(o, "", L(lb, "node", NODES[n], "resource", "memory", NULL), mem,
            FMT_INT);
    }
}

/* ------------------------------------------------------------------ */
/* Catalog: Redis and PostgreSQL                                       */

#define REDIS_INSTANCE "redis-cache:6379"

/* The catalog's `instance` label of redis_* is the scrape target's. */
static void f_redis_hits(Out *o, double t)
{
    put(o, "", "", floor(850 * wint(o->sim, "redis", "hits", 0.45, 0.2, t)),
        FMT_INT);
}

static void f_redis_misses(Out *o, double t)
{
    put(o, "", "",
        floor(95 * wint(o->sim, "redis", "misses", 0.45, 0.3, t) +
              300 * inc_E(o->sim, t)),
        FMT_INT);
}

static void f_redis_clients(Out *o, double t)
{
    put(o, "", "",
        floor(52 * wval(o->sim, "redis", "clients", 0.25, 0.1, t) +
              30 * inc_I(o->sim, t)),
        FMT_INT);
}

static void f_pg_activity(Out *o, double t)
{
    char lb[LB];
    static const char *const dbs[2] = {"nexus", "analytics"};
    static const char *const states[3] = {"active", "idle",
                                          "idle in transaction"};
    static const double base[2][3] = {{9, 38, 1.2}, {2.5, 10, 0.4}};
    static const double inc[2][3] = {{25, -10, 6}, {2, 0, 0.5}};
    double I = inc_I(o->sim, t);
    for (int d = 0; d < 2; d++)
        for (int s = 0; s < 3; s++) {
            double v =
                base[d][s] * wval(o->sim, dbs[d], states[s], 0.4, 0.3, t) +
                0.5 * gnoise(o->sim, dbs[d], states[s], t) + inc[d][s] * I;
            put(o, "", L(lb, "datname", dbs[d], "state", states[s], NULL),
                floor(fmax(0, v)), FMT_INT);
        }
}

/* ------------------------------------------------------------------ */
/* The catalog                                                         */

#define GW "api-gateway", "api-gateway-0:8080"
#define AGENT "agent-runtime", "agent-runtime-0:8000"
#define LLM "llm-router", "llm-router-0:8000"
#define KSM "kube-state-metrics", "kube-state-metrics:8080"
#define CADV "cadvisor", "cadvisor:8080"

static const Family FAMILIES[] = {
    {"nexus_llm_requests_total", T_COUNTER, LLM, f_llm_requests,
     "LLM requests by model and status."},
    {"nexus_llm_tokens_total", T_COUNTER, LLM, f_llm_tokens,
     "LLM tokens by model and type."},
    {"nexus_llm_cost_dollars_total", T_COUNTER, LLM, f_llm_cost,
     "LLM spend in US dollars."},
    {"nexus_llm_tokens_per_second", T_GAUGE, LLM, f_llm_tps,
     "LLM generation speed."},
    {"nexus_llm_latency_seconds", T_HISTOGRAM, LLM, f_llm_latency,
     "LLM request latency."},
    {"nexus_ai_hallucination_rate", T_GAUGE, LLM, f_hallucination,
     "Detected hallucination rate (0-1)."},
    {"nexus_ai_guardrail_triggers_total", T_COUNTER, LLM, f_guardrails,
     "Number of guardrail activations."},
    {"nexus_ai_confidence_score", T_HISTOGRAM, LLM, f_confidence,
     "Model confidence distribution."},
    {"nexus_ai_output_quality_score", T_GAUGE, LLM, f_quality_ai,
     "Quality score of AI outputs (0-100)."},
    {"nexus_ai_prompt_length_tokens", T_HISTOGRAM, LLM, f_prompt_length,
     "Input prompt length distribution."},
    {"nexus_tool_usage_total", T_COUNTER, AGENT, f_tool_usage,
     "Agent tool invocations."},
    {"nexus_tool_latency_seconds", T_HISTOGRAM, AGENT, f_tool_latency,
     "Agent tool latency."},
    {"nexus_agent_tasks_total", T_COUNTER, AGENT, f_agent_tasks,
     "Agent tasks by outcome."},
    {"nexus_agent_up", T_GAUGE, AGENT, f_agent_up,
     "Whether an agent is healthy (1) or down (0)."},
    {"nexus_react_iterations_count", T_HISTOGRAM, AGENT, f_react_iterations,
     "ReAct iterations per task."},
    {"nexus_react_loop_duration_seconds", T_HISTOGRAM, AGENT, f_react_loop,
     "Duration of a whole ReAct loop."},
    {"nexus_react_step_duration_seconds", T_HISTOGRAM, AGENT, f_react_step,
     "Duration of one ReAct step."},
    {"ai_requests_total", T_COUNTER, AGENT, f_ai_requests,
     "AI execution requests by status and tool."},
    {"ai_request_duration_seconds", T_HISTOGRAM, AGENT, f_ai_duration,
     "AI execution request duration."},
    {"nexus_release_decisions_total", T_COUNTER, GW, f_release_decisions,
     "Release go/no-go decisions."},
    {"nexus_jira_tickets_processed_total", T_COUNTER, GW, f_jira_tickets,
     "Jira tickets processed."},
    {"nexus_reports_generated_total", T_COUNTER, GW, f_reports,
     "Reports generated by type."},
    {"nexus_quality_score", T_GAUGE, GW, f_quality_score,
     "Jira hygiene score (0-100)."},
    {"nexus_release_velocity", T_GAUGE, GW, f_release_velocity,
     "Story points per sprint."},
    {"nexus_release_info", T_GAUGE, GW, f_release_info,
     "Releases and their status (always 1)."},
    {"nexus_release_target_timestamp_seconds", T_GAUGE, GW, f_release_target,
     "Target release date (unix time)."},
    {"nexus_release_predicted_timestamp_seconds", T_GAUGE, GW,
     f_release_predicted, "Predicted release date (unix time)."},
    {"nexus_release_tickets", T_GAUGE, GW, f_release_tickets,
     "Release tickets done and remaining."},
    {"nexus_jira_blocker_tickets", T_GAUGE, GW, f_blockers,
     "Open blocker and critical tickets."},
    {"nexus_release_risk_score", T_GAUGE, GW, f_release_risk,
     "Release risk by factor (0-1)."},
    {"nexus_dora_deployment_frequency", T_GAUGE, GW, f_dora_freq,
     "Deployments per day."},
    {"nexus_dora_lead_time_hours", T_GAUGE, GW, f_dora_lead,
     "Lead time from commit to production."},
    {"nexus_dora_mttr_hours", T_GAUGE, GW, f_dora_mttr,
     "Mean time to recovery."},
    {"nexus_dora_change_failure_rate", T_GAUGE, GW, f_dora_cfr,
     "Percentage of deployments causing failures."},
    {"nexus_deployments_total", T_COUNTER, GW, f_deployments, "Deployments."},
    {"nexus_slo_error_budget_remaining", T_GAUGE, GW, f_slo_budget,
     "Remaining error budget percentage."},
    {"nexus_slo_burn_rate", T_GAUGE, GW, f_slo_burn, "Current SLO burn rate."},
    {"nexus_sla_compliance_percentage", T_GAUGE, GW, f_sla,
     "Current SLA compliance percentage."},
    {"nexus_admin_auth_attempts_total", T_COUNTER, GW, f_auth_attempts,
     "Authentication attempts."},
    {"nexus_admin_auth_failures_total", T_COUNTER, GW, f_auth_failures,
     "Failed logins by user and source address."},
    {"nexus_admin_active_users", T_GAUGE, GW, f_active_users,
     "Active user sessions."},
    {"nexus_admin_users_by_role", T_GAUGE, GW, f_users_by_role,
     "Users by role."},
    {"nexus_admin_config_changes_total", T_COUNTER, GW, f_config_changes,
     "Configuration changes by section."},
    {"nexus_audit_events_total", T_COUNTER, GW, f_audit_events,
     "Audit log events by type."},
    {"nexus_api_key_requests_total", T_COUNTER, GW, f_api_keys,
     "Requests by API key."},
    {"nexus_sensitive_data_access_total", T_COUNTER, GW, f_sensitive,
     "Accesses to sensitive data by class."},
    {"nexus_rate_limit_exceeded_total", T_COUNTER, GW, f_rate_limit,
     "Rate limit exceeded events."},
    {"nexus_rbac_denial_total", T_COUNTER, GW, f_rbac,
     "RBAC permission denials."},
    {"nexus_suspicious_activity_total", T_COUNTER, GW, f_suspicious,
     "Detected suspicious activities."},
    {"nexus_token_refresh_total", T_COUNTER, GW, f_token_refresh,
     "JWT token refresh events."},
    {"nexus_cost_dollars_total", T_COUNTER, GW, f_cost,
     "Costs attributed by feature."},
    {"nexus_resource_cost_hourly", T_GAUGE, GW, f_resource_cost,
     "Hourly resource cost estimate."},
    {"nexus_queue_depth", T_GAUGE, GW, f_queue_depth,
     "Jobs waiting in background queues."},
    {"http_requests_total", T_COUNTER, GW, f_http_requests, "HTTP requests."},
    {"http_request_duration_seconds", T_HISTOGRAM, GW, f_http_duration,
     "HTTP request latency."},
    {"up", T_GAUGE, NULL, NULL, f_up,
     "Whether the target is up (1) or down (0)."},
    {"container_cpu_usage_seconds_total", T_COUNTER, CADV, f_cpu,
     "Cumulative CPU time consumed."},
    {"container_memory_usage_bytes", T_GAUGE, CADV, f_memory,
     "Current memory usage."},
    {"container_network_receive_bytes_total", T_COUNTER, CADV, f_net_rx,
     "Bytes received."},
    {"container_network_transmit_bytes_total", T_COUNTER, CADV, f_net_tx,
     "Bytes transmitted."},
    {"container_fs_usage_bytes", T_GAUGE, CADV, f_fs,
     "Bytes used on the container filesystem."},
    {"kube_pod_container_status_restarts_total", T_COUNTER, KSM, f_restarts,
     "Container restarts."},
    {"kube_deployment_spec_replicas", T_GAUGE, KSM, f_deploy_spec,
     "Desired replicas."},
    {"kube_deployment_status_replicas_available", T_GAUGE, KSM,
     f_deploy_available, "Available replicas."},
    {"kube_node_status_allocatable", T_GAUGE, KSM, f_node_allocatable,
     "Allocatable node resources (cpu cores, memory bytes)."},
    {"kube_pod_container_resource_requests", T_GAUGE, KSM, f_pod_requests,
     "Resources requested by the pods of a node (cpu cores, memory bytes)."},
    {"redis_keyspace_hits_total", T_COUNTER, "redis", REDIS_INSTANCE,
     f_redis_hits, "Keyspace hits."},
    {"redis_keyspace_misses_total", T_COUNTER, "redis", REDIS_INSTANCE,
     f_redis_misses, "Keyspace misses."},
    {"redis_connected_clients", T_GAUGE, "redis", REDIS_INSTANCE,
     f_redis_clients, "Connected clients."},
    {"pg_stat_activity_count", T_GAUGE, "postgres", "postgres-0:9187",
     f_pg_activity, "Connections by database and state."},
};
#define NFAMILIES (sizeof FAMILIES / sizeof FAMILIES[0])

/* ------------------------------------------------------------------ */
/* Writers                                                             */

static const char *type_name(FamType t)
{
    return t == T_COUNTER ? "counter" : t == T_GAUGE ? "gauge" : "histogram";
}

/* Write all families at one instant in the Prometheus text format. */
static void write_text(const Sim *sim, FILE *fp, double t)
{
    Out o;
    memset(&o, 0, sizeof o);
    o.mode = OUT_TEXT;
    o.sim = sim;
    o.fp = fp;
    for (size_t i = 0; i < NFAMILIES; i++) {
        Family f = FAMILIES[i];
        o.fam = &f;
        fprintf(fp, "# HELP %s %s\n# TYPE %s %s\n", f.name, f.help, f.name,
                type_name(f.type));
        f.emit(&o, t);
    }
}

static void out_free_rows(Out *o)
{
    for (size_t i = 0; i < o->nrows; i++) {
        free(o->rows[i].key);
        free(o->rows[i].v);
    }
    for (size_t i = 0; i < o->ngroups; i++)
        free(o->groups[i]);
    o->nrows = 0;
    o->ngroups = 0;
    if (o->slots)
        memset(o->slots, 0, o->nslots * sizeof *o->slots);
}

/* `import` writes timestamps in milliseconds and no metadata lines. */
static int import_format;

static void om_line(FILE *fp, const Row *r, double v, int64_t ts)
{
    char buf[LB + 384];
    size_t n = strlen(r->key);
    if (n > LB + 256)
        n = LB + 256;
    memcpy(buf, r->key, n);
    char *p = buf + n;
    *p++ = ' ';
    p = fmt_num(p, v, r->fmt);
    *p++ = ' ';
    p = fmt_int(p, ts);
    if (import_format) {
        memcpy(p, "000", 3);
        p += 3;
    }
    *p++ = '\n';
    fwrite(buf, 1, (size_t)(p - buf), fp);
}

/* Print the collected family: series by series (histogram points as
 * groups of buckets, sum and count), each in time order. */
static void om_flush(Out *o, int64_t from, int64_t step)
{
    int *done = calloc(o->nrows ? o->nrows : 1, sizeof *done);
    if (!done)
        die_oom();
    /* link the rows of each group */
    int *last = malloc((o->ngroups ? o->ngroups : 1) * sizeof *last);
    if (!last)
        die_oom();
    for (size_t g = 0; g < o->ngroups; g++)
        last[g] = -1;
    for (size_t i = 0; i < o->nrows; i++) {
        int g = o->rows[i].group;
        if (g >= 0) {
            if (last[g] >= 0)
                o->rows[last[g]].next = (int)i;
            last[g] = (int)i;
        }
    }
    for (size_t i = 0; i < o->nrows; i++) {
        if (done[i])
            continue;
        for (size_t s = 0; s < o->nsteps; s++) {
            int64_t ts = from + (int64_t)s * step;
            for (int j = (int)i; j >= 0;
                 j = o->rows[i].group >= 0 ? o->rows[j].next : -1) {
                if (!isnan(o->rows[j].v[s]))
                    om_line(o->fp, &o->rows[j], o->rows[j].v[s], ts);
            }
        }
        for (int j = (int)i; j >= 0;
             j = o->rows[i].group >= 0 ? o->rows[j].next : -1)
            done[j] = 1;
    }
    free(last);
    free(done);
}

static int write_openmetrics(const Sim *sim, FILE *fp, int64_t from, int64_t to,
                             int64_t step)
{
    Out o;
    memset(&o, 0, sizeof o);
    o.mode = OUT_COLLECT;
    o.sim = sim;
    o.fp = fp;
    o.nsteps = (size_t)((to - from) / step) + 1;
    for (size_t i = 0; i < NFAMILIES; i++) {
        Family f = FAMILIES[i];
        char base[128];
        snprintf(base, sizeof base, "%s", f.name);
        size_t n = strlen(base);
        if (f.type == T_COUNTER && n > 6 && strcmp(base + n - 6, "_total") == 0)
            base[n - 6] = '\0';
        if (!import_format)
            fprintf(fp, "# HELP %s %s\n# TYPE %s %s\n", base, f.help, base,
                    type_name(f.type));
        o.fam = &f;
        for (o.step = 0; o.step < o.nsteps; o.step++)
            f.emit(&o, (double)(from + (int64_t)o.step * step));
        om_flush(&o, from, step);
        out_free_rows(&o);
    }
    if (!import_format)
        fputs("# EOF\n", fp);
    free(o.rows);
    free(o.slots);
    free(o.groups);
    fflush(fp);
    return ferror(fp) ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */

static const char *prog = "promsim";

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (try 'promsim help')\n", stderr);
    exit(2);
}

static void print_usage(FILE *fp)
{
    fputs(
        "usage:\n"
        "  promsim openmetrics --from T0 --to T1 [--step SECONDS] [--seed N]\n"
        "      all series from T0 to T1 (unix seconds) as OpenMetrics text, "
        "for\n"
        "      promtool tsdb create-blocks-from openmetrics (default step 15)\n"
        "  promsim import --from T0 --to T1 [--step SECONDS] [--seed N]\n"
        "      the same as Prometheus text lines with millisecond timestamps,\n"
        "      for VictoriaMetrics' /api/v1/import/prometheus\n"
        "  promsim textfile --dir DIR [--interval SECONDS] [--count K] [--seed "
        "N]\n"
        "      write the current values to DIR/promsim.prom every interval "
        "(default 5)\n"
        "      for node_exporter's textfile collector; --count stops after K "
        "writes\n"
        "  promsim incidents --from T0 --to T1 [--seed N] [--slow-burn] "
        "[--detail]\n"
        "      incident windows overlapping [T0, T1], one 'start end' per "
        "line;\n"
        "      --slow-burn lists the slow-burn episodes instead, --detail adds "
        "the victims\n"
        "  promsim value --at T --series 'name{label=\"value\",...}' [--seed "
        "N]\n"
        "      the samples at T of that name carrying those labels\n"
        "  promsim seed --at T --into SECONDS [--slow-into SECONDS]\n"
        "      the first seed whose incident started SECONDS (up to a minute "
        "more)\n"
        "      before T, and with --slow-into whose slow burn started that "
        "long\n"
        "      (up to half an hour more) before T: live data in an incident "
        "now\n"
        "Times are unix seconds or 'now'.  The default seed is 1.\n",
        fp);
}

static int64_t parse_time(const char *opt, const char *s)
{
    if (strcmp(s, "now") == 0)
        return (int64_t)time(NULL);
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 100000000000LL)
        usage_error("%s: '%s' is not a unix time in seconds", opt, s);
    return (int64_t)v;
}

static int64_t parse_pos(const char *opt, const char *s, int64_t max)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v <= 0 || v > max)
        usage_error("%s: '%s' is not a whole number from 1 to %lld", opt, s,
                    (long long)max);
    return (int64_t)v;
}

static uint64_t parse_seed(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-')
        usage_error("--seed: '%s' is not a non-negative whole number", s);
    return (uint64_t)v;
}

static void sim_init(Sim *s, uint64_t seed)
{
    s->seed = seed;
    uint64_t d =
        seed - DEFAULT_SEED; /* wraps for seed 0; fine as a phase source */
    s->inc.period = INC_PERIOD;
    s->inc.len = INC_LEN;
    s->inc.up = INC_UP;
    s->inc.down = INC_DOWN;
    s->inc.phase =
        (int64_t)((INC_BASE_PHASE + (d % INC_PERIOD) * INC_PHASE_STEP) %
                  INC_PERIOD);
    s->slow.period = SLOW_PERIOD;
    s->slow.len = SLOW_LEN;
    s->slow.up = SLOW_RAMP;
    s->slow.down = SLOW_RAMP;
    s->slow.phase =
        (int64_t)((SLOW_BASE_PHASE + (d % SLOW_PERIOD) * SLOW_PHASE_STEP) %
                  SLOW_PERIOD);
}

typedef struct Args {
    const char *from, *to, *step, *seed, *dir, *interval, *count, *at, *series;
    const char *into, *slow_into;
    int slow, detail;
} Args;

static void parse_args(int argc, char **argv, Args *a, const char *allowed)
{
    memset(a, 0, sizeof *a);
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i], **slot = NULL;
        char name[32];
        if (strncmp(opt, "--", 2) != 0)
            usage_error("%s: unexpected argument '%s'", argv[1], opt);
        snprintf(name, sizeof name, " %s ", opt + 2);
        if (!strstr(allowed, name))
            usage_error("%s: unknown option '%s'", argv[1], opt);
        if (strcmp(opt, "--slow-burn") == 0) {
            a->slow = 1;
            continue;
        }
        if (strcmp(opt, "--detail") == 0) {
            a->detail = 1;
            continue;
        }
        if (strcmp(opt, "--from") == 0)
            slot = &a->from;
        else if (strcmp(opt, "--to") == 0)
            slot = &a->to;
        else if (strcmp(opt, "--step") == 0)
            slot = &a->step;
        else if (strcmp(opt, "--seed") == 0)
            slot = &a->seed;
        else if (strcmp(opt, "--dir") == 0)
            slot = &a->dir;
        else if (strcmp(opt, "--interval") == 0)
            slot = &a->interval;
        else if (strcmp(opt, "--count") == 0)
            slot = &a->count;
        else if (strcmp(opt, "--at") == 0)
            slot = &a->at;
        else if (strcmp(opt, "--series") == 0)
            slot = &a->series;
        else if (strcmp(opt, "--into") == 0)
            slot = &a->into;
        else if (strcmp(opt, "--slow-into") == 0)
            slot = &a->slow_into;
        if (!slot)
            usage_error("%s: unknown option '%s'", argv[1], opt);
        if (i + 1 >= argc)
            usage_error("%s: %s needs a value", argv[1], opt);
        *slot = argv[++i];
    }
}

static int cmd_openmetrics(const Sim *sim, const Args *a)
{
    const char *cmd = import_format ? "import" : "openmetrics";
    if (!a->from || !a->to)
        usage_error("%s: --from and --to are required", cmd);
    int64_t from = parse_time("--from", a->from),
            to = parse_time("--to", a->to);
    int64_t step = a->step ? parse_pos("--step", a->step, 86400) : 15;
    if (to < from)
        usage_error("%s: --to (%lld) is before --from (%lld)", cmd,
                    (long long)to, (long long)from);
    if ((to - from) / step + 1 > 2000000)
        usage_error("%s: %lld steps is too many (at most 2000000)", cmd,
                    (long long)((to - from) / step + 1));
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    if (write_openmetrics(sim, stdout, from, to, step) != 0) {
        fprintf(stderr, "%s: writing to standard output: %s\n", prog,
                strerror(errno));
        return 1;
    }
    return 0;
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int write_textfile(const Sim *sim, const char *dir, double t)
{
    char tmp[4096], dst[4096];
    if (snprintf(tmp, sizeof tmp, "%s/.promsim.prom.%ld.tmp", dir,
                 (long)getpid()) >= (int)sizeof tmp ||
        snprintf(dst, sizeof dst, "%s/promsim.prom", dir) >= (int)sizeof dst) {
        fprintf(stderr, "%s: directory name too long: %s\n", prog, dir);
        return -1;
    }
    FILE *fp = fopen(tmp, "w");
    if (!fp) {
        fprintf(stderr, "%s: cannot create %s: %s\n", prog, tmp,
                strerror(errno));
        return -1;
    }
    static char buf[1 << 18];
    setvbuf(fp, buf, _IOFBF, sizeof buf);
    write_text(sim, fp, t);
    int bad = fflush(fp) != 0 || ferror(fp);
    int err = errno;
    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (bad) {
        fprintf(stderr, "%s: writing %s: %s\n", prog, tmp, strerror(err));
        unlink(tmp);
        return -1;
    }
    if (rename(tmp, dst) != 0) {
        fprintf(stderr, "%s: cannot rename %s to %s: %s\n", prog, tmp, dst,
                strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int cmd_textfile(const Sim *sim, const Args *a)
{
    if (!a->dir)
        usage_error("textfile: --dir is required");
    int64_t interval =
        a->interval ? parse_pos("--interval", a->interval, 86400) : 5;
    int64_t count = a->count ? parse_pos("--count", a->count, INT64_MAX) : 0;
    if (access(a->dir, W_OK) != 0)
        usage_error("textfile: --dir %s: %s", a->dir, strerror(errno));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    for (int64_t n = 0; !stop_requested && (count == 0 || n < count); n++) {
        if (n > 0) {
            /* sleep to the next multiple of the interval */
            struct timespec now;
            clock_gettime(CLOCK_REALTIME, &now);
            int64_t next = ((int64_t)now.tv_sec / interval + 1) * interval;
            struct timespec d;
            d.tv_sec = (time_t)(next - now.tv_sec - 1);
            d.tv_nsec = 1000000000L - now.tv_nsec;
            if (d.tv_nsec >= 1000000000L) {
                d.tv_sec++;
                d.tv_nsec -= 1000000000L;
            }
            while (!stop_requested && nanosleep(&d, &d) != 0 && errno == EINTR)
                ;
            if (stop_requested)
                break;
        }
        if (write_textfile(sim, a->dir, (double)time(NULL)) != 0)
            return 1;
    }
    return 0;
}

static int cmd_incidents(const Sim *sim, const Args *a)
{
    if (!a->from || !a->to)
        usage_error("incidents: --from and --to are required");
    int64_t from = parse_time("--from", a->from),
            to = parse_time("--to", a->to);
    if (to < from)
        usage_error("incidents: --to (%lld) is before --from (%lld)",
                    (long long)to, (long long)from);
    const Sched *s = a->slow ? &sim->slow : &sim->inc;
    if ((to - from) / s->period > 1000000)
        usage_error("incidents: range too long");
    for (int64_t k = sched_index(s, (double)from - (double)s->len);
         sched_start(s, k) <= (double)to; k++) {
        int64_t st = k * s->period + s->phase, en = st + s->len;
        if (en <= from || (double)st < ORIGIN)
            continue;
        if (!a->detail)
            printf("%lld %lld\n", (long long)st, (long long)en);
        else if (a->slow)
            printf("%lld %lld service=report-service\n", (long long)st,
                   (long long)en);
        else {
            int r = (int)fmod64(k, 3);
            printf("%lld %lld service=%s instance=%s agent=%s project=%s "
                   "deploy=%lld\n",
                   (long long)st, (long long)en, HIT_SERVICE[r],
                   HIT_INSTANCE[r], AGENTS[fmod64(k, NAGENTS)], PROJECTS[r],
                   (long long)(st - (int64_t)DEPLOY_LEAD));
        }
    }
    return 0;
}

/* Seconds from the start of the window of s containing t (or the last one
 * before t) to t. */
static int64_t sched_into(const Sched *s, int64_t t)
{
    return fmod64(t - s->phase, s->period);
}

/* The first seed whose incident (and slow burn) started the asked time
 * before --at: a seed for a live stack that is in an incident now. Every
 * phase pair repeats after SLOW_PERIOD seeds, so that many are tried. */
static int cmd_seed(const Args *a)
{
    if (!a->at || !a->into)
        usage_error("seed: --at and --into are required");
    int64_t at = parse_time("--at", a->at);
    int64_t into = a->into ? parse_pos("--into", a->into, INC_LEN - 60) : 0;
    int64_t slow = a->slow_into
                       ? parse_pos("--slow-into", a->slow_into, SLOW_LEN - 1800)
                       : -1;
    for (uint64_t seed = 1; seed <= SLOW_PERIOD; seed++) {
        Sim s;
        sim_init(&s, seed);
        int64_t x = sched_into(&s.inc, at);
        if (x < into || x >= into + 60)
            continue;
        if (slow >= 0) {
            int64_t y = sched_into(&s.slow, at);
            if (y < slow || y >= slow + 1800)
                continue;
        }
        printf("%llu\n", (unsigned long long)seed);
        return 0;
    }
    fprintf(stderr, "%s: seed: no seed puts %lld there\n", prog, (long long)at);
    return 1;
}

/* Parse name{l="v",...} into o's selector. */
static void parse_selector(Out *o, char *sel)
{
    char *brace = strchr(sel, '{');
    o->sel_name = sel;
    o->nsel = 0;
    if (!brace)
        return;
    *brace = '\0';
    char *p = brace + 1;
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '}' && p[1] == '\0')
            return;
        char *eq = strchr(p, '=');
        if (!eq || eq[1] != '"')
            usage_error("value: --series: expected label=\"value\" at '%s'", p);
        char *q = eq + 2, *w = q;
        while (*q && *q != '"') {
            if (*q == '\\' && q[1])
                q++;
            *w++ = *q++;
        }
        if (*q != '"')
            usage_error("value: --series: unterminated label value");
        *w = '\0';
        *eq = '\0';
        if (o->nsel == MAXSEL)
            usage_error("value: --series: too many labels");
        char pair[LB];
        size_t len = 0;
        pair[0] = '\0';
        app(pair, LB, &len, p);
        app(pair, LB, &len, "=\"");
        app_escaped(pair, LB, &len, eq + 2);
        app(pair, LB, &len, "\"");
        o->sel_pair[o->nsel] = strdup(pair);
        if (!o->sel_pair[o->nsel])
            die_oom();
        o->nsel++;
        p = q + 1;
        if (*p == '}' && p[1] == '\0')
            return;
        if (*p != ',')
            usage_error("value: --series: expected ',' or '}' after a label");
    }
}

static int cmd_value(const Sim *sim, const Args *a)
{
    if (!a->at || !a->series)
        usage_error("value: --at and --series are required");
    int64_t at = parse_time("--at", a->at);
    Out o;
    memset(&o, 0, sizeof o);
    o.mode = OUT_MATCH;
    o.sim = sim;
    char *sel = strdup(a->series);
    if (!sel)
        die_oom();
    parse_selector(&o, sel);
    for (size_t i = 0; i < NFAMILIES; i++) {
        Family f = FAMILIES[i];
        o.fam = &f;
        if (strncmp(o.sel_name, f.name, strlen(f.name)) == 0)
            f.emit(&o, (double)at);
    }
    for (int i = 0; i < o.nsel; i++)
        free(o.sel_pair[i]);
    free(sel);
    if (!o.matched) {
        fprintf(stderr, "%s: value: no series matches %s\n", prog, a->series);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage_error(
            "missing subcommand (openmetrics, import, textfile, incidents, "
            "value, seed)");
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        print_usage(stdout);
        return 0;
    }
    Args a;
    Sim sim;
    import_format = strcmp(cmd, "import") == 0;
    if (strcmp(cmd, "openmetrics") == 0 || import_format) {
        parse_args(argc, argv, &a, " from to step seed ");
    } else if (strcmp(cmd, "textfile") == 0) {
        parse_args(argc, argv, &a, " dir interval count seed ");
    } else if (strcmp(cmd, "incidents") == 0) {
        parse_args(argc, argv, &a, " from to seed slow-burn detail ");
    } else if (strcmp(cmd, "value") == 0) {
        parse_args(argc, argv, &a, " at series seed ");
    } else if (strcmp(cmd, "seed") == 0) {
        parse_args(argc, argv, &a, " at into slow-into ");
        return cmd_seed(&a);
    } else {
        usage_error("unknown subcommand '%s'", cmd);
        return 2;
    }
    sim_init(&sim, a.seed ? parse_seed(a.seed) : DEFAULT_SEED);
    if (strcmp(cmd, "openmetrics") == 0 || import_format)
        return cmd_openmetrics(&sim, &a);
    if (strcmp(cmd, "textfile") == 0)
        return cmd_textfile(&sim, &a);
    if (strcmp(cmd, "incidents") == 0)
        return cmd_incidents(&sim, &a);
    return cmd_value(&sim, &a);
}
