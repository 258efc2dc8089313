# t_86_scrape.sh - the scrape interval behind $__rate_interval comes from
# the server when the layout does not set one: a Prometheus whose global
# scrape_interval is 1m, over two hours of a counter sampled every minute
# (7 s past each minute, as a real scrape lands).
# Its rate panels have data with the server's interval and none with 15 s
# windows; --scrape-interval and the layout's own setting win over it.
# Sourced by run.sh, which provides $BIN, $COMPARE, $WORK and the helpers.

SW=$WORK/scrape60
mkdir -p "$SW"
S60_PORT=$(free_port)
S60_URL=http://127.0.0.1:$S60_PORT
{
    echo "# HELP pb_requests Requests served."
    echo "# TYPE pb_requests counter"
    i=0
    while [ $i -le 120 ]; do
        echo "pb_requests_total{job=\"app\"} $((i * 60)) $((T0 - 7193 + i * 60))"
        i=$((i + 1))
    done
    echo "# EOF"
} > "$SW/history.om"
printf 'global:\n  scrape_interval: 1m\n' > "$SW/prometheus.yml"
if promtool tsdb create-blocks-from openmetrics "$SW/history.om" "$SW/data" > "$SW/promtool.log" 2>&1; then
    spawn "$SW" prometheus prometheus --config.file="$SW/prometheus.yml" \
        --storage.tsdb.path="$SW/data" --storage.tsdb.retention.time=100y \
        --web.listen-address="127.0.0.1:$S60_PORT"
fi
up=0
for i in $(seq 1 120); do
    curl -fsS --max-time 2 "$S60_URL/-/ready" > /dev/null 2>&1 && { up=1; break; }
    sleep 0.25
done
# it must be this one, not another server on a busy port
curl -fsS --max-time 2 "$S60_URL/api/v1/status/config" > "$SW/config.json" 2>&1
[ $up = 1 ] && grep -q 'scrape_interval: 1m' "$SW/config.json" &&
    ok "a Prometheus scraping every minute, over 2 h of minute samples ($S60_URL)" ||
    { ko "the 1m Prometheus did not start on $S60_URL"; cat "$SW/config.json" "$SW/promtool.log" "$SW"/*.log; }

for scrape in server layout option; do
    case $scrape in
    layout) extra="scrape_interval: 30s" ;;
    *) extra="" ;;
    esac
    cat > "$SW/$scrape.yaml" <<YAML
title: Requests
range: 1h
$extra
rows:
  - panels:
      - title: Request rate
        kind: timeseries
        query: sum(rate(pb_requests_total[\$__rate_interval]))
YAML
done
# scrape_rate NAME WANT FILE ARGS...: promboard --once JSON at T0 with ARGS;
# the dashboard's scrape interval must be WANT and $__rate_interval
# max(step + WANT, 4 * WANT); prints the series count.
scrape_rate() {
    name=$1 want=$2
    shift 2
    "$BIN" --url "$S60_URL" --at "$T0" --once --format json "$@" > "$SW/$name.json" 2> "$SW/err" &&
        clean_stderr "$SW/err" && python3 - "$SW/$name.json" "$want" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
want = float(sys.argv[2])
assert d["scrape_interval"] == want, ("scrape_interval", d["scrape_interval"])
assert d["server"]["scrape_interval"] == 60, d["server"]
q = d["panels"][0]["queries"][0]
got = re.search(r"\[([0-9a-z]+)\]", q["expr"]).group(1)
secs = sum(int(v) * {"s": 1, "m": 60, "h": 3600}[u] for v, u in re.findall(r"([0-9]+)([smh])", got))
assert secs == max(q["step"] + want, 4 * want), (q["expr"], q["step"])
assert q["step"] >= want
print(len(q["series"]), got)
PY
}
res=$(scrape_rate server 60 "$SW/server.yaml") && [ "${res%% *}" = 1 ] &&
    "$COMPARE" "$S60_URL" "$SW/server.json" > "$SW/cmp" 2>&1 &&
    ok "no setting: the server's 1m, \$__rate_interval [${res#* }], the rate has data equal to the server's" ||
    { ko "server's scrape interval not followed ($res)"; cat "$SW/err" "$SW/cmp" 2>/dev/null; }
res=$(scrape_rate option 15 --scrape-interval 15s "$SW/server.yaml") && [ "${res%% *}" = 0 ] &&
    ok "--scrape-interval 15s wins: [${res#* }] windows hold one minute sample, no rate" ||
    { ko "--scrape-interval"; echo "$res"; cat "$SW/err"; }
res=$(scrape_rate layout 30 "$SW/layout.yaml") &&
    ok "the layout's scrape_interval: 30s wins over the server's: [${res#* }]" ||
    { ko "layout scrape_interval"; echo "$res"; cat "$SW/err"; }
res=$(scrape_rate both 20 --scrape-interval 20s "$SW/layout.yaml") &&
    ok "--scrape-interval wins over the layout's: [${res#* }]" ||
    { ko "--scrape-interval over the layout"; echo "$res"; cat "$SW/err"; }
stop_pids "$SW"
