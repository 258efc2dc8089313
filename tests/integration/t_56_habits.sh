# t_56_habits.sh - what a regular does every day: files edited while
# promboard runs (dashboards, config.yaml, a theme; r and SIGHUP; a bad
# version leaves the good one on screen and says why; a bad user file is
# skipped, --list too); copying a query and its Prometheus UI link with
# OSC 52; the status line's refresh interval, age and hints, the chosen
# variable values in the tab bar; the first panel focused at start; the ':'
# commands with completion; the screen written to files.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

HB=$WORK/habits
mkdir -p "$HB"
ht() { tmux -L "$TMUX_SOCK" "$@"; }
# hstart NAME XDG COLSxROWS ARGS...: promboard in tmux with its own config
# directory; stderr, exit status as tui_start's.
hstart() {
    hname=$1 hxdg=$2 hsize=$3
    shift 3
    rm -f "$WORK/$hname.rc"
    ht -f /dev/null new-session -d -s "$hname" -x "${hsize%x*}" -y "${hsize#*x}" -c "$HB" \
        "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$hxdg' $BIN $* 2> '$WORK/$hname.err'; echo \"exit=\$?\" > '$WORK/$hname.rc'; sleep 30"
}
hlast() { tail -n 1 "$WORK/$1.screen"; }

# ---- a bad user file is skipped and said, --list too -----------------------
X=$HB/xdg
D=$X/promboard/dashboards
mkdir -p "$D" "$X/promboard/themes"
board() { # FILE TITLE PANEL
    cat > "$D/$1" <<YAML
title: $2
rows:
  - panels:
      - {title: $3, kind: stat, queries: [{expr: vector(42)}]}
YAML
}
board mine.yaml "Mine" "First Panel"
printf 'title: Broken\nrows: 3\n' > "$D/broken.yaml"
XDG_CONFIG_HOME=$X "$BIN" --list > "$HB/list.out" 2> "$HB/list.err"
rc=$?
if [ $rc -eq 0 ] && grep -q "^mine  *Mine (user)" "$HB/list.out" &&
    grep -q "^system " "$HB/list.out" &&
    grep -q "broken.yaml:2:7: .*(skipped)" "$HB/list.err" && [ "$(wc -l < "$HB/list.err")" -eq 1 ]; then
    ok "--list with a bad user file: the rest listed, '$(sed "s|$D/||" "$HB/list.err")'"
else
    ko "--list with a bad user file: exit $rc"; cat "$HB/list.out" "$HB/list.err"
fi
XDG_CONFIG_HOME=$X "$BIN" --check > /dev/null 2> "$HB/check.err"
[ $? -eq 2 ] && grep -q "broken.yaml:2:7" "$HB/check.err" &&
    ok "--check still fails on the bad file (exit 2)" || { ko "--check"; cat "$HB/check.err"; }

hstart hr "$X" 200x30 --url "$URL" --at "$T0" mine
if tui_wait hr "First Panel" && hlast hr | grep -q "skipped: dashboards/broken.yaml:2:7: "; then
    ok "TUI opens the good user file, the bad one said in the status line"
else
    ko "TUI with a bad user file"; cat "$WORK/hr.screen" "$WORK/hr.err"
fi
# an edit shows by itself
board mine.yaml "Mine" "Second Panel"
tui_wait hr "Second Panel" && ok "an edited dashboard shows by itself" ||
    { ko "edit not picked up"; cat "$WORK/hr.screen"; }
# a bad edit leaves the good version, and says why
printf 'title: Mine\nrows:\n  - panels: [{title: X, kind: nosuch}]\n' > "$D/mine.yaml"
if tui_wait hr "mine.yaml:3:" && grep -q "Second Panel" "$WORK/hr.screen" &&
    hlast hr | grep -q "kept the last good version: dashboards/mine.yaml:3:[0-9]*: unknown panel kind 'nosuch'"; then
    ok "a bad edit: the last good version stays, '$(hlast hr | grep -o "kept the last.*'nosuch'")'"
else
    ko "bad edit"; cat "$WORK/hr.screen"
fi
# the bad file fixed: r opens it at once
board broken.yaml "Broken" "Mended Panel"
board mine.yaml "Mine" "Third Panel"
ht send-keys -t hr r
if tui_wait hr "[0-9] [Bb]roken" && grep -q "Third Panel" "$WORK/hr.screen" &&
    ! hlast hr | grep -q "yaml:"; then
    ok "r reads the files again: the mended file opens as a tab, the problems gone"
