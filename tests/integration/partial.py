#!/usr/bin/env python3
"""partial.py - a stand-in for what no real server here answers on demand:
a partial answer as Thanos Query gives it (warnings), as a VictoriaMetrics
cluster gives it (isPartial: true), and Mimir's 401 "no org id" to a
request without a tenant. Standard library only.

usage: partial.py PORT

/api/v1/query and /api/v1/query_range (GET or POST) answer one series of
value 1 whose labels name the query; the query decides the rest:
  ...thanos...     the answer carries a warning
  ...vmcluster...  the answer says isPartial: true
  ...mimir...      401 "no org id" without an X-Scope-OrgID header
/api/v1/status/* answers 404, as Thanos and Mimir do for the
configuration.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    def answer(self, code, body, ctype="application/json"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_query(self, args):
        path = urlsplit(self.path).path
        query = args.get("query", [""])[0]
        if path.startswith("/api/v1/status/"):
            return self.answer(404, "404 page not found\n", "text/plain")
        if path not in ("/api/v1/query", "/api/v1/query_range"):
            return self.answer(404, "404 page not found\n", "text/plain")
        if "mimir" in query and not self.headers.get("X-Scope-OrgID"):
            return self.answer(401, "no org id\n", "text/plain")
        labels = {"query": query}
        if path.endswith("_range"):
            start = float(args.get("start", ["0"])[0])
            end = float(args.get("end", ["0"])[0])
            step = float(args.get("step", ["60"])[0])
            n = int((end - start) / step) + 1 if step > 0 else 1
            result = {"resultType": "matrix", "result": [{
                "metric": labels,
                "values": [[start + i * step, "1"] for i in range(n)]}]}
        else:
            t = float(args.get("time", ["0"])[0])
            result = {"resultType": "vector",
                      "result": [{"metric": labels, "value": [t, "1"]}]}
        out = {"status": "success", "data": result}
        if "thanos" in query:
            out["warnings"] = [
                "partial response: store 127.0.0.1:10901 unreachable"]
        if "vmcluster" in query:
            out["isPartial"] = True
        return self.answer(200, json.dumps(out))

    def do_GET(self):
        self.handle_query(parse_qs(urlsplit(self.path).query))

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        args = parse_qs(self.rfile.read(n).decode())
        args.update(parse_qs(urlsplit(self.path).query))
        self.handle_query(args)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
