# t_33_firstrun.sh - a newcomer's first minutes: a second demo start hours
# later opens on a story (history up to now, an incident in the window);
# stack.sh start-prometheus tells a running Prometheus from a failed one;
# a server that cannot be reached said once, in the middle, panels quiet,
# the status line honest; a pasted UI address and a misspelled dashboard
# name answered with what to type; inspect shows PromQL as written.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

FR=$WORK/firstrun
mkdir -p "$FR"

# ---- the demo: a second start hours later opens on a story -----------------
# The first start, five hours ago as the data sees it; then, as `make demo`
# starts it again (live, no --at, no --seed), the history must reach now
# and hold an incident in the last hour, System's window.
DS=$FR/demo
DPORT=$(free_port)
DNODE=$(other_port "$DPORT")
now=$(date +%s)
bash demo/stack.sh start --state "$DS" --port "$DPORT" --node-port "$DNODE" \
    --hours 1 --at $((now - 5 * 3600)) --no-live --promsim "$ROOT/build/promsim" \
    > "$FR/demo1.log" 2>&1 || { ko "demo: first start"; cat "$FR/demo1.log"; }
bash demo/stack.sh stop --state "$DS" > /dev/null 2>&1
if bash demo/stack.sh start --state "$DS" --port "$DPORT" --node-port "$DNODE" \
    --hours 1 --promsim "$ROOT/build/promsim" > "$FR/demo2.log" 2>&1; then
    DURL=http://127.0.0.1:$DPORT
    t=$(date +%s)
    seed=$(sed -n 's/.*seed=\([0-9]*\).*/\1/p' "$DS/history.done")
    # every series of the history: ten minutes ago (before anything live)
    q() {
        curl -s -G "$DURL/api/v1/query" --data-urlencode "query=$1" \
            --data-urlencode "time=$2" | sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p'
    }
    rate=$(q 'sum(rate(http_requests_total[5m]))' $((t - 600)))
    # the incident as the server sees it: the 5xx share over the last hour
    peak=$(q 'max_over_time((sum(rate(http_requests_total{code=~"5.."}[2m])) / sum(rate(http_requests_total[2m])))[1h:1m])' "$t")
    inc=$("$ROOT/build/promsim" incidents --from $((t - 3600)) --to "$t" --seed "$seed")
    if grep -q "writing a fresh history" "$FR/demo2.log" && [ -n "$rate" ] &&
        awk -v p="$peak" 'BEGIN { exit !(p + 0 > 0.05) }' && [ -n "$inc" ]; then
        ok "demo started again 5 h later: fresh history (seed $seed), $rate req/s ten minutes ago, 5xx share peaking at $peak in the last hour (incident $inc)"
    else
        ko "demo started again: rate '$rate', peak '$peak', incidents '$inc'"; cat "$FR/demo2.log"
    fi
    # promboard opens System on it with the incident in view
    "$BIN" --url "$DURL" --once --format json system > "$FR/demo.json" 2> "$FR/demo.err"
    python3 - "$FR/demo.json" > "$FR/demo.chk" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["title"]: x for x in d["panels"]}
err = p["Error Rate"]["queries"][0]["series"][0]["points"]
assert max(v for _, v in err) > 0.05, "no incident in the Error Rate panel"
for t in ("Request Rate", "Error Rate", "Latency Percentiles"):
    assert p[t]["error"] is None and p[t]["queries"][0]["series"], t + ": no data"
print("Error Rate peaks at %.1f%%" % (100 * max(v for _, v in err)))
PY
    [ $? -eq 0 ] && ok "demo: System opens on the incident: $(cat "$FR/demo.chk")" ||
        { ko "demo: System"; cat "$FR/demo.chk" "$FR/demo.err"; }
    # the Hosts dashboard shows the machine the demo runs on, once the
    # live exporter has been scraped (every 10 s; the history has no host)
    i=0
    until [ -n "$(q 'count(node_memory_MemAvailable_bytes) * count(node_uname_info)' "$(date +%s)")" ] ||
        [ $i -ge 60 ]; do
        sleep 0.5; i=$((i + 1))
    done
    "$BIN" --url "$DURL" --once --format json node > "$FR/node.json" 2> "$FR/node.err"
    python3 - "$FR/node.json" > "$FR/node.chk" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["title"]: x for x in d["panels"]}
