#!/bin/sh
# captures.sh - `make captures`: the screens in docs/captures. Starts the
# demo stack frozen at the incident instant T0 (2026-03-01T03:10:00Z) on
# 127.0.0.1:$CAPTURES_PORT (default 19190, fixed so that the URL in the
# status line, and so the files, stay the same from run to run), renders
# every bundled dashboard with --once at 160x48 in four forms, and stops
# the stack:
#   DASH-dark.ans   the dark theme as ANSI colour (256 colours)
#   DASH-mono.ans   the mono theme: attributes only
#   DASH-ascii.txt  LANG=C NO_COLOR=1: printable ASCII only
#   DASH.txt        the plain UTF-8 text frame
set -eu
cd "$(dirname "$0")/.."
T0=1772334600
PORT=${CAPTURES_PORT:-19190}
SIZE=${CAPTURES_SIZE:-160x48}
OUT=docs/captures
BIN=./promboard
if bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then
    echo "captures: port $PORT is taken; set CAPTURES_PORT" >&2
    exit 1
fi
STATE=$(mktemp -d "${TMPDIR:-/tmp}/promboard-captures.XXXXXX")
trap 'bash demo/stack.sh stop --state "$STATE" >/dev/null 2>&1; rm -rf "$STATE"' EXIT INT TERM
bash demo/stack.sh start --state "$STATE" --port "$PORT" --node-port $((PORT + 1)) \
    --at "$T0" --hours 8 --no-live --promsim build/promsim > "$STATE/stack.log" 2>&1 ||
    { cat "$STATE/stack.log" >&2; exit 1; }
URL=http://127.0.0.1:$PORT
# the bundled dashboards and themes only, whatever the user's own config says
mkdir -p "$STATE/xdg"
export XDG_CONFIG_HOME="$STATE/xdg"
unset PROMBOARD_CONFIG PROMBOARD_URL
mkdir -p "$OUT"
DASHES=$($BIN --list | awk '{ print $1 }')
for d in $DASHES; do
    env -u COLORTERM -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --size "$SIZE" --color always --theme dark "$d" > "$OUT/$d-dark.ans"
    env -u COLORTERM -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --size "$SIZE" --color always --theme mono "$d" > "$OUT/$d-mono.ans"
    env LANG=C LC_ALL=C NO_COLOR=1 $BIN --url "$URL" --at "$T0" \
        --once --size "$SIZE" "$d" > "$OUT/$d-ascii.txt"
    env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --size "$SIZE" --color never "$d" > "$OUT/$d.txt"
    echo "captures: $d"
done
# The wall screen (--kiosk): no chrome, big digits, the high-contrast theme;
# also on a small wall TV (100x30), in high-contrast and with NO_COLOR,
# where a critical value must read at a glance.
KIOSK="executive system"
for d in $KIOSK; do
    env -u COLORTERM -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --kiosk --size "$SIZE" --color always "$d" > "$OUT/$d-kiosk.ans"
    env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --kiosk --size "$SIZE" --color never "$d" > "$OUT/$d-kiosk.txt"
    env -u COLORTERM -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --url "$URL" --at "$T0" \
        --once --kiosk --size 100x30 --color always "$d" > "$OUT/$d-kiosk-100x30.ans"
    env -u COLORTERM LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 $BIN --url "$URL" --at "$T0" \
        --once --kiosk --size 100x30 --color always "$d" > "$OUT/$d-kiosk-100x30-nocolor.ans"
done
{
    echo "# Captures"
    echo
    echo "Every bundled dashboard as \`promboard --once\` draws it at $SIZE, against"
    echo "the demo stack frozen at the incident instant 2026-03-01T03:10:00Z"
    echo "(\`--at $T0\`). Regenerate them with \`make captures\`."
    echo
    echo "| file | what it is | how to view |"
    echo "|---|---|---|"
    for d in $DASHES; do
        echo "| [$d-dark.ans]($d-dark.ans) | $d, dark theme, 256 colours (\`--color always\`) | \`less -R $d-dark.ans\` or \`cat\` in a terminal |"
        echo "| [$d-mono.ans]($d-mono.ans) | $d, mono theme: bold, underline, reverse only | \`less -R $d-mono.ans\` |"
        echo "| [$d-ascii.txt]($d-ascii.txt) | $d with \`LANG=C NO_COLOR=1\`: printable ASCII only | \`less $d-ascii.txt\` |"
        echo "| [$d.txt]($d.txt) | $d, plain UTF-8 text | \`less $d.txt\` |"
    done
    for d in $KIOSK; do
        echo "| [$d-kiosk.ans]($d-kiosk.ans) | $d as a wall screen (\`--kiosk\`), high-contrast theme | \`less -R $d-kiosk.ans\` |"
        echo "| [$d-kiosk.txt]($d-kiosk.txt) | $d as a wall screen, plain UTF-8 text | \`less $d-kiosk.txt\` |"
        echo "| [$d-kiosk-100x30.ans]($d-kiosk-100x30.ans) | $d as a wall screen at 100x30, high-contrast | \`less -R $d-kiosk-100x30.ans\` |"
        echo "| [$d-kiosk-100x30-nocolor.ans]($d-kiosk-100x30-nocolor.ans) | $d as a wall screen at 100x30 with \`NO_COLOR=1\`: attributes only | \`less -R $d-kiosk-100x30-nocolor.ans\` |"
    done
} > "$OUT/README.md"
echo "captures: wrote $OUT"
