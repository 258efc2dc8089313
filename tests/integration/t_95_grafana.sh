# t_95_grafana.sh - the real Grafana dashboards of ../shared/grafana opened
# as they are, on a real Prometheus scraping itself and a real
# node_exporter (as job "node", with the node mixin's recording rules):
# every panel Grafana would show is listed (collapsed rows opened with
# --expand), every query equals the server's answer at the same instant,
# the panels whose metrics the server lacks say "no data" on the frame, a
# collapsed section sends no query until it is opened (Enter, a click),
# --check lists the notes and --convert yaml gives a layout that loads;
# broken files are one line, exit 2.
# Sourced by run.sh, which provides $BIN, $WORK, $COMPARE and the
# ok/ko/tui_*/expect_error helpers.

GDIR=../shared/grafana
if [ ! -d "$GDIR" ]; then
    ok "no $GDIR beside the repository: Grafana dashboards not checked"
    return 0 2>/dev/null || exit 0
fi

# ---- the stack (started early by t_05_grafana_stack.sh in a full run) ----
[ -n "${GPROM_PID:-}" ] || . tests/integration/t_05_grafana_stack.sh

# Wait (at most 120 s) for 50 s of node samples and the rules' first
# results: rates over a minute and range points at 30 s steps need them.
gready=0
for i in $(seq 1 240); do
    n=$(curl -s -G --data-urlencode 'query=count_over_time(up{job="node"}[1h])' \
        "$GURL/api/v1/query" 2>/dev/null | sed -n 's/.*"value":\[[^,]*,"\([0-9]*\)"\].*/\1/p')
    r=$(curl -s -G --data-urlencode 'query=count(instance:node_cpu_utilisation:rate5m)' \
        "$GURL/api/v1/query" 2>/dev/null | sed -n 's/.*"value":\[[^,]*,"\([0-9]*\)"\].*/\1/p')
    if [ "${n:-0}" -ge 50 ] && [ "${r:-0}" -ge 1 ]; then
        gready=1
        break
    fi
    sleep 0.5
done
[ "$gready" = 1 ] && ok "a Prometheus scraping itself and node_exporter (job node, node-mixin rules)" ||
    { ko "the Grafana stack did not come up"; tail -n 5 "$GS/prometheus.log"; }
GT=$(($(date +%s) - 2))

# ---- every shared dashboard: panels, values, "no data" -------------------
# file, the panels Grafana shows (rows aside, collapsed ones opened), and
# panels that must show data on any Linux machine.
while read -r file want musthave; do
    b=${file%.json}
    out=$WORK/g-$b
    if "$BIN" --url "$GURL" --at "$GT" --range 5m --size 250x1000 --expand --once \
        --format json "$GDIR/$file" > "$out.json" 2> "$out.err" &&
        "$BIN" --url "$GURL" --at "$GT" --range 5m --size 250x1000 --expand --once \
            "$GDIR/$file" > "$out.txt" 2>> "$out.err" && clean_stderr "$out.err"; then
        got=$(grep -o '"title":"' "$out.json" | wc -l)
        got=$((got - 1)) # the dashboard's own title
        [ "$got" -eq "$want" ] && ok "$file: $got panels, as many as Grafana shows" ||
            ko "$file: $got panels, Grafana shows $want"
        # a relative 1e-12: a real Prometheus may add a group's series in
        # another order for another query (the last bit of a sum differs)
        if "$COMPARE" "$GURL" "$out.json" --empty-ok --frame "$out.txt" \
            --tolerance 1e-12 > "$out.cmp" 2>&1; then
            ok "$file: every query equals the server; empty panels say so ($(tail -n 2 "$out.cmp" | tr '\n' ' '))"
        else
            ko "$file: differs from the server"
            grep -v '^ok' "$out.cmp" | head -n 20
        fi
        for t in $(echo "$musthave" | tr ',-' '  '); do
            t=$(echo "$t" | tr '~' ' ')
            grep -q "^ok  *$t  *[0-9]* queries, [1-9]" "$out.cmp" ||
                ko "$file: '$t' shows no data"
        done
    else
        ko "$file: --once failed"
        cat "$out.err"
    fi
done <<'EOF'
node-exporter-full.json 125 CPU~Busy,RAM~Used,CPU~Cores,CPU~Basic,Memory~Basic,Disk~Space~Used~Basic
node-exporter-full-old-rows.json 172 -
prometheus-mixin-overview.json 10 Head~Series,Head~Chunks,Prometheus~Stats
node-mixin-nodes.json 8 Load~Average,Memory~Usage,Disk~Space~Usage
node-mixin-node-rsrc-use.json 9 CPU~Utilisation,Memory~Utilisation
grafana-prometheus-2-stats.json 13 Samples~Appended,Memory~Profile
EOF

