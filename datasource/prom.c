/* prom.c - promboard's Prometheus HTTP API client: one curl multi handle
 * (so keep-alive connections are reused), POST form bodies for queries, a
 * FIFO queue behind a cap of transfers in flight, identical requests shared
 * by several subscribers, and transport failures turned into one-line
 * errors that never show a password from the URL. Authentication (basic,
 * Authorization header, extra headers, TLS files) is applied to every
 * transfer by one set-up function, easy_setup(). A client may talk to
 * several servers (Prometheus and its Alertmanager): each has its own URL,
 * auth, timeouts and reusable handles, and all share one queue and one
 * multi handle. */
#include "prom.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../util/text.h"
#include "alerts.h"
#include "promjson.h"
#include "split.h"

#ifndef PROMBOARD_VERSION
#define PROMBOARD_VERSION "0.1.0"
#endif

#define DEFAULT_TIMEOUT_MS 10000L
#define DEFAULT_CONNECT_TIMEOUT_MS 3000L
#define DEFAULT_MAX_BODY ((size_t)64 << 20)
#define DEFAULT_MAX_IN_FLIGHT 8
#define MIB ((size_t)1 << 20)
/* Seconds of reading answers (taking apart, parsing) one prom_progress()
 * does before it pauses the transfers and returns: the caller's loop (keys,
 * the screen) comes round at least this often while large answers arrive. */
#define SLICE_S 0.015

/* The largest series a streamed answer may bring, as JSON text: a series
 * of Prometheus' 11,000 points a query takes a few hundred kilobytes. */
#define MAX_SERIES_TEXT ((size_t)16 << 20)

/* Answers at least this large that are parsed whole (alerts, rules, label
 * names, status) are parsed by the worker thread, off the caller's loop;
 * smaller ones at once. */
#define WORKER_MIN ((size_t)64 << 10)

/* Bytes all answers on their way may hold together (bodies, and the parts
 * of streamed answers not yet read): whatever servers send, so much and no
 * more is buffered. */
#define MAX_HELD ((size_t)48 << 20)

typedef struct {
    PromCallback cb;
    void *ud;
} Sub;

typedef struct Req Req;
struct Req {
    Req *prev, *next; /* in exactly one of Prom's lists */
    Prom *p;
    Prom *srv;   /* the server asked: its URL, auth, timeouts and handles */
    PromQuery q; /* q.expr points to expr */
    char *expr;
    char *form;              /* POST body; NULL for the GETs (alerts, names) */
    char *url;               /* the whole URL; NULL: an endpoint of srv */
    struct curl_slist *hdrs; /* srv's headers and a Content-Type (JSON
                                bodies); NULL: srv's own */
    Sub *subs;
    int nsubs, capsubs;
    CURL *easy;        /* NULL until started */
    char *body;        /* the answer so far (alerts, names) */
    int split;         /* a query: its series are read as they arrive */
    Split sp;          /* the answer taken apart (split) */
    PromjsonStream st; /* its series so far */
    size_t len, cap;
    int too_big, oom;
    int crowded;     /* dropped: answers in flight held MAX_HELD together */
    int huge_series; /* dropped: a series longer than MAX_SERIES_TEXT */
    int paused;      /* its transfer waits for the next prom_progress */
    /* with the worker (p->mu guards these three) */
    Req *job_next;    /* in the worker's queue */
    int job;          /* JOB_* */
    Result res;       /* what the worker made of it */
    size_t held;      /* bytes it holds, counted in p->held */
    CURLcode code;    /* result of the transfer once done */
    const char *fail; /* set when it could not even start */
    double expired;   /* > 0: ended by prom_expire after this many seconds */
    int hops;         /* redirects followed */
    char *refused;    /* a redirect not followed: why, for the message */
    double t0;
    char errbuf[CURL_ERROR_SIZE];
};

typedef struct {
    Req *head, *tail;
    int n;
} ReqList;

enum { JOB_NONE, JOB_QUEUED, JOB_RUNNING, JOB_DONE };

struct Prom {
    CURLM *multi;
    char *shown; /* the URL without user:password@, for messages */
    char *base;  /* the URL the endpoints start with, no trailing '/' */
    char *ep_query, *ep_range, *ep_alerts, *ep_api;
    char *params;                  /* "a=b&c=d" added to queries, NULL: none */
    struct curl_slist *headers;    /* Accept, Authorization, extra headers */
    struct curl_slist *connect_to; /* for tls server_name */
    char *username, *password;
    char *ca_file, *cert_file, *key_file;
    char *hint;     /* what to check after a 401/403 */
    char **secrets; /* what is never shown, as sent (see add_secrets) */
    int nsecrets;
    char origin[512]; /* scheme://host:port of the endpoints: the only
                         place requests (and credentials) go */
    int insecure;
    long timeout_ms, connect_timeout_ms;
    size_t max_body;
    int max_in_flight;
    int keep_series; /* series kept of an answer; 0: all */
    int compress;    /* ask for compressed answers */
    CURL **idle;     /* easy handles set up and free to reuse */
    int nidle;       /* of max_in_flight at most */
    PromStats stats;
    size_t held;    /* bytes the requests' answers hold (MAX_HELD) */
    double turn_t0; /* when the current prom_progress began */
    /* the worker thread that parses large whole answers */
    ReqList parsing; /* handed to it, done or not (owned by the caller) */
    int worker_on;
    pthread_t worker;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* a job queued, a job done, or quit */
    Req *jobs, *jobs_tail;
    int quit;
    int wake[2];    /* the worker writes a byte when a job is done */
    int npaused;    /* transfers paused until the next one */
    ReqList queue;  /* waiting for a slot, FIFO */
    ReqList active; /* added to the multi handle */
    ReqList done; /* finished (or failed to start), callbacks not yet called */
    Prom **servers; /* the other servers: settings and handles, no multi */
    int nservers;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void list_push(ReqList *l, Req *r)
{
    r->next = NULL;
    r->prev = l->tail;
    if (l->tail)
        l->tail->next = r;
    else
        l->head = r;
    l->tail = r;
    l->n++;
}

static void list_remove(ReqList *l, Req *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        l->head = r->next;
    if (r->next)
        r->next->prev = r->prev;
    else
        l->tail = r->prev;
    r->prev = r->next = NULL;
    l->n--;
}

/* Gives an easy handle back for the next request (kept set up, so that
 * its connection and options are reused), or frees it when enough wait. */
static void easy_release(Prom *p, CURL *e)
{
    if (!e)
        return;
    if (p->idle && p->nidle < p->max_in_flight)
        p->idle[p->nidle++] = e;
    else
        curl_easy_cleanup(e);
}

static void req_free(Req *r)
{
    if (!r)
        return;
    if (r->easy)
        curl_easy_cleanup(r->easy);
    free(r->expr);
    free(r->form);
    free(r->url);
    if (r->hdrs) { /* copies of srv's headers: Authorization among them */
        for (struct curl_slist *h = r->hdrs; h; h = h->next)
            explicit_bzero(h->data, strlen(h->data));
        curl_slist_free_all(r->hdrs);
    }
    free(r->subs);
    free(r->refused);
    if (r->p) {
        r->p->held -= r->held;
        r->p->npaused -= r->paused;
    }
    free(r->body);
    split_free(&r->sp);
    promjson_stream_free(&r->st);
    result_free(&r->res);
    free(r);
}

const char *prom_url_userinfo(const char *url, size_t *n)
{
    const char *auth = strstr(url, "://");
    auth = auth ? auth + 3 : url;
    const char *end = auth + strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *c = auth; c < end; c++) {
        if (*c == '@')
            at = c;
    }
    if (!at)
        return NULL;
    *n = (size_t)(at + 1 - auth);
    return auth;
}

/* Returns a malloc'd copy of url without its "user:password@" part. NULL
 * on OOM. */
static char *strip_userinfo(const char *url)
{
    size_t n = strlen(url), skip = 0;
    const char *info = prom_url_userinfo(url, &skip);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t head = info ? (size_t)(info - url) : n;
    memcpy(out, url, head);
    memcpy(out + head, url + head + skip, n - head - skip + 1);
    return out;
}

/* Writes "scheme://host:port" of url (lower case, the port explicit) into
 * buf. Returns 0, or -1 when url cannot be parsed. */
static int origin_of(const char *url, char *buf, size_t n)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    int rc = -1;
    if (u &&
        curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ==
            CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
        snprintf(buf, n, "%s://%s:%s", scheme, host, port ? port : "");
        for (char *c = buf; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        rc = 0;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return rc;
}

static char *dup_printf(const char *fmt, const char *a, const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, fmt, a, b ? b : "");
    return s;
}

/* Pages of the Prometheus UI (and its own metrics) that people paste when
 * asked for the server's address: the last segment of such a URL's path. */
