# t_84_ownstack.sh - the dashboards for what every stack has, on a real
# Prometheus scraping itself and a real node_exporter (the live server of
# servers.sh): the Prometheus and Hosts dashboards have data in every
# panel, and every value equals the server's answer; their
# $__rate_interval follows the server's own scrape interval.
# Sourced by run.sh, which provides $BIN, $COMPARE, $WORK and the helpers.

OW=$WORK/own
mkdir -p "$OW"
# charts need a couple of their steps of history
live_wait_age 100 && ok "live server: $(( $(date +%s) - LIVE_STARTED )) s of its own and node_exporter's metrics" ||
    ko "live server has no data"

# an instant in the recent past: every scrape before it has landed
OWN_AT=$(( $(date +%s) - 10 ))
for dash in prometheus node; do
    out=$OW/$dash.json
    if "$BIN" --url "$LIVE_URL" --at "$OWN_AT" --once --format json "$dash" \
        > "$out" 2> "$OW/err" && clean_stderr "$OW/err"; then
        if "$COMPARE" "$LIVE_URL" "$out" > "$OW/cmp" 2>&1; then
            ok "$dash on a plain Prometheus: every panel has data equal to the server's ($(tail -n 1 "$OW/cmp"))"
        else
            ko "$dash on a plain Prometheus: panels empty or different"; grep -v '^ok' "$OW/cmp"
        fi
    else
        ko "$dash --once --format json failed"; cat "$OW/err"
    fi
    "$BIN" --url "$LIVE_URL" --at "$OWN_AT" --once --size 200x60 "$dash" > "$OW/$dash.txt" 2> "$OW/err"
    if ! grep -q -e "no data" -e "NaN" -e "loading" "$OW/$dash.txt" && clean_stderr "$OW/err"; then
        ok "$dash frame: no panel says no data"
    else
        ko "$dash frame"; cat "$OW/$dash.txt" "$OW/err"
    fi
done
# the server scrapes every 2 s: $__rate_interval is max(step + 2s, 8s)
python3 - "$OW/node.json" > "$OW/rate" 2>&1 <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
assert d["scrape_interval"] == 2 and d["server"]["scrape_interval"] == 2, d["server"]
n = 0
for p in d["panels"]:
    for q in p["queries"]:
        if q["type"] != "range" or "rate(" not in q["expr"]:
            continue
        want = max(q["step"] + 2, 8)
        got = re.search(r"rate\([^\[]*\[([0-9a-z]+)\]", q["expr"]).group(1)
        secs = sum(int(v) * {"s": 1, "m": 60, "h": 3600}[u]
                   for v, u in re.findall(r"([0-9]+)([smh])", got))
        assert secs == want, (p["title"], got, q["step"])
        n += 1
assert n > 0
print(n, "range queries with [step + 2s]")
PY
[ $? -eq 0 ] && ok "\$__rate_interval from the server's 2 s scrape interval: $(cat "$OW/rate")" ||
    { ko "\$__rate_interval does not follow the server"; cat "$OW/rate"; }
