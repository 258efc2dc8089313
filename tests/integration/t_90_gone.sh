# t_90_gone.sh - a server that goes away: last data stays, marked stale. Runs last: it stops the stack.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

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
