#!/bin/sh
# run.sh - `make bench`: promboard's cost, measured, never asserted.
#  1. The System dashboard live on the demo stack, refreshing every second
#     in a 200x50 tmux pane, beside htop -d 10 in another 200x50 pane of the
#     same tmux server, for BENCH_SECONDS (30): CPU of each and their ratio,
#     RSS, frames, renders, requests and bytes per refresh, loop turns per
#     second, new connections, first complete frame.
#  2. promboard --once (120x40) on a synthetic server, for one panel of 10,
#     100, 1,000 and 10,000 series, a timeseries and a table: wall time and
#     peak RSS of the whole process.
#  3. The Grafana dashboards of BENCH_GRAFANA (../shared/grafana), when
#     there: the conversion alone (--convert yaml, the mean of 20 runs of
#     the whole process) and the first complete frame of each opened in a
#     200x50 tmux pane on the demo stack (the median of 5 openings), beside
#     the bundled System's and Node's in the same pane.
#  4. The System dashboard (refresh 1s, 200x50) on a hostile server
#     (tests/integration/hostile.py) sending 64 MiB answers of tiny values,
#     a gzip bomb (61 KB inflating to 60 MiB), an endless chunked body and
#     100 MiB bodies, for BENCH_HOSTILE_SECONDS (20) each: how long a key
#     takes to change the screen (bench/keys.py opens the help 5 times a
#     second) while those answers are received and parsed, and peak RSS.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECS=${BENCH_SECONDS:-30}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/promboard-bench.XXXXXX")
STATE=$WORK/stack
SOCK=promboard-bench-$$
PORT=${BENCH_PORT:-19290}
NODE_PORT=${BENCH_NODE_PORT:-19299}
SYNTH_PORT=${BENCH_SYNTH_PORT:-19291}
HOSTILE_PORT=${BENCH_HOSTILE_PORT:-19292}
HSECS=${BENCH_HOSTILE_SECONDS:-20}
BIN=${BENCH_BIN:-$ROOT/promboard} # another build to compare with
synth_pid=""
hostile_pid=""
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    bash demo/stack.sh stop --state "$STATE" >/dev/null 2>&1
    [ -n "$synth_pid" ] && kill "$synth_pid" 2>/dev/null
    [ -n "$hostile_pid" ] && kill "$hostile_pid" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk "/^$2:/ { print \$2 }" "/proc/$1/status"; }
stat_of() { sed -n "s/^$1=//p" "$WORK/stats"; }

# ---- 1. live, beside htop ---------------------------------------------------
bash demo/stack.sh start --state "$STATE" --port "$PORT" --node-port "$NODE_PORT" \
    --hours 2 --promsim "$ROOT/build/promsim" > "$WORK/stack.log" 2>&1 ||
    { cat "$WORK/stack.log"; exit 1; }

tmux -L "$SOCK" -f /dev/null new-session -d -s p -x 200 -y 50 "sh"
tmux -L "$SOCK" new-session -d -s h -x 200 -y 50 "sh"
tmux -L "$SOCK" pipe-pane -t p -o "cat > '$WORK/tty.bytes'"
tmux -L "$SOCK" send-keys -t p \
    "exec env TERM=tmux-256color LANG=C.UTF-8 PROMBOARD_STATS='$WORK/stats' '$BIN' --url http://127.0.0.1:$PORT --refresh 1s system" Enter
tmux -L "$SOCK" send-keys -t h "exec env TERM=tmux-256color LANG=C.UTF-8 htop -d 10" Enter
sleep 3 # settle: first frame and the first refreshes
ppid=$(tmux -L "$SOCK" display -p -t p '#{pane_pid}')
hpid=$(tmux -L "$SOCK" display -p -t h '#{pane_pid}')
grep -q promboard "/proc/$ppid/cmdline" 2>/dev/null || { echo "bench: promboard did not start"; exit 1; }
grep -q htop "/proc/$hpid/cmdline" 2>/dev/null || { echo "bench: htop did not start"; exit 1; }
bytes0=$(wc -c < "$WORK/tty.bytes")
p0=$(cpu_ticks "$ppid")
h0=$(cpu_ticks "$hpid")
t0=$(date +%s.%N)
sleep "$SECS"
p1=$(cpu_ticks "$ppid")
h1=$(cpu_ticks "$hpid")
t1=$(date +%s.%N)
bytes1=$(wc -c < "$WORK/tty.bytes")
prss=$(rss_kb "$ppid" VmRSS)
phwm=$(rss_kb "$ppid" VmHWM)
hrss=$(rss_kb "$hpid" VmRSS)
tmux -L "$SOCK" send-keys -t p q
for i in $(seq 1 50); do
    [ -s "$WORK/stats" ] && break
    sleep 0.1