else
    ko "r after mending"; cat "$WORK/hr.screen"
fi
# SIGHUP with the terminal there reads them again, and promboard goes on
pid=$(pgrep -n -f "$BIN --url $URL --at $T0 mine")
board mine.yaml "Mine" "Hup Panel"
[ -n "$pid" ] && kill -HUP "$pid"
if tui_wait hr "Hup Panel" && kill -0 "$pid" 2>/dev/null; then
    ok "SIGHUP with the terminal still there: the files read again, promboard goes on"
else
    ko "SIGHUP reload"; cat "$WORK/hr.screen"
fi
# a file removed closes its tab
had=$(head -n 1 "$WORK/hr.screen" | grep -ci "[0-9] broken ")
rm -f "$D/broken.yaml"
tui_wait hr "Hup Panel" && for i in $(seq 1 50); do
    ht capture-pane -p -t hr > "$WORK/hr.screen"; head -n 1 "$WORK/hr.screen" | grep -qi "broken" || break; sleep 0.1
done
[ "$had" = 1 ] && ! head -n 1 "$WORK/hr.screen" | grep -qi "broken" && ok "a removed file closes its tab" ||
    { ko "removed file (its tab there before: $had)"; head -n 1 "$WORK/hr.screen"; }
ht send-keys -t hr q
tui_exit hr || { ko "reload: exit $(cat "$WORK/hr.rc")"; cat "$WORK/hr.err"; }
# a lost terminal still ends it, SIGHUP or not
hstart hh "$X" 100x30 --url "$URL" --at "$T0" mine
tui_wait hh "Hup Panel"
pid=$(pgrep -n -f "$BIN --url $URL --at $T0 mine")
ht kill-session -t hh
for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$pid" 2>/dev/null && clean_stderr "$WORK/hh.err" &&
    ok "the terminal gone (SIGHUP from tmux): promboard ends" || ko "still running after its terminal went"

# ---- config.yaml and a theme file, followed ---------------------------------
cat > "$X/promboard/themes/signal.yaml" <<'YAML'
base: dark
border-focus: {fg: "#ff0000"}
YAML
printf 'theme: signal\n' > "$X/promboard/config.yaml"
hstart hc "$X" 200x30 --url "$URL" --at "$T0" mine
tui_wait hc "Hup Panel"
E=$(printf '\033')
focus_fg() { ht capture-pane -e -p -t hc | sed -n 2p | grep -o "^$E\[[0-9;]*m$E\[[0-9;]*m" | head -n 1; }
c1=$(focus_fg)
sed -i 's/ff0000/00ff00/' "$X/promboard/themes/signal.yaml"
for i in $(seq 1 50); do c2=$(focus_fg); [ "$c2" != "$c1" ] && break; sleep 0.1; done
printf 'base: [\n' > "$X/promboard/themes/signal.yaml"
if [ -n "$c1" ] && [ "$c2" != "$c1" ] && tui_wait hc "themes/signal.yaml:[0-9]*:[0-9]*: " &&
    hlast hc | grep -q "kept the last good theme: themes/signal.yaml" && [ "$(focus_fg)" = "$c2" ]; then
    ok "a theme file followed: the focus colour changes by itself ($(printf '%s' "$c1" | tr -d '\033') -> $(printf '%s' "$c2" | tr -d '\033')), a bad one keeps it"
else
    ko "theme reload: '$c1' '$c2'"; cat "$WORK/hc.screen"
fi
printf 'theme: light\nrefresh: 7s\n' > "$X/promboard/config.yaml"
if tui_wait hc "every 7s" && [ "$(focus_fg)" != "$c2" ]; then
    ok "config.yaml followed: its theme and refresh apply at once ('$(hlast hc | grep -o 'every 7s[^●]*' | sed 's/ *$//')')"
else
    ko "config reload"; cat "$WORK/hc.screen"
fi
printf 'theme: light\nrefresh: 7s\ntimeout: 3s\n' > "$X/promboard/config.yaml"
tui_wait hc "the server settings changed: restart promboard" &&
    ok "config.yaml's server settings: the status line says they apply at the next start" ||
    { ko "config url change"; hlast hc; }
