# t_82_native.sh - native histograms from a real Prometheus 2.42 (the live
# server of servers.sh, scraping nhexporter.py's protobuf): parsed from
# instant and range answers equal to the server's, drawn by the heatmap and
# histogram panels from their buckets, a hint instead of NaN elsewhere, and
# a series that turns from a gauge into a histogram shown as what it is now.
# Sourced by run.sh, which provides $BIN, $COMPARE, $WORK and the helpers.

NW=$WORK/native
mkdir -p "$NW"
cat > "$NW/nh.yaml" <<'YAML'
title: Native histograms
range: 5m
rows:
  - height: 2
    panels:
      - title: Durations of /api/a
        kind: histogram
        query: 'nh_request_duration_seconds{handler="/api/a"}'
        unit: s
  - height: 2
    panels:
      - title: Durations over time
        kind: heatmap
        query: sum(rate(nh_request_duration_seconds[$__rate_interval]))
        unit: s
  - height: 1
    panels:
      - title: Raw histograms
        kind: stat
        query: nh_request_duration_seconds
      - title: Switching
        kind: timeseries
        query: nh_switching
      - title: P90
        kind: timeseries
        unit: s
        query: >-
          histogram_quantile(0.9,
            sum by (handler) (rate(nh_request_duration_seconds[$__rate_interval])))
YAML

# an instant 30 s after the exporter started: some ten scrapes in, the
# gauge already a histogram, every bucket count still small
NH_AT=$((LIVE_STARTED + 30))
if live_wait_for "nh_scrapes_total > 0" 60 && live_wait_for "vector(time()) > $((NH_AT + 5))" 60; then
    ok "live server: native histograms scraped from the protobuf exporter"
else
    ko "live server without native histograms"
fi

out=$NW/nh.json
if "$BIN" --url "$LIVE_URL" --at "$NH_AT" --once --format json "$NW/nh.yaml" \
    > "$out" 2> "$NW/err" && clean_stderr "$NW/err" &&
    "$COMPARE" "$LIVE_URL" "$out" > "$NW/cmp" 2>&1; then
    ok "native histograms: every panel equals the server's answers, buckets included ($(tail -n 1 "$NW/cmp"))"
else
    ko "native histograms differ from the server's"; cat "$NW/err" "$NW/cmp"
fi

# the raw histograms: no float, two histograms as the server sent them;
# the switching series: floats, then histograms, and its last value is no
# longer the old float
python3 - "$out" > "$NW/shape" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["title"]: x for x in d["panels"]}
raw = p["Raw histograms"]["queries"][0]["series"]
assert len(raw) == 2 and all(s["last"] == "NaN" and len(s["histograms"]) == 1 for s in raw), raw
sw = p["Switching"]["queries"][0]["series"][0]
assert sw["points"] and sw["histograms"], sw
assert sw["points"][-1][0] < sw["histograms"][0][0] and sw["last"] == "NaN", sw
print("raw:", len(raw), "series; switching:", len(sw["points"]), "floats then",
      len(sw["histograms"]), "histograms")
PY
[ $? -eq 0 ] && ok "native histograms in the JSON: $(cat "$NW/shape")" ||
    { ko "native histograms in the JSON"; cat "$NW/shape"; }

# the frame: the histogram panel's bars carry the server's bucket counts
# under their upper bounds, the heatmap has a shaded row per bucket, the
# others say how to query a native histogram
"$BIN" --url "$LIVE_URL" --at "$NH_AT" --once --size 120x40 "$NW/nh.yaml" > "$NW/frame" 2> "$NW/err"
curl -fsS "$LIVE_URL/api/v1/query" --data-urlencode 'query=nh_request_duration_seconds{handler="/api/a"}' \
    --data-urlencode "time=$NH_AT" > "$NW/server.json"
python3 - "$NW/server.json" "$NW/frame" > "$NW/drawn" 2>&1 <<'PY'
import json, re, sys
h = json.load(open(sys.argv[1]))["data"]["result"][0]["histogram"][1]
frame = open(sys.argv[2]).read().split("\n")
panel = "\n".join(frame[1:frame.index(next(l for l in frame if "Durations over time" in l))])
def unit(b):
    b = float(b)
    return ("%gms" % (b * 1000)) if b < 1 else ("%gs" % b)
for _, lo, hi, n in h["buckets"]:
    assert re.search(r"(?<![\w.])%d(?![\w.])" % int(float(n)), panel), ("count", n, "missing")
    assert unit(hi) in panel, ("bound", unit(hi), "missing")
print(len(h["buckets"]), "buckets, counts", [b[3] for b in h["buckets"]])
heat = "\n".join(frame[frame.index(next(l for l in frame if "Durations over time" in l)):])
for b in ("125ms", "250ms", "1s", "2s", "4s"):
    assert b in heat, ("heatmap row", b, "missing")
assert any(c in heat for c in "░▒▓█"), "heatmap without shaded cells"
hint = "native histogram: use"
assert "\n".join(frame).count(hint) == 2, "hint missing"
assert "NaN" not in "\n".join(frame), "NaN on screen"
PY
if [ $? -eq 0 ] && clean_stderr "$NW/err"; then
    ok "native histograms drawn: histogram bars with the server's counts ($(cat "$NW/drawn")), heatmap rows, a hint instead of NaN"
else
    ko "native histograms drawn"; cat "$NW/drawn" "$NW/err" "$NW/frame"
fi
