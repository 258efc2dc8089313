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
# times on screen are in the local zone: the same one wherever the tests run
export TZ=UTC
unset PROMBOARD_URL PROMBOARD_CONFIG
# No config.yaml or user dashboards of the person running the tests.
export XDG_CONFIG_HOME=$WORK/config
pass=0
fail=0
TMUX_SOCK=promboard-it-$$

ok() { pass=$((pass + 1)); echo "ok    $*"; }
ko() { fail=$((fail + 1)); echo "FAIL  $*"; }

# The servers several checks share besides the main stack.
. tests/integration/servers.sh

cleanup() {
    tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
    bash demo/stack.sh stop --state "$STATE" >/dev/null 2>&1
    servers_stop
    bash demo/stack.sh stop --state "$WORK/alerts-stack" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A loopback port nobody listens on: curl's "could not connect" (exit 7)
# says so (sh has no /dev/tcp). Taken below the kernel's range for the
# local ports of outgoing connections (32768 and up on Linux): a port there
# that nobody listens on may still be some client's, and a server then
# cannot bind it ("address already in use").
PORT_LO=10000
PORT_HI=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null)
[ "${PORT_HI:-0}" -gt $((PORT_LO + 5000)) ] 2>/dev/null || PORT_HI=30000
free_port() {
    while :; do
        p=$(( (($$ + $(date +%N | sed 's/^0*//') ) % (PORT_HI - PORT_LO)) + PORT_LO ))
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" 2>/dev/null
        if [ $? -eq 7 ]; then
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

# They gather data while the first checks run.
servers_start

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

# ---- helpers for the TUI in tmux ---------------------------------------
# tui_start NAME ARGS...: runs promboard in a detached 200x50 tmux session;
# its exit status lands in $WORK/NAME.rc, its stderr in $WORK/NAME.err.
tui_start() {
    name=$1
    shift
    rm -f "$WORK/$name.rc"
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$name" -x 200 -y 50 \
        "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN $* 2> '$WORK/$name.err'; echo \"exit=\$?\" > '$WORK/$name.rc'; sleep 30"
}
# tui_wait NAME PATTERN [SECONDS]: waits up to SECONDS (10) for PATTERN on
# the screen, with no "loading" and the same screen in two captures 0.1 s
# apart (a capture taken while a frame is being written shows half of it).
tui_wait() {
    : > "$WORK/$1.prev"
    for i in $(seq 1 $((${3:-10} * 10))); do
        tmux -L "$TMUX_SOCK" capture-pane -p -t "$1" > "$WORK/$1.screen" 2>/dev/null
        if grep -q -- "$2" "$WORK/$1.screen" && ! grep -q "loading" "$WORK/$1.screen"; then
            cmp -s "$WORK/$1.screen" "$WORK/$1.prev" && return 0
            cp "$WORK/$1.screen" "$WORK/$1.prev"
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


# query_count: the queries the server has answered so far (its own counter).
query_count() {
    curl -s "$URL/metrics" |
        awk '/^prometheus_http_requests_total\{.*handler="\/api\/v1\/query(_range)?"/ { n += $2 } END { print n + 0 }'
}

# expect_error NAME STATUS PATTERN COMMAND...: one line on stderr matching
# PATTERN and exit STATUS.
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

# ---- the checks, in file-name order ------------------------------------
# IT_ONLY=PATTERN runs only the files whose names contain PATTERN.
for t in tests/integration/t_*.sh; do
    case "$(basename "$t")" in *"${IT_ONLY:-}"*) ;; *) continue ;; esac
    echo "# $(basename "$t")"
    . "./$t"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
