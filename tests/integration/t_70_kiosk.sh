# t_70_kiosk.sh - the wall screen (--kiosk): no chrome, big digits, the
# dashboards take turns, and it lives through Prometheus going away and
# coming back (twice) without a key pressed. Leaves the stack running.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK,
# $STATE and the ok/ko/tui_*/expect_error helpers.

# ---- the command line ---------------------------------------------------
expect_error "--kiosk under a second" 2 "bad interval '500ms' for --kiosk" \
    "$BIN" --kiosk 500ms --once system
expect_error "--kiosk=word" 2 "bad interval 'soon' for --kiosk" \
    "$BIN" --kiosk=soon --once system
# the interval is optional: a dashboard name after --kiosk stays a dashboard
for args in "--kiosk security" "--kiosk 20 security" "--kiosk=20 security" \
    "--kiosk 1m security" "security --kiosk 1m"; do
    # shellcheck disable=SC2086 # $args is split on purpose
    if "$BIN" --url "$URL" --at "$T0" --once --size 80x24 $args \
        > "$WORK/kargs.txt" 2> "$WORK/err" && clean_stderr "$WORK/err" &&
        head -n 1 "$WORK/kargs.txt" | grep -q "^ Security " &&
        ! grep -q "q quit" "$WORK/kargs.txt"; then
        ok "'$args' opens Security on a wall screen"
    else
        ko "'$args'"; cat "$WORK/kargs.txt" "$WORK/err"
    fi
done

# the rotation takes every dashboard there is
NDASH=$("$BIN" --list | wc -l)

# ---- one frame: the title line, panels to the bottom, big digits ---------
"$BIN" --url "$URL" --at "$T0" --once --kiosk --size 120x40 executive \
    > "$WORK/kframe.txt" 2> "$WORK/err"
blocks=$(grep -c "███" "$WORK/kframe.txt")
if [ $? -le 1 ] && clean_stderr "$WORK/err" &&
    head -n 1 "$WORK/kframe.txt" | grep -q "^ Executive Overview .*1/$NDASH" &&
    ! grep -q "promboard\|q quit\|updated" "$WORK/kframe.txt" &&
    tail -n 1 "$WORK/kframe.txt" | grep -q "╰" && [ "$blocks" -ge 8 ]; then
    ok "kiosk frame: a title line, no tab bar or status line, $blocks rows of big digits"
else
    ko "kiosk frame ($blocks rows of blocks)"; cat "$WORK/kframe.txt"
fi
LC_ALL=C LANG=C "$BIN" --url "$URL" --at "$T0" --once --kiosk --size 80x24 executive \
    > "$WORK/kascii.txt" 2> "$WORK/err"
if [ $? -eq 0 ] && ! LC_ALL=C grep -q '[^ -~]' "$WORK/kascii.txt" &&
    [ "$(grep -c '###' "$WORK/kascii.txt")" -ge 3 ]; then
    ok "LANG=C kiosk frame: big digits in '#', pure ASCII"
else
    ko "LANG=C kiosk frame"; cat "$WORK/kascii.txt"
fi

# ---- the TUI: rotation, then two outages --------------------------------
# kiosk_wait NAME SECONDS CMD...: captures the screen every 0.2 s until the
# shell test CMD (run on $WORK/NAME.screen) holds; false after SECONDS.
kiosk_wait() {
    kname=$1 secs=$2
    shift 2
    i=0
    while [ $i -lt $((secs * 5)) ]; do
        tmux -L "$TMUX_SOCK" capture-pane -p -t "$kname" > "$WORK/$kname.screen" 2>/dev/null
        if "$@" "$WORK/$kname.screen"; then
            return 0
        fi
        sleep 0.2
        i=$((i + 1))
    done
    return 1
}
# The first line holds (or lacks) the stale mark.
marked() { head -n 1 "$1" | grep -q "data as of [0-9-]* [0-9:]* UTC, no answer since [0-9]"; }
unmarked() {
    ! head -n 1 "$1" | grep -q "data as of\|waiting for data" &&
        ! grep -q "loading" "$1" && head -n 1 "$1" | grep -q "[0-9]/$NDASH"
}
# Rows of big digits (3 block characters in a row) on the screen.
big_rows() { grep -c "███" "$1"; }
# Which dashboard the title line names.
shows() { head -n 1 "$2" | grep -q "^ $1 "; }
shows_exec() { shows "Executive Overview" "$1"; }
shows_release() { shows "Release Readiness" "$1"; }

