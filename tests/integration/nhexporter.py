#!/usr/bin/env python3
"""nhexporter.py - a small exporter for promboard's integration tests that
serves native histograms in the protobuf exposition format (the only one
from which Prometheus 2.42 ingests them), written with the standard library
alone: the few protobuf messages needed are encoded by hand.

usage: nhexporter.py PORT [--switch-after N]

Metrics, one scrape adding a deterministic set of observations each time:
  nh_request_duration_seconds{handler="/api/a"|"/api/b"}  native histogram,
      schema 0 (bounds at powers of two), zero threshold 0.001
  nh_payload_bytes                  native histogram, schema 3, sparse
  nh_switching                      a gauge for the first N scrapes
      (default 6), a native histogram after: a series changing type
  nh_scrapes_total                  counter of the scrapes served
Without protobuf in the Accept header the floats are served as text and
the histograms left out (no text format carries native histograms).
"""
import struct
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PROTO_TYPE = ("application/vnd.google.protobuf; "
              "proto=io.prometheus.client.MetricFamily; encoding=delimited")

# MetricType enum of io.prometheus.client
COUNTER, GAUGE, HISTOGRAM = 0, 1, 4


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def key(field, wire):
    return varint(field << 3 | wire)


def f_varint(field, n):
    return key(field, 0) + varint(n)


def f_sint(field, n):
    return key(field, 0) + varint(zigzag(n))


def f_double(field, x):
    return key(field, 1) + struct.pack("<d", x)


def f_bytes(field, b):
    return key(field, 2) + varint(len(b)) + b


def f_str(field, s):
    return f_bytes(field, s.encode())


def label_pairs(labels):
    return b"".join(f_bytes(1, f_str(1, k) + f_str(2, v))
                    for k, v in labels)


def gauge_metric(labels, value, field=2):
    # Metric: label = 1, gauge = 2, counter = 3; both hold value = 1
    return label_pairs(labels) + f_bytes(field, f_double(1, value))


def native_metric(labels, h):
    """h: dict schema, zero_threshold, zero_count, sum, buckets {index:
    count} (positive buckets only)."""
    idx = sorted(i for i, c in h["buckets"].items() if c > 0)
    spans, deltas = [], []
    prev_idx, prev_count = None, 0
    for i in idx:
        if prev_idx is None or i != prev_idx + 1:
            offset = i if prev_idx is None else i - prev_idx - 1
            spans.append([offset, 0])
        spans[-1][1] += 1
        deltas.append(h["buckets"][i] - prev_count)
        prev_idx, prev_count = i, h["buckets"][i]
    count = h["zero_count"] + sum(h["buckets"].values())
    body = f_varint(1, count) + f_double(2, h["sum"])
    body += f_sint(5, h["schema"]) + f_double(6, h["zero_threshold"])
    body += f_varint(7, h["zero_count"])
    if not spans:  # no observation yet: a no-op span marks it native
        spans = [[0, 0]]
    for off, length in spans:
        body += f_bytes(12, f_sint(1, off) + f_varint(2, length))
    if deltas:
        packed = b"".join(varint(zigzag(d)) for d in deltas)
        body += f_bytes(13, packed)
    return label_pairs(labels) + f_bytes(7, body)


def family(name, help_, mtype, metrics):
    body = f_str(1, name) + f_str(2, help_) + f_varint(3, mtype)
    body += b"".join(f_bytes(4, m) for m in metrics)
    return varint(len(body)) + body


class State:
    """The exporter's histograms, advanced by one scrape's observations."""

    def __init__(self, switch_after):
        self.scrapes = 0
        self.switch_after = switch_after
        self.hists = {
            "/api/a": self.empty(0, 0.001),
            "/api/b": self.empty(0, 0.001),
        }
        self.payload = self.empty(3, 0.0)
        self.switching = self.empty(1, 0.0)

    @staticmethod
    def empty(schema, zt):
        return {"schema": schema, "zero_threshold": zt, "zero_count": 0,
                "sum": 0.0, "buckets": {}}

    @staticmethod
    def observe(h, bucket, n, value):
        h["buckets"][bucket] = h["buckets"].get(bucket, 0) + n
        h["sum"] += n * value

    def scrape(self):
        k = self.scrapes
        self.scrapes += 1
        # durations: a body around 0.1-0.5 s (buckets -3..-1), a tail up
        # to 4 s that grows on /api/b every third scrape
        a, b = self.hists["/api/a"], self.hists["/api/b"]
        self.observe(a, -3, 3 + k % 4, 0.2)
        self.observe(a, -2, 2 + k % 3, 0.4)
        self.observe(a, 0, 1, 0.9)
        a["zero_count"] += k % 2
        self.observe(b, -1, 4, 0.7)
        self.observe(b, 1, 1 + (k % 3 == 0) * 5, 1.6)
        self.observe(b, 2, k % 2, 3.5)
        # payload sizes: schema 3, a few sparse buckets far apart
        p = self.payload
        self.observe(p, 80, 2, 1000.0)          # ~ 2^10
        self.observe(p, 81 + k % 3, 1, 1100.0)
        self.observe(p, 160, 1 + k % 2, 1.0e6)  # ~ 2^20
        s = self.switching
        if k >= self.switch_after:
            self.observe(s, 2, 1 + k % 2, 3.0)

    def protobuf(self):
        self.scrape()
        out = family("nh_scrapes_total", "Scrapes served.", COUNTER,
                     [gauge_metric([], float(self.scrapes), field=3)])
        out += family(
            "nh_request_duration_seconds", "Request durations.", HISTOGRAM,
            [native_metric([("handler", h)], self.hists[h])
             for h in sorted(self.hists)])
        out += family("nh_payload_bytes", "Payload sizes.", HISTOGRAM,
                      [native_metric([], self.payload)])
        if self.scrapes <= self.switch_after:
            out += family("nh_switching", "A gauge, then a histogram.",
                          GAUGE, [gauge_metric([], 42.0)])
        else:
            out += family("nh_switching", "A gauge, then a histogram.",
                          HISTOGRAM, [native_metric([], self.switching)])
        return out

    def text(self):
        self.scrape()
        return ("# TYPE nh_scrapes_total counter\n"
                "nh_scrapes_total %d\n" % self.scrapes).encode()


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: nhexporter.py PORT [--switch-after N]")
    port = int(sys.argv[1])
    switch_after = 6
    if len(sys.argv) >= 4 and sys.argv[2] == "--switch-after":
        switch_after = int(sys.argv[3])
    state = State(switch_after)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] != "/metrics":
                self.send_error(404)
                return
            if "application/vnd.google.protobuf" in self.headers.get(
                    "Accept", ""):
                body, ctype = state.protobuf(), PROTO_TYPE
            else:
                body, ctype = state.text(), "text/plain; version=0.0.4"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    HTTPServer.allow_reuse_address = True
    srv = HTTPServer(("127.0.0.1", port), Handler)
    srv.serve_forever()


if __name__ == "__main__":
    main()
