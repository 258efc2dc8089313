/* fake_server.h - a tiny HTTP/1.1 server for unit tests, forked on a free
 * loopback port: it answers canned bodies by the query's first word
 * ("query=slow" never answers, "deny" 401, "noorg" 403, "starting" 503,
 * "big"/"bigclose" 2 MiB, "echo" the request back, "many" a vector of
 * 20,000 series, anything else one vector sample; the label "many" has
 * 20,000 values), keeps connections alive and counts requests. Included by
 * the tests that need a server (one copy per test binary). */
#ifndef PROMBOARD_FAKE_SERVER_H
#define PROMBOARD_FAKE_SERVER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CLIENTS 32
#define CLIENT_BUF 65536

typedef struct {
    int fd;
    int id;
    char buf[CLIENT_BUF];
    size_t len;
} Client;

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static void respond(int fd, int status, const char *ctype, const char *body,
                    size_t n, int close_after)
{
    char head[256];
    const char *reason = status == 200   ? "OK"
                         : status == 503 ? "Service Unavailable"
                                         : "Error";
    int k;
    if (close_after)
        k = snprintf(
            head, sizeof head,
            "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nConnection: close\r\n\r\n",
            status, reason, ctype);
    else
        k = snprintf(
            head, sizeof head,
            "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
            status, reason, ctype, n);
    write_all(fd, head, (size_t)k);
    write_all(fd, body, n);
}

/* JSON string escape of n bytes into out (large enough: 6n+1). */
static void json_escape(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[k++] = '\\';
            out[k++] = (char)c;
        } else if (c < 0x20) {
            k += (size_t)sprintf(out + k, "\\u%04x", c);
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
}

/* Answers one complete request. Returns 1 to keep the connection, 0 to
 * close it. */