# ---- --check: the notes, one line each, and ok --------------------------
for f in "$GDIR"/*.json; do
    b=$(basename "$f")
    if "$BIN" --url "$GURL" --check "$f" > "$WORK/gcheck.all" 2> "$WORK/gcheck.err" &&
        grep -F "$f: " "$WORK/gcheck.all" > "$WORK/gcheck" &&
        tail -n 1 "$WORK/gcheck" | grep -q "^$f: ok (" &&
        ! grep -v "^$f: [a-z_][]a-zA-Z0-9_.[]*: .\|^$f: ok (" "$WORK/gcheck" | grep -q . &&
        ! grep -q . "$WORK/gcheck.err"; then
        ok "--check $b: $(($(wc -l < "$WORK/gcheck") - 1)) notes, each 'file: JSON path: what'"
    else
        ko "--check $b"
        head -n 5 "$WORK/gcheck" "$WORK/gcheck.err"
    fi
done
"$BIN" --url "$GURL" --check "$GDIR/node-exporter-full.json" > "$WORK/gcheck" 2>&1
grep -q 'panels\[15\].fieldConfig.defaults.unit: ' "$WORK/gcheck" ||
    grep -q 'overrides\[[0-9]*\].properties\[[0-9]*\]: property custom.lineStyle ignored' "$WORK/gcheck" &&
    ok "--check names what is not drawn as Grafana draws it, by JSON path" ||
    { ko "--check notes"; head -n 5 "$WORK/gcheck"; }

# ---- --convert yaml: a layout that loads and shows the same panels -------
if "$BIN" --convert yaml "$GDIR/node-exporter-full.json" > "$WORK/nef.yaml" 2> "$WORK/err" &&
    grep -q '^  - section: CPU / Memory / Net / Disk' "$WORK/nef.yaml" &&
    grep -q '^    collapsed: true' "$WORK/nef.yaml" &&
    grep -q '# property custom.lineStyle ignored' "$WORK/nef.yaml" &&
    "$BIN" --check "$WORK/nef.yaml" > "$WORK/out" 2>&1 &&
    grep -q "nef.yaml: ok (node-exporter-full, 141 panels)" "$WORK/out"; then
    ok "--convert yaml: sections, comments where it differs, and a layout that loads"
else
    ko "--convert yaml"; cat "$WORK/err" "$WORK/out"
fi

# ---- broken files: one line, what and where, exit 2 ----------------------
printf '{"title": "x",\n  "panels": [1,]}\n' > "$WORK/bad.json"
expect_error "invalid JSON" 2 "bad.json:2:16: invalid JSON" "$BIN" --check "$WORK/bad.json"
printf '{"apiVersion": "dashboard.grafana.app/v2beta1", "kind": "Dashboard", "spec": {"elements": {}, "layout": {}}}' > "$WORK/v2.json"
expect_error "the v2 schema" 2 "v2.json: Grafana's v2 dashboard schema" "$BIN" "$WORK/v2.json"
expect_error "--convert yaml of a layout" 2 "not a Grafana dashboard" "$BIN" --convert yaml "$WORK/nef.yaml"
expect_error "a bad --convert" 2 "bad --convert 'xml'" "$BIN" --convert xml "$WORK/nef.yaml"

# ---- the user's dashboards directory takes *.json -------------------------
mkdir -p "$XDG_CONFIG_HOME/promboard/dashboards"
cp "$GDIR/node-mixin-nodes.json" "$XDG_CONFIG_HOME/promboard/dashboards/nodes.json"
"$BIN" --list > "$WORK/out" 2>&1 && grep -q "^nodes  *Node Exporter / Nodes (user)" "$WORK/out" &&
    ok "--list: a *.json in the dashboards directory is a tab" || { ko "--list json"; cat "$WORK/out"; }
rm -f "$XDG_CONFIG_HOME/promboard/dashboards/nodes.json"

# ---- a collapsed section sends nothing until opened --------------------------
# Memory Meminfo is collapsed: node_memory_Committed_AS_bytes is asked by
# no open panel. The query log of the server says what was asked.
K=g95
gt() { tmux -L "$TMUX_SOCK" "$@"; }
gshot() { gt capture-pane -p -t "$K" > "$WORK/$K.screen"; }
# the log's lines from here on: what the TUI asks
glog() { tail -n +"$((GLOG0 + 1))" "$GS/queries.log"; }
GLOG0=$(wc -l < "$GS/queries.log")
tui_start "$K" --url "$GURL" "$GDIR/node-exporter-full.json"
if tui_wait "$K" "Memory Meminfo  13 panels" && tui_wait "$K" "RootFS Total"; then
    sleep 1 # the first answers are in; nothing more is due for a minute
    if glog | grep -q node_cpu_seconds_total && ! glog | grep -q Committed_AS; then
        ok "TUI: a collapsed section's panels send no query"
    else
        ko "TUI: a collapsed panel was asked"
    fi
    # a click on its header opens it (an X10 report: press, release)
    row=$(grep -n "Memory Meminfo" "$WORK/$K.screen" | head -n 1 | cut -d: -f1)
    y=$(printf '%x' $((33 + row - 1)))
    gt send-keys -t "$K" -H 1b 5b 4d 20 2a "$y" 1b 5b 4d 23 2a "$y"
    opened=0
    for i in $(seq 1 100); do
        glog | grep -q Committed_AS && { opened=1; break; }
        sleep 0.1
    done
    gshot
    [ "$opened" = 1 ] && grep -q "╭ Memory Committed" "$WORK/$K.screen" &&
        grep -q "▾ Memory Meminfo" "$WORK/$K.screen" &&
        ok "TUI: a click on the header opens the section, whose panels ask" ||
        { ko "TUI: click to open"; head -n 40 "$WORK/$K.screen"; }
    # Enter on the focused header closes it again
    gt send-keys -t "$K" Enter
    tui_wait "$K" "Memory Meminfo  13 panels" && ! grep -q "╭ Memory Committed" "$WORK/$K.screen" &&
        ok "TUI: Enter on the focused header closes it" ||
        { ko "TUI: Enter to close"; head -n 40 "$WORK/$K.screen"; }
    gt send-keys -t "$K" q
    tui_exit "$K" && ok "TUI: Node Exporter Full exits 0" || { ko "TUI exit"; cat "$WORK/$K.err"; }
else
    ko "TUI: Node Exporter Full did not show"
    cat "$WORK/$K.screen" "$WORK/$K.err"
fi

g_stop
trap cleanup EXIT INT TERM
