#!/usr/bin/env python3
"""synth.py - a synthetic Prometheus for `make bench`: answers
/api/v1/query and /api/v1/query_range for `synth_N` (N series, each
labelled instance="host-00001"...) with a value per step, so that
promboard --once can be timed on panels of any number of series.

usage: synth.py PORT   (loopback only; runs until killed)
"""
import json
import math
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

CACHE = {}
LOCK = threading.Lock()


def series_count(expr):
    name = expr.strip()
    if not name.startswith("synth_"):
        return None
    try:
        return int(name[len("synth_"):])
    except ValueError:
        return None


VALUES = ["%.6g" % (50 + 40 * math.sin(k * 0.7)) for k in range(97)]


def value(i, t):
    return VALUES[(i + int(t // 15)) % len(VALUES)]


def answer(params, ranged):
    expr = params.get("query", [""])[0]
    n = series_count(expr)
    if n is None:
        return 400, {"status": "error", "errorType": "bad_data",
                     "error": "synth.py knows only synth_N"}
    if ranged:
        start = float(params["start"][0])
        end = float(params["end"][0])
        step = float(params["step"][0])
        key = (n, start, end, step)
    else:
        t = float(params.get("time", ["0"])[0])
        key = (n, t)
    with LOCK:
        body = CACHE.get(key)
    if body is not None:
        return 200, body
    parts = []
    if ranged:
        times = []
        t = start
        while t <= end + 1e-9:
            times.append(t)
            t += step
        # series i draws the values shifted by i: one text per shift
        shifted = []
        for o in range(len(VALUES)):
            shifted.append(",".join(
                '[%s,"%s"]' % (int(t) if t == int(t) else repr(t), value(o, t))
                for t in times))
    for i in range(n):
        metric = '{"__name__":"synth","job":"bench","instance":"host-%05d"}' % i
        if ranged:
            parts.append('{"metric":%s,"values":[%s]}'
                         % (metric, shifted[i % len(VALUES)]))
        else:
            parts.append('{"metric":%s,"value":[%d,"%s"]}' % (metric, t, value(i, t)))
    kind = "matrix" if ranged else "vector"
    body = ('{"status":"success","data":{"resultType":"%s","result":[%s]}}'
            % (kind, ",".join(parts))).encode()
    with LOCK:
        CACHE.clear()  # one answer kept: the panels ask the same again
        CACHE[key] = body
    return 200, body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_query(self, params):
        path = urlparse(self.path).path
        if path == "/api/v1/query_range":
            self.reply(*answer(params, True))
        elif path == "/api/v1/query":
            self.reply(*answer(params, False))
        elif path == "/-/ready":
            self.reply(200, b"ready")
        else:
            self.reply(404, {"status": "error", "error": "not found"})

    def do_GET(self):
        self.handle_query(parse_qs(urlparse(self.path).query))

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        self.handle_query(parse_qs(self.rfile.read(n).decode()))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