static const char *const ui_pages[] = {
    "graph",       "query",    "alerts",
    "rules",       "targets",  "service-discovery",
    "status",      "flags",    "config",
    "tsdb-status", "agent",    "starting",
    "metrics",     "federate", "alertmanager-discovery",
    NULL};

/* Path segments under which everything belongs to the UI or the API:
 * "classic" and "new" (the two UIs of Prometheus 2), "api" (the HTTP API),
 * "-" (health and lifecycle), "vmui" (VictoriaMetrics' UI). */
static const char *const ui_dirs[] = {"classic", "new",  "api",
                                      "-",       "vmui", NULL};

static int segment_is(const char *seg, size_t n, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && !strncmp(seg, names[i], n))
            return 1;
    return 0;
}

/* Bytes of path (up to '?' or '#') before a page of the UI or the API it
 * names: the path of the server's base URL. -1 when it names none. */
static long ui_page_prefix(const char *path)
{
    size_t end = strcspn(path, "?#");
    while (end > 0 && path[end - 1] == '/')
        end--;
    for (size_t i = 0; i < end;) {
        while (i < end && path[i] == '/')
            i++;
        size_t n = strcspn(path + i, "/?#");
        if (i + n > end)
            n = end - i;
        if (n == 0)
            break;
        size_t start = i;
        while (start > 0 && path[start - 1] == '/')
            start--;
        if (segment_is(path + i, n, ui_dirs) ||
            (i + n == end && segment_is(path + i, n, ui_pages)))
            return (long)start;
        i += n;
    }
    return -1;
}

/* Writes shown's scheme, authority and the first `keep` bytes of its path
 * (trailing slashes dropped) into buf: the server's base URL. */
static void base_of(const char *shown, long keep, char *buf, size_t n)
{
    const char *auth = strstr(shown, "://");
    auth = auth ? auth + 3 : shown;
    size_t head = (size_t)(auth - shown) + strcspn(auth, "/?#");
    size_t len = head + (keep > 0 ? (size_t)keep : 0);
    while (len > head && shown[len - 1] == '/')
        len--;
    snprintf(buf, n, "%.*s", (int)len, shown);
}

/* Checks the URL: http or https, a host, no query or fragment, not a page
 * of the UI or the API (a pasted browser address). Returns NULL when good,
 * else a malloc'd one-line message (shown = URL without credentials) that
 * gives the base URL to use when it can tell. */
static char *check_url(const char *url, const char *shown)
{
    if (!strstr(url, "://"))
        return dup_printf("bad URL \"%s\": it must start with http:// or "
                          "https://%s",
                          shown, NULL);
    CURLU *u = curl_url();
    if (!u)
        return dup_printf("out of memory checking URL \"%s\"%s", shown, NULL);
    char *msg = NULL;
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (rc != CURLUE_OK) {
        msg = dup_printf("bad URL \"%s\": %s", shown, curl_url_strerror(rc));
        curl_url_cleanup(u);
        return msg;
    }
    char *scheme = NULL, *host = NULL, *query = NULL, *frag = NULL;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    rc = curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
    curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
    if (!scheme ||
        (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0))
        msg = dup_printf("bad URL \"%s\": the scheme must be http or https, "
                         "not \"%s\"",
                         shown, scheme ? scheme : "");
    else if (rc != CURLUE_OK || !host || !*host)
        msg = dup_printf("bad URL \"%s\": no host%s", shown, NULL);
    else {
        const char *auth = strstr(shown, "://") + 3;
        const char *path = auth + strcspn(auth, "/?#");
        long keep = ui_page_prefix(path);
        char base[2048];
        if (keep >= 0 || query || frag)
            base_of(shown, keep >= 0 ? keep : (long)strcspn(path, "?#"), base,
                    sizeof base);
        if (keep >= 0)
            msg = dup_printf("bad URL \"%s\": a page of the server's UI or "
                             "API, not its address; use the server's base "
                             "URL: %s",
                             shown, base);
        else if (query || frag)
            msg = dup_printf("bad URL \"%s\": a server's address has no "
                             "\"?\" or \"#\" part; use the server's base "
                             "URL: %s",
                             shown, base);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(query);
    curl_free(frag);
    curl_url_cleanup(u);
    return msg;
}

void prom_secret_free(char *s)
{
    if (s)
        explicit_bzero(s, strlen(s));
    free(s);
}

/* Appends a header line to p->headers. A secret header line is wiped from
 * the stack copy by the caller. Returns 0 or -1 on OOM. */
static int add_header(Prom *p, const char *line)
{
    struct curl_slist *l = curl_slist_append(p->headers, line);
    if (!l)
        return -1;
    p->headers = l;
    return 0;
}

static int has_newline(const char *s)
{
    return s && strpbrk(s, "\r\n") != NULL;
}

static int dup_opt(char **dst, const char *src)
{
    *dst = NULL;
    if (!src || !*src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

/* (Re)builds p's endpoint URLs from `base` (no trailing slash). Returns 0,
 * or -1 on OOM. */
static int set_endpoints(Prom *p, const char *base)
{
    free(p->ep_query);
    free(p->ep_range);
    free(p->ep_alerts);
    free(p->ep_api);
    free(p->base);
    p->base = strdup(base);
    p->ep_query = dup_printf("%s%s", base, "/api/v1/query");
    p->ep_range = dup_printf("%s%s", base, "/api/v1/query_range");
    p->ep_alerts = dup_printf("%s%s", base, "/api/v1/alerts");
    p->ep_api = dup_printf("%s%s", base, "/api/v1/");
    return p->base && p->ep_query && p->ep_range && p->ep_alerts && p->ep_api
               ? 0
               : -1;
}

/* With a TLS server_name: the endpoints name server_name as their host (so
 * it is the name sent and verified) and curl connects to the URL's real
 * host. Returns NULL or a malloc'd message. */
static char *use_server_name(Prom *p, const char *base, const char *name)
{
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL, *nbase = NULL, *msg = NULL;
    if (!u || curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
            CURLUE_OK ||
        curl_url_set(u, CURLUPART_HOST, name, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_URL, &nbase, 0) != CURLUE_OK) {
        msg = dup_printf("bad tls server_name \"%s\"%s", name, NULL);
        goto out;
    }
    size_t n = strlen(nbase);
    while (n > 0 && nbase[n - 1] == '/')
        nbase[--n] = '\0';
    char line[1024];
    snprintf(line, sizeof line, "%s:%s:%s:%s", name, port, host, port);
    struct curl_slist *ct = curl_slist_append(NULL, line);
    if (!ct || set_endpoints(p, nbase) < 0) {
        curl_slist_free_all(ct);
        msg = strdup("out of memory");
        goto out;
    }
    p->connect_to = ct;
out:
    curl_free(host);
    curl_free(port);
    curl_free(nbase);
    curl_url_cleanup(u);
    return msg;
}

/* Secrets shorter than this are not looked for in answers: they would
 * blot out ordinary words and numbers, and are no secret anyway. */
#define SECRET_MIN 4
#define REDACTED "[redacted]"

/* Adds the n bytes at s to p's secrets (when long enough). Returns 0, or
 * -1 on OOM. */
static int add_secret(Prom *p, const char *s, size_t n)
{
    if (!s || n < SECRET_MIN)
        return 0;
    for (int i = 0; i < p->nsecrets; i++)
        if (strlen(p->secrets[i]) == n && !memcmp(p->secrets[i], s, n))
            return 0;
    char **ns = realloc(p->secrets, sizeof *ns * ((size_t)p->nsecrets + 1));
    if (!ns)
        return -1;
    p->secrets = ns;
    if (!(ns[p->nsecrets] = strndup(s, n)))
        return -1;
    p->nsecrets++;
    return 0;
}

/* Adds user:password and its base64 form (what "Authorization: Basic"
 * carries) to p's secrets. */
static int add_basic_secret(Prom *p, const char *user, const char *pass)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(user) + 1 + strlen(pass);
    char *plain = malloc(n + 1), *enc = malloc(4 * (n / 3 + 1) + 1);
    int rc = -1;
    if (plain && enc) {
        snprintf(plain, n + 1, "%s:%s", user, pass);
        const unsigned char *u = (const unsigned char *)plain;
        size_t k = 0;
        for (size_t i = 0; i < n; i += 3) {
            unsigned v = (unsigned)u[i] << 16;
            if (i + 1 < n)
                v |= (unsigned)u[i + 1] << 8;
            if (i + 2 < n)
                v |= u[i + 2];
            enc[k++] = b64[(v >> 18) & 63];
            enc[k++] = b64[(v >> 12) & 63];
            enc[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
            enc[k++] = i + 2 < n ? b64[v & 63] : '=';
        }
        enc[k] = '\0';
        rc =
            add_secret(p, pass, strlen(pass)) || add_secret(p, enc, k) ? -1 : 0;
    }
    prom_secret_free(plain);
    prom_secret_free(enc);
    return rc;
}

/* Gathers every secret the client sends: the password and the basic-auth
 * form of user:password (from the options or the URL), the credentials of
 * the Authorization header, and the value of every extra header. */
static int add_secrets(Prom *p, const PromAuth *a, const char *url)
{
    if (a && a->username &&
        add_basic_secret(p, a->username, a->password ? a->password : ""))
        return -1;
    if (a && a->credentials &&
        add_secret(p, a->credentials, strlen(a->credentials)))
        return -1;
    for (int i = 0; a && i < a->nheaders; i++) {
        const char *v = a->headers[i] ? strchr(a->headers[i], ':') : NULL;
        if (!v)
            continue;
        v += strspn(v + 1, " \t") + 1;
        if (add_secret(p, v, strlen(v)))
            return -1;
    }
    CURLU *u = curl_url();
    char *user = NULL, *pass = NULL;
    int rc = 0;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PASSWORD, &pass, CURLU_URLDECODE) ==
            CURLUE_OK) {
        curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE);
        rc = add_basic_secret(p, user ? user : "", pass);
    }
    if (pass)
        explicit_bzero(pass, strlen(pass));
    curl_free(user);
    curl_free(pass);
    curl_url_cleanup(u);
    return rc;
}

