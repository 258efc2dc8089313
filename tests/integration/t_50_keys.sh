# t_50_keys.sh - every key and the mouse in tmux: refresh, pause, focus moves,
# zoom, inspect (its PromQL and values against --once and the server), the
# time window keys (+ - [ ] 0, checked against the server), the variable
# picker, the series filter, help at 80x24, quit, and clicks, double clicks
# and the wheel sent as xterm mouse reports.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

K=k5p
kt() { tmux -L "$TMUX_SOCK" "$@"; }
kshot() { kt capture-pane -p -t "$K" > "$WORK/$K.screen"; }
# kwait PATTERN: like tui_wait (which also waits for "loading" to go).
kwait() { tui_wait "$K" "$1"; }
# kinspect: opens inspect on the focused panel, leaves the screen in
# $WORK/$K.inspect and closes it; prints the panel title.
kinspect() {
    kt send-keys -t "$K" i
    kwait "Inspect" || return 1
    for i in $(seq 1 50); do # until the answers asked for have come
        grep -q "asking\.\.\." "$WORK/$K.screen" || break
        sleep 0.1
        kshot
    done
    cp "$WORK/$K.screen" "$WORK/$K.inspect"
    kt send-keys -t "$K" Escape
    for i in $(seq 1 50); do # until the overlay is gone
        kshot
        grep -q "╭ Inspect ─" "$WORK/$K.screen" || break
        sleep 0.1
    done
    sed -n '2s/^│ *\(.*\)  (.*/\1/p' "$WORK/$K.inspect"
}
# Fields of the first instant query shown by inspect (in $WORK/$K.inspect).
kexpr() { awk '/Query 1  instant  time/ { getline; sub(/^│ */, ""); sub(/ *│$/, ""); print; exit }' "$WORK/$K.inspect"; }
ktime() { sed -n 's/.*Query 1  instant  time \([0-9]*\) .*/\1/p' "$WORK/$K.inspect" | head -n 1; }
kvalue() { awk '/vector, 1 series/ { getline; sub(/^│ */, ""); print $1; exit }' "$WORK/$K.inspect"; }
# The server's value of instant query EXPR at TIME (one series).
kserver() {
    curl -s -G --data-urlencode "query=$1" --data-urlencode "time=$2" "$URL/api/v1/query" |
        sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p'
}
same_number() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }'; }
# kclick X Y [double]: a left click (press, release) at 0-based X, Y as an
# X10 mouse report (the mouse encoding tmux-256color's kmous names).
kreport() { # button x y
    kt send-keys -t "$K" -H 1b 5b 4d "$(printf '%x' $((32 + $1)))" \
        "$(printf '%x' $((33 + $2)))" "$(printf '%x' $((33 + $3)))"
}
kclick() { kreport 0 "$1" "$2"; kreport 3 "$1" "$2"; }
kdouble() {
    x=$(printf '%x' $((33 + $1))) y=$(printf '%x' $((33 + $2)))
    kt send-keys -t "$K" -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y" \
        1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}
# kcol LINE TEXT: the 0-based column where TEXT starts in LINE (characters,
# not bytes: the screen holds box drawing characters).
kcol() { prefix=${1%%"$2"*}; printf '%s' "$prefix" | wc -m; }
# Top-left corner of the panel titled TITLE on the screen: "X Y" (0-based).
kwhere() {
    kshot
    y=$(grep -n "[╭┏] $1 " "$WORK/$K.screen" | head -n 1 | cut -d: -f1)
    [ -n "$y" ] || { echo "0 0"; return; }
    line=$(sed -n "${y}p" "$WORK/$K.screen")
    corner="╭"
    case $line in *"┏ $1 "*) corner="┏" ;; esac
    echo "$(kcol "$line" "$corner $1 ") $((y - 1))"
}

# ---- p and r: pausing stops the queries, r asks anyway -------------------
tui_start "$K" --url "$URL" --at "$T0" --refresh 1s system
kwait "Incident Timeline" || { ko "keys: no dashboard"; cat "$WORK/$K.screen"; }
kt send-keys -t "$K" p
sleep 1.5
kshot
grep -q "PAUSED" "$WORK/$K.screen" && ok "p: the status line says PAUSED" ||
    { ko "p: no PAUSED"; tail -n 1 "$WORK/$K.screen"; }
# The server's own query counter proves what promboard asked.
q1=$(query_count)
sleep 2.2
q2=$(query_count)
[ "$q1" -gt 0 ] && [ "$q1" = "$q2" ] &&
    ok "p: no query while paused ($q1 -> $q2 with --refresh 1s)" ||
    ko "p: queries went from $q1 to $q2 while paused"
