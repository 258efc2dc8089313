#!/usr/bin/env python3
"""hostile.py - a loopback HTTP server that answers the Prometheus API in
bad ways, for promboard's robustness tests. Python 3 standard library only.

The first path segment chooses the fault, so one server serves them all:
promboard is pointed at --url http://127.0.0.1:PORT/FAULT and asks
/FAULT/api/v1/query etc. Faults:

  ok          a valid answer (vector, matrix, alerts or strings)
  never       reads the request and never answers
  slow        a valid answer, one byte every 0.5 s
  cut         announces a long body, sends half of it, closes
  html        an HTML error page with status 200
  html502     an HTML error page with status 502
  text        plain text with status 200
  truncated   JSON cut short
  wrongshape  JSON of the wrong shape (data.result an object)
  deep        JSON nested 5,000 deep
  huge        100 MiB of valid JSON, plainly
  big64       a 64 MiB answer of tiny values (about 5 million points)
  bomb        a 61 KB gzip answer that inflates to 60 MiB of tiny values
  big16, bomb16   the same with 16 MiB (quicker, for tests)
  oneseries   one series of 400,000 tiny points (3 MB)
  chunked     an endless chunked body
  escapes     escape sequences and C1 controls in labels, values of the
              error and the warnings (raw bytes 0x9b included)
  echo        echoes the request's Authorization and other headers back in
              a label value, a warning and (for instant queries) an error
  redirect-file   302 to file:///etc/passwd
  redirect-port   302 to the same path on the second port (--other-port);
                  that listener logs the headers it gets to --log
  redirect-host   302 to localhost (another host name) on the second port
  redirect-same   302 to the echo fault on the same server (followed)
  redirect-scheme 302 to https on the same host and port (another origin)
  redirect-down   (on the TLS port) 302 to plain http on the second port
  nonhttp     a reply that is not HTTP at all
  bigtime     a vector sample at time 1e999 and a matrix at -1e999
  hugevalue   values 1e308 and -1e308 (durations of 10^300 years)

Usage: hostile.py --port PORT [--other-port PORT2] [--log FILE]
                  [--tls-cert CERT --tls-key KEY]
A port of 0 is one the system picks (no race with other listeners).
With --tls-cert a third listener speaks TLS with that certificate and
serves the same faults. Prints "ready PORT PORT2 PORT3" on stdout once
all ports listen (PORT2 is 0 without --other-port, PORT3 without TLS).
"""
import argparse
import gzip
import json
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

T = 1772334600
LOG = None
OTHER = 0
STOP = threading.Event()
CACHE = {}
CACHE_LOCK = threading.Lock()


