#!/bin/sh
# run.sh - integration tests on a real Prometheus: the harness starts one on
# a free loopback port over simulator history at a fixed instant, then checks
# promboard's numbers against the server's own answers, its text frame, its
# TUI in tmux and its error messages. Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${PROMBOARD_BIN:-$ROOT/build/promboard-san}
COMPARE=$ROOT/build/compare
T0=1772334600            # 2026-03-01T03:10:00Z
WORK=$(mktemp -d "${TMPDIR:-/tmp}/promboard-it.XXXXXX")
STATE=$WORK/stack
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset PROMBOARD_URL
pass=0
fail=0
TMUX_SOCK=promboard-it-$$

ok() { pass=$((pass + 1)); echo "ok    $*"; }
ko() { fail=$((fail + 1)); echo "FAIL  $*"; }

cleanup() {
    tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
    bash demo/stack.sh stop --state "$STATE" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A loopback port nobody listens on.
free_port() {
    while :; do
        p=$(( (($$ + $(date +%N | sed 's/^0*//') ) % 20000) + 20000 ))
        if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
            echo "$p"
            return
        fi
    done
}

# No sanitizer report in a stderr file.
clean_stderr() {
    ! grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
        -e 'runtime error:' "$1"
}

PORT=$(free_port)
NODE_PORT=$(free_port)
URL=http://127.0.0.1:$PORT
if ! bash demo/stack.sh start --state "$STATE" --port "$PORT" \
    --node-port "$NODE_PORT" --at "$T0" --hours 8 --no-live \
    --promsim "$ROOT/build/promsim" > "$WORK/stack.log" 2>&1; then
    cat "$WORK/stack.log"
    echo "0 passed, 1 failed"
    exit 1
fi

# An instant inside an incident (T0 itself) and a calm one: midway between
# the last two incidents the simulator reports.
INCIDENT=$T0
"$ROOT/build/promsim" incidents --from $((T0 - 8 * 3600)) --to "$T0" > "$WORK/incidents"
CALM=$(awk 'NR > 1 { print int((prev + $1) / 2) } { prev = $2 }' "$WORK/incidents" | tail -n 1)
awk -v t="$INCIDENT" '$1 <= t && t <= $2 { found = 1 } END { exit !found }' "$WORK/incidents" &&
    ok "T0 $T0 lies inside an incident, calm instant $CALM outside" ||
    ko "T0 is not inside an incident: $(cat "$WORK/incidents")"

# Panels that may rightly be empty at an instant: nothing firing, nothing
# deployed or changed in the window, no release decision yet this month
# (the calm instant is an hour into March 1st).
ALLOW_EMPTY="Incident Timeline|Blocker Tickets|Failed Logins|Config Changes|Release Success Rate"

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

# ---- the text frame ----------------------------------------------------
for dash in $DASHES; do
    sizes=200x50
    [ "$dash" = system ] && sizes="200x50 120x40"
    for size in $sizes; do
        frame=$WORK/frame-$dash-$size.txt
        if "$BIN" --url "$URL" --at "$T0" --once --size "$size" "$dash" \
            > "$frame" 2> "$WORK/err" && clean_stderr "$WORK/err"; then
            missing=""
            for t in $(grep "^$dash	" tests/integration/panels.txt | cut -f2 | tr ' ' '~'); do
                t=$(echo "$t" | tr '~' ' ')
                grep -qF "$t" "$frame" || missing="$missing [$t]"
            done
            [ -z "$missing" ] && ok "$dash text frame $size shows every title" ||
                { ko "$dash text frame $size misses$missing"; cat "$frame"; }
        else
            ko "$dash text frame $size failed"; cat "$WORK/err"
        fi
    done
done
cp "$WORK/frame-system-120x40.txt" "$WORK/frame-120x40.txt"
cols=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$WORK/frame-120x40.txt")
rows=$(wc -l < "$WORK/frame-120x40.txt")
[ "$rows" -eq 40 ] && ok "text frame is 40 rows" || ko "text frame has $rows rows"
"$BIN" --url "$URL" --at "$T0" --once --size 80x24 system > "$WORK/frame-80.txt" 2> "$WORK/err"
[ $? -eq 0 ] && clean_stderr "$WORK/err" && [ "$(wc -l < "$WORK/frame-80.txt")" -eq 24 ] &&
    ok "text frame 80x24 renders 24 rows" || ko "text frame 80x24"
: "$cols"

# The ASCII form when the locale is not UTF-8.
LC_ALL=C LANG=C "$BIN" --url "$URL" --at "$T0" --once --size 120x40 system \
    > "$WORK/frame-ascii.txt" 2> "$WORK/err"
if [ $? -eq 0 ] && ! LC_ALL=C grep -q '[^ -~]' "$WORK/frame-ascii.txt"; then
    ok "LANG=C frame is pure ASCII"
else
    ko "LANG=C frame has non-ASCII bytes"
fi

# ---- the TUI in tmux ------------------------------------------------------
# tui_start NAME ARGS...: runs promboard in a detached 200x50 tmux session;
# its exit status lands in $WORK/NAME.rc, its stderr in $WORK/NAME.err.
tui_start() {
    name=$1
    shift
    rm -f "$WORK/$name.rc"
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$name" -x 200 -y 50 \
        "env TERM=tmux-256color LANG=C.UTF-8 $BIN $* 2> '$WORK/$name.err'; echo \"exit=\$?\" > '$WORK/$name.rc'; sleep 30"
}
# tui_wait NAME PATTERN: waits up to 10 s for PATTERN on the screen.
tui_wait() {
    for i in $(seq 1 100); do
        tmux -L "$TMUX_SOCK" capture-pane -p -t "$1" > "$WORK/$1.screen" 2>/dev/null
        if grep -q -- "$2" "$WORK/$1.screen" && ! grep -q "loading" "$WORK/$1.screen"; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}
# tui_exit NAME: waits for the exit status; true when it is 0 and the
# sanitizers said nothing.
tui_exit() {
    for i in $(seq 1 50); do
        [ -s "$WORK/$1.rc" ] && break
        sleep 0.1
    done
    grep -q 'exit=0' "$WORK/$1.rc" 2>/dev/null && clean_stderr "$WORK/$1.err"
}
tui_pid() {
    pgrep -n -f "$BIN --url $URL --at $T0 $1" || true
}

tui_start tq --url "$URL" --at "$T0" system
tui_wait tq "Incident Timeline" && grep -q "FAST BURN\|SLOW BURN\| OK" "$WORK/tq.screen" &&
    ok "TUI shows the System dashboard with data" ||
    { ko "TUI did not show the dashboard"; cat "$WORK/tq.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t tq '?'
tui_wait tq "zoom the focused panel" && ok "? shows the key help" || ko "? help"
tmux -L "$TMUX_SOCK" send-keys -t tq Escape
sleep 0.3
# the first arrow focuses the first panel, the second moves right
tmux -L "$TMUX_SOCK" send-keys -t tq Right Right Enter
sleep 0.5
tmux -L "$TMUX_SOCK" capture-pane -p -t tq > "$WORK/zoom.screen"
if grep -q "Uptime" "$WORK/zoom.screen" && ! grep -q "SLO Dashboard" "$WORK/zoom.screen"; then
    ok "Enter zooms the focused panel"
else
    ko "zoom"; cat "$WORK/zoom.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t tq Escape
tui_wait tq "SLO Dashboard" && ok "Esc leaves the zoom" || ko "Esc after zoom"
tmux -L "$TMUX_SOCK" send-keys -t tq q
tui_exit tq && ok "TUI exits 0 on q" ||
    { ko "TUI exit: $(cat "$WORK/tq.rc" 2>/dev/null)"; cat "$WORK/tq.err"; }

tui_start tv --url "$URL" --at "$T0" "$WORK/vars.yaml"
tui_wait tv "/api/search"
tmux -L "$TMUX_SOCK" send-keys -t tv v
sleep 0.3
tmux -L "$TMUX_SOCK" send-keys -t tv Right Right Enter
sleep 0.3
if tui_wait tv "/api/chat" && ! grep -q "/api/search" "$WORK/tv.screen"; then
    ok "v picks a variable's value and the panel asks again"
else
    ko "variable picker"; cat "$WORK/tv.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t tv q
tui_exit tv || ko "picker exit"

# 80x24: rows that do not fit are reached by scrolling
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s small -x 80 -y 24 \
    "env TERM=tmux-256color LANG=C.UTF-8 $BIN --url $URL --at $T0 system 2> '$WORK/small.err'; echo \"exit=\$?\" > '$WORK/small.rc'; sleep 30"
tui_wait small "hidden"
tmux -L "$TMUX_SOCK" send-keys -t small NPage
if tui_wait small "Incident Timeline" && ! grep -q "SLO Dashboard" "$WORK/small.screen"; then
    ok "80x24: PgDn scrolls to the rows that did not fit"
else
    ko "80x24 scroll"; cat "$WORK/small.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t small q
tui_exit small || ko "80x24 exit"

tui_start tc --url "$URL" --at "$T0" system
tui_wait tc "Incident Timeline"
tmux -L "$TMUX_SOCK" send-keys -t tc C-c
tui_exit tc && ok "TUI exits 0 on Ctrl-C" || { ko "Ctrl-C: $(cat "$WORK/tc.rc")"; cat "$WORK/tc.err"; }

tui_start tt --url "$URL" --at "$T0" system
tui_wait tt "Incident Timeline"
pid=$(tui_pid system)
[ -n "$pid" ] && kill -TERM "$pid"
if tui_exit tt && [ "$(tmux -L "$TMUX_SOCK" display -p -t tt '#{alternate_on}')" = 0 ]; then
    ok "TUI exits 0 on SIGTERM and leaves the alternate screen"
else
    ko "SIGTERM: $(cat "$WORK/tt.rc" 2>/dev/null)"; cat "$WORK/tt.err"
fi

tui_start tr --url "$URL" --at "$T0" system
tui_wait tr "Incident Timeline"
for size in 80x24 200x50 30x8 150x40 1x1 120x35 10x3 200x50 79x23 200x50; do
    tmux -L "$TMUX_SOCK" resize-window -t tr -x "${size%x*}" -y "${size#*x}" 2>/dev/null
done
if tui_wait tr "Incident Timeline"; then
    tmux -L "$TMUX_SOCK" send-keys -t tr q
    tui_exit tr && ok "a resize storm leaves a whole frame and a clean exit" ||
        { ko "resize storm exit"; cat "$WORK/tr.err"; }
else
    ko "resize storm: no frame afterwards"; cat "$WORK/tr.screen"
fi

# ---- errors: one clear line, the right exit code, never a crash ----------
expect_error() { # name, expected status, pattern, command...
    name=$1 want=$2 pat=$3
    shift 3
    "$@" > "$WORK/out" 2> "$WORK/err"
    got=$?
    lines=$(wc -l < "$WORK/err")
    if [ "$got" -eq "$want" ] && [ "$lines" -eq 1 ] && grep -q -- "$pat" "$WORK/err"; then
        ok "$name: exit $got, '$(cat "$WORK/err")'"
    else
        ko "$name: exit $got (want $want), $lines lines:"; cat "$WORK/err"
    fi
}
printf 'title: Broken\nrows:\n  - panels:\n      - title: X\n        kind: pie2\n        query: up\n' > "$WORK/bad.yaml"
expect_error "bad YAML kind" 2 "bad.yaml:5:15:" "$BIN" --once "$WORK/bad.yaml"
printf 'title: T\nrows:\n  - panels:\n      - title: X\n        kind: stat\n        colour: red\n        query: up\n' > "$WORK/opt.yaml"
expect_error "--check: unknown option" 2 "opt.yaml:6:9: unknown key 'colour'" "$BIN" --check "$WORK/opt.yaml"
printf 'title: T\nrefresh: 10 seconds\nrows:\n  - panels:\n      - {title: X, kind: stat, query: up}\n' > "$WORK/dur.yaml"
expect_error "--check: bad duration" 2 "dur.yaml:2:10: bad duration" "$BIN" --check "$WORK/dur.yaml"
printf 'title: T\nrows:\n  - panels:\n      - kind: stat\n        query: up\n' > "$WORK/notitle.yaml"
expect_error "--check: missing title" 2 "notitle.yaml:4:9: panel has no 'title'" "$BIN" --check "$WORK/notitle.yaml"
printf 'title: T\nrows:\n  - panels:\n      - title: X\n        kind: stat\n        query: up{job="$jobb"}\n' > "$WORK/var.yaml"
expect_error "--check: unknown variable" 2 "var.yaml:6:16: unknown variable '\$jobb'" "$BIN" --check "$WORK/var.yaml"
printf 'title: [unclosed\n' > "$WORK/syntax.yaml"
expect_error "YAML syntax" 2 "syntax.yaml:[0-9]*:[0-9]*:" "$BIN" --check "$WORK/syntax.yaml"
printf 'title: Q\nrows:\n  - panels:\n      - title: Bad\n        kind: stat\n        query: sum(rate(x[5m])\n' > "$WORK/badq.yaml"
expect_error "PromQL error through the server's parser" 2 "badq.yaml:6:16: .*parse error" "$BIN" --check --url "$URL" "$WORK/badq.yaml"
expect_error "bad URL" 2 "URL" "$BIN" --url 'notaurl' --once system
expect_error "unreachable server" 1 "127.0.0.1:1" "$BIN" --url http://127.0.0.1:1 --once --format json system
expect_error "garbage answers" 1 "HTTP\|JSON\|not" "$BIN" --url "http://127.0.0.1:$PORT/nothing-here" --once system
expect_error "unknown dashboard" 2 "unknown dashboard" "$BIN" --once nosuchboard
expect_error "bad --at" 2 "--at" "$BIN" --at yesterday --once system
expect_error "bad --range" 2 "--range" "$BIN" --range 10q --once system
expect_error "bad --size" 2 "--size" "$BIN" --size 3x3 --once system
expect_error "unknown option" 2 "unknown option" "$BIN" --frobnicate

"$BIN" --check --url "$URL" > "$WORK/out" 2> "$WORK/err" &&
    ok "--check passes the bundled dashboards" || { ko "--check"; cat "$WORK/err"; }
"$BIN" --list > "$WORK/out" 2>&1 && grep -q '^system' "$WORK/out" &&
    ok "--list names system" || ko "--list"
"$BIN" --version | grep -q '^promboard [0-9]' && ok "--version" || ko "--version"

# ---- a server that goes away: last data stays, marked stale ---------------
tui_start ts --url "$URL" --at "$T0" --refresh 1s system
tui_wait ts "Incident Timeline"
bash demo/stack.sh stop --state "$STATE" > /dev/null 2>&1
if tui_wait ts "stale [0-9]"; then
    grep -q "SLO Dashboard" "$WORK/ts.screen" && grep -q "%" "$WORK/ts.screen" &&
        ok "server gone: panels keep their data, marked stale with an age" ||
        { ko "stale frame lost its data"; cat "$WORK/ts.screen"; }
else
    ko "server gone: no stale mark"; cat "$WORK/ts.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t ts q
tui_exit ts && ok "keys still work with the server gone" || { ko "exit with server gone"; cat "$WORK/ts.err"; }

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