kt send-keys -t "$K" r
q3=$q2
for i in $(seq 1 30); do q3=$(query_count); [ "$q3" != "$q2" ] && break; sleep 0.1; done
kshot
[ "$q3" -gt "$q2" ] && grep -q PAUSED "$WORK/$K.screen" &&
    ok "r: asks at once even while paused (queries $q2 -> $q3)" || ko "r: no query after r ($q2)"
kt send-keys -t "$K" p
sleep 1.5
q4=$(query_count)
kshot
[ "$q4" -gt "$q3" ] && ! grep -q PAUSED "$WORK/$K.screen" &&
    ok "p again: refreshing resumes (queries $q3 -> $q4)" || ko "p: did not resume ($q3 -> $q4)"
kt send-keys -t "$K" q
tui_exit "$K" || ko "keys: exit after p/r"
kt kill-session -t "$K"

# ---- focus keys, zoom, inspect --------------------------------------------
K=k5f
tui_start "$K" --url "$URL" --at "$T0" system
kwait "Incident Timeline"
moves=""
for key in Right l l j h Down k Left Up; do
    kt send-keys -t "$K" "$key"
    moves="$moves $key:$(kinspect | tr ' ' '_')"
done
# (SLO Dashboard is focused at start; l at the right edge stays)
want=" Right:Uptime l:Agent_Health_Grid l:Agent_Health_Grid j:Latency_Percentiles h:Error_Rate Down:Queue_Depth k:Error_Rate Left:Request_Rate Up:SLO_Dashboard"
[ "$moves" = "$want" ] && ok "arrows and h/j/k/l move the focus:$moves" ||
    ko "focus moves:$moves (want$want)"
# the focused panel's border has its own colour: the attributes written
# just before a panel's top-left corner follow the focus
E=$(printf '\033')
kattr() { kt capture-pane -e -p -t "$K" | grep -o "\($E\[[0-9;]*m\)*[╭┏] $1 " | head -n 1 | sed "s/[╭┏] $1 //"; }
a_slo=$(kattr "SLO Dashboard")
kt send-keys -t "$K" l
sleep 0.3
a_up=$(kattr "Uptime") b_slo=$(kattr "SLO Dashboard")
kt send-keys -t "$K" h
[ -n "$a_slo" ] && [ "$a_slo" = "$a_up" ] && [ "$b_slo" != "$a_slo" ] &&
    ok "the focus mark (border colour $(printf '%s' "$a_slo" | tr -d '\033')) moves from SLO Dashboard to Uptime" ||
    ko "focus border attributes: '$a_slo' '$a_up' '$b_slo'"
kt send-keys -t "$K" Enter
sleep 0.4
kshot
grep -q "SLO Dashboard" "$WORK/$K.screen" && ! grep -q "Uptime" "$WORK/$K.screen" &&
    ok "Enter zooms the focused panel" || ko "Enter zoom"
kt send-keys -t "$K" Escape
kwait "Uptime" && ok "Esc leaves the zoom" || ko "Esc zoom"

# inspect the Uptime stat: PromQL as --once says, value as the server says
kt send-keys -t "$K" l
[ "$(kinspect)" = "Uptime" ] || ko "inspect: focus is not on Uptime"
expr=$(kexpr) t=$(ktime) v=$(kvalue)
"$BIN" --url "$URL" --at "$T0" --once --format json --size 200x50 system > "$WORK/k-once.json" 2> "$WORK/err"
esc=$(printf '%s' "$expr" | sed 's/\\/\\\\/g; s/"/\\"/g')
if [ "$expr" = '100 * avg(avg_over_time(up[1h]))' ] && [ "$t" = "$T0" ] &&
    grep -qF "\"expr\":\"$esc\"" "$WORK/k-once.json"; then
    ok "i: shows the PromQL exactly as --once JSON sends it: $expr at $t"
else
    ko "i: expr '$expr' time '$t'"; cat "$WORK/$K.inspect"
fi
sv=$(kserver "$expr" "$t")
same_number "$v" "$sv" && ok "i: the series' last value $v equals the server's $sv" ||
    ko "i: value '$v', server '$sv'"

