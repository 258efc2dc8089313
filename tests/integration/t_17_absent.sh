# t_17_absent.sh - on a Prometheus that has none of the Nexus metrics (it
# scrapes only itself), no panel of any dashboard says "all clear" at any
# size: a panel whose metric the server lacks says "no data: metric X not
# found" (asked once per connection from /api/v1/label/__name__/values).
# Sourced by run.sh, which provides the stack, $BIN, $URL, $WORK and the
# ok/ko helpers.

BARE_PORT=$(free_port)
BARE=$WORK/bare
mkdir -p "$BARE"
cat > "$BARE/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: self
    static_configs: [{targets: ["127.0.0.1:$BARE_PORT"]}]
YAML
prometheus --config.file="$BARE/prometheus.yml" --storage.tsdb.path="$BARE/data" \
    --web.listen-address="127.0.0.1:$BARE_PORT" > "$BARE/log" 2>&1 &
BARE_PID=$!
BURL=http://127.0.0.1:$BARE_PORT
# ready once it has scraped itself: `up` has a series
bare_up=0
for i in $(seq 1 200); do
    if curl -s "$BURL/api/v1/query?query=up" 2>/dev/null | grep -q '"result":\[{'; then
        bare_up=1
        break
    fi
    sleep 0.1
done
if [ "$bare_up" = 1 ]; then
    ok "a bare Prometheus on $BURL scrapes only itself"
    clear_said=""
    for dash in executive release aiml infra system security; do
        for size in 80x24 120x40 200x50; do
            "$BIN" --url "$BURL" --once --size "$size" "$dash" > "$BARE/$dash-$size.txt" 2> "$BARE/err"
            if ! clean_stderr "$BARE/err" || grep -q "all clear" "$BARE/$dash-$size.txt"; then
                clear_said="$clear_said $dash@$size"
            fi
        done
    done
    [ -z "$clear_said" ] && ok "no panel of the six dashboards says 'all clear' at 80x24, 120x40, 200x50" ||
        { ko "'all clear' (or a sanitizer report) on:$clear_said"; cat "$BARE/err"; }
    for p in "release:Blocker Tickets:nexus_jira_blocker_tickets" \
        "security:Failed Logins:nexus_admin_auth_failures_total"; do
        dash=${p%%:*} rest=${p#*:}
        title=${rest%%:*} metric=${rest#*:}
        "$BIN" --url "$BURL" --once --format json "$dash" > "$BARE/$dash.json" 2> "$BARE/err"
        if python3 - "$BARE/$dash.json" "$title" "$metric" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["panels"] if p["title"] == sys.argv[2]][0]
sys.exit(0 if p.get("missing_metric") == sys.argv[3] and p["error"] is None else 1)
PY
        then
            ok "$title: the query succeeded, the JSON says missing_metric $metric"
        else
            ko "$title: missing_metric"; head -c 800 "$BARE/$dash.json"
        fi
    done
    grep -q "no data: metric nexus_admin_auth_failures_total not found" "$BARE/security-200x50.txt" &&
        ok "Failed Logins says 'no data: metric nexus_admin_auth_failures_total not found'" ||
        { ko "Failed Logins text"; cat "$BARE/security-200x50.txt"; }
    # the server's own metrics stay data: an up query says what it is
    # (a stat's own text for no value stays, the reason below it)
    printf 'title: Mine\nrows:\n  - panels:\n      - {title: Alerts, kind: alertlist, query: "up == 0"}\n      - {title: Gone, kind: alertlist, query: "nosuch_metric > 0"}\n      - {title: Cores, kind: stat, no_value: N/A, query: "count(node_cpu_seconds_total)"}\n' > "$BARE/mine.yaml"
    "$BIN" --url "$BURL" --once --size 150x10 "$BARE/mine.yaml" > "$BARE/mine.txt" 2> "$BARE/err"
    grep -q "all clear" "$BARE/mine.txt" && grep -q "metric nosuch_metric not found" "$BARE/mine.txt" &&
        grep -q "│ *N/A *│" "$BARE/mine.txt" && grep -q "metric node_cpu_seconds_total" "$BARE/mine.txt" &&
        ok "up == 0 with up present: 'all clear'; an absent metric: 'not found' (a stat's no_value 'N/A' above it)" ||
        { ko "alertlist on present and absent metrics"; cat "$BARE/mine.txt"; }
else
    ko "the bare Prometheus did not come up"; cat "$BARE/log"
fi
kill "$BARE_PID" 2>/dev/null
wait "$BARE_PID" 2>/dev/null
