# t_30_tui.sh - the TUI in tmux: help, zoom, quit, variables, scrolling, signals, resizing.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

tui_start tq --url "$URL" --at "$T0" system
tui_wait tq "Incident Timeline" && grep -q "FAST BURN\|SLOW BURN\| OK" "$WORK/tq.screen" &&
    ok "TUI shows the System dashboard with data" ||
    { ko "TUI did not show the dashboard"; cat "$WORK/tq.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t tq '?'
tui_wait tq "zoom; open/close a section" && ok "? shows the key help" || ko "? help"
tmux -L "$TMUX_SOCK" send-keys -t tq Escape
sleep 0.3
# the first panel is focused at start: one Right moves to the second
tmux -L "$TMUX_SOCK" send-keys -t tq Right Enter
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
    "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN --url $URL --at $T0 system 2> '$WORK/small.err'; echo \"exit=\$?\" > '$WORK/small.rc'; sleep 30"
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