done
awk -v p0="$p0" -v p1="$p1" -v h0="$h0" -v h1="$h1" -v hz="$hz" \
    -v t0="$t0" -v t1="$t1" -v b0="$bytes0" -v b1="$bytes1" -v secs="$SECS" \
    -v prss="$prss" -v phwm="$phwm" -v hrss="$hrss" \
    -v first="$(stat_of first_frame_ms)" -v frames="$(stat_of frames)" \
    -v renders="$(stat_of renders)" -v draws="$(stat_of panel_draws)" \
    -v refreshes="$(stat_of refreshes)" -v requests="$(stat_of requests)" \
    -v unchanged="$(stat_of unchanged)" -v turns="$(stat_of turns)" \
    -v transfers="$(stat_of transfers)" -v conns="$(stat_of connections)" \
    -v wire="$(stat_of wire_bytes)" -v body="$(stat_of body_bytes)" \
    -v gz="$(stat_of compressed)" -v run="$(stat_of run_seconds)" 'BEGIN {
    wall = t1 - t0
    pc = 100 * (p1 - p0) / hz / wall
    hc = 100 * (h1 - h0) / hz / wall
    r = refreshes > 0 ? refreshes : 1
    printf "promboard bench: System dashboard live, 200x50, refresh 1s, %d s, beside htop -d 10\n", secs
    printf "  CPU                      promboard %.2f %%, htop %.2f %%, ratio %s\n", pc, hc, (hc > 0 ? sprintf("%.2f", pc / hc) : "-")
    printf "  RSS                      promboard %.1f MB (peak %.1f MB), htop %.1f MB\n", prss / 1024, phwm / 1024, hrss / 1024
    printf "  first complete frame     %s ms\n", first
    printf "  per refresh (%d)        %.2f renders, %.1f panel draws, %.2f requests (%.2f unchanged windows not asked)\n", refreshes, renders / r, draws / r, requests / r, unchanged / r
    printf "  bytes per refresh        %.0f from the server (%.0f decoded, compressed: %s), %.0f to the terminal\n", wire / r, body / r, gz == 1 ? "yes" : "no", (b1 - b0) / secs
    printf "  connections              %d new for %d transfers\n", conns, transfers
    printf "  loop turns               %.1f a second; frames that changed the terminal: %d\n", turns / (run > 0 ? run : secs), frames
}'

# ---- 2. --once on a synthetic server ------------------------------------------
python3 bench/synth.py "$SYNTH_PORT" < /dev/null > "$WORK/synth.log" 2>&1 &
synth_pid=$!
for i in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$SYNTH_PORT/-/ready" >/dev/null 2>&1 && break
    sleep 0.1
done
printf '%s\n' "promboard --once 120x40 on a synthetic server: one panel, N series (time s, peak RSS MB)"
printf '  %-8s %18s %18s %18s\n' series timeseries table "timeseries json"
for n in 10 100 1000 10000; do
    line=$(printf '  %-8s' "$n")
    for kind in timeseries table json; do
        k=$kind fmt=text
        [ "$kind" = json ] && k=timeseries fmt=json
        cat > "$WORK/synth.yaml" <<EOF
title: Synthetic
range: 1h
rows:
  - panels:
      - title: Series
        kind: $k
        query: synth_$n