/* Where the n bytes at needle first occur in the len bytes at hay, or
 * NULL. */
static char *find_bytes(char *hay, size_t len, const char *needle, size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++) {
        char *c = memchr(hay + i, needle[0], len - i - n + 1);
        if (!c)
            return NULL;
        i = (size_t)(c - hay);
        if (!memcmp(c, needle, n))
            return c;
    }
    return NULL;
}

/* Appends to *out (a malloc'd copy of text, made at the first secret
 * found) the n bytes at text with every secret of server s replaced by
 * "[redacted]". *out NULL means text so far holds none. Returns 0, or -1
 * on OOM. */
static int redact_with(const Prom *s, const char **text, size_t *n, char **out)
{
    for (int i = 0; i < s->nsecrets; i++) {
        const char *sec = s->secrets[i];
        size_t sl = strlen(sec), rl = sizeof REDACTED - 1, count = 0;
        char *t = (char *)*text;
        for (char *h = find_bytes(t, *n, sec, sl); h;
             h = find_bytes(h + sl, *n - (size_t)(h + sl - t), sec, sl))
            count++;
        if (!count)
            continue;
        size_t m = *n - count * sl + count * rl;
        char *dst = malloc(m + 1), *o = dst;
        if (!dst)
            return -1;
        const char *c = t;
        for (char *h = find_bytes(t, *n, sec, sl); h; c = h + sl,
                  h = find_bytes(h + sl, *n - (size_t)(h + sl - t), sec, sl)) {
            memcpy(o, c, (size_t)(h - c));
            o += h - c;
            memcpy(o, REDACTED, rl);
            o += rl;
        }
        memcpy(o, c, (size_t)(t + *n - c));
        dst[m] = '\0';
        if (*out) {
            explicit_bzero(*out, *n);
            free(*out);
        }
        *out = dst;
        *text = dst;
        *n = m;
    }
    return 0;
}

/* What a server said (the n bytes at *text: a body, one series of a
 * streamed answer, or what is left of it) cleared of the client's own
 * secrets, those of every server it knows, before anything reads it: the
 * one place where an echo of the Authorization header or an extra header
 * is caught. When a secret is found, *text and *n are changed to a
 * malloc'd copy, returned for the caller to free; else NULL. Out of
 * memory, *text is emptied rather than shown. */
static char *redact(const Prom *p, const char **text, size_t *n)
{
    char *copy = NULL;
    if (!*text || *n == 0)
        return NULL;
    int bad = redact_with(p, text, n, &copy) < 0;
    for (int i = 0; !bad && i < p->nservers; i++)
        bad = redact_with(p->servers[i], text, n, &copy) < 0;
    if (bad) {
        *n = 0;
        *text = "";
    }
    return copy;
}

/* Copies the authentication settings into p: basic auth, the Authorization
 * header, extra headers, TLS files. Returns NULL or a malloc'd one-line
 * message that names no secret. */
static char *auth_setup(Prom *p, const PromAuth *a, const char *base)
{
    if (has_newline(a->username) || has_newline(a->password) ||
        has_newline(a->auth_type) || has_newline(a->credentials))
        return strdup("credentials must be one line each");
    if (dup_opt(&p->username, a->username) ||
        (a->username &&
         !(p->password = strdup(a->password ? a->password : ""))) ||
        dup_opt(&p->ca_file, a->ca_file) ||
        dup_opt(&p->cert_file, a->cert_file) ||
        dup_opt(&p->key_file, a->key_file) || dup_opt(&p->hint, a->hint))
        return strdup("out of memory");
    p->insecure = a->insecure;
    if (a->credentials) {
        const char *type =
            a->auth_type && *a->auth_type ? a->auth_type : "Bearer";
        size_t n = strlen(type) + strlen(a->credentials) + 32;
        char *line = malloc(n);
        if (!line)
            return strdup("out of memory");
        snprintf(line, n, "Authorization: %s %s", type, a->credentials);
        int rc = add_header(p, line);
        prom_secret_free(line);
        if (rc)
            return strdup("out of memory");
    }
    for (int i = 0; i < a->nheaders; i++) {
        const char *h = a->headers[i];
        const char *colon = h ? strchr(h, ':') : NULL;
        if (!colon || colon == h || has_newline(h))
            return strdup("bad extra header: give each as 'Name: value' on "
                          "one line");
        if (add_header(p, h))
            return strdup("out of memory");
    }
    if (a->server_name && *a->server_name)
        return use_server_name(p, base, a->server_name);
    return NULL;
}

/* 1 when the URL's host is this machine (localhost, 127.0.0.0/8, ::1):
 * there, inflating answers costs more than sending them whole. */
static int is_local(const char *url)
{
    CURLU *u = curl_url();
    char *host = NULL;
    int local = 0;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host)
        local = !strcasecmp(host, "localhost") || !strncmp(host, "127.", 4) ||
                !strcmp(host, "[::1]") || !strcmp(host, "::1");
    curl_free(host);
    curl_url_cleanup(u);
    return local;
}

/* Creates a client for opt's server; with `own_multi` 0 it has no multi
 * handle (an extra server of another client). */
