# t_12_roundtrip.sh - every bundled dashboard written as Grafana JSON
# (--convert grafana) and opened again: the JSON is what Grafana
# provisions (schemaVersion 39, gridPos inside the 24 columns, units,
# thresholds, templating), --check notes nothing in it, and it shows the
# same panels, queries and values as the YAML at the same instant.
# Sourced by run.sh, which provides $BIN, $URL, $T0, $WORK and $COMPARE.

for dash in $("$BIN" --list | awk '/\(bundled\)$/ {print $1}'); do
    j=$WORK/rt-$dash.json
    if ! "$BIN" --convert grafana "$dash" > "$j" 2> "$WORK/err"; then
        ko "$dash: --convert grafana failed"; cat "$WORK/err"
        continue
    fi
    if python3 - "$j" > "$WORK/shape" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schemaVersion"] == 39 and d["title"] and d["uid"]
assert any(v["type"] == "datasource" for v in d["templating"]["list"])
def walk(ps):
    for p in ps:
        yield p
        yield from walk(p.get("panels", []))
n = q = 0
for p in walk(d["panels"]):
    g = p["gridPos"]
    assert g["w"] >= 1 and g["x"] >= 0 and g["x"] + g["w"] <= 24, p["title"]
    if p["type"] == "row":
        continue
    n += 1
    assert "unit" in p["fieldConfig"]["defaults"], p["title"]
    for t in p.get("targets", []):
        assert t["expr"] and t["refId"] and t["datasource"]["type"] == "prometheus"
        q += 1
print(n, "panels,", q, "targets")
PY
    then
        shape=$(cat "$WORK/shape")
    else
        ko "$dash: the Grafana JSON is not what Grafana provisions"; cat "$WORK/shape"
        continue
    fi
    "$BIN" --url "$URL" --check "$j" > "$WORK/check" 2>&1
    rc=$?
    notes=$(grep "^$j: " "$WORK/check" | grep -vc ": ok (")
    [ "$rc" -eq 0 ] && [ "$notes" -eq 0 ] &&
        ok "$dash as Grafana JSON: $shape, --check notes nothing" ||
        { ko "$dash as Grafana JSON: --check exit $rc, $notes notes"; cat "$WORK/check"; }
    a=$WORK/rt-$dash-yaml.out b=$WORK/rt-$dash-json.out
    if "$BIN" --url "$URL" --at "$T0" --once --format json "$dash" > "$a" 2> "$WORK/err" &&
        "$BIN" --url "$URL" --at "$T0" --once --format json "$j" > "$b" 2>> "$WORK/err" &&
        clean_stderr "$WORK/err" &&
        "$COMPARE" --diff "$a" "$b" > "$WORK/cmp" 2>&1 &&
        ! grep -qv '^same' "$WORK/cmp" &&
        [ "$(grep -c '^same' "$WORK/cmp")" -eq "$(grep -o '"queries":' "$a" | wc -l)" ]; then
        ok "$dash -> Grafana JSON -> promboard: the same $(grep -c '^same' "$WORK/cmp") panels, queries and values"
    else
        ko "$dash: the round trip differs"; cat "$WORK/err"; grep -v '^same' "$WORK/cmp" | head
    fi
done
