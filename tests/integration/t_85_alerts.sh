# t_85_alerts.sh - alerts a person can act on, against real services: a
# live Prometheus evaluating the demo's rules over simulated data that is
# in an incident now, sending its alerts to a real Alertmanager that groups
# them by alert name and inhibits the latency warning while the 5xx alert
# fires; the test silences the slow SLO burn through Alertmanager's API.
# promboard's alert lists (--once JSON and text, the status line, a wall
# screen) are checked against both servers' own answers.
# Sourced by run.sh, which provides $BIN, $ROOT, $WORK and the
# ok/ko/tui_*/expect_error/free_port helpers.

AL=$WORK/alerts
ASTATE=$WORK/alerts-stack
mkdir -p "$AL/rules"
# the demo's rules, firing 5 s after their condition holds instead of
# minutes, evaluated every 10 s
sed 's/^\( *for:\).*/\1 5s/' demo/rules/alerts.yml > "$AL/rules/alerts.yml"
cp demo/rules/recording.yml "$AL/rules/"
# a seed whose incident started 15 minutes ago (all its alert conditions
# hold for about 10 more minutes) while report-service burns slowly; the
# history (7 hours, for the 6h windows) only of the families the alerting
# rules read
SEED=$("$ROOT/build/promsim" seed --at "$(date +%s)" --into 900 --slow-into 19800)
APORT=$(free_port)
ANODE=$(free_port)
AMPORT=$(free_port)
AURL=http://127.0.0.1:$APORT
AMURL=http://127.0.0.1:$AMPORT
AYAML=tests/integration/alerts.yaml

# alerts_wait SECONDS CMD...: runs CMD every 0.5 s until it holds; false
# after SECONDS.
alerts_wait() {
    secs=$1
    shift
    i=0
    while [ $i -lt $((secs * 2)) ]; do
        "$@" > /dev/null 2>&1 && return 0
        sleep 0.5
        i=$((i + 1))
    done
    return 1
}
# am_has PATTERN: Alertmanager's alerts answer matches PATTERN (grep -E).
am_has() {
    curl -fsS "$AMURL/api/v2/alerts" | grep -Eq "$1"
}
am_count() {
    curl -fsS "$AMURL/api/v2/alerts" | grep -o '"fingerprint"' | wc -l
}
am_four() {
    [ "$(am_count)" -eq 4 ]
}
# suppressed NAME BY: Alertmanager's alert NAME has a non-empty BY list.
suppressed() {
    curl -fsS "$AMURL/api/v2/alerts?filter=alertname%3D%22$1%22" |
        grep -q "\"$2\":\[\""
}

if [ -n "$SEED" ] && bash demo/stack.sh start --state "$ASTATE" --port "$APORT" \
    --node-port "$ANODE" --alertmanager-port "$AMPORT" --hours 7 \
    --history-only "http_requests http_request_duration_seconds nexus_slo_burn_rate" \
    --seed "$SEED" --rules "$AL/rules" --eval-interval 10s \
    --promsim "$ROOT/build/promsim" > "$AL/stack.log" 2>&1; then
    ok "alerts stack: Prometheus, node_exporter and Alertmanager (seed $SEED)"
else
    ko "alerts stack did not start"; cat "$AL/stack.log"
fi

if alerts_wait 120 am_four; then
    ok "the four demo alerts fire and reach Alertmanager"
else
    ko "Alertmanager has $(am_count) alerts, not 4"
    curl -s "$AURL/api/v1/alerts"
fi

# one silence, made through Alertmanager's own API
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
later=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
curl -fsS -H 'Content-Type: application/json' "$AMURL/api/v2/silences" -d \
    "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"SLOBurnRateSlow\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"$now\",\"endsAt\":\"$later\",\"createdBy\":\"it\",\"comment\":\"known slow burn\"}" \
    > "$AL/silence.json" 2>&1
if alerts_wait 30 suppressed SLOBurnRateSlow silencedBy &&
    alerts_wait 30 suppressed HTTPLatencyP95High inhibitedBy; then
    ok "Alertmanager: SLOBurnRateSlow silenced, HTTPLatencyP95High inhibited"
else
    ko "Alertmanager did not silence and inhibit"
    cat "$AL/silence.json"; curl -s "$AMURL/api/v2/alerts"
fi

# ---- --once JSON: every alert, field by field, as the servers say ---------
curl -fsS "$AURL/api/v1/alerts" > "$AL/prom-before.json"
curl -fsS "$AMURL/api/v2/alerts" > "$AL/am-before.json"
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --format json "$AYAML" \
    > "$AL/once.json" 2> "$AL/once.err"
rc=$?
if [ $rc -eq 0 ] && clean_stderr "$AL/once.err" &&
    "$COMPARE" --alerts "$AURL" "$AMURL" "$AL/once.json" "$AL/prom-before.json" \
        "$AL/am-before.json" > "$AL/compare.txt"; then
    ok "--once JSON alerts equal the servers' (2 panels):"
    sed 's/^/      /' "$AL/compare.txt"
