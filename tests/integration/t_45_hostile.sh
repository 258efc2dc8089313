# t_45_hostile.sh - a hostile server and a hostile environment: a loopback
# server (hostile.py) answering in bad ways drives --once, --check and the
# TUI; FIFOs named as files, a full disk, a closed stdout, a terminal that
# vanishes and fatal signals. Every fault must end in a bounded time with
# one clear line, and the terminal must be given back.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

HW=$WORK/hostile
mkdir -p "$HW"
HPORT=$(free_port)
OPORT=$(free_port)
while [ "$OPORT" = "$HPORT" ]; do OPORT=$(free_port); done
python3 tests/integration/hostile.py --port "$HPORT" --other-port "$OPORT" \
    --log "$HW/other.log" > "$HW/server.out" 2>&1 < /dev/null &
echo $! > "$HW/server.pid"
hostile_cleanup() {
    [ -f "$HW/server.pid" ] && kill "$(cat "$HW/server.pid")" 2>/dev/null
    rm -f "$HW/server.pid"
}
trap 'hostile_cleanup; cleanup' EXIT INT TERM
for i in $(seq 1 100); do
    grep -q ready "$HW/server.out" 2>/dev/null && break
    sleep 0.1
done
H=http://127.0.0.1:$HPORT
grep -q ready "$HW/server.out" && ok "hostile server up on $H" ||
    { ko "hostile server did not start"; cat "$HW/server.out"; }

printf 'title: Hostile\nrows:\n  - panels:\n      - {title: Value, kind: stat, query: up}\n      - {title: Lines, kind: timeseries, query: up}\n      - {title: Rows, kind: table, query: up}\n' > "$HW/tiny.yaml"

# timed CMD...: runs CMD with stdout in $HW/out and stderr in $HW/err; sets
# rc and secs (wall seconds, one decimal). A guard kills it after 60 s.
timed() {
    t0=$(date +%s.%N)
    timeout 60 "$@" > "$HW/out" 2> "$HW/err"
    rc=$?
    secs=$(echo "$(date +%s.%N) $t0" | awk '{ printf "%.1f", $1 - $2 }')
}
# within LIMIT: the last timed command took at most LIMIT seconds.
within() {
    awk -v s="$secs" -v l="$1" 'BEGIN { exit !(s <= l) }'
}
# one_line PATTERN: stderr is one line matching PATTERN.
one_line() {
    [ "$(wc -l < "$HW/err")" -eq 1 ] && grep -q -- "$1" "$HW/err"
}

# ---- time: every fault ends within --timeout plus 2 s ---------------------
# The System dashboard asks far more queries than the 8 transfer slots.
timed "$BIN" --url "$H/never" --timeout 2s --at "$T0" --once system
if [ "$rc" -eq 1 ] && within 4 && one_line "no answer from $H/never within 2.0 s"; then
    ok "--once, a server that never answers: rc 1 after ${secs} s, '$(cat "$HW/err")'"
else
    ko "--once against a silent server: rc $rc after ${secs} s (want 1 within 4 s):"; cat "$HW/err"
fi
timed "$BIN" --url "$H/never" --timeout 2s --at "$T0" --once --format json system
if [ "$rc" -eq 1 ] && within 4 &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not all("no answer" in (p["error"] or "") for p in d["panels"]))' "$HW/out"; then
    ok "--once --format json, a silent server: every panel says 'no answer' (${secs} s)"
else
    ko "--once --format json against a silent server: rc $rc after ${secs} s"; head -c 600 "$HW/out"; cat "$HW/err"
fi
timed "$BIN" --url "$H/never" --timeout 2s --check system
if [ "$rc" -eq 0 ] && within 4 && one_line "note: PromQL syntax not checked: no answer from $H/never within 2.0 s"; then
    ok "--check, a server that never answers: layouts checked, one note after ${secs} s"
else
    ko "--check against a silent server: rc $rc after ${secs} s:"; cat "$HW/err"
fi
timed "$BIN" --url "$H/slow" --timeout 2s --at "$T0" --once "$HW/tiny.yaml"
if [ "$rc" -eq 1 ] && within 4 && one_line "$H/slow"; then
    ok "--once, a server sending a byte every 0.5 s: rc 1 after ${secs} s"
else
    ko "--once against a slow server: rc $rc after ${secs} s:"; cat "$HW/err"
fi