kiosk_args="--refresh 1s --kiosk 2"
tui_start kk --url "$URL" --at "$T0" $kiosk_args
if kiosk_wait kk 10 shows_exec && tui_wait kk "ROI Calculator"; then
    if ! grep -q "q quit\|promboard\|updated\|? help" "$WORK/kk.screen" &&
        [ "$(big_rows "$WORK/kk.screen")" -ge 8 ]; then
        ok "kiosk TUI: Executive first, no tab bar, status line or key hints, big digits"
    else
        ko "kiosk TUI chrome or digits"; cat "$WORK/kk.screen"
    fi
else
    ko "kiosk TUI did not show the Executive dashboard"; cat "$WORK/kk.screen"
fi
kiosk_wait kk 10 shows_release && ok "kiosk TUI rotates to Release Readiness by itself" ||
    { ko "no rotation"; cat "$WORK/kk.screen"; }
# a full turn, so every dashboard has had its answers before the outages
kiosk_wait kk 20 shows_exec && ok "kiosk TUI comes round to Executive again" ||
    ko "no full turn"
pid=$(tui_pid "$kiosk_args")
fds_before=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
for outage in 1 2; do
    bash demo/stack.sh stop-prometheus --state "$STATE" > "$WORK/stack-stop.log" 2>&1
    if kiosk_wait kk 20 marked && [ "$(big_rows "$WORK/kk.screen")" -ge 3 ] &&
        ! grep -q "cannot connect\|stale [0-9]\|failed" "$WORK/kk.screen"; then
        ok "outage $outage: '$(head -n 1 "$WORK/kk.screen" | sed 's/.*\(data as of\)/\1/')', last values still drawn, no error text"
    else
        ko "outage $outage: no stale mark, or the values went"; cat "$WORK/kk.screen"
    fi
    if bash demo/stack.sh start-prometheus --state "$STATE" > "$WORK/stack-start.log" 2>&1; then
        if kiosk_wait kk 20 unmarked && [ "$(big_rows "$WORK/kk.screen")" -ge 3 ]; then
            ok "outage $outage over: fresh answers and the mark gone, no key pressed ($(head -n 1 "$WORK/kk.screen" | sed 's/^ *//'))"
        else
            ko "outage $outage over: still marked"; cat "$WORK/kk.screen"
        fi
    else
        ko "stack.sh start-prometheus"; cat "$WORK/stack-start.log"
    fi
done
# the numbers after the outages are the server's: the wall screen is the
# frame --once --kiosk prints at its size (one render path, frozen --at),
# in colour as in the terminal (a plain frame puts shapes where colours
# tell series apart), its escapes and trailing blanks taken out as tmux
# gives the screen
ESC=$(printf '\033')
env -u NO_COLOR "$BIN" --url "$URL" --at "$T0" --once --kiosk --size 200x50 \
    --color always executive 2> "$WORK/err" |
    sed "s/$ESC\[[0-9;]*m//g; s/ *\$//" > "$WORK/kexec.txt"
exec_fresh() { shows_exec "$1" && unmarked "$1" && grep -q "ROI Calculator" "$1"; }
if kiosk_wait kk 20 exec_fresh && diff "$WORK/kexec.txt" "$WORK/kk.screen" > "$WORK/kdiff" 2>&1; then
    ok "after the outages the Executive wall screen equals its --once frame"
else
    ko "Executive after the outages differs from --once"; cat "$WORK/kdiff"
fi
fds_after=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
# curl keeps at most one connection per transfer in flight (8)
if [ -n "$pid" ] && [ "$fds_before" -gt 0 ] && [ "$fds_after" -le $((fds_before + 8)) ]; then
    ok "open files after two outages: $fds_after (before: $fds_before)"
else
    ko "open files grew: $fds_before -> $fds_after (pid '$pid')"
fi
tmux -L "$TMUX_SOCK" send-keys -t kk q
tui_exit kk && ok "q leaves the wall screen with exit 0 and clean sanitizers" ||
    { ko "kiosk exit: $(cat "$WORK/kk.rc" 2>/dev/null)"; cat "$WORK/kk.err"; }

# the files after this one need the server: make sure it is up
curl -fsS --max-time 3 "$URL/-/ready" > /dev/null 2>&1 ||
    bash demo/stack.sh start-prometheus --state "$STATE" > /dev/null 2>&1
curl -fsS --max-time 3 "$URL/-/ready" > /dev/null 2>&1 &&
    ok "Prometheus is up again on $URL for the next checks" ||
    ko "Prometheus did not come back on $URL"