def tiny_matrix(total_bytes):
    """A matrix of many series with tiny points, about total_bytes long."""
    pair = b'[1,"1"],'
    per = 1000
    series = b'{"metric":{},"values":[' + pair * (per - 1) + b'[1,"1"]]},'
    n = max(1, total_bytes // len(series))
    body = (b'{"status":"success","data":{"resultType":"matrix","result":['
            + series * (n - 1) + series[:-1] + b']}}')
    return body


def cached(name, make):
    with CACHE_LOCK:
        if name not in CACHE:
            CACHE[name] = make()
        return CACHE[name]


def valid_answer(path):
    """A small valid answer for the endpoint of path."""
    if path.endswith("/query_range"):
        data = {"resultType": "matrix", "result": [
            {"metric": {"job": "hostile", "instance": "a"},
             "values": [[T - 60 * i, str(i)] for i in range(10, -1, -1)]}]}
    elif path.endswith("/query"):
        data = {"resultType": "vector", "result": [
            {"metric": {"job": "hostile", "instance": "a"},
             "value": [T, "42"]}]}
    elif path.endswith("/alerts"):
        data = {"alerts": []}
    else:
        data = ["hostile"]
    return json.dumps({"status": "success", "data": data}).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        self.form = self.rfile.read(n) if n > 0 else b""
        self.handle_any()

    def send(self, status, body, ctype="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        if self.server.server_port == OTHER:
            # the other origin: remember what arrived
            if LOG:
                with open(LOG, "a") as f:
                    f.write("%s %s\n" % (self.command, self.path))
                    for k, v in self.headers.items():
                        f.write("  %s: %s\n" % (k, v))
            self.send(200, valid_answer(self.path))
            return
        parts = self.path.split("/")
        mode = parts[1] if len(parts) > 1 else ""
        rest = "/" + "/".join(parts[2:])
        fn = getattr(self, "m_" + mode.replace("-", "_"), None)
        if fn is None:
            self.send(404, b"no such fault\n", "text/plain")
            return
        fn(rest)

    def m_ok(self, rest):
        self.send(200, valid_answer(rest))

    def m_never(self, rest):
        while not STOP.wait(1):
            pass

    def m_slow(self, rest):
        body = valid_answer(rest)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for b in body:
            if STOP.wait(0.5):
                return
            self.wfile.write(bytes([b]))
            self.wfile.flush()

    def m_cut(self, rest):
        body = valid_answer(rest)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) * 2))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def m_html(self, rest, status=200):
        self.send(status, b"<!DOCTYPE html><html><head><title>Gateway "
                  b"portal login</title></head><body><h1>Please log in</h1>"
                  b"</body></html>\n", "text/html")

    def m_html502(self, rest):
        self.m_html(rest, 502)

    def m_text(self, rest):
        self.send(200, b"upstream connect error or disconnect/reset before "
                  b"headers\n", "text/plain")

    def m_truncated(self, rest):
        self.send(200, valid_answer(rest)[:-7])

    def m_wrongshape(self, rest):
        self.send(200, b'{"status":"success","data":{"resultType":"vector",'
                  b'"result":{"metric":{},"value":[1,"1"]}}}')

    def m_deep(self, rest):
        self.send(200, b"[" * 5000 + b"]" * 5000)

    def m_huge(self, rest):
        body = cached("huge", lambda: tiny_matrix(100 << 20))
        self.send(200, body)

    def m_big64(self, rest):
        body = cached("big64", lambda: tiny_matrix((64 << 20) - 4096))
        self.send(200, body)

    def m_bomb(self, rest):
        body = cached("bomb", lambda: gzip.compress(tiny_matrix(60 << 20), 9))
        self.send(200, body, extra=[("Content-Encoding", "gzip")])

    def m_oneseries(self, rest):
        pair = b'[1,"1"],'
        body = cached("oneseries", lambda: (
            b'{"status":"success","data":{"resultType":"matrix","result":'
            b'[{"metric":{"a":"b"},"values":[' + pair * 399999 +
            b'[1,"1"]]}]}}'))
        self.send(200, body)

    def m_big16(self, rest):
        body = cached("big16", lambda: tiny_matrix(16 << 20))
        self.send(200, body)

    def m_bomb16(self, rest):
        body = cached("bomb16",
                      lambda: gzip.compress(tiny_matrix(16 << 20), 9))
        self.send(200, body, extra=[("Content-Encoding", "gzip")])

    def m_chunked(self, rest):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b'[1,"1"],' * 512
        try:
            head = (b'{"status":"success","data":{"resultType":'
                    b'"matrix","result":[{"metric":{},"values":[')
            self.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
            while not STOP.is_set():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
        except OSError:
            pass

    def m_escapes(self, rest):
        bad = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\u009b31m\u0085x"
        raw = b"\x9b\x1b[5m"  # a raw C1 byte: invalid UTF-8
        if rest.endswith("/query") or rest.endswith("/query_range"):
            if b"error" in getattr(self, "form", b""):
                body = json.dumps({"status": "error", "errorType": "bad_data",
                                   "error": "boom " + bad}).encode()
                self.send(400, body.replace(b"boom", b"boom" + raw))
                return
            matrix = rest.endswith("/query_range")
            metric = {"job": bad, "instance": "i" + bad}
            if matrix:
                res = {"resultType": "matrix", "result": [
                    {"metric": metric, "values": [[T - 60, "1"], [T, "2"]]}]}
            else:
                res = {"resultType": "vector", "result": [
                    {"metric": metric, "value": [T, "2"]}]}
            body = json.dumps({"status": "success", "data": res,
                               "warnings": ["warn " + bad]}).encode()
            body = body.replace(b"warn ", b"warn " + raw)
            body = body.replace(b'"job": "', b'"job": "' + raw)
            self.send(200, body)
        else:
            self.send(200, valid_answer(rest))

    def m_echo(self, rest):
        seen = "; ".join("%s=%s" % (k, v) for k, v in self.headers.items()
                         if k.lower() not in ("host", "accept",
                                              "content-length",
                                              "content-type",
                                              "accept-encoding"))
        if rest.endswith("/query") and b"fail" in getattr(self, "form", b""):
            body = json.dumps({"status": "error", "errorType": "bad_data",
                               "error": "you sent " + seen}).encode()
            self.send(400, body)
            return
        if rest.endswith("/query") or rest.endswith("/query_range"):
            matrix = rest.endswith("/query_range")
            metric = {"job": "echo", "seen": seen}
            if matrix:
                res = {"resultType": "matrix", "result": [
                    {"metric": metric, "values": [[T - 60, "1"], [T, "2"]]}]}
            else:
                res = {"resultType": "vector", "result": [
                    {"metric": metric, "value": [T, "2"]}]}
            body = json.dumps({"status": "success", "data": res,
                               "warnings": ["headers: " + seen]}).encode()
            self.send(200, body)
        else:
            self.send(200, valid_answer(rest))

    def m_redirect_file(self, rest):
        self.send(302, b"", "text/plain", [("Location", "file:///etc/passwd")])

    def m_redirect_port(self, rest):
        self.send(302, b"", "text/plain",
                  [("Location", "http://127.0.0.1:%d%s" % (OTHER, rest))])

    def m_redirect_same(self, rest):
        self.send(302, b"", "text/plain",
                  [("Location", "/echo" + rest)])

    def m_redirect_host(self, rest):
        self.send(302, b"", "text/plain",
                  [("Location", "http://localhost:%d%s" % (OTHER, rest))])

    def m_redirect_scheme(self, rest):
        self.send(302, b"", "text/plain",
                  [("Location", "https://127.0.0.1:%d%s" %
                    (self.server.server_port, rest))])

    def m_redirect_down(self, rest):
        self.send(302, b"", "text/plain",
                  [("Location", "http://127.0.0.1:%d%s" % (OTHER, rest))])

    def m_nonhttp(self, rest):
        self.wfile.write(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
        self.wfile.flush()
        self.close_connection = True

    def m_bigtime(self, rest):
        if rest.endswith("/query_range"):
            body = (b'{"status":"success","data":{"resultType":"matrix",'
                    b'"result":[{"metric":{"a":"b"},"values":[[-1e999,"1"],'
                    b'[1e999,"2"],[9e18,"3"]]}]}}')
        elif rest.endswith("/query"):
            body = (b'{"status":"success","data":{"resultType":"vector",'
                    b'"result":[{"metric":{"a":"b"},"value":[1e999,"1e999"]},'
                    b'{"metric":{"a":"c"},"value":[-9e18,"-1e999"]}]}}')
        else:
            body = valid_answer(rest)
        self.send(200, body)

    def m_hugevalue(self, rest):
        if rest.endswith("/query_range"):
            body = (b'{"status":"success","data":{"resultType":"matrix",'
                    b'"result":[{"metric":{"a":"b"},"values":[[%d,"1e308"],'
                    b'[%d,"-1e308"]]}]}}' % (T - 60, T))
        elif rest.endswith("/query"):
            body = (b'{"status":"success","data":{"resultType":"vector",'
                    b'"result":[{"metric":{"a":"b"},"value":[%d,"1e308"]},'
                    b'{"metric":{"a":"c"},"value":[%d,"-1e308"]}]}}' % (T, T))
        else:
            body = valid_answer(rest)
        self.send(200, body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main():
    global LOG, OTHER
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--other-port", type=int)
    ap.add_argument("--log")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    a = ap.parse_args()
    LOG = a.log
    servers = [Server(("127.0.0.1", a.port), Handler)]
    if a.other_port is not None:
        servers.append(Server(("127.0.0.1", a.other_port), Handler))
        OTHER = servers[1].server_address[1]
    tls = 0
    if a.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        s = Server(("127.0.0.1", 0), Handler)
        s.socket = ctx.wrap_socket(s.socket, server_side=True)
        servers.append(s)
        tls = s.server_address[1]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print("ready %d %d %d" % (servers[0].server_address[1], OTHER, tls),
          flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        STOP.set()


if __name__ == "__main__":
    main()