static Prom *client_new(const PromOptions *opt, int own_multi, char **err)
{
    if (err)
        *err = NULL;
    if (!opt || !opt->url || !*opt->url) {
        if (err)
            *err = strdup("no Prometheus URL given");
        return NULL;
    }
    char *shown = strip_userinfo(opt->url);
    if (!shown) {
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    char *msg = check_url(opt->url, shown);
    if (msg) {
        free(shown);
        if (err)
            *err = msg;
        else
            free(msg);
        return NULL;
    }

    Prom *p = calloc(1, sizeof *p);
    if (!p || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(p);
        free(shown);
        if (err)
            *err = strdup("cannot initialise libcurl");
        return NULL;
    }
    p->shown = shown;
    /* Drop trailing slashes from the base: ".../prometheus/" is fine too. */
    size_t n = strlen(opt->url);
    while (n > 0 && opt->url[n - 1] == '/')
        n--;
    char base[4096];
    if (n >= sizeof base) {
        prom_free(p);
        if (err)
            *err = strdup("bad URL: longer than 4095 bytes");
        return NULL;
    }
    memcpy(base, opt->url, n);
    base[n] = '\0';
    int eps = set_endpoints(p, base);
    p->multi = own_multi ? curl_multi_init() : NULL;
    p->headers = curl_slist_append(NULL, "Accept: application/json");
    if (eps < 0 || (own_multi && !p->multi) || !p->headers) {
        prom_free(p);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    if (add_secrets(p, opt->auth, opt->url) < 0) {
        prom_free(p);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    if (opt->auth && (msg = auth_setup(p, opt->auth, base)) != NULL) {
        prom_free(p);
        if (err)
            *err = msg;
        else
            free(msg);
        return NULL;
    }
    /* after auth_setup: a TLS server_name changes the endpoints' host */
    if (origin_of(p->ep_api, p->origin, sizeof p->origin) < 0) {
        prom_free(p);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    p->timeout_ms = opt->timeout_ms > 0 ? opt->timeout_ms : DEFAULT_TIMEOUT_MS;
    p->connect_timeout_ms = opt->connect_timeout_ms > 0
                                ? opt->connect_timeout_ms
                                : DEFAULT_CONNECT_TIMEOUT_MS;
    p->max_body =
        opt->max_body_bytes > 0 ? opt->max_body_bytes : DEFAULT_MAX_BODY;
    p->max_in_flight =
        opt->max_in_flight > 0 ? opt->max_in_flight : DEFAULT_MAX_IN_FLIGHT;
    p->idle = calloc((size_t)p->max_in_flight, sizeof *p->idle);
    /* one kept connection per transfer in flight: none is closed and
     * opened again between refreshes */
    if (!p->idle ||
        (p->multi && curl_multi_setopt(p->multi, CURLMOPT_MAXCONNECTS,
                                       (long)p->max_in_flight) != CURLM_OK)) {
        prom_free(p);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    p->keep_series = opt->keep_series > 0 ? opt->keep_series : 0;
    p->compress = opt->compression == PROM_COMPRESS_ON ||
                  (opt->compression == PROM_COMPRESS_AUTO && !is_local(base));
    p->stats.compressed = p->compress;
    return p;
}

Prom *prom_new(const PromOptions *opt, char **err)
{
    return client_new(opt, 1, err);
}

int prom_add_server(Prom *p, const PromOptions *opt, char **err)
{
    if (err)
        *err = NULL;
    if (!p)
        return -1;
    Prom **ns = realloc(p->servers, sizeof *ns * ((size_t)p->nservers + 1));
    if (!ns) {
        if (err)
            *err = strdup("out of memory");
        return -1;
    }
    p->servers = ns;
    Prom *s = client_new(opt, 0, err);
    if (!s)
        return -1;
    p->servers[p->nservers++] = s;
    return p->nservers;
}

/* The settings of server i of p (0: p itself), or NULL. */
static Prom *server_of(const Prom *p, int i)
{
    if (i == 0)
        return (Prom *)p;
    return i > 0 && i <= p->nservers ? p->servers[i - 1] : NULL;
}

const char *prom_server_url(const Prom *p, int server)
{
    const Prom *s = p ? server_of(p, server) : NULL;
    return s ? s->shown : "";
}

static void worker_cancel_all(Prom *p);
static void worker_stop(Prom *p);

static void free_list(ReqList *l, Prom *p, int in_multi)
{
    Req *r;
    while ((r = l->head)) {
        list_remove(l, r);
        if (in_multi && r->easy)
            curl_multi_remove_handle(p->multi, r->easy);
        req_free(r);
    }
}

void prom_cancel_all(Prom *p)
{
    if (!p)
        return;
    worker_cancel_all(p);
    free_list(&p->active, p, 1);
    free_list(&p->queue, p, 0);
    free_list(&p->done, p, 0);
}

void prom_free(Prom *p)
{
    if (!p)
        return;
    prom_cancel_all(p);
    worker_stop(p);
    for (int i = 0; i < p->nservers; i++)
        prom_free(p->servers[i]);
    free(p->servers);
    for (int i = 0; i < p->nidle; i++)
        curl_easy_cleanup(p->idle[i]);
    free(p->idle);
    if (p->multi)
        curl_multi_cleanup(p->multi);
    curl_slist_free_all(p->headers);
    curl_slist_free_all(p->connect_to);
    prom_secret_free(p->username);
    prom_secret_free(p->password);
    free(p->ca_file);
    free(p->cert_file);
    free(p->key_file);
    free(p->hint);
    for (int i = 0; i < p->nsecrets; i++)
        prom_secret_free(p->secrets[i]);
    free(p->secrets);
    free(p->shown);
    free(p->ep_query);
    free(p->ep_range);
    free(p->ep_alerts);
    free(p->ep_api);
    free(p->base);
    free(p->params);
    free(p);
    curl_global_cleanup();
}

void prom_stats(const Prom *p, PromStats *st)
{
    if (p)
        *st = p->stats;
    else
        memset(st, 0, sizeof *st);
}

const char *prom_url(const Prom *p)
{
    return p ? p->shown : "";
}

int prom_set_params(Prom *p, int server, const char *params)
{
    Prom *s = server_of(p, server);
    char *c = NULL;
    if (!s || (params && *params && !(c = strdup(params))))
        return -1;
    free(s->params);
    s->params = c;
    return 0;
}

const char *prom_params(const Prom *p, int server)
{
    const Prom *s = p ? server_of(p, server) : NULL;
    return s && s->params ? s->params : "";
}

/* 1 when parameter string s ("a=b&c=d") has a parameter named `name`
 * (escaped as in s). */
static int params_have(const char *s, const char *name)
{
    size_t n = strlen(name);
    for (const char *c = s; c && *c;) {
        if (!strncmp(c, name, n) && (c[n] == '=' || c[n] == '&' || !c[n]))
            return 1;
        c = strchr(c, '&');
        c = c ? c + 1 : NULL;
    }
    return 0;
}

/* Removes parameter `name` (escaped) from s in place. */
static void params_drop(char *s, const char *name)
{
    size_t n = strlen(name);
    char *c = s;
    while (c && *c) {
        char *amp = strchr(c, '&');
        if (!strncmp(c, name, n) && (c[n] == '=' || c[n] == '&' || !c[n])) {
            if (amp)
                memmove(c, amp + 1, strlen(amp + 1) + 1);
            else if (c > s)
                c[-1] = '\0';
            else
                *c = '\0';
            continue;
        }
        c = amp ? amp + 1 : NULL;
    }
}

int prom_params_add(char **params, const char *name, const char *value,
                    int replace)
{
    char *en = curl_easy_escape(NULL, name, (int)strlen(name));
    char *ev = curl_easy_escape(NULL, value ? value : "",
                                (int)strlen(value ? value : ""));
    int rc = -1;
    if (!en || !ev)
        goto out;
    if (*params && params_have(*params, en)) {
        if (!replace) {
            rc = 0;
            goto out;
        }
        params_drop(*params, en);
    }
    size_t old = *params ? strlen(*params) : 0;
    size_t n = old + strlen(en) + strlen(ev) + 3;
    char *np = realloc(*params, n);
    if (!np)
        goto out;
    snprintf(np + old, n - old, "%s%s=%s", old ? "&" : "", en, ev);
    *params = np;
    rc = 0;
out:
    curl_free(en);
    curl_free(ev);
    return rc;
}

/* Drops the subscriptions of `ud` from every request of list l. */
static void forget_in(ReqList *l, const void *ud)
{
    for (Req *r = l->head; r; r = r->next) {
        int k = 0;
        for (int i = 0; i < r->nsubs; i++)
            if (r->subs[i].ud != ud)
                r->subs[k++] = r->subs[i];
        r->nsubs = k;
    }
}

void prom_expire(Prom *p, double seconds)
{
    if (!p)
        return;
    Req *r;
    while ((r = p->active.head)) {
        list_remove(&p->active, r);
        curl_multi_remove_handle(p->multi, r->easy);
        p->npaused -= r->paused;
        r->paused = 0;
        r->expired = seconds > 0 ? seconds : 1e-9;
        list_push(&p->done, r);
    }
    while ((r = p->queue.head)) {
        list_remove(&p->queue, r);
        r->expired = seconds > 0 ? seconds : 1e-9;
        list_push(&p->done, r);
    }
}

void prom_forget(Prom *p, const void *ud)
{
    if (!p)
        return;
    forget_in(&p->queue, ud);
    forget_in(&p->active, ud);
    forget_in(&p->done, ud);
    forget_in(&p->parsing, ud); /* the worker does not touch subscribers */
}

char *prom_names_path(const char *label, const char *match, double start,
                      double end)
{
    char *lab =
        label ? curl_easy_escape(NULL, label, (int)strlen(label)) : NULL;
    char *m = match && *match
                  ? curl_easy_escape(NULL, match, (int)strlen(match))
                  : NULL;
    if ((label && !lab) || (match && *match && !m)) {
        curl_free(lab);
        curl_free(m);
        return NULL;
    }
    size_t n = 64 + (lab ? strlen(lab) : 0) + (m ? strlen(m) : 0) + 80;
    char *out = malloc(n);
    if (out) {
        int k = lab ? snprintf(out, n, "label/%s/values?", lab)
                    : snprintf(out, n, "labels?");
        if (m)
            k += snprintf(out + k, n - (size_t)k, "match%%5B%%5D=%s&", m);
        if (end > 0)
            k += snprintf(out + k, n - (size_t)k, "start=%.3f&end=%.3f&", start,
                          end);
        out[k - 1] = '\0'; /* the last '?' or '&' */
    }
    curl_free(lab);
    curl_free(m);
    return out;
}

int prom_pending(const Prom *p)
{
    return p ? p->queue.n + p->active.n + p->done.n + p->parsing.n : 0;
}

/* Builds the form body of a query ("query=...&time=..." and the server's
 * parameters); NULL for the other requests (*oom set when allocation
 * failed). Times go with millisecond precision. */
static char *build_form(const Prom *srv, const PromQuery *q, int *oom)
{
    *oom = 0;
    if (q->type != PQ_INSTANT && q->type != PQ_RANGE)
        return NULL;
    const char *expr = q->expr ? q->expr : "";
    char *esc = curl_easy_escape(NULL, expr, (int)strlen(expr));
    if (!esc) {
        *oom = 1;
        return NULL;
    }
    char times[160];
    if (q->type == PQ_RANGE)
        snprintf(times, sizeof times, "&start=%.3f&end=%.3f&step=%.3f",
                 q->start, q->end, q->step);
    else
        snprintf(times, sizeof times, "&time=%.3f", q->time);
    const char *params = srv->params ? srv->params : "";
    size_t n = strlen(esc) + strlen(times) + strlen(params) + 16;
    char *form = malloc(n);
    if (form)
        snprintf(form, n, "query=%s%s%s%s", esc, times, *params ? "&" : "",
                 params);
    curl_free(esc);
    if (!form)
        *oom = 1;
    return form;
}

/* 1 for the requests that change something on the server: each is sent
 * as asked, never merged with another. */
static int is_write(PromQueryType t)
{
    return t == PQ_AM_SILENCE_ADD || t == PQ_AM_SILENCE_EXPIRE;
}

static Req *find_same(ReqList *l, const PromQuery *q, const char *form)
{
    PromQueryType type = q->type;
    const char *expr = q->expr;
    for (Req *r = l->head; r; r = r->next) {
        if (r->q.type != type || r->q.server != q->server)
            continue;
        if ((type == PQ_NAMES || type == PQ_STATUS) &&
            strcmp(r->expr, expr ? expr : "") != 0)
            continue;
        if ((!form && !r->form) ||
            (form && r->form && strcmp(form, r->form) == 0))
            return r;
    }
    return NULL;
}

static int add_sub(Req *r, PromCallback cb, void *ud)
{
    if (r->nsubs == r->capsubs) {
        int cap = r->capsubs ? r->capsubs * 2 : 2;
        Sub *ns = realloc(r->subs, sizeof *ns * (size_t)cap);
        if (!ns)
            return -1;
        r->subs = ns;
        r->capsubs = cap;
    }
    r->subs[r->nsubs].cb = cb;
    r->subs[r->nsubs].ud = ud;
    r->nsubs++;
    return 0;
}

/* curl write callback: appends to the body, aborting the transfer once it
 * would pass the size cap. */
/* One series of a query's answer, complete: read (or counted) now, so that
 * the answer is never held whole. */
static int on_element(void *ud, const char *json, size_t len)
{
    Req *r = ud;
    char *copy = redact(r->p, &json, &len);
    size_t before = r->st.kept;
    int rc = promjson_stream_element(&r->st, json, len);
    free(copy);
    /* the series kept count with what answers hold: past MAX_HELD the
     * answer is refused as too large (and only counted from here on) */
    r->held += r->st.kept - before;
    r->p->held += r->st.kept - before;
    if (r->p->held > MAX_HELD)
        r->st.over = 1;
    return rc;
}

/* Bytes r's answer holds now: its body, or what the split keeps and the
 * series read so far. */
static size_t held_by(const Req *r)
{
    return r->split ? r->sp.el_cap + r->sp.skel_cap + r->st.kept : r->cap;
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    Req *r = ud;
    Prom *p = r->p;
    size_t n = size * nmemb;
    if (p->turn_t0 > 0 && now_s() - p->turn_t0 > SLICE_S) {
        /* this turn's time is spent: curl keeps the data for the next */
        r->paused = 1;
        p->npaused++;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (n > r->srv->max_body || r->len > r->srv->max_body - n) {
        r->too_big = 1;
        return 0;
    }
    if (r->split) {
        /* its buffers double as they grow: room for that, at worst */
        if (p->held + r->sp.el_cap + r->sp.skel_cap + n > MAX_HELD) {
            r->crowded = 1;
            return 0;
        }
        int rc = split_feed(&r->sp, ptr, n);
        p->held += held_by(r) - r->held;
        r->held = held_by(r);
        if (rc < 0) {
            r->oom = 1;
            return 0;
        }
        if (r->sp.el_len > MAX_SERIES_TEXT) {
            r->huge_series = 1;
            return 0;
        }
        r->len += n;
        return n;
    }
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + n)
            cap *= 2;
        if (p->held - r->held + cap > MAX_HELD) {
            cap = r->len + n; /* no room to double: exactly what it needs */
            if (p->held - r->held + cap > MAX_HELD) {
                r->crowded = 1;
                return 0;
            }
        }
        char *nb = realloc(r->body, cap);
        if (!nb) {
            r->oom = 1;
            return 0;
        }
        r->body = nb;
        r->cap = cap;
        p->held += cap - r->held;
        r->held = cap;
    }
    memcpy(r->body + r->len, ptr, n);
    r->len += n;
    return n;
}

/* The set-up every transfer of p shares, done once per easy handle (the
 * handles are reused): the error buffer, timeouts, protocols and
 * redirects, compression, headers (Accept, Authorization, extra ones),
 * basic auth and TLS files. Any request the client makes goes through
 * here. Returns 0, or -1 when libcurl refused an option. */
static int easy_setup(Prom *p, CURL *e, char *errbuf)
{
    int bad = 0;
    bad |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, p->timeout_ms) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                            p->connect_timeout_ms) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") !=
           CURLE_OK;
    /* redirects are followed by follow_redirect(), within the origin */
    bad |= curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                            (curl_off_t)p->max_body) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_USERAGENT,
                            "promboard/" PROMBOARD_VERSION) != CURLE_OK;
    if (p->compress) { /* every encoding this libcurl inflates */
        bad |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK;
        /* what one read inflates to is what it holds and takes at once
         * (a compression bomb inflates a thousandfold): read small */
        bad |= curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 2048L) != CURLE_OK;
    }
    bad |= curl_easy_setopt(e, CURLOPT_HTTPHEADER, p->headers) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L) != CURLE_OK;
    if (p->username) {
        bad |= curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC) !=
               CURLE_OK;
        bad |= curl_easy_setopt(e, CURLOPT_USERNAME, p->username) != CURLE_OK;
        bad |= curl_easy_setopt(e, CURLOPT_PASSWORD, p->password) != CURLE_OK;
    }
    if (p->ca_file)
        bad |= curl_easy_setopt(e, CURLOPT_CAINFO, p->ca_file) != CURLE_OK;
    if (p->cert_file)
        bad |= curl_easy_setopt(e, CURLOPT_SSLCERT, p->cert_file) != CURLE_OK;
    if (p->key_file)
        bad |= curl_easy_setopt(e, CURLOPT_SSLKEY, p->key_file) != CURLE_OK;
    if (p->insecure) {
        bad |= curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L) != CURLE_OK;
        bad |= curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L) != CURLE_OK;
    }
    if (p->connect_to)
        bad |=
            curl_easy_setopt(e, CURLOPT_CONNECT_TO, p->connect_to) != CURLE_OK;
    return bad ? -1 : 0;
}