static int serve_request(Client *c, const char *head, size_t headlen,
                         const char *body, size_t bodylen, int req_no)
{
    static const char vector[] =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        "\"result\":"
        "[{\"metric\":{\"__name__\":\"up\",\"job\":\"fake\"},\"value\":"
        "[1772334600,\"1\"]}]}}";
    static const char alerts[] =
        "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{"
        "\"alertname\":"
        "\"Fake\"},\"annotations\":{},\"state\":\"firing\",\"activeAt\":"
        "\"2026-03-01T03:10:00.5Z\",\"value\":\"1e+00\"}]}}";
    /* an Alertmanager under /am: its alerts, and writes echoed back as the
     * id of the silence they made */
    if (strncmp(head, "GET /am/api/v2/alerts ", 22) == 0) {
        static const char am[] =
            "[{\"labels\":{\"alertname\":\"Fake\"},\"status\":{"
            "\"silencedBy\":[\"s1\"],\"inhibitedBy\":[],\"state\":"
            "\"suppressed\"},\"startsAt\":\"2026-03-01T03:10:00Z\"}]";
        respond(c->fd, 200, "application/json", am, strlen(am), 0);
        return 1;
    }
    if (strncmp(head, "DELETE /am/api/v2/silence/", 26) == 0) {
        if (strncmp(head + 26, "gone ", 5) == 0)
            respond(c->fd, 500, "application/json", "\"silence not found\"", 19,
                    0);
        else
            respond(c->fd, 200, "application/json", "", 0, 0);
        return 1;
    }
    if (strncmp(head, "POST /am/api/v2/silences ", 25) == 0) {
        size_t all = headlen + bodylen;
        char *raw = malloc(all + 1);
        char *esc = malloc(6 * all + 1);
        char *out = malloc(6 * all + 64);
        if (raw && esc && out) {
            memcpy(raw, head, headlen);
            memcpy(raw + headlen, body, bodylen);
            json_escape(raw, all, esc);
            int k = sprintf(out, "{\"silenceID\":\"%s\"}", esc);
            respond(c->fd, 200, "application/json", out, (size_t)k, 0);
        }
        free(raw);
        free(esc);
        free(out);
        return 1;
    }
    if (headlen > 20 && strncmp(head, "GET /api/v1/alerts ", 19) == 0) {
        respond(c->fd, 200, "application/json", alerts, strlen(alerts), 0);
        return 1;
    }
    /* GET .../echo...: the request line back, as a list of strings (label
     * requests) or as data.request (status requests) */
    const char *eol = memchr(head, '\r', headlen);
    size_t ln = eol ? (size_t)(eol - head) : 0;
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)(ln < 300 ? ln : 300), head);
    if (strncmp(line, "GET /api/v1/", 12) == 0 && strstr(line, "echo")) {
        char esc[2048], out[4096];
        json_escape(head, ln < 300 ? ln : 300, esc);
        int st = strncmp(head, "GET /api/v1/status/", 19) == 0;
        int k = snprintf(out, sizeof out,
                         st ? "{\"status\":\"success\",\"data\":{\"request\":"
                              "\"%s\"}}"
                            : "{\"status\":\"success\",\"data\":[\"%s\"]}",
                         esc);
        respond(c->fd, 200, "application/json", out, (size_t)k, 0);
        return 1;
    }
    if ((bodylen >= 10 && strncmp(body, "query=many", 10) == 0) ||
        strncmp(line, "GET /api/v1/label/many/values", 29) == 0) {
        /* 20,000 series or strings: about 1 MB, in pieces as they come */
        int names = body == NULL || bodylen < 10 ||
                    strncmp(body, "query=many", 10) != 0;
        size_t cap = (size_t)20000 * 64 + 256, k = 0;
        char *out = malloc(cap);
        if (out) {
            k += (size_t)sprintf(out, names ? "{\"status\":\"success\","
                                              "\"data\":["
                                            : "{\"status\":\"success\","
                                              "\"data\":{\"resultType\":"
                                              "\"vector\",\"result\":[");
            for (int i = 0; i < 20000; i++)
                k += (size_t)sprintf(
                    out + k,
                    names ? "%s\"v%d\""
                          : "%s{\"metric\":{\"i\":\"%d\"},\"value\":"
                            "[1,\"%d\"]}",
                    i ? "," : "", i, i);
            k += (size_t)sprintf(out + k, names ? "]}" : "]}}");
            respond(c->fd, 200, "application/json", out, k, 0);
            free(out);
        }
        return 1;
    }
    if (bodylen >= 10 && strncmp(body, "query=slow", 10) == 0)
        return 1; /* never answer */
    if (bodylen >= 10 && strncmp(body, "query=deny", 10) == 0) {
        respond(c->fd, 401, "text/plain", "Unauthorized\n", 13, 0);
        return 1;
    }
    if (bodylen >= 11 && strncmp(body, "query=noorg", 11) == 0) {
        respond(c->fd, 403, "text/plain", "no org id\n", 10, 0);
        return 1;
    }
    if (bodylen >= 14 && strncmp(body, "query=starting", 14) == 0) {
        respond(c->fd, 503, "text/plain", "Service Unavailable", 19, 0);
        return 1;
    }
    if (bodylen >= 9 && strncmp(body, "query=big", 9) == 0) {
        int close_after =
            bodylen >= 14 && strncmp(body, "query=bigclose", 14) == 0;
        size_t n = (size_t)2 << 20;
        char *big = malloc(n);
        if (big) {
            memset(big, ' ', n);
            respond(c->fd, 200, "application/json", big, n, close_after);
            free(big);
        }
        return !close_after;
    }
    if (bodylen >= 10 && strncmp(body, "query=echo", 10) == 0) {
        size_t all = headlen + bodylen;
        char *raw = malloc(all + 1);
        char *esc = malloc(6 * all + 1);
        char *out = malloc(6 * all + 256);
        if (raw && esc && out) {
            memcpy(raw, head, headlen);
            memcpy(raw + headlen, body, bodylen);
            json_escape(raw, all, esc);
            int k =
                sprintf(out,
                        "{\"status\":\"success\",\"data\":{\"resultType\":"
                        "\"string\",\"result\":[1,\"conn=%d req=%d\\n%s\"]}}",
                        c->id, req_no, esc);
            respond(c->fd, 200, "application/json", out, (size_t)k, 0);
        }
        free(raw);
        free(esc);
        free(out);
        return 1;
    }
    respond(c->fd, 200, "application/json", vector, strlen(vector), 0);
    return 1;
}

