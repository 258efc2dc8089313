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

# an instant in the recent past: every scrape before it has landed; a
# quarter of an hour, whose steps (and the step-aligned end of each chart)
# stay within the history a server started a couple of minutes ago has
OWN_AT=$(( $(date +%s) - 10 ))
for dash in prometheus node; do
    out=$OW/$dash.json
    if "$BIN" --url "$LIVE_URL" --at "$OWN_AT" --range 15m --once --format json "$dash" \
        > "$out" 2> "$OW/err" && clean_stderr "$OW/err"; then
        if "$COMPARE" "$LIVE_URL" "$out" > "$OW/cmp" 2>&1; then
            ok "$dash on a plain Prometheus: every panel has data equal to the server's ($(tail -n 1 "$OW/cmp"))"
        else
            ko "$dash on a plain Prometheus: panels empty or different"; grep -v '^ok' "$OW/cmp"
        fi
    else
        ko "$dash --once --format json failed"; cat "$OW/err"
    fi
    "$BIN" --url "$LIVE_URL" --at "$OWN_AT" --range 15m --once --size 200x60 "$dash" > "$OW/$dash.txt" 2> "$OW/err"
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

# ---- no dashboard named: the first with data opens, the others are dimmed
"$BIN" --url "$LIVE_URL" --once --format json > "$OW/first.json" 2> "$OW/err"
python3 - "$OW/first.json" > "$OW/tabs" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
tabs = {t["name"]: t for t in d["tabs"]}
assert d["dashboard"] == "prometheus", d["dashboard"]
nexus = ["executive", "release", "aiml", "infra", "system", "security"]
for n in nexus:
    t = tabs[n]
    assert t["dimmed"] and t["metrics"] > 0 and t["metrics_found"] == 0, t
    assert t["why"].startswith("none of its %d metrics on the server (" % t["metrics"]), t
for n in ["prometheus", "node"]:
    t = tabs[n]
    assert not t["dimmed"] and t["panels_with_metrics"] == t["panels"] > 0, t
print("; ".join("%s %d/%d" % (n, tabs[n]["metrics_found"], tabs[n]["metrics"]) for n in tabs))
PY
[ $? -eq 0 ] && clean_stderr "$OW/err" &&
    ok "no dashboard named: prometheus opens, the first whose panels all find their metrics (found/selected: $(cat "$OW/tabs"))" ||
    { ko "the first dashboard with data"; cat "$OW/tabs" "$OW/err"; }
# the dimmed tabs in the frame (SGR 2, faint), and why on the status line
"$BIN" --url "$LIVE_URL" --once --color always --size 160x8 > "$OW/first.ansi" 2> "$OW/err"
ESC=$(printf '\033')
head -n 1 "$OW/first.ansi" > "$OW/tabline"
grep -q "$ESC\[0;2;[0-9;]*m 1 executive " "$OW/tabline" &&
    ! grep -q "$ESC\[0;2;[0-9;]*m *8 node" "$OW/tabline" &&
    ok "the six Nexus tabs are faint, node's is not" ||
    { ko "dimmed tabs"; cat -v "$OW/tabline"; }
"$BIN" --url "$LIVE_URL" --once --size 200x12 aiml > "$OW/aiml.txt" 2> "$OW/err"
tail -n 1 "$OW/aiml.txt" | grep -q "none of its [0-9]* metrics on the server (nexus_" &&
    ok "a dimmed dashboard opened by name says why: $(tail -n 1 "$OW/aiml.txt" | grep -o 'none of its.*)')" ||
    { ko "why a tab is dimmed"; cat "$OW/aiml.txt" "$OW/err"; }
# on the Nexus stack the first tab has its data: it opens
"$BIN" --url "$URL" --at "$T0" --once --format json > "$OW/nexus.json" 2> "$OW/err"
python3 - "$OW/nexus.json" > "$OW/tabs" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
tabs = {t["name"]: t for t in d["tabs"]}
assert d["dashboard"] == "executive", d["dashboard"]
for n in ["executive", "release", "aiml", "infra", "system", "security"]:
    assert not tabs[n]["dimmed"] and tabs[n]["metrics_found"] > 0, tabs[n]
print("; ".join("%s %d/%d" % (n, t["metrics_found"], t["metrics"]) for n, t in tabs.items()))
PY
[ $? -eq 0 ] && clean_stderr "$OW/err" &&
    ok "on the Nexus stack executive opens, no Nexus tab dimmed ($(cat "$OW/tabs"))" ||
    { ko "tabs on the Nexus stack"; cat "$OW/tabs" "$OW/err"; }
# the TUI: it opens on prometheus's tab (its Targets panel); 1 shows a
# dimmed one, whose status line says why
tui_start tfirst --url "$LIVE_URL"
if tui_wait tfirst "Rule Evaluation" && grep -q "Targets" "$WORK/tfirst.screen"; then
    ok "TUI without a dashboard named: the Prometheus dashboard opens"
else
    ko "TUI first dashboard"; cat "$WORK/tfirst.screen" "$WORK/tfirst.err"
fi
tmux -L "$TMUX_SOCK" send-keys -t tfirst 1
tui_wait tfirst "none of its [0-9]* metrics on the server" &&
    ok "TUI: key 1 shows executive, its status line says why its tab is dimmed" ||
    { ko "TUI dimmed tab's words"; cat "$WORK/tfirst.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t tfirst q
tui_exit tfirst || ko "TUI exit after the dimmed tab"