/* Creates the easy handle of `r` and adds it to the multi handle. Returns
 * 0, or -1 with r->fail set. */
static int req_start(Prom *p, Req *r)
{
    Prom *s = r->srv; /* its handles are set up for its server */
    int fresh = s->nidle == 0;
    r->easy = fresh ? curl_easy_init() : s->idle[--s->nidle];
    if (!r->easy) {
        r->fail = "cannot create a curl handle";
        return -1;
    }
    CURL *e = r->easy;
    const char *url = r->url                    ? r->url
                      : r->q.type == PQ_INSTANT ? s->ep_query
                      : r->q.type == PQ_RANGE   ? s->ep_range
                                                : s->ep_alerts;
    int bad = fresh && easy_setup(s, e, r->errbuf) < 0;
    bad |= curl_easy_setopt(e, CURLOPT_URL, url) != CURLE_OK;
    /* what one request sets, the next on this handle must not inherit */
    bad |= curl_easy_setopt(e, CURLOPT_HTTPHEADER,
                            r->hdrs ? r->hdrs : s->headers) != CURLE_OK;
    bad |= curl_easy_setopt(
               e, CURLOPT_CUSTOMREQUEST,
               r->q.type == PQ_AM_SILENCE_EXPIRE ? "DELETE" : NULL) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)r) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data) != CURLE_OK;
    bad |= curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)r) != CURLE_OK;
    if (r->form) {
        bad |= curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE,
                                (long)strlen(r->form)) != CURLE_OK;
        bad |= curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->form) != CURLE_OK;
    } else {
        bad |= curl_easy_setopt(e, CURLOPT_HTTPGET, 1L) != CURLE_OK;
    }
    if (bad) {
        r->fail = "libcurl refused an option (is it older than 7.85?)";
        return -1;
    }
    r->t0 = now_s();
    if (curl_multi_add_handle(p->multi, e) != CURLM_OK) {
        r->fail = "cannot add a transfer to the curl multi handle";
        return -1;
    }
    return 0;
}