EOF
        # the first run warms the server's cache of the answer
        "$BIN" --once --format "$fmt" --timeout 60s \
            --url "http://127.0.0.1:$SYNTH_PORT" "$WORK/synth.yaml" > /dev/null 2>&1
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" --once --format "$fmt" \
            --timeout 60s --url "http://127.0.0.1:$SYNTH_PORT" "$WORK/synth.yaml" \
            > "$WORK/out" 2>&1 ||
            { echo "bench: promboard --once failed for $n series ($kind)"; cat "$WORK/out" | head -3; }
        line="$line$(awk '{ printf " %10.2f s %5.1f MB", $1, $2 / 1024 }' "$WORK/time")"
    done
    echo "$line"
done

# ---- 3. Grafana dashboards: the conversion, the first frame -----------------
# The first complete frame of a dashboard in a 200x50 pane: the median of
# 5 openings (the machine is shared), in ms.
first_frame() {
    for k in 1 2 3 4 5; do
        rm -f "$WORK/gstats"
        tmux -L "$SOCK" new-session -d -s ff -x 200 -y 50 \
            "env TERM=tmux-256color LANG=C.UTF-8 PROMBOARD_STATS='$WORK/gstats' '$BIN' --url http://127.0.0.1:$PORT '$1'"
        sleep 2
        tmux -L "$SOCK" send-keys -t ff q
        for i in $(seq 1 50); do
            [ -s "$WORK/gstats" ] && break
            sleep 0.1
        done
        tmux -L "$SOCK" kill-session -t ff 2>/dev/null
        sed -n 's/^first_frame_ms=//p' "$WORK/gstats" 2>/dev/null
    done | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'
}
GDIR=${BENCH_GRAFANA:-../shared/grafana}
if [ -d "$GDIR" ]; then
    printf '%s\n' "Grafana dashboards of $GDIR: --convert yaml (mean of 20 runs), first complete frame in a 200x50 pane (median of 5), beside bundled ones"
    printf '  %-36s %8s %8s %12s\n' dashboard panels convert "first frame"
    for d in system node; do
        printf '  %-36s %8s %8s %9s ms\n' "$d (bundled)" - - "$(first_frame "$d")"
    done
    for f in "$GDIR"/*.json; do
        panels=$("$BIN" --convert yaml "$f" 2>/dev/null | grep -c '^ *- title:')
        t0=$(date +%s%N)
        for i in $(seq 1 20); do
            "$BIN" --convert yaml "$f" > /dev/null 2>&1
        done
        t1=$(date +%s%N)
        awk -v f="$(basename "$f")" -v p="$panels" -v t0="$t0" -v t1="$t1" \
            -v first="$(first_frame "$f")" 'BEGIN {
            printf "  %-36s %8d %5.1f ms %9s ms\n", f, p, (t1 - t0) / 20 / 1e6, first
        }'
    done
fi
# ---- 4. a hostile server --------------------------------------------------------
python3 tests/integration/hostile.py --port "$HOSTILE_PORT" < /dev/null > "$WORK/hostile.log" 2>&1 &
hostile_pid=$!
for i in $(seq 1 50); do
    grep -q ready "$WORK/hostile.log" 2>/dev/null && break
    sleep 0.1
done
H=http://127.0.0.1:$HOSTILE_PORT
printf 'compression: on\n' > "$WORK/gzip.yaml"
# the server builds its big answers once: ask for each before measuring
for m in big64 bomb; do curl -s -o /dev/null "$H/$m/api/v1/query"; done
printf '%s\n' "promboard on a hostile server: System dashboard, 200x50, refresh 1s, $HSECS s each; a key (the help) until it shows"
printf '  %-28s %s\n' "answers" "keys, median, p95, max (ms); peak RSS; CPU"
for f in "big64:64 MiB of tiny values" "bomb:a gzip bomb (61 KB -> 60 MiB)" \
    "chunked:an endless chunked body" "huge:100 MiB bodies" "ok:small answers (baseline)"; do
    mode=${f%%:*} what=${f#*:}
    extra=""
    [ "$mode" = bomb ] && extra="--config $WORK/gzip.yaml"
    # shellcheck disable=SC2086
    res=$(python3 bench/keys.py "$HSECS" -- "$BIN" $extra --url "$H/$mode" --refresh 1s system)
    printf '  %-28s %s\n' "$what" "$res"
done