# ---- answers that are not Prometheus answers: one line each ---------------
for f in "cut:partial" "html:not JSON (HTTP 200): Gateway portal login" \
    "html502:HTTP 502: Gateway portal login" "text:not JSON (HTTP 200): upstream connect" \
    "truncated:truncated JSON answer" "wrongshape:data.result is not an array"; do
    mode=${f%%:*} want=${f#*:}
    timed "$BIN" --url "$H/$mode" --timeout 5s --at "$T0" --once "$HW/tiny.yaml"
    if [ "$rc" -eq 1 ] && one_line "$want" && clean_stderr "$HW/err"; then
        ok "$mode: rc 1, '$(cat "$HW/err")'"
    else
        ko "$mode: rc $rc (want 1 and '$want'):"; cat "$HW/err"
    fi
done

# ---- files named in configuration must be regular files -------------------
mkfifo "$HW/fifo" "$HW/fifo.yaml"
printf 'basic_auth:\n  username: alice\n  password_file: %s\n' "$HW/fifo" > "$HW/pwfifo.yaml"
printf 'theme: %s\n' "$HW/fifo.yaml" > "$HW/themefifo.yaml"
for f in "--config $HW/fifo --list:$HW/fifo: cannot read the config file: not a regular file (a FIFO)" \
    "--once $HW/fifo.yaml:$HW/fifo.yaml: cannot read: not a regular file (a FIFO)" \
    "--check $HW/fifo.yaml:$HW/fifo.yaml: cannot read: not a regular file (a FIFO)" \
    "--config $HW/pwfifo.yaml --list:pwfifo.yaml:3:18: cannot read password_file '$HW/fifo': not a regular file (a FIFO)" \
    "--config $HW/themefifo.yaml --list:not a regular file (a FIFO)" \
    "--theme $HW/fifo.yaml --list:$HW/fifo.yaml: cannot read the theme file: not a regular file (a FIFO)" \
    "--config /dev/zero --list:/dev/zero: cannot read the config file: not a regular file (a character device)" \
    "--config $HW --list:$HW: cannot read the config file: a directory, not a file"; do
    args=${f%%:*} want=${f#*:}
    # shellcheck disable=SC2086
    timed "$BIN" --url "$H/ok" $args
    if [ "$rc" -eq 2 ] && within 5 && one_line "$want"; then
        ok "$args: rc 2, '$(cat "$HW/err")'"
    else
        ko "$args: rc $rc after ${secs} s (want 2, '$want'):"; cat "$HW/err"
    fi
done

# ---- output that cannot be written: rc 1 and one line ---------------------
for args in "--once --format json $HW/tiny.yaml" "--once $HW/tiny.yaml" "--list"; do
    # shellcheck disable=SC2086
    "$BIN" --url "$H/ok" --at "$T0" $args > /dev/full 2> "$HW/err"
    rc=$?
    if [ "$rc" -eq 1 ] && one_line "cannot write the output: No space left on device"; then
        ok "$args > /dev/full: rc 1, '$(cat "$HW/err")'"
    else
        ko "$args > /dev/full: rc $rc:"; cat "$HW/err"
    fi
    # shellcheck disable=SC2086
    "$BIN" --url "$H/ok" --at "$T0" $args >&- 2> "$HW/err"
    rc=$?
    if [ "$rc" -eq 1 ] && one_line "cannot write the output: Bad file descriptor"; then
        ok "$args with stdout closed: rc 1, '$(cat "$HW/err")'"
    else
        ko "$args with stdout closed: rc $rc:"; cat "$HW/err"
    fi
done

# ---- the terminal: gone without a SIGHUP, fatal signals --------------------
python3 tests/integration/pty.py gone --wait Value -- "$BIN" --url "$H/ok" "$HW/tiny.yaml" > "$HW/pty" 2>&1
if grep -q '^exited after 0\.[0-9]* s' "$HW/pty"; then
    ok "terminal closed under a setsid child: $(cat "$HW/pty")"
else
    ko "terminal closed under a setsid child: $(cat "$HW/pty")"
fi
for sig in QUIT USR1 ALRM PIPE ABRT SEGV BUS RTMIN; do
    python3 tests/integration/pty.py signal "$sig" --wait Value -- "$BIN" --url "$H/ok" "$HW/tiny.yaml" > "$HW/pty" 2>&1
    if grep -q '^termios restored' "$HW/pty" && grep -q '^screen restored' "$HW/pty"; then
        ok "SIG$sig gives the terminal back ($(head -n 1 "$HW/pty"))"
    else
        ko "SIG$sig leaves the terminal broken:"; cat "$HW/pty"
    fi
done

hostile_cleanup
trap cleanup EXIT INT TERM
