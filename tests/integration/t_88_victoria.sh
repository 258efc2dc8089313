# t_88_victoria.sh - VictoriaMetrics (Debian's 1.79, default flags) over
# the same simulated history as the main stack (servers.sh): recognised,
# every panel of every dashboard equals its own answers at the calm and the
# incident instants, its values differ from Prometheus' only where its own
# semantics make them (victoria_differences.txt: no more, no fewer), and
# its newest value is at most one scrape old.
# Sourced by run.sh, which provides the stack, $BIN, $COMPARE, $WORK and
# the helpers.

VW=$WORK/victoria
mkdir -p "$VW"
vm_wait && ok "VictoriaMetrics on $VM_URL holds the simulated history" ||
    ko "VictoriaMetrics did not load the history"

: > "$VW/diffs"
for dash in $(grep -v '^#' tests/integration/panels.txt | cut -f1 | uniq); do
    for at in "$CALM" "$INCIDENT"; do
        out=$VW/$dash-$at.json
        if "$BIN" --url "$VM_URL" --at "$at" --once --format json "$dash" \
            > "$out" 2> "$VW/err" && clean_stderr "$VW/err"; then
            # it sums in parallel, in no fixed order: the last bits of one
            # query may differ between two askings
            if "$COMPARE" "$VM_URL" "$out" --allow-empty "$ALLOW_EMPTY" \
                --tolerance 1e-12 > "$VW/cmp" 2>&1; then
                ok "$dash --at $at on VictoriaMetrics: every panel equals its answers ($(tail -n 1 "$VW/cmp"))"
            else
                ko "$dash --at $at on VictoriaMetrics: values differ"; grep -v '^ok' "$VW/cmp"
            fi
        else
            ko "$dash --at $at on VictoriaMetrics failed"; cat "$VW/err"
        fi
        prom=$WORK/$dash-$at.json
        [ -s "$prom" ] || "$BIN" --url "$URL" --at "$at" --once --format json "$dash" > "$prom" 2>/dev/null
        "$COMPARE" --diff "$prom" "$out" --tolerance 0.01 | sed "s/^/$dash	$at	/" >> "$VW/diffs"
    done
done
grep -q '"kind":"VictoriaMetrics"' "$VW/system-$T0.json" &&
    grep -q '"params":"nocache=1&latency_offset=1ms"' "$VW/system-$T0.json" &&
    grep -q '"scrape_interval":15,"server":{"kind":"VictoriaMetrics","scrape_interval":null' "$VW/system-$T0.json" &&
    ok "recognised as VictoriaMetrics: fresh data asked (nocache=1, latency_offset=1ms), its empty configuration gives 15 s" ||
    { ko "VictoriaMetrics not recognised"; head -c 400 "$VW/system-$T0.json"; }

# the panels that differ by more than 1% are exactly those listed
python3 - "$VW/diffs" tests/integration/victoria_differences.txt > "$VW/listed" 2>&1 <<'PY'
import sys
diffs, listed = {}, {}
for line in open(sys.argv[1]):
    dash, at, verdict, title, what = (line.rstrip("\n").split("\t") + [""])[:5]
    if verdict == "DIFF":
        diffs.setdefault((dash, title), []).append(what)
for line in open(sys.argv[2]):
    if line.strip() and not line.startswith("#"):
        dash, title, why = line.rstrip("\n").split("\t")[:3]
        listed[(dash, title)] = why
bad = 0
for k in sorted(set(diffs) - set(listed)):
    print("differs but not listed: %s / %s: %s" % (k[0], k[1], diffs[k][0]))
    bad = 1
for k in sorted(set(listed) - set(diffs)):
    print("listed but no longer differs: %s / %s" % k)
    bad = 1
if not bad:
    print("%d panels: %s" % (len(diffs), "; ".join(
        "%s %s" % (k[1], diffs[k][0].split(" ")[0]) for k in sorted(diffs))))
sys.exit(bad)
PY
[ $? -eq 0 ] && ok "VictoriaMetrics differs from Prometheus by more than 1% only where listed: $(cat "$VW/listed")" ||
    { ko "VictoriaMetrics' differences are not those listed"; cat "$VW/listed"; }

# ---- freshness: VictoriaMetrics scrapes itself every $VM_SCRAPE s -----------
cat > "$VW/fresh.yaml" <<'YAML'
title: Freshness
range: 5m
rows:
  - panels:
      - title: Newest sample
        kind: stat
        query: max(timestamp(up{job="vm"}))
YAML
live_vm_age() { # FILE: the newest sample shown, and VictoriaMetrics' own newest
    python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = [q for q in d["panels"][0]["queries"] if q["type"] == "instant"][0]
shown = float(q["series"][0]["last"])
newest = max(t for l in open(sys.argv[2]) for t in json.loads(l)["timestamps"]) / 1000
print("%.2f %.2f" % (newest - shown, d["time"] - shown))
PY
}
i=0
until curl -fsS "$VM_URL/api/v1/query?query=up&nocache=1" 2>/dev/null | grep -q '"job":"vm"' || [ $i -ge 60 ]; do
    sleep 0.5
    i=$((i + 1))
done
"$BIN" --url "$VM_URL" --once --format json "$VW/fresh.yaml" > "$VW/fresh.json" 2> "$VW/err"
curl -fsS "$VM_URL/api/v1/export" --data-urlencode 'match[]=up{job="vm"}' \
    --data-urlencode "start=$(( $(date +%s) - 120 ))" > "$VW/export" 2>/dev/null
ages=$(live_vm_age "$VW/fresh.json" "$VW/export" 2>&1)
behind=${ages%% *}
if clean_stderr "$VW/err" && awk -v b="$behind" -v s="$VM_SCRAPE" 'BEGIN { exit !(b >= 0 && b <= s) }'; then
    ok "VictoriaMetrics' newest value shown: ${behind} s behind its newest sample (one scrape: ${VM_SCRAPE} s), ${ages#* } s old"
else
    ko "VictoriaMetrics' value is stale: '$ages'"; cat "$VW/err" "$VW/fresh.json"
fi
# asked without the fresh-data parameters, it is half a minute older (once
# it has scraped itself for that long)
stale=""
deadline=$(( $(date +%s) + 60 ))
while [ -z "$stale" ] && [ "$(date +%s)" -le "$deadline" ]; do
    now=$(date +%s)
    stale=$(curl -fsS "$VM_URL/api/v1/query" --data-urlencode 'query=max(timestamp(up{job="vm"}))' \
        --data "time=$now" 2>/dev/null | python3 -c "
import json, sys
r = json.load(sys.stdin)['data']['result']
print('%.1f' % ($now - float(r[0]['value'][1])) if r else '')" 2>/dev/null)
    [ -n "$stale" ] || sleep 1
done
case $stale in
[0-9]*) awk -v a="$stale" 'BEGIN { exit !(a + 0 >= 25) }' ;;
*) false ;;
esac && ok "without nocache=1 the same query's newest value is ${stale} s old" ||
    ko "VictoriaMetrics' default delay not seen: '$stale'"
