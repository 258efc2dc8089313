# t_87_partial.sh - partial answers look partial: Thanos' warnings and a
# VictoriaMetrics cluster's isPartial mark the panel and show the warning's
# first words, other panels stay unmarked; Mimir's 401 "no org id" asks for
# the tenant header. The answers come from partial.py, a stand-in for what
# no real server here gives on demand.
# Sourced by run.sh, which provides $BIN, $WORK and the helpers.

PW=$WORK/partial
mkdir -p "$PW"
# a port taken between the look and the bind: another one
up=0
for try in 1 2 3; do
    P_PORT=$(free_port)
    P_URL=http://127.0.0.1:$P_PORT
    spawn "$PW" partial python3 tests/integration/partial.py "$P_PORT"
    for i in $(seq 1 300); do
        curl -s -o /dev/null "$P_URL/api/v1/query?query=up" && { up=1; break; }
        kill -0 "$(cat "$PW/partial.pid")" 2>/dev/null || break
        sleep 0.1
    done
    [ $up = 1 ] && break
done
[ $up = 1 ] || { ko "partial.py did not start on $P_URL"; cat "$PW/partial.log"; }
cat > "$PW/partial.yaml" <<'YAML'
title: Partial answers
rows:
  - panels:
      - {title: Through Thanos, kind: stat, query: 'sum(thanos_requests)'}
      - {title: Through a cluster, kind: stat, query: 'sum(vmcluster_requests)'}
      - {title: Whole, kind: stat, query: 'sum(requests)'}
YAML
"$BIN" --url "$P_URL" --at "$T0" --once --size 120x12 "$PW/partial.yaml" > "$PW/frame" 2> "$PW/err"
rc=$?
python3 - "$PW/frame" > "$PW/check" 2>&1 <<'PY'
import sys
rows = open(sys.argv[1]).read().split("\n")
top, bottom = rows[1], next(r for r in rows[2:] if r.startswith("╰"))
cut = [top.index("╭ Through a cluster"), top.index("╭ Whole")]
parts = lambda r: [r[:cut[0]], r[cut[0]:cut[1]], r[cut[1]:]]
t, b = parts(top), parts(bottom)
assert "! partial" in t[0] and "partial response: store" in b[0], (t[0], b[0])
assert "! partial" in t[1] and "partial answer (isPartial)" in b[1], (t[1], b[1])
assert "partial" not in t[2] + b[2], (t[2], b[2])
PY
shape=$?
if [ $rc -eq 0 ] && [ $shape -eq 0 ] && clean_stderr "$PW/err"; then
    ok "partial answers marked: Thanos' warning and a cluster's isPartial in their panels' borders, the whole answer unmarked"
else
    ko "partial answers"; cat "$PW/check" "$PW/frame" "$PW/err"
fi
"$BIN" --url "$P_URL" --at "$T0" --once --format json "$PW/partial.yaml" > "$PW/json" 2> "$PW/err"
[ "$(grep -o '"partial":true' "$PW/json" | wc -l)" = 2 ] &&
    [ "$(grep -o '"partial":false' "$PW/json" | wc -l)" = 1 ] &&
    grep -q '"warnings":\["partial response: store 127.0.0.1:10901 unreachable"\]' "$PW/json" &&
    ok "--once JSON: partial true on the two panels, with the server's warning" ||
    { ko "partial in the JSON"; head -c 800 "$PW/json"; }

# Mimir without a tenant: the error names the header, not credentials
cat > "$PW/mimir.yaml" <<'YAML'
title: Tenant
rows:
  - panels:
      - {title: Mimir, kind: stat, query: 'sum(mimir_requests)'}
YAML
expect_error "Mimir without X-Scope-OrgID" 1 "401 Unauthorized (no org id).*X-Scope-OrgID" \
    "$BIN" --url "$P_URL" --at "$T0" --once "$PW/mimir.yaml"
"$BIN" --url "$P_URL" --at "$T0" --once --size 60x8 -H 'X-Scope-OrgID: team-a' \
    "$PW/mimir.yaml" > "$PW/tenant" 2> "$PW/err" &&
    ! grep -q "no org id" "$PW/tenant" && grep -q "Mimir" "$PW/tenant" &&
    ok "with -H 'X-Scope-OrgID: team-a' the same panel has its data" ||
    { ko "tenant header"; cat "$PW/tenant" "$PW/err"; }
stop_pids "$PW"