# ---- time window: - then [ ; the queries and values follow ------------------
kt send-keys -t "$K" -
kwait "range 30m  ending 2026-03-01 03:10 UTC" && ok "-: the status line says range 30m" ||
    { ko "-: status"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" '['
kwait "range 30m  ending 2026-03-01 02:55 UTC  \[0: back\]" &&
    ok "[: pans back half the range: ending 02:55" || { ko "[: status"; tail -n 1 "$WORK/$K.screen"; }
kinspect > /dev/null
expr=$(kexpr) t=$(ktime) v=$(kvalue)
T1=$((T0 - 900))
"$BIN" --url "$URL" --at "$T1" --range 30m --once --format json --size 200x50 system > "$WORK/k-pan.json" 2> "$WORK/err"
esc=$(printf '%s' "$expr" | sed 's/\\/\\\\/g; s/"/\\"/g')
if [ "$expr" = '100 * avg(avg_over_time(up[30m]))' ] && [ "$t" = "$T1" ] &&
    grep -qF "\"expr\":\"$esc\"" "$WORK/k-pan.json" && grep -q "\"time\":$T1" "$WORK/k-pan.json"; then
    ok "after - and [: inspect shows $expr at $t, as --once --at $T1 --range 30m sends it"
else
    ko "after - [: expr '$expr' time '$t'"; cat "$WORK/$K.inspect"
fi
sv=$(kserver "$expr" "$t")
same_number "$v" "$sv" && ok "after - and [: the value $v equals the server's $sv at $t" ||
    ko "after - [: value '$v', server '$sv'"
if "$COMPARE" "$URL" "$WORK/k-pan.json" --allow-empty "$ALLOW_EMPTY" > "$WORK/cmp" 2>&1; then
    ok "the panned window's every panel equals the server ($(tail -n 1 "$WORK/cmp"))"
else
    ko "panned window differs"; grep -v '^ok' "$WORK/cmp"
fi
kt send-keys -t "$K" ']'
kwait "range 30m  ending 2026-03-01 03:10 UTC" && ok "]: pans forward, back to the starting end" ||
    { ko "]: status"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" ']'
sleep 0.3
kshot
grep -q "range 30m  ending 2026-03-01 03:10 UTC" "$WORK/$K.screen" &&
    ok "]: never past the starting now" || { ko "]: moved past now"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" + +
kwait "range 3h  ending" && ok "+: widens 30m -> 1h -> 3h" || { ko "+: status"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" 0
kwait "frozen" && ! grep -q "range 3h" "$WORK/$K.screen" && [ "$(kinspect)" = Uptime ] &&
    [ "$(kexpr)" = '100 * avg(avg_over_time(up[1h]))' ] && [ "$(ktime)" = "$T0" ] &&
    ok "0: back to the starting time and range (up[1h] at $T0)" || { ko "0: not back"; cat "$WORK/$K.inspect"; }

# ---- v, /, ? --------------------------------------------------------------
kt send-keys -t "$K" v
kwait "this dashboard has no variables" && ok "v: opens the variable picker" || ko "v: picker"
kt send-keys -t "$K" Escape
sleep 0.3
kt send-keys -t "$K" h   # from Uptime back to SLO Dashboard (a table of 10 services)
kt send-keys -t "$K" /
kt send-keys -t "$K" -l 'llm-router.*avail'
kt send-keys -t "$K" Enter Enter
sleep 0.5
kshot
rows=$(grep -c "FAST BURN\|SLOW BURN\| OK " "$WORK/$K.screen")
if grep -q "SLO Dashboard  /llm-router.\*avail/" "$WORK/$K.screen" && grep -q "llm-router" "$WORK/$K.screen" &&
    ! grep -q "agent-runtime\|api-gateway\|auth-service" "$WORK/$K.screen" && [ "$rows" -eq 1 ]; then
    ok "/: filters the table to one series, the title shows /llm-router.*avail/"
else
    ko "/ filter ($rows rows)"; cat "$WORK/$K.screen"
fi
kt send-keys -t "$K" /
kt send-keys -t "$K" C-u
kt send-keys -t "$K" -l 'nosuchthing'
kt send-keys -t "$K" Enter
kwait "no series match /nosuchthing/" && ok "/: a filter matching nothing says so" || ko "/ no match"
kt send-keys -t "$K" / C-u Enter Escape
kwait "agent-runtime" && ok "/ then Enter on an empty line clears the filter" || ko "/ clear"
kt send-keys -t "$K" '?'
kwait "inspect the panel's queries" && grep -q "Shift-drag" "$WORK/$K.screen" &&
    ok "?: the help lists the new keys and the mouse" || ko "? help"
kt send-keys -t "$K" Escape

# ---- the mouse -----------------------------------------------------------
kshot
tx=$(($(kcol "$(head -n 1 "$WORK/$K.screen")" " 2 ") + 2))
kclick "$tx" 0
kwait "Active Releases" && ok "click on the '2' tab switches dashboards" ||
    { ko "click on a tab ($tx)"; head -n 3 "$WORK/$K.screen"; }
kt send-keys -t "$K" 5
kwait "Incident Timeline"
set -- $(kwhere "Queue Depth")
kclick $(($1 + 3)) $(($2 + 2))
sleep 0.5
[ "$(kinspect)" = "Queue Depth" ] && ok "click in a panel focuses it" || ko "click focus: $(kinspect)"
set -- $(kwhere "Error Rate")
kdouble $(($1 + 3)) $(($2 + 2))
sleep 0.8
kshot
grep -q "Error Rate" "$WORK/$K.screen" && ! grep -q "SLO Dashboard" "$WORK/$K.screen" &&
    ok "a double click zooms the panel" || { ko "double click zoom"; head -n 3 "$WORK/$K.screen"; }
kdouble 20 20
kwait "SLO Dashboard" && ok "a double click in the zoom goes back" || ko "double click unzoom"
kreport 64 50 20
kwait "range 30m  ending" && ok "wheel up narrows the range (30m)" || { ko "wheel up"; tail -n 1 "$WORK/$K.screen"; }
kreport 65 50 20
kreport 65 50 20
kwait "range 3h  ending" && ok "wheel down widens it (1h, 3h)" || { ko "wheel down"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" q
tui_exit "$K" && ok "q: exits 0" || { ko "q exit: $(cat "$WORK/$K.rc")"; cat "$WORK/$K.err"; }
[ "$(kt display -p -t "$K" '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag}')" = 000 ] &&
    ok "mouse reporting is off after exit" || ko "mouse reporting left on"

# SGR reports (xterm-256color's kmous), and --no-mouse
K=k5x
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$K" -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 $BIN --url $URL --at $T0 system 2> '$WORK/$K.err'; echo \"exit=\$?\" > '$WORK/$K.rc'; sleep 30"
kwait "Incident Timeline"
tx=$(($(kcol "$(head -n 1 "$WORK/$K.screen")" " 3 ") + 3))
kt send-keys -t "$K" -l "$(printf '\033[<0;%d;1M\033[<0;%d;1m' "$tx" "$tx")"
kwait "Token Usage" && ok "an SGR mouse click (xterm-256color) on the '3' tab switches" ||
    { ko "SGR click ($tx)"; head -n 3 "$WORK/$K.screen"; }
kt send-keys -t "$K" q
tui_exit "$K" || ko "xterm exit"
K=k5n
tui_start "$K" --url "$URL" --at "$T0" --no-mouse system
kwait "Incident Timeline"
[ "$(kt display -p -t "$K" '#{mouse_any_flag}#{mouse_standard_flag}')" = 00 ] &&
    ok "--no-mouse leaves the mouse to the terminal" || ko "--no-mouse: reporting on"
kt send-keys -t "$K" q
tui_exit "$K" || ko "--no-mouse exit"

# ---- 80x24: help fits, inspect wraps inside the screen ----------------------
K=k5s
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$K" -x 80 -y 24 \
    "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN --url $URL --at $T0 system 2> '$WORK/$K.err'; echo \"exit=\$?\" > '$WORK/$K.rc'; sleep 30"
kwait "hidden"
kt send-keys -t "$K" '?'
kwait "Keys"
n=0
for txt in "quit" "refresh now" "inspect the panel" "widen / narrow" "pan back" "back to live" \
    "filter the panel" "pick dashboard variables" "zoom a panel" "select text"; do
    grep -q "$txt" "$WORK/$K.screen" && n=$((n + 1))
done
[ "$n" -eq 10 ] && ok "80x24: the help shows every key in two columns" || { ko "80x24 help ($n/10)"; cat "$WORK/$K.screen"; }
kt send-keys -t "$K" Escape
kt send-keys -t "$K" i
kwait "Inspect"
over=0
while IFS= read -r line; do
    [ "$(printf '%s' "$line" | wc -m)" -gt 80 ] && over=$((over + 1))
done < "$WORK/$K.screen"
lines=$(wc -l < "$WORK/$K.screen")
[ "$over" -eq 0 ] && [ "$lines" -le 24 ] && grep -q "nexus_slo_error_budget_remaining" "$WORK/$K.screen" &&
    ok "80x24: inspect wraps inside the screen" || { ko "80x24 inspect"; cat "$WORK/$K.screen"; }
kt send-keys -t "$K" NPage NPage
sleep 0.3
kshot
grep -q "lines 4[0-9]-" "$WORK/$K.screen" && ok "80x24: PgDn scrolls the inspect view" ||
    { ko "inspect scroll"; tail -n 1 "$WORK/$K.screen"; }
kt send-keys -t "$K" q
sleep 0.3
kshot
! grep -q "Inspect" "$WORK/$K.screen" && grep -q "SLO Dashboard" "$WORK/$K.screen" &&
    ok "80x24: q closes the inspect view first" || ko "80x24: q did not close inspect"
kt send-keys -t "$K" q
tui_exit "$K" && ok "80x24: a second q exits 0" || ko "80x24 exit"
for s in k5p k5f k5x k5n k5s; do kt kill-session -t "$s" 2>/dev/null; done