else
    ko "--once JSON alerts (exit $rc)"; cat "$AL/compare.txt" "$AL/once.err"
fi
# each alert carries its summary and runbook, and the two suppressed ones
# say so
# one alert a line (series of queries too, without alertname)
sed 's/{"labels"/\n{"labels"/g' "$AL/once.json" > "$AL/once.lines"
n_runbook=$(grep -c '"runbook_url":"https://runbooks.nexus.example/[a-z-]*"' "$AL/once.lines")
n_summary=$(grep -c '"summary":"[^"]*"' "$AL/once.lines")
if [ "$n_runbook" -eq 8 ] && [ "$n_summary" -eq 8 ] &&
    [ "$(grep '"alertname":"SLOBurnRateSlow"' "$AL/once.lines" | grep -c '"silenced":true,"inhibited":false')" -eq 2 ] &&
    [ "$(grep '"alertname":"HTTPLatencyP95High"' "$AL/once.lines" | grep -c '"silenced":false,"inhibited":true')" -eq 2 ] &&
    [ "$(grep -c '"silenced":false,"inhibited":false' "$AL/once.lines")" -eq 4 ]; then
    ok "JSON: 8 alerts with summary and runbook; the silenced and the inhibited one marked"
else
    ko "JSON: $n_runbook runbooks, $n_summary summaries"; cat "$AL/once.json"
fi

# ---- --once text: the same rows on screen -----------------------------------
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --size 160x30 "$AYAML" \
    > "$AL/once.txt" 2> "$AL/once.err"
# row NAME: the Prometheus panel's row of alert NAME (left of the panels'
# border)
row() {
    grep "^│. $1 " "$AL/once.txt" | head -n 1 | awk -F'│' '{ print $2 }'
}
bad=""
for name in HTTPErrorRateHigh HTTPLatencyP95High SLOBurnRateFast SLOBurnRateSlow; do
    summary=$(grep "\"alertname\":\"$name\"" "$AL/once.lines" | head -n 1 |
        sed -n 's/.*"summary":"\([^"]\{1,20\}\).*/\1/p')
    r=$(row "$name")
    case $r in
    *"$summary"*"↗"*) ;;
    *) bad="$bad $name" ;;
    esac
done
if [ -z "$bad" ] && clean_stderr "$AL/once.err" &&
    grep -q "│2 firing  1 silenced  1 inhibited" "$AL/once.txt" &&
    row SLOBurnRateSlow | grep -q "silenced [0-9]" &&
    row HTTPLatencyP95High | grep -q "inhibited [0-9]" &&
    row HTTPErrorRateHigh | grep -q "firing [0-9]" &&
    tail -n 1 "$AL/once.txt" | grep -q "● 2 firing"; then
    ok "text: each alert with its summary and runbook mark, silenced and inhibited marked, '● 2 firing' in the status line"
else
    ko "text frame (rows missing:$bad)"; cat "$AL/once.txt"
fi

# a wall screen shows the badge too
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --kiosk --size 120x20 system \
    > "$AL/kiosk.txt" 2> "$AL/once.err"
if head -n 1 "$AL/kiosk.txt" | grep -q "● 2 firing"; then
    ok "kiosk: '● 2 firing' in the title line"
else
    ko "kiosk badge"; head -n 3 "$AL/kiosk.txt"
fi

# ---- an Alertmanager that does not answer hides nothing of Prometheus' -----
DEAD=http://127.0.0.1:$(free_port)
"$BIN" --url "$AURL" --alertmanager "$DEAD" --once --format json "$AYAML" \
    > "$AL/dead.json" 2> "$AL/dead.err"
rc=$?
"$BIN" --url "$AURL" --alertmanager "$DEAD" --once --size 160x30 "$AYAML" \
    > "$AL/dead.txt" 2>> "$AL/dead.err"
if [ $rc -eq 0 ] && clean_stderr "$AL/dead.err" &&
    [ "$(grep -o '"alertname":' "$AL/dead.json" | wc -l)" -eq 4 ] &&
    grep -q '"alertmanager_error":"cannot connect to' "$AL/dead.json" &&
    grep -q '"title":"Alertmanager Alerts","kind":"alertlist","source":"alertmanager","error":"cannot connect to' "$AL/dead.json" &&
    grep -q "│4 firing" "$AL/dead.txt" &&
    grep -q "│Alertmanager: cannot connect to $DEAD" "$AL/dead.txt"; then
    ok "Alertmanager gone: Prometheus' 4 alerts stay, the error is shown in both panels"
else
    ko "Alertmanager gone (exit $rc)"; cat "$AL/dead.txt" "$AL/dead.err"
fi

bash demo/stack.sh stop --state "$ASTATE" > /dev/null 2>&1