for t in ("Memory Used", "Uptime", "Load", "Root Filesystem"):
    assert p[t]["error"] is None and p[t]["queries"][0]["series"], t + ": no data"
n = sum(1 for x in d["panels"] if any(q["series"] for q in x["queries"]))
print("%d of %d panels with data" % (n, len(d["panels"])))
PY
    [ $? -eq 0 ] && ok "demo: Hosts shows this machine: $(cat "$FR/node.chk")" ||
        { ko "demo: Hosts"; cat "$FR/node.chk" "$FR/node.err"; }
else
    ko "demo: second start failed"; cat "$FR/demo2.log"
fi
bash demo/stack.sh stop --state "$DS" > /dev/null 2>&1

# ---- stack.sh start-prometheus: a running Prometheus is no failure ---------
# Its pid file lost (an interrupted stop, a file removed by hand): the one
# on the port is ours, found by its data directory.
rm -f "$STATE/prometheus.pid"
if bash demo/stack.sh start-prometheus --state "$STATE" > "$FR/sp1.log" 2>&1 &&
    grep -q "already running" "$FR/sp1.log" && [ -s "$STATE/prometheus.pid" ]; then
    ok "start-prometheus with the pid file lost: '$(head -n 1 "$FR/sp1.log")'"
else
    ko "start-prometheus with the pid file lost"; cat "$FR/sp1.log"
fi
# A Prometheus slow to start running (its log a FIFO nobody reads for 8 s,
# as a busy machine can be): start-prometheus waits for it, not fails.
bash demo/stack.sh stop-prometheus --state "$STATE" > /dev/null 2>&1
mv "$STATE/prometheus.log" "$FR/prometheus.log.saved" 2>/dev/null
mkfifo "$STATE/prometheus.log"
(sleep 8; cat "$STATE/prometheus.log" > "$FR/prometheus.log.fifo") &
if bash demo/stack.sh start-prometheus --state "$STATE" > "$FR/sp2.log" 2>&1 &&
    curl -fsS --max-time 3 "$URL/-/ready" > /dev/null 2>&1; then
    ok "start-prometheus waits for a slow start: '$(tail -n 1 "$FR/sp2.log")'"
else
    ko "start-prometheus on a slow start"; cat "$FR/sp2.log"
fi
# its log a file again for the next start (this one keeps the FIFO open)
rm -f "$STATE/prometheus.log"
mv "$FR/prometheus.log.saved" "$STATE/prometheus.log" 2>/dev/null
# the next checks need it up
curl -fsS --max-time 3 "$URL/-/ready" > /dev/null 2>&1 ||
    bash demo/stack.sh start-prometheus --state "$STATE" > /dev/null 2>&1

# ---- a server that cannot be reached: said once, panels quiet --------------
DEAD=$(free_port)
tui_start fdown --url "http://127.0.0.1:$DEAD" system
if tui_wait fdown "Cannot reach the server" &&
    [ "$(grep -c "cannot connect to" "$WORK/fdown.screen")" -eq 1 ] &&
    grep -q "Is Prometheus running at http://127.0.0.1:$DEAD" "$WORK/fdown.screen" &&
    tail -n 1 "$WORK/fdown.screen" | grep -q "never updated" &&
    ! tail -n 1 "$WORK/fdown.screen" | grep -q "updated [0-9]"; then
    ok "server down at start: one notice, the error said once, status '$(tail -n 1 "$WORK/fdown.screen" | sed 's/  */ /g')'"
else
    ko "server down at start"; cat "$WORK/fdown.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t fdown q