/* Moves queued requests into free slots; those that cannot start go to the
 * done list with their failure. */
static void start_queued(Prom *p)
{
    while (p->queue.head && p->active.n < p->max_in_flight) {
        Req *r = p->queue.head;
        list_remove(&p->queue, r);
        if (req_start(p, r) == 0)
            list_push(&p->active, r);
        else
            list_push(&p->done, r);
    }
}

/* The whole URL of a request of r's type other than a query's (NULL for
 * queries and alerts: srv's endpoints), into r->url, with the JSON
 * Content-Type of a silence. Returns 0, or -1 on OOM. */
static int req_url(Req *r)
{
    static const char *const paths[] = {
        [PQ_RULES] = "/api/v1/rules",
        [PQ_AM_ALERTS] = "/api/v2/alerts",
        [PQ_AM_GROUPS] = "/api/v2/alerts/groups",
        [PQ_AM_SILENCES] = "/api/v2/silences",
        [PQ_AM_SILENCE_ADD] = "/api/v2/silences",
    };
    Prom *s = r->srv;
    PromQueryType t = r->q.type;
    if (t == PQ_NAMES) {
        const char *params = s->params ? s->params : "";
        size_t n = strlen(s->ep_api) + strlen(r->expr) + strlen(params) + 2;
        if ((r->url = malloc(n)))
            snprintf(r->url, n, "%s%s%s%s", s->ep_api, r->expr,
                     !*params               ? ""
                     : strchr(r->expr, '?') ? "&"
                                            : "?",
                     params);
    } else if (t == PQ_STATUS) {
        r->url = dup_printf("%sstatus/%s", s->ep_api, r->expr);
    } else if (t == PQ_AM_SILENCE_EXPIRE) {
        char *id = curl_easy_escape(NULL, r->expr, (int)strlen(r->expr));
        r->url = id ? dup_printf("%s/api/v2/silence/%s", s->base, id) : NULL;
        curl_free(id);
    } else if ((size_t)t < sizeof paths / sizeof *paths && paths[t]) {
        r->url = dup_printf("%s%s", s->base, paths[t]);
    } else {
        return 0;
    }
    if (r->url && t == PQ_AM_SILENCE_ADD) {
        r->form = strdup(r->expr);
        struct curl_slist *h = NULL;
        for (struct curl_slist *o = s->headers; o; o = o->next) {
            struct curl_slist *nh = curl_slist_append(h, o->data);
            if (!nh) {
                r->hdrs = h;
                return -1;
            }
            h = nh;
        }
        r->hdrs = h;
        h = curl_slist_append(h, "Content-Type: application/json");
        if (!h || !r->form)
            return -1;
        r->hdrs = h;
    }
    return r->url ? 0 : -1;
}

int prom_submit(Prom *p, const PromQuery *q, PromCallback cb, void *ud)
{
    if (!p || !q || !cb)
        return -1;
    Prom *srv = server_of(p, q->server);
    if (!srv)
        return -1;
    int oom;
    char *form = build_form(srv, q, &oom);
    if (oom)
        return -1;

    Req *same = is_write(q->type) ? NULL : find_same(&p->active, q, form);
    if (!same && !is_write(q->type))
        same = find_same(&p->queue, q, form);
    if (same) {
        free(form);
        return add_sub(same, cb, ud);
    }

    Req *r = calloc(1, sizeof *r);
    if (!r) {
        free(form);
        return -1;
    }
    r->p = p;
    r->srv = srv;
    r->split = q->type == PQ_INSTANT || q->type == PQ_RANGE;
    split_init(&r->sp, on_element, r);
    r->st.keep = p->keep_series;
    r->form = form;
    r->q = *q;
    r->expr = strdup(q->expr ? q->expr : "");
    r->q.expr = r->expr;
    if (!r->expr || req_url(r) < 0 || add_sub(r, cb, ud) != 0) {
        req_free(r);
        return -1;
    }
    list_push(&p->queue, r);
    start_queued(p);
    return 0;
}

/* "64 MiB", or bytes when the cap is not whole mebibytes. */
static void format_cap(size_t n, char *buf, size_t bn)
{
    if (n >= MIB && n % MIB == 0)
        snprintf(buf, bn, "%zu MiB", n / MIB);
    else
        snprintf(buf, bn, "%zu bytes", n);
}

/* Turns a finished transfer into its Result; `body` (blen bytes) is what
 * the server said, already cleared of secrets (for a query, what is left
 * once its series were read). */
static void req_result_of(Req *r, const char *body, size_t blen, Result *res)
{
    Prom *p = r->srv;
    memset(res, 0, sizeof *res);
    if (r->expired > 0) {
        result_set_error(res, "no answer from %s within %.1f s", p->shown,
                         r->expired);
        return;
    }
    if (r->fail) {
        result_set_error(res, "request to %s failed: %s", p->shown, r->fail);
        return;
    }
    if (r->refused) {
        long st = 0;
        curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &st);
        res->http_status = st;
        result_set_error(res, "HTTP %ld from %s: %s", st, p->shown, r->refused);
        return;
    }
    long status = 0;
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);

    if (r->code == CURLE_OK && (status == 401 || status == 403)) {
        /* a short plain-text body is the server's own reason ("no org
         * id" from Mimir); HTML error pages are not worth a line */
        char why[160] = "";
        if (body && blen > 0 && blen < 120 && !memchr(body, '<', blen)) {
            size_t n = 0;
            while (n < blen && body[n] != '\r' && body[n] != '\n' &&
                   body[n] != '\0')
                n++;
            const char *word = status == 401 ? "Unauthorized" : "Forbidden";
            if (n > 0 && !(n == strlen(word) && !strncasecmp(body, word, n))) {
                char clean[128];
                text_clean_buf(clean, sizeof clean, body, n, 0);
                snprintf(why, sizeof why, " (%s)", clean);
            }
        }
        res->http_status = status;
        /* Mimir's and Cortex's "no org id": not credentials, a tenant */
        char low[sizeof why];
        for (size_t i = 0; i < sizeof low; i++)
            low[i] = (char)tolower((unsigned char)why[i]);
        const char *hint =
            strstr(low, "no org id")
                ? "the server wants a tenant: send the X-Scope-OrgID header "
                  "(headers: {X-Scope-OrgID: TENANT} in config.yaml, or -H "
                  "'X-Scope-OrgID: TENANT')"
            : p->hint ? p->hint
                      : "the server wants credentials (basic_auth or "
                        "authorization in config.yaml, see promboard(1))";
        result_set_error(res, "HTTP %ld %s%s from %s: %s", status,
                         status == 401 ? "Unauthorized" : "Forbidden", why,
                         p->shown, hint);
        return;
    }
    if (r->code == CURLE_OK) {
        switch (r->q.type) {
        case PQ_ALERTS:
            alertjson_prom_alerts(body, blen, status, res);
            break;
        case PQ_RULES:
            alertjson_prom_rules(body, blen, status, res);
            break;
        case PQ_AM_ALERTS:
            alertjson_am_alerts(body, blen, status, res);
            break;
        case PQ_AM_GROUPS:
            alertjson_am_groups(body, blen, status, res);
            break;
        case PQ_AM_SILENCES:
            alertjson_am_silences(body, blen, status, res);
            break;
        case PQ_AM_SILENCE_ADD:
        case PQ_AM_SILENCE_EXPIRE:
            alertjson_am_write(body, blen, status, res);
            break;
        case PQ_NAMES:
            promjson_parse_strings(body, blen, status, res);
            break;
        case PQ_STATUS:
            promjson_parse_status(body, blen, status, res);
            break;
        default:
            promjson_parse_stream(body, blen, status, &r->st, res);
            break;
        }
        return;
    }

    res->http_status = status;
    const char *why = curl_easy_strerror(r->code);
    char cap[32];
    switch (r->code) {
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (r->huge_series) {
            format_cap(MAX_SERIES_TEXT, cap, sizeof cap);
            result_set_error(res,
                             "answer too large: one series longer than %s "
                             "from %s; narrow the query",
                             cap, p->shown);
        } else if (r->crowded) {
            format_cap(MAX_HELD, cap, sizeof cap);
            result_set_error(res,
                             "answer too large: the answers on their way from "
                             "%s passed %s together; narrow the queries",
                             p->shown, cap);
        } else if (r->too_big || r->code == CURLE_FILESIZE_EXCEEDED) {
            format_cap(p->max_body, cap, sizeof cap);
            result_set_error(res, "answer larger than %s from %s", cap,
                             p->shown);
        } else if (r->oom) {
            result_set_error(res, "out of memory reading the answer from %s",
                             p->shown);
        } else {
            result_set_error(res, "request to %s failed (%s)", p->shown, why);
        }
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        result_set_error(res, "cannot resolve the host of %s (%s)", p->shown,
                         why);
        break;
    case CURLE_COULDNT_CONNECT:
        result_set_error(res, "cannot connect to %s (%s)", p->shown, why);
        break;
    case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connected = 0;
        curl_easy_getinfo(r->easy, CURLINFO_CONNECT_TIME_T, &connected);
        if (connected == 0 && status == 0) {
            long ms = p->connect_timeout_ms < p->timeout_ms
                          ? p->connect_timeout_ms
                          : p->timeout_ms;
            result_set_error(res, "cannot connect to %s (timeout after %.1f s)",
                             p->shown, (double)ms / 1000.0);
        } else {
            result_set_error(res, "timeout after %.1f s from %s",
                             (double)p->timeout_ms / 1000.0, p->shown);
        }
        break;
    }
    case CURLE_UNSUPPORTED_PROTOCOL: /* the URL's scheme was checked: the
                                        reply itself is not HTTP */
    case CURLE_WEIRD_SERVER_REPLY:
        result_set_error(res,
                         "not an HTTP answer from %s (is it the right port?)",
                         p->shown);
        break;
    case CURLE_GOT_NOTHING:
        result_set_error(res, "no answer from %s (%s)", p->shown, why);
        break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
        result_set_error(res, "connection to %s broken (%s)", p->shown, why);
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE: {
        /* curl's words may quote the server's certificate */
        char detail[3 * CURL_ERROR_SIZE];
        text_clean_buf(detail, sizeof detail, r->errbuf, strlen(r->errbuf), 0);
        result_set_error(res, "TLS error with %s (%s)", p->shown,
                         detail[0] ? detail : why);
        break;
    }
    default:
        result_set_error(res, "request to %s failed (%s)", p->shown, why);
        break;
    }
}