ht send-keys -t hc q
tui_exit hc || ko "config reload: exit $(cat "$WORK/hc.rc")"
rm -f "$X/promboard/config.yaml"

# ---- the status line, the focus, the variables --------------------------------
cat > "$HB/vars.yaml" <<'YAML'
title: Handlers
refresh: 10s
variables:
  - {name: handler, query: "label_values(http_requests_total, handler)"}
rows:
  - panels:
      - {title: Left Panel, kind: stat, queries: [{expr: 'sum(rate(http_requests_total{handler="$handler"}[5m]))'}]}
      - {title: Right Panel, kind: stat, queries: [{expr: vector(1)}]}
YAML
hstart hs "$X" 200x30 --url "$URL" --at "$T0" "$HB/vars.yaml"
if tui_wait hs "Right Panel" && hlast hs | grep -q "every 10s  updated <10s ago" &&
    hlast hs | grep -q "Enter zoom" && hlast hs | grep -q " : query " &&
    hlast hs | grep -q " v vars " &&
    head -n 1 "$WORK/hs.screen" | grep -q "handler /api/agents" &&
    grep -q "┏ Left Panel ━" "$WORK/hs.screen" && grep -q "╭ Right Panel ─" "$WORK/hs.screen"; then
    ok "status '$(hlast hs | sed 's/  */ /g')', variable in the tab bar, the first panel focused (heavy box)"
else
    ko "status line, variables, focus"; cat "$WORK/hs.screen"
fi
# at 120 columns, with nothing to say, the hints a newcomer needs first; a
# variable the server has no values for says so, not "..." for ever
sed 's/^variables:$/variables:\n  - {name: zone, query: "label_values(no_such_metric, zone)"}/' \
    "$HB/vars.yaml" > "$HB/novalue.yaml"
hstart hn "$X" 120x30 --url "$URL" --at "$T0" "$HB/novalue.yaml"
if tui_wait hn "Right Panel" && hlast hn | grep -q "Enter zoom" &&
    hlast hn | grep -q " : query " && hlast hn | grep -q " v vars " &&
    hlast hn | grep -q "? help  q quit"; then
    ok "120 columns: '$(hlast hn | sed 's/  */ /g')'"
else
    ko "hints at 120 columns"; hlast hn
fi
ht send-keys -t hn v
if tui_wait hn "zone  *< (no values) >" && head -n 1 "$WORK/hn.screen" | grep -q "zone (none)"; then
    ok "a variable with no values: '$(head -n 1 "$WORK/hn.screen" | grep -o 'zone (none)')' in the tab bar, '(no values)' in the picker"
else
    ko "a variable with no values"; cat "$WORK/hn.screen"
fi
ht send-keys -t hn Escape
ht send-keys -t hn q
tui_exit hn || ko "hints: exit $(cat "$WORK/hn.rc")"

# the variable picked shows in the tab bar
ht send-keys -t hs v Right Enter
tui_wait hs "handler /api/chat" && ok "a picked value shows in the tab bar: '$(head -n 1 "$WORK/hs.screen" | grep -o 'handler /api/[a-z]*')'" ||
    { ko "picked value"; head -n 1 "$WORK/hs.screen"; }
ht send-keys -t hs l
tui_wait hs "┏ Right Panel ━" && grep -q "╭ Left Panel ─" "$WORK/hs.screen" &&
    ok "l moves the focus mark to the right panel" || { ko "focus move"; cat "$WORK/hs.screen"; }
ht send-keys -t hs q
tui_exit hs || ko "status: exit $(cat "$WORK/hs.rc")"
# without colour or UTF-8 the focus still shows
ht -f /dev/null new-session -d -s ha -x 120 -y 30 \
    "env TERM=tmux-256color LANG=C LC_ALL=C NO_COLOR=1 XDG_CONFIG_HOME='$X' $BIN --url $URL --at $T0 system 2> '$WORK/ha.err'; echo \"exit=\$?\" > '$WORK/ha.rc'; sleep 30"
tui_wait ha "Incident Timeline" && grep -q "^# SLO Dashboard ==" "$WORK/ha.screen" &&
    ok "LANG=C NO_COLOR: the focused panel framed in # and =" || { ko "ASCII focus"; head -n 3 "$WORK/ha.screen"; }
ht send-keys -t ha q
tui_exit ha || ko "ascii: exit"

