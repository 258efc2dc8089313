/* backend.c - what promboard learns about the server behind the API:
 * VictoriaMetrics recognised from its build info or answers (and the
 * parameters that make it answer with fresh data), the global scrape
 * interval from Prometheus' configuration. */
#include "backend.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "prom.h"
#include "query.h"

BackendKind backend_from_buildinfo(const Result *r)
{
    if (!r || r->error || r->nseries < 1)
        return BACKEND_UNKNOWN;
    const Series *s = &r->series[0];
    const char *app = series_label(s, "application");
    const char *version = series_label(s, "version");
    if (app && strstr(app, "Mimir"))
        return BACKEND_MIMIR;
    /* VictoriaMetrics answers {} or a Prometheus version alone */
    if (s->nlabels == 0 || (s->nlabels == 1 && version))
        return BACKEND_VICTORIA;
    if (version && !strncmp(version, "0.", 2))
        return BACKEND_THANOS;
    return version ? BACKEND_PROMETHEUS : BACKEND_UNKNOWN;
}

BackendKind backend_from_answer(const Result *r)
{
    return r && r->vm_fields ? BACKEND_VICTORIA : BACKEND_UNKNOWN;
}

const char *backend_name(BackendKind k)
{
    switch (k) {
    case BACKEND_PROMETHEUS:
        return "Prometheus";
    case BACKEND_VICTORIA:
        return "VictoriaMetrics";
    case BACKEND_THANOS:
        return "Thanos";
    case BACKEND_MIMIR:
        return "Mimir";
    default:
        return "unknown";
    }
}

int backend_fresh_params(BackendKind k, char **params)
{
    if (k != BACKEND_VICTORIA)
        return 0;
    /* latency_offset must be above 0; 1 ms hides nothing worth having */
    if (prom_params_add(params, "nocache", "1", 0) < 0 ||
        prom_params_add(params, "latency_offset", "1ms", 0) < 0)
        return -1;
    return 0;
}

/* The value of `key: value` on line [s, e) after its indentation, copied
 * to buf without quotes or a trailing comment; 0 when the line is not
 * that key. */
static int line_value(const char *s, const char *e, const char *key, char *buf,
                      size_t n)
{
    size_t k = strlen(key);
    if ((size_t)(e - s) <= k || strncmp(s, key, k) || s[k] != ':')
        return 0;
    s += k + 1;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *v = s;
    while (s < e && *s != '#' && *s != '\r')
        s++;
    while (s > v && (s[-1] == ' ' || s[-1] == '\t'))
        s--;
    if (s - v >= 2 && (*v == '"' || *v == '\'') && s[-1] == *v) {
        v++;
        s--;
    }
    size_t len = (size_t)(s - v) < n - 1 ? (size_t)(s - v) : n - 1;
    memcpy(buf, v, len);
    buf[len] = '\0';
    return 1;
}

int backend_scrape_interval(const char *yaml, double *secs)
{
    int in_global = 0, indent = -1;
    for (const char *s = yaml; s && *s;) {
        const char *e = strchr(s, '\n');
        if (!e)
            e = s + strlen(s);
        int sp = 0;
        while (s + sp < e && s[sp] == ' ')
            sp++;
        const char *t = s + sp;
        int blank = t == e || *t == '#';
        if (!blank && sp == 0) {
            in_global = (size_t)(e - t) >= 7 && !strncmp(t, "global:", 7);
            indent = -1;
        } else if (!blank && in_global) {
            if (indent < 0)
                indent = sp; /* the keys of global sit at this indent */
            char val[64];
            double d;
            if (sp == indent &&
                line_value(t, e, "scrape_interval", val, sizeof val) &&
                duration_parse(val, &d) == 0 && d > 0) {
                *secs = d;
                return 0;
            }
        }
        s = *e ? e + 1 : e;
    }
    return -1;
}

double backend_scrape_from_config(const Result *r)
{
    double d;
    if (!r || r->error || r->nseries < 1)
        return 0;
    const char *yaml = series_label(&r->series[0], "yaml");
    return yaml && backend_scrape_interval(yaml, &d) == 0 ? d : 0;
}