/* Turns a finished transfer into its Result. */
static void req_result(Req *r, Result *res)
{
    size_t blen = r->len;
    const char *body = r->split ? split_rest(&r->sp, &blen) : r->body;
    char *copy = redact(r->p, &body, &blen);
    req_result_of(r, body, blen, res);
    if (copy) {
        explicit_bzero(copy, blen);
        free(copy);
    }
}

static int copy_str(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

/* Deep copy of a Result for a second subscriber. Returns 0, -1 on OOM (dst
 * then holds only an error). */
static int result_copy(Result *dst, const Result *src)
{
    memset(dst, 0, sizeof *dst);
    dst->type = src->type;
    dst->http_status = src->http_status;
    dst->alerts = alertset_ref(src->alerts);
    dst->vm_fields = src->vm_fields;
    if (copy_str(&dst->error, src->error))
        goto oom;
    if (src->nwarnings > 0) {
        dst->warnings = calloc((size_t)src->nwarnings, sizeof *dst->warnings);
        if (!dst->warnings)
            goto oom;
        for (int i = 0; i < src->nwarnings; i++, dst->nwarnings++) {
            if (copy_str(&dst->warnings[i], src->warnings[i]))
                goto oom;
        }
    }
    if (src->ninfos > 0) {
        dst->infos = calloc((size_t)src->ninfos, sizeof *dst->infos);
        if (!dst->infos)
            goto oom;
        for (int i = 0; i < src->ninfos; i++, dst->ninfos++) {
            if (copy_str(&dst->infos[i], src->infos[i]))
                goto oom;
        }
    }
    if (src->nseries > 0) {
        dst->series = calloc((size_t)src->nseries, sizeof *dst->series);
        if (!dst->series)
            goto oom;
        for (int i = 0; i < src->nseries; i++) {
            const Series *s = &src->series[i];
            Series *d = &dst->series[i];
            dst->nseries = i + 1;
            if (s->nlabels > 0) {
                d->labels = calloc((size_t)s->nlabels, sizeof *d->labels);
                if (!d->labels)
                    goto oom;
                for (int j = 0; j < s->nlabels; j++) {
                    d->nlabels = j + 1;
                    if (copy_str(&d->labels[j].name, s->labels[j].name) ||
                        copy_str(&d->labels[j].value, s->labels[j].value))
                        goto oom;
                }
            }
            if (s->npoints > 0) {
                d->points = malloc(sizeof *d->points * (size_t)s->npoints);
                if (!d->points)
                    goto oom;
                memcpy(d->points, s->points,
                       sizeof *d->points * (size_t)s->npoints);
                d->npoints = s->npoints;
            }
            if (s->nhists > 0) {
                d->hists = calloc((size_t)s->nhists, sizeof *d->hists);
                if (!d->hists)
                    goto oom;
                for (int j = 0; j < s->nhists; j++, d->nhists++) {
                    const HistPoint *h = &s->hists[j];
                    d->hists[j] = *h;
                    d->hists[j].buckets = NULL;
                    d->hists[j].nbuckets = 0;
                    if (h->nbuckets <= 0)
                        continue;
                    size_t bn = sizeof *h->buckets * (size_t)h->nbuckets;
                    if (!(d->hists[j].buckets = malloc(bn)))
                        goto oom;
                    memcpy(d->hists[j].buckets, h->buckets, bn);
                    d->hists[j].nbuckets = h->nbuckets;
                }
            }
        }
    }
    return 0;
oom:
    result_free(dst);
    dst->http_status = src->http_status;
    result_set_error(dst, "out of memory copying an answer");
    return -1;
}

#define MAX_REDIRECTS 5

/* A finished transfer that is a redirect (301, 302, 303, 307, 308 with a
 * Location) is started again at the new URL when that lies within p's
 * origin (same scheme, host and port), at most MAX_REDIRECTS times: only
 * there may the credentials and extra headers go. Otherwise the request
 * ends with r->refused saying why. Returns 1 when it was started again. */
static int follow_redirect(Prom *p, Req *r, long status)
{
    if (r->code != CURLE_OK ||
        !(status == 301 || status == 302 || status == 303 || status == 307 ||
          status == 308))
        return 0;
    char *to = NULL;
    if (curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_URL, &to) != CURLE_OK ||
        !to || !*to)
        return 0;
    /* the target as shown: no user:password@, no query, clean text */
    char *bare = strip_userinfo(to), shown[300], where[600];
    if (!bare)
        return 0;
    bare[strcspn(bare, "?#")] = '\0';
    text_clean_buf(shown, sizeof shown, bare, strlen(bare), 0);
    free(bare);
    const char *why = NULL;
    char target[512];
    if (origin_of(to, target, sizeof target) < 0 ||
        (strncmp(target, "http://", 7) && strncmp(target, "https://", 8)))
        why = "only http and https are followed";
    else if (strcmp(target, r->srv->origin)) {
        snprintf(where, sizeof where,
                 "another server: requests and credentials go only to %s",
                 r->srv->origin);
        why = where;
    } else if (r->hops >= MAX_REDIRECTS)
        why = "more than 5 redirects";
    if (why) {
        size_t n = strlen(shown) + strlen(why) + 64;
        r->refused = malloc(n);
        if (r->refused)
            snprintf(r->refused, n, "not following the redirect to %s (%s)",
                     shown, why);
        return 0;
    }
    char *nu = strdup(to);
    if (!nu)
        return 0;
    free(r->url);
    r->url = nu;
    r->hops++;
    r->len = 0;
    r->too_big = r->oom = 0;
    if (r->split) { /* the redirect's own body was fed to the split */
        int keep = r->st.keep;
        split_free(&r->sp);
        promjson_stream_free(&r->st);
        split_init(&r->sp, on_element, r);
        r->st.keep = keep;
        p->held -= r->held;
        r->held = 0;
    }
    if (curl_easy_setopt(r->easy, CURLOPT_URL, r->url) != CURLE_OK ||
        curl_multi_add_handle(p->multi, r->easy) != CURLM_OK)
        return 0;
    return 1;
}

/* ---- the worker: large whole answers parsed off the caller's loop ------- */

/* Parses the answers queued for it, one at a time, until told to quit. */
static void *worker_main(void *arg)
{
    Prom *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && !p->jobs)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->quit)
            break;
        Req *r = p->jobs;
        p->jobs = r->job_next;
        if (!p->jobs)
            p->jobs_tail = NULL;
        r->job = JOB_RUNNING;
        pthread_mutex_unlock(&p->mu);
        /* reads only what is r's, and p's settings, which do not change */
        req_result(r, &r->res);
        free(r->body); /* its memory back now; p->held counts it till
                          req_free */
        r->body = NULL;
        pthread_mutex_lock(&p->mu);
        r->job = JOB_DONE;
        pthread_cond_broadcast(&p->cv);
        char b = 1;
        ssize_t w = write(p->wake[1], &b, 1);
        (void)w;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Starts the worker once. Returns 0, or -1 when it cannot run (answers
 * are then parsed at once). */