# ---- copying: the query as sent, a link to it in the Prometheus UI ----------
ht set-option -s set-clipboard on
cat > "$HB/two.yaml" <<'YAML'
title: Two Queries
rows:
  - panels:
      - title: Shares
        kind: timeseries
        queries:
          - expr: |
              sum by (code) (
                rate(http_requests_total{code=~"5.."}[$__rate_interval])
              )
          - expr: sum(rate(http_requests_total[5m]))
YAML
"$BIN" --url "$URL" --at "$T0" --once --format json --size 200x30 "$HB/two.yaml" > "$HB/two.json"
hstart hy "$X" 200x30 --url "$URL" --at "$T0" "$HB/two.yaml"
tui_wait hy "Shares"
ht send-keys -t hy i
tui_wait hy "HTTP 200"
ht send-keys -t hy y
tui_wait hy "copied the PromQL as sent of query 1"
ht show-buffer > "$HB/y.txt" 2>/dev/null
python3 - "$HB/two.json" "$HB/y.txt" 0 > "$HB/y.chk" 2>&1 <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["panels"][0]["queries"][int(sys.argv[3])]
got = open(sys.argv[2]).read()
assert got == q["expr"], (got, q["expr"])
print(repr(got[:40]))
PY
[ $? -eq 0 ] && ok "y copies query 1 exactly as sent (as --once JSON has it): $(cat "$HB/y.chk")" ||
    { ko "y copy"; cat "$HB/y.chk"; }
ht send-keys -t hy Tab Y
tui_wait hy "copied a link to the Prometheus UI of query 2"
ht show-buffer > "$HB/link.txt" 2>/dev/null
python3 - "$HB/two.json" "$HB/link.txt" "$URL" > "$HB/link.chk" 2>&1 <<'PY'
import calendar, json, sys, time, urllib.parse
q = json.load(open(sys.argv[1]))["panels"][0]["queries"][1]
link = open(sys.argv[2]).read()
u = urllib.parse.urlsplit(link)
assert link.startswith(sys.argv[3] + "/graph?"), link
p = dict(urllib.parse.parse_qsl(u.query))
assert p["g0.expr"] == q["expr"], p
assert p["g0.tab"] == "0"
end = calendar.timegm(time.strptime(p["g0.end_input"], "%Y-%m-%d %H:%M:%S"))
assert end == q["end"], (end, q["end"])
units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
rng = int(p["g0.range_input"][:-1]) * units[p["g0.range_input"][-1]]
assert rng == q["end"] - q["start"], (rng, q)
assert int(p["g0.step_input"]) == q["step"]
print(p["g0.range_input"], p["g0.end_input"], "step", p["g0.step_input"])
PY
# (a Prometheus without its new UI, as Debian's, sends /graph on to its
# classic one, which reads the same parameters)
code=$(curl -sL -o /dev/null -w '%{http_code}' "$(cat "$HB/link.txt")")
[ $? -eq 0 ] && [ -s "$HB/link.chk" ] && ! grep -q Error "$HB/link.chk" && [ "$code" = 200 ] &&
    ok "Tab, Y: a link to query 2 in the Prometheus UI, its window the panel's ($(cat "$HB/link.chk")), the page answers $code" ||
    { ko "Y link (HTTP $code)"; cat "$HB/link.txt" "$HB/link.chk"; }
ht send-keys -t hy q q
tui_exit hy || ko "copy: exit $(cat "$WORK/hy.rc")"

# ---- the ':' commands ---------------------------------------------------------
hstart hk "$X" 200x40 --url "$URL" --at "$T0" system
tui_wait hk "Incident Timeline"
# hcmd TEXT: types TEXT at the ':' prompt (Enter is sent apart)
hcmd() { ht send-keys -t hk ':'; ht send-keys -t hk -l "$1"; }
hcmd "das"
ht send-keys -t hk Tab
# the command completed with the blank its argument needs, then the name
tui_wait hk "^:dash  " && ht send-keys -t hk -l "sec" && ht send-keys -t hk Tab
tui_wait hk "^:dash security" && ok "':das' Tab 'sec' Tab completes the command, then the dashboard's name" ||
    { ko ":dash completion"; hlast hk; }