tui_exit fdown || ko "server down: exit $(cat "$WORK/fdown.rc")"

# ---- what a newcomer types, answered with what to type ---------------------
expect_error "a pasted UI address" 2 "use the server's base URL: $URL\$" \
    "$BIN" --url "$URL/graph?g0.expr=up&g0.tab=1" --once system
expect_error "a pasted API address" 2 "use the server's base URL: $URL\$" \
    "$BIN" --url "$URL/api/v1/query" --once system
expect_error "a misspelled dashboard" 2 "unknown dashboard 'sytem' (did you mean 'system'?" \
    "$BIN" --url "$URL" --once sytem

# ---- inspect: PromQL as written ------------------------------------------
cat > "$FR/multi.yaml" <<'YAML'
title: Written
rows:
  - panels:
      - title: Routes
        kind: timeseries
        queries:
          - expr: |
              label_replace(
                sum by (handler) (
                  rate(http_requests_total{code=~"5..", handler!~"/api/health|/api/search|/api/none"}[$__rate_interval])
                ),
                "route", "$1", "handler", "/api/(.*)"
              )
YAML
"$BIN" --url "$URL" --at "$T0" --once --format json "$FR/multi.yaml" > "$FR/multi.json"
sent=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["panels"][0]["queries"][0]["expr"], end="")' "$FR/multi.json")
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s finsp -x 70 -y 30 \
    "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN --url $URL --at $T0 $FR/multi.yaml 2> '$WORK/finsp.err'; echo \"exit=\$?\" > '$WORK/finsp.rc'; sleep 30"
tui_wait finsp "Routes"
tmux -L "$TMUX_SOCK" send-keys -t finsp i
tui_wait finsp "HTTP 200"
# the rows between the query's header and its status, borders cut
awk '/Query 1  range/ { on = 1; getline; next } /HTTP 200/ { on = 0 } on' "$WORK/finsp.screen" |
    sed -e 's/^│ //' -e 's/ *│$//' > "$FR/rows"
python3 - "$FR/rows" "$sent" > "$FR/rows.chk" 2>&1 <<'PY'
import re, sys
rows = [r.rstrip("\n") for r in open(sys.argv[1])]
sent = sys.argv[2]
lines = sent.rstrip("\n").split("\n")
assert "?" not in "".join(rows), "a '?' in place of a character"
# every line of the expression starts a row, at its own indentation
starts = [r for r in rows if r.strip()]
for l in lines:
    assert any(r == "  " + l or r.startswith("  " + l[:20]) for r in starts), "line not shown as written: " + l
# nothing lost: the rows hold the expression's characters, blanks aside
strip = lambda s: re.sub(r"\s+", "", s)
assert strip("".join(rows)) == strip(sent), (strip("".join(rows)), strip(sent))
# a wrapped row continues between tokens, further in
word = re.compile(r"[A-Za-z0-9_:.]")
for a, b in zip(rows, rows[1:]):
    if not b.strip() or any(b == "  " + l for l in lines):
        continue
    if b.lstrip().startswith(tuple(l.strip()[:12] for l in lines)):
        continue
    assert not (word.match(a[-1]) and word.match(b.lstrip()[0])), "cut inside a token: %r | %r" % (a, b)
    assert len(b) - len(b.lstrip()) > 6, "continuation not indented: %r" % b
print(len(rows), "rows")
PY
[ $? -eq 0 ] && ok "inspect shows the PromQL as written at 70 columns: $(cat "$FR/rows.chk"), its lines and indentation kept, wrapped between tokens" ||
    { ko "inspect PromQL"; cat "$FR/rows.chk" "$WORK/finsp.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t finsp q q
tui_exit finsp || ko "inspect: exit $(cat "$WORK/finsp.rc")"
tmux -L "$TMUX_SOCK" kill-session -t finsp 2>/dev/null
tmux -L "$TMUX_SOCK" kill-session -t fdown 2>/dev/null