/* Handles every complete request in c->buf; 0 when the client must go. */
static int serve_buffer(Client *c, int *req_no)
{
    for (;;) {
        char *end = NULL;
        for (size_t i = 0; i + 4 <= c->len; i++) {
            if (memcmp(c->buf + i, "\r\n\r\n", 4) == 0) {
                end = c->buf + i + 4;
                break;
            }
        }
        if (!end)
            return c->len < CLIENT_BUF;
        size_t headlen = (size_t)(end - c->buf);
        size_t bodylen = 0;
        for (char *l = c->buf; l < end; l++) {
            if ((l == c->buf || l[-1] == '\n') &&
                strncasecmp(l, "Content-Length:", 15) == 0)
                bodylen = strtoul(l + 15, NULL, 10);
        }
        if (headlen + bodylen > c->len)
            return c->len < CLIENT_BUF;
        (*req_no)++;
        int keep = serve_request(c, c->buf, headlen, end, bodylen, *req_no);
        memmove(c->buf, c->buf + headlen + bodylen, c->len - headlen - bodylen);
        c->len -= headlen + bodylen;
        if (!keep)
            return 0;
    }
}

static void server_loop(int lfd)
{
    Client *cl = calloc(MAX_CLIENTS, sizeof *cl);
    if (!cl)
        _exit(1);
    int nconn = 0, req_no = 0;
    for (int i = 0; i < MAX_CLIENTS; i++)
        cl[i].fd = -1;
    for (;;) {
        struct pollfd pf[MAX_CLIENTS + 1];
        pf[0].fd = lfd;
        pf[0].events = POLLIN;
        for (int i = 0; i < MAX_CLIENTS; i++) {
            pf[i + 1].fd = cl[i].fd;
            pf[i + 1].events = POLLIN;
        }
        if (poll(pf, MAX_CLIENTS + 1, -1) < 0)
            continue;
        if (pf[0].revents & POLLIN) {
            int fd = accept(lfd, NULL, NULL);
            for (int i = 0; fd >= 0 && i < MAX_CLIENTS; i++) {
                if (cl[i].fd < 0) {
                    cl[i].fd = fd;
                    cl[i].id = ++nconn;
                    cl[i].len = 0;
                    fd = -1;
                }
            }
            if (fd >= 0)
                close(fd);
        }
        for (int i = 0; i < MAX_CLIENTS; i++) {
            if (cl[i].fd < 0 ||
                !(pf[i + 1].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t k =
                read(cl[i].fd, cl[i].buf + cl[i].len, CLIENT_BUF - cl[i].len);
            if (k <= 0) {
                close(cl[i].fd);
                cl[i].fd = -1;
                continue;
            }
            cl[i].len += (size_t)k;
            if (!serve_buffer(&cl[i], &req_no)) {
                close(cl[i].fd);
                cl[i].fd = -1;
            }
        }
    }
}

typedef struct {
    pid_t pid;
    int port;
    char url[64];
} Server;

static int server_start(void **state)
{
    Server *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(lfd, 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &al) != 0) {
        free(s);
        return -1;
    }
    s->port = ntohs(a.sin_port);
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", s->port);
    s->pid = fork();
    if (s->pid < 0) {
        free(s);
        return -1;
    }
    if (s->pid == 0) {
        signal(SIGPIPE, SIG_IGN);
        server_loop(lfd);
        _exit(0);
    }
    close(lfd);
    *state = s;
    return 0;
}

static int server_stop(void **state)
{
    Server *s = *state;
    if (s) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        free(s);
    }
    return 0;
}

#endif
