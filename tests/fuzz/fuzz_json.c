/* fuzz_json.c - libFuzzer harness of the readers of servers' answers: the
 * input is one answer body, read as a query answer whole and in slices (as
 * it arrives, series by series), as label names, a status page and every
 * alerting answer. Besides crashes, leaks and undefined behaviour it fails
 * (abort) when a reader lets through text that is not clean (invalid UTF-8,
 * control characters; newlines and tabs only where the text may span
 * lines, as label values may) or a sample time outside the range promboard
 * takes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datasource/alerts.h"
#include "datasource/promjson.h"
#include "datasource/split.h"
#include "util/duration.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must_be_clean(const char *s, int flags)
{
    if (s && text_needs_clean(s, strlen(s), flags))
        abort();
}

static void labels_clean(const Label *l, int n, int flags)
{
    for (int k = 0; k < n; k++) {
        must_be_clean(l[k].name, flags);
        must_be_clean(l[k].value, flags);
    }
}

/* A time from an answer: unknown (NaN) or within range. */
static void time_ok(double t)
{
    if (t == t && !time_in_range(t))
        abort();
}

static void check_alerts(const AlertSet *a)
{
    for (int i = 0; i < a->nalerts; i++) {
        const Alert *x = &a->alerts[i];
        labels_clean(x->labels, x->nlabels, TEXT_MULTILINE);
        labels_clean(x->annotations, x->nannotations, TEXT_MULTILINE);
        must_be_clean(x->value, TEXT_MULTILINE);
        must_be_clean(x->receivers, TEXT_MULTILINE);
        time_ok(x->active_at);
        time_ok(x->ends_at);
    }
    for (int i = 0; i < a->nrules; i++) {
        const Rule *x = &a->rules[i];
        must_be_clean(x->name, TEXT_MULTILINE);
        must_be_clean(x->last_error, TEXT_MULTILINE);
        labels_clean(x->labels, x->nlabels, TEXT_MULTILINE);
        labels_clean(x->annotations, x->nannotations, TEXT_MULTILINE);
    }
    for (int i = 0; i < a->nsilences; i++) {
        const Silence *x = &a->silences[i];
        must_be_clean(x->created_by, TEXT_MULTILINE);
        must_be_clean(x->comment, TEXT_MULTILINE);
        for (int k = 0; k < x->nmatchers; k++) {
            must_be_clean(x->matchers[k].name, TEXT_MULTILINE);
            must_be_clean(x->matchers[k].value, TEXT_MULTILINE);
        }
    }
}

/* Every text of r is clean and every sample time within range. */
static void check_result(const Result *r)
{
    if (r->alerts)
        check_alerts(r->alerts);
    must_be_clean(r->error, 0);
    for (int i = 0; i < r->nwarnings; i++)
        must_be_clean(r->warnings[i], TEXT_MULTILINE);
    for (int i = 0; i < r->ninfos; i++)
        must_be_clean(r->infos[i], TEXT_MULTILINE);
    for (int i = 0; i < r->nseries; i++) {
        const Series *s = &r->series[i];
        labels_clean(s->labels, s->nlabels, TEXT_MULTILINE);
        for (int k = 0; k < s->npoints; k++)
            if (!time_in_range(s->points[k].t))
                abort();
        for (int k = 0; k < s->nhists; k++)
            if (!time_in_range(s->hists[k].t))
                abort();
    }
}

static int on_element(void *ud, const char *json, size_t len)
{
    return promjson_stream_element(ud, json, len);
}

/* Reads the body as prom.c does while it arrives: split in slices of
 * `step` bytes, each series read as it completes, then the rest. */
static void read_sliced(const char *body, size_t len, size_t step)
{
    PromjsonStream st = {0};
    Split sp;
    split_init(&sp, on_element, &st);
    for (size_t at = 0; at < len; at += step)
        split_feed(&sp, body + at, len - at < step ? len - at : step);
    size_t rlen;
    const char *rest = split_rest(&sp, &rlen);
    Result r = {0};
    promjson_parse_stream(rest, rlen, 200, &st, &r);
    check_result(&r);
    result_free(&r);
    split_free(&sp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the readers take a length, but the body a server sends may be
     * followed by anything: no NUL past it */
    char *body = malloc(size ? size : 1);
    if (!body)
        return 0;
    memcpy(body, data, size);

    static const long statuses[] = {200, 400, 503};
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        Result r = {0};
        promjson_parse(body, size, statuses[i], &r);
        check_result(&r);
        result_free(&r);
    }
    read_sliced(body, size, 1);
    read_sliced(body, size, 4096);

    int (*readers[])(const char *, size_t, long, Result *) = {
        promjson_parse_strings, promjson_parse_status, alertjson_prom_alerts,
        alertjson_prom_rules,   alertjson_am_alerts,   alertjson_am_groups,
        alertjson_am_silences,  alertjson_am_write,
    };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        Result r = {0};
        readers[i](body, size, 200, &r);
        check_result(&r);
        result_free(&r);
    }
    free(body);
    return 0;
}
