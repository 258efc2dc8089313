# t_10_numbers.sh - every panel of every dashboard equals the server's answers; variables, constants and anchored ranges.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

# ---- every panel of every dashboard equals the server's answers ----------
DASHES=$(grep -v '^#' tests/integration/panels.txt | cut -f1 | uniq)
for dash in $DASHES; do
    for at in "$CALM" "$INCIDENT"; do
        out=$WORK/$dash-$at.json
        if "$BIN" --url "$URL" --at "$at" --once --format json "$dash" \
            > "$out" 2> "$WORK/err" && clean_stderr "$WORK/err"; then
            if "$COMPARE" "$URL" "$out" --allow-empty "$ALLOW_EMPTY" > "$WORK/cmp" 2>&1; then
                ok "$dash --at $at: every panel equals the server ($(tail -n 1 "$WORK/cmp"))"
            else
                ko "$dash --at $at: values differ"; grep -v '^ok' "$WORK/cmp"
            fi
        else
            ko "$dash --at $at --once --format json failed"; cat "$WORK/err"
        fi
    done
    missing=""
    for t in $(grep "^$dash	" tests/integration/panels.txt | cut -f2 | tr ' ' '~'); do
        t=$(echo "$t" | tr '~' ' ')
        grep -qF "\"title\":\"$t\"" "$WORK/$dash-$T0.json" || missing="$missing [$t]"
    done
    [ -z "$missing" ] && ok "$dash lists every panel of its seed table" ||
        ko "$dash misses$missing"
done
out=$WORK/system-$T0.json
grep -q '"dashboard":"system"' "$out" && grep -q "\"time\":$T0" "$out" &&
    grep -q '"range_seconds":3600' "$out" &&
    ok "json header: dashboard, time, range_seconds" || ko "json header fields"

# ---- variables, constants, anchored ranges -------------------------------
cat > "$WORK/vars.yaml" <<'YAML'
title: Variables
range: today
constants: {scale: 100}
variables:
  - {name: handler, query: 'label_values(http_requests_total, handler)', all: true}
  - {name: code, values: ["200", "500"], value: "500"}
rows:
  - panels:
      - title: Requests x $scale
        kind: table
        by: [handler]
        queries:
          - expr: sum by (handler) (rate(http_requests_total{handler=~"$handler", code="$code"}[5m])) * $scale
            name: rate
YAML
out=$WORK/vars.json
if "$BIN" --url "$URL" --at "$T0" --once --format json "$WORK/vars.yaml" > "$out" 2> "$WORK/err" &&
    "$COMPARE" "$URL" "$out" > "$WORK/cmp" 2>&1 &&
    grep -q 'handler=~\\"/api/agents|/api/chat|/api/health|/api/reports|/api/search\\", code=\\"500\\"' "$out" &&
    grep -q '"title":"Requests x 100"' "$out" &&
    grep -q '"range_seconds":11400' "$out"; then
    ok "variables from label_values (All as a regex), a list variable, a constant, range today"
else
    ko "variables"; cat "$WORK/err" "$WORK/cmp"; head -c 600 "$out"
fi