ht send-keys -t hk Enter
tui_wait hk "Auth Attempts" && ok "':dash security' opens it" || ko ":dash"
hcmd "dash sytemm"
ht send-keys -t hk Enter
tui_wait hk "no dashboard 'sytemm' (did you mean 'system'?)" &&
    ok "':dash sytemm': did you mean 'system'?" || { ko ":dash typo"; tail -n 2 "$WORK/hk.screen"; }
ht send-keys -t hk C-u
ht send-keys -t hk -l "range 6h"
ht send-keys -t hk Enter
tui_wait hk "last 6h" && ok "':range 6h' sets the window" || { ko ":range"; head -n 1 "$WORK/hk.screen"; }
hcmd "at 2026-03-01T02:00:00Z"
ht send-keys -t hk Enter
# the time in the header, its zone named once in the status line
tui_wait hk "at 2026-03-01 02:00:00 " && hlast hk | grep -q "2026-03-01 02:00 UTC " &&
    ok "':at 2026-03-01T02:00:00Z' freezes now there (02:00:00, UTC in the status line)" ||
    { ko ":at"; head -n 1 "$WORK/hk.screen"; hlast hk; }
# a time of day: the latest one, today's or (before 02:30) yesterday's
day0=$(date -u -d '-150 min' +%Y-%m-%d)
hcmd "at 02:30"
ht send-keys -t hk Enter
day1=$(date -u -d '-150 min' +%Y-%m-%d)
tui_wait hk "at \($day0\|$day1\) 02:30:00 " &&
    ok "':at 02:30' freezes now at the latest 02:30 ($day1)" ||
    { ko ":at 02:30 (want $day1)"; head -n 1 "$WORK/hk.screen"; }
hcmd "at 25:00"
ht send-keys -t hk Enter
tui_wait hk "bad time '25:00' (try 14:05, now-2h" && ok "':at 25:00': a bad time, with the forms to try" ||
    { ko ":at 25:00"; hlast hk; }
ht send-keys -t hk C-u Escape
hcmd "at 2026-03-01T02:00:00Z"
ht send-keys -t hk Enter
tui_wait hk "at 2026-03-01 02:00:00 " || ko "back to 02:00"
hcmd "hel"
ht send-keys -t hk Tab
tui_wait hk "^:help" && ht send-keys -t hk Enter
tui_wait hk "after :  q  quit  help  dash NAME" && ok "':hel' Tab, Enter: the help, with the commands" ||
    { ko ":help"; cat "$WORK/hk.screen"; }
ht send-keys -t hk Escape
hcmd "up"
ht send-keys -t hk Enter
tui_wait hk "[0-9] query" && ok "':up' is PromQL: the Query tab" || { ko ":up"; head -n 1 "$WORK/hk.screen"; }
hcmd "q"
ht send-keys -t hk Enter
tui_exit hk && ok "':q' quits (exit 0)" || { ko ":q: $(cat "$WORK/hk.rc")"; cat "$WORK/hk.err"; }

# ---- w: the screen written to files ---------------------------------------------
rm -f "$HB"/promboard-*.txt "$HB"/promboard-*.ansi
hstart hw "$X" 160x40 --url "$URL" --at "$T0" system
tui_wait hw "Incident Timeline"
ht capture-pane -p -t hw > "$HB/before.screen"
ht send-keys -t hw w
tui_wait hw "screen written to "
txt=$(ls "$HB"/promboard-system-*.txt 2>/dev/null | head -n 1)
ansi=${txt%.txt}.ansi
# the file holds the frame shown (the status line then said where)
sed -e '$d' -e 's/ *$//' "$HB/before.screen" > "$HB/before.txt"
[ -n "$txt" ] && sed '$d' "$txt" > "$HB/written.txt"
if [ -n "$txt" ] && hlast hw | grep -qF "screen written to $txt" &&
    diff "$HB/before.txt" "$HB/written.txt" > "$HB/w.diff" &&
    grep -q "$(printf '\033')\[" "$ansi" && [ "$(wc -l < "$ansi")" -eq 40 ]; then
    ok "w writes the screen to $(basename "$txt") (text as shown) and .ansi (colours), and says where"
else
    ko "w capture: '$txt'"; hlast hw; cat "$HB/w.diff"
fi
ht send-keys -t hw q
tui_exit hw || ko "w: exit $(cat "$WORK/hw.rc")"
for s in hr hh hc hs hn ha hy hk hw; do ht kill-session -t "$s" 2>/dev/null; done
