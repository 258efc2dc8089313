#!/bin/sh
# run.sh - `make bench`: promboard's TUI on the live demo stack, refreshing
# every second on a 200x50 terminal for 30 s. Prints CPU %, peak RSS, bytes
# written to the terminal per refresh, and time to the first complete frame.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECS=${BENCH_SECONDS:-30}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/promboard-bench.XXXXXX")
STATE=$WORK/stack
SOCK=promboard-bench-$$
PORT=${BENCH_PORT:-19290}
NODE_PORT=${BENCH_NODE_PORT:-19299}
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    bash demo/stack.sh stop --state "$STATE" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

bash demo/stack.sh start --state "$STATE" --port "$PORT" --node-port "$NODE_PORT" \
    --hours 2 --promsim "$ROOT/build/promsim" > "$WORK/stack.log" 2>&1 ||
    { cat "$WORK/stack.log"; exit 1; }

tmux -L "$SOCK" -f /dev/null new-session -d -s b -x 200 -y 50 "sh"
tmux -L "$SOCK" pipe-pane -t b -o "cat > '$WORK/tty.bytes'"
tmux -L "$SOCK" send-keys -t b \
    "exec env TERM=tmux-256color LANG=C.UTF-8 PROMBOARD_STATS='$WORK/stats' '$ROOT/promboard' --url http://127.0.0.1:$PORT --refresh 1s system" Enter
pid=""
for i in $(seq 1 100); do
    pid=$(pgrep -n -f "promboard --url http://127.0.0.1:$PORT" || true)
    [ -n "$pid" ] && break
    sleep 0.05
done
[ -n "$pid" ] || { echo "bench: promboard did not start"; exit 1; }
sleep 3 # settle: first frame and the first refreshes
bytes0=$(wc -c < "$WORK/tty.bytes")
hz=$(getconf CLK_TCK)
cpu0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
t0=$(date +%s.%N)
sleep "$SECS"
cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
t1=$(date +%s.%N)
bytes1=$(wc -c < "$WORK/tty.bytes")
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
tmux -L "$SOCK" send-keys -t b q
for i in $(seq 1 50); do
    [ -s "$WORK/stats" ] && break
    sleep 0.1
done
first=$(sed -n 's/^first_frame_ms=//p' "$WORK/stats" 2>/dev/null)
frames=$(sed -n 's/^frames=//p' "$WORK/stats" 2>/dev/null)
awk -v c0="$cpu0" -v c1="$cpu1" -v hz="$hz" -v t0="$t0" -v t1="$t1" \
    -v b0="$bytes0" -v b1="$bytes1" -v secs="$SECS" -v rss="$rss" \
    -v first="${first:-?}" -v frames="${frames:-?}" 'BEGIN {
    wall = t1 - t0
    printf "promboard bench: system dashboard, 200x50, refresh 1s, %d s\n", secs
    printf "  CPU                      %.2f %%\n", 100 * (c1 - c0) / hz / wall
    printf "  peak RSS                 %.1f MB\n", rss / 1024
    printf "  bytes to the terminal    %d total, %.0f per refresh\n", b1 - b0, (b1 - b0) / secs
    printf "  first complete frame     %s ms\n", first
    printf "  frames drawn             %s\n", frames
}'