static int worker_start(Prom *p)
{
    if (p->worker_on)
        return 0;
    if (pipe(p->wake) < 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(p->wake[i], F_SETFL, fcntl(p->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(p->wake[i], F_SETFD, FD_CLOEXEC);
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    /* signals are the caller's business, but a fault in the worker must
     * still reach its handler (which gives the terminal back) */
    sigset_t all, old;
    sigfillset(&all);
    static const int faults[] = {SIGSEGV, SIGBUS,  SIGFPE,
                                 SIGILL,  SIGABRT, SIGTRAP};
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++)
        sigdelset(&all, faults[i]);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&p->worker, NULL, worker_main, p);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        close(p->wake[0]);
        close(p->wake[1]);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
        return -1;
    }
    p->worker_on = 1;
    return 0;
}

/* Hands finished request r to the worker when its answer is large and
 * parsed whole. Returns 1 when it did (r is then in p->parsing). */
static int worker_take(Prom *p, Req *r)
{
    if (r->split || r->fail || r->expired > 0 || r->refused ||
        r->code != CURLE_OK || r->len < WORKER_MIN || worker_start(p) < 0)
        return 0;
    pthread_mutex_lock(&p->mu);
    r->job = JOB_QUEUED;
    r->job_next = NULL;
    if (p->jobs_tail)
        p->jobs_tail->job_next = r;
    else
        p->jobs = r;
    p->jobs_tail = r;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    list_push(&p->parsing, r);
    return 1;
}

/* Moves the requests the worker is done with to the done list. */
static void worker_collect(Prom *p)
{
    if (!p->worker_on || p->parsing.n == 0)
        return;
    char buf[64];
    while (read(p->wake[0], buf, sizeof buf) > 0)
        ;
    pthread_mutex_lock(&p->mu);
    for (Req *r = p->parsing.head, *next; r; r = next) {
        next = r->next;
        if (r->job == JOB_DONE) {
            list_remove(&p->parsing, r);
            list_push(&p->done, r);
        }
    }
    pthread_mutex_unlock(&p->mu);
}

/* Takes back every request handed to the worker and frees it: those not
 * started are unqueued, the one being parsed is waited for (a parse is
 * bounded by PROMJSON_MAX_TREE). */
static void worker_cancel_all(Prom *p)
{
    Req *r;
    while ((r = p->parsing.head)) {
        list_remove(&p->parsing, r);
        pthread_mutex_lock(&p->mu);
        if (r->job == JOB_QUEUED) {
            Req **at = &p->jobs, *prev = NULL;
            while (*at && *at != r) {
                prev = *at;
                at = &(*at)->job_next;
            }
            if (*at)
                *at = r->job_next;
            if (p->jobs_tail == r)
                p->jobs_tail = prev;
            r->job = JOB_NONE;
        }
        while (r->job == JOB_RUNNING)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        req_free(r);
    }
}

/* Stops the worker, once nothing is handed to it. */
static void worker_stop(Prom *p)
{
    if (!p->worker_on)
        return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->worker, NULL);
    close(p->wake[0]);
    close(p->wake[1]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    p->worker_on = 0;
}

int prom_progress(Prom *p)
{
    if (!p)
        return 0;
    p->turn_t0 = now_s();
    if (p->npaused > 0) /* go on where the last turn stopped */
        for (Req *r = p->active.head; r; r = r->next)
            if (r->paused) {
                r->paused = 0;
                p->npaused--;
                curl_easy_pause(r->easy, CURLPAUSE_CONT);
            }
    if (p->active.n > 0) {
        int running = 0;
        curl_multi_perform(p->multi, &running);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(p->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            CURL *e = m->easy_handle;
            CURLcode code = m->data.result;
            void *priv = NULL;
            curl_easy_getinfo(e, CURLINFO_PRIVATE, &priv);
            curl_multi_remove_handle(p->multi, e);
            Req *r = priv;
            if (!r)
                continue;
            r->code = code;
            long status = 0;
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            if (follow_redirect(p, r, status))
                continue; /* still in flight, at the new URL */
            long conns = 0, head = 0;
            curl_off_t down = 0;
            curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &conns);
            curl_easy_getinfo(e, CURLINFO_HEADER_SIZE, &head);
            curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &down);
            p->stats.transfers++;
            p->stats.connections += conns;
            p->stats.wire_bytes += (double)head + (double)down;
            p->stats.body_bytes += (double)r->len;
            list_remove(&p->active, r);
            if (!worker_take(p, r))
                list_push(&p->done, r);
        }
    }
    start_queued(p);
    worker_collect(p);

    /* Each finished request leaves the lists before its callbacks run, so a
     * callback may submit (even the same query) or cancel everything. */
    int calls = 0;
    Req *r;
    while ((r = p->done.head)) {
        list_remove(&p->done, r);
        double secs = r->t0 > 0 ? now_s() - r->t0 : 0;
        Result res;
        if (r->job == JOB_DONE) { /* parsed by the worker */
            res = r->res;
            memset(&r->res, 0, sizeof r->res);
        } else {
            req_result(r, &res);
        }
        for (int i = 0; i < r->nsubs; i++) {
            Result mine;
            if (i == r->nsubs - 1)
                mine = res;
            else
                result_copy(&mine, &res);
            r->subs[i].cb(r->subs[i].ud, &r->q, &mine, secs);
            calls++;
        }
        if (r->nsubs == 0)
            result_free(&res);
        if (!r->fail) { /* a finished transfer's handle serves the next */
            easy_release(r->srv, r->easy);
            r->easy = NULL;
        }
        req_free(r);
    }
    p->turn_t0 = 0; /* callbacks outside a turn are not timed */
    return calls;
}

#define WAIT_STACK_FDS 8

int prom_wait_fds(Prom *p, const int *fds, int nfds, int *ready, int timeout_ms)
{
    if (!p || nfds < 0 || (nfds > 0 && !fds))
        return -1;
    if (ready) {
        for (int i = 0; i < nfds; i++)
            ready[i] = 0;
    }
    if (p->done.n > 0 || p->npaused > 0)
        timeout_ms = 0; /* callbacks are due, or transfers wait to go on:
                           let the caller progress */

    struct pollfd stack_pf[WAIT_STACK_FDS + 1];
    struct curl_waitfd stack_wf[WAIT_STACK_FDS + 1];
    struct pollfd *pf = stack_pf;
    struct curl_waitfd *wf = stack_wf;
    if (nfds > WAIT_STACK_FDS) {
        pf = calloc((size_t)nfds + 1, sizeof *pf);
        wf = calloc((size_t)nfds + 1, sizeof *wf);
        if (!pf || !wf) {
            free(pf);
            free(wf);
            return -1;
        }
    }
    int k = 0;
    for (int i = 0; i < nfds; i++) {
        if (fds[i] < 0)
            continue;
        pf[k].fd = fds[i];
        pf[k].events = POLLIN;
        pf[k].revents = 0;
        wf[k].fd = fds[i];
        wf[k].events = CURL_WAIT_POLLIN;
        wf[k].revents = 0;
        k++;
    }
    int all = k; /* the caller's fds, and the worker's when it has work */
    if (p->worker_on && p->parsing.n > 0) {
        pf[all] = (struct pollfd){p->wake[0], POLLIN, 0};
        wf[all] = (struct curl_waitfd){p->wake[0], CURL_WAIT_POLLIN, 0};
        all++;
    }

    int rc = 0;
    if (p->active.n == 0) {
        /* Nothing in flight: curl has nothing to wait for, poll the fds. */
        int n = poll(all ? pf : NULL, (nfds_t)all,
                     timeout_ms < 0 ? -1 : timeout_ms);
        if (n < 0 && errno != EINTR)
            rc = -1;
    } else {
        CURLMcode mc =
            curl_multi_poll(p->multi, all ? wf : NULL, (unsigned)all,
                            timeout_ms < 0 ? INT_MAX : timeout_ms, NULL);
        if (mc != CURLM_OK)
            rc = -1;
        else if (k > 0 && poll(pf, (nfds_t)k, 0) < 0 && errno != EINTR)
            rc = -1; /* re-check: curl reports POLLIN only, not hang-ups */
    }

    if (rc == 0) {
        k = 0;
        for (int i = 0; i < nfds; i++) {
            if (fds[i] < 0)
                continue;
            if (pf[k].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
                if (ready)
                    ready[i] = 1;
                rc++;
            }
            k++;
        }
    }
    if (pf != stack_pf) {
        free(pf);
        free(wf);
    }
    return rc;
}

int prom_wait(Prom *p, int fd, int timeout_ms)
{
    int ready = 0;
    int rc = prom_wait_fds(p, &fd, 1, &ready, timeout_ms);
    if (rc < 0)
        return -1;
    return ready ? 1 : 0;
}
