# t_15_windows.sh - panels with their own time window (range: mtd): the
# month-to-date numbers equal the server's increase since the first instant
# of the month whatever --range, + - and [ say; the panel names its window;
# inspect and the ROI period speak in humane words; 2,280 hours read as such.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

MONTH0=$(date -u -d "$(date -u -d "@$T0" +%Y-%m-01T00:00:00Z)" +%s)
MTD_S=$((T0 - MONTH0))
LLM_MTD="sum(increase(nexus_llm_cost_dollars_total[${MTD_S}s]))"
SAVED_MTD="sum(increase(nexus_agent_tasks_total{status=\"completed\"}[${MTD_S}s])) * 15 / 60"

# wserver EXPR TIME: the server's value of an instant query (one series).
wserver() {
    curl -s -G --data-urlencode "query=$1" --data-urlencode "time=$2" "$URL/api/v1/query" |
        sed -n 's/.*"value":\[[^,]*,"\([^"]*\)"\].*/\1/p'
}
wsame() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 == b + 0) }'; }
# wjson FILE TITLE FIELD: of panel TITLE in --once JSON, "range_seconds",
# "last" (first instant query's first series) or "time" (of that query).
wjson() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["panels"] if p["title"] == sys.argv[2]][0]
q = [q for q in p["queries"] if q["type"] == "instant"][0]
f = sys.argv[3]
print(p["range_seconds"] if f == "range_seconds" else
      q["time"] if f == "time" else repr(q["series"][0]["last"]))
PY
}

want_llm=$(wserver "$LLM_MTD" "$T0")
want_saved=$(wserver "$SAVED_MTD" "$T0")
[ -n "$want_llm" ] && [ -n "$want_saved" ] &&
    ok "month to date at T0 is ${MTD_S}s: the server says LLM \$$want_llm, $want_saved hours saved" ||
    ko "the server has no month-to-date values ('$want_llm', '$want_saved')"

# ---- --once: the MTD panels keep their window under any --range --------------
for r in "" 1h 6h 7d today; do
    out=$WORK/mtd-$r.json
    # shellcheck disable=SC2086 # no --range when $r is empty
    "$BIN" --url "$URL" --at "$T0" ${r:+--range $r} --once --format json executive \
        > "$out" 2> "$WORK/err"
    llm=$(wjson "$out" "LLM Cost (MTD)" last 2>/dev/null)
    saved=$(wjson "$out" "Time Saved (Hours)" last 2>/dev/null)
    secs=$(wjson "$out" "LLM Cost (MTD)" range_seconds 2>/dev/null)
    t=$(wjson "$out" "LLM Cost (MTD)" time 2>/dev/null)
    if clean_stderr "$WORK/err" && wsame "$llm" "$want_llm" &&
        wsame "$saved" "$want_saved" && [ "$secs" = "$MTD_S" ] && [ "$t" = "$T0" ]; then
        ok "--range ${r:-(none)}: LLM Cost (MTD) \$$llm and Time Saved $saved h equal the server's over ${MTD_S}s"
    else
        ko "--range ${r:-(none)}: LLM '$llm' saved '$saved' over '$secs' s at '$t'"; cat "$WORK/err"
    fi
done
# a panel without range: follows the dashboard's
rs=$(wjson "$WORK/mtd-6h.json" "Release Success Rate" range_seconds)
[ "$rs" = 21600 ] && ok "--range 6h: Release Success Rate (no range: of its own) asks 6h" ||
    ko "Release Success Rate range_seconds '$rs' under --range 6h"

# time_shift: the window ends that much earlier, whatever --range says; the
# value is the server's at that instant over the panel's own range
cat > "$WORK/shift.yaml" <<'YAML'
title: Shift
rows:
  - panels:
      - {title: Earlier, kind: stat, unit: dollars, decimals: 2, range: 30m, time_shift: 2h, query: "sum(increase(nexus_llm_cost_dollars_total[$__range]))"}
      - {title: Now, kind: stat, unit: dollars, decimals: 2, query: "sum(increase(nexus_llm_cost_dollars_total[$__range]))"}
YAML
"$BIN" --url "$URL" --at "$T0" --range 3h --once --format json "$WORK/shift.yaml" \
    > "$WORK/shift.json" 2> "$WORK/err"
"$BIN" --url "$URL" --at "$T0" --range 3h --once --size 100x8 "$WORK/shift.yaml" \
    > "$WORK/shift.txt" 2>> "$WORK/err"
want_shift=$(wserver "sum(increase(nexus_llm_cost_dollars_total[1800s]))" $((T0 - 7200)))
got_shift=$(wjson "$WORK/shift.json" Earlier last 2>/dev/null)
t_shift=$(wjson "$WORK/shift.json" Earlier time 2>/dev/null)
if clean_stderr "$WORK/err" && wsame "$got_shift" "$want_shift" && [ "$t_shift" = $((T0 - 7200)) ] &&
    [ "$(wjson "$WORK/shift.json" Earlier range_seconds)" = 1800 ] &&
    [ "$(wjson "$WORK/shift.json" Now range_seconds)" = 10800 ] &&
    grep -q "last 30m, 2h earlier ─╯" "$WORK/shift.txt"; then
    ok "range: 30m, time_shift: 2h under --range 3h: asked at T0-2h over 30m, \$$got_shift as the server says, captioned 'last 30m, 2h earlier'"
else
    ko "time_shift: '$got_shift' at '$t_shift' (server '$want_shift')"; cat "$WORK/shift.txt" "$WORK/err"
fi

# ---- the frame: caption, ROI period, humane words ----------------------------
"$BIN" --url "$URL" --at "$T0" --range 1h --once --size 120x40 executive \
    > "$WORK/mtd.txt" 2> "$WORK/err"
captions=$(grep -o "month to date ─╯" "$WORK/mtd.txt" | wc -l)
if [ "$captions" -eq 3 ] && grep -q "Mar 1 - now  *90 h  *\$6,731" "$WORK/mtd.txt" &&
    ! grep -q "[0-9]m[0-9]*s\|190m" "$WORK/mtd.txt"; then
    ok "--range 1h: three panels captioned 'month to date', ROI period 'Mar 1 - now'"
else
    ko "--range 1h frame ($captions captions)"; cat "$WORK/mtd.txt"
fi
"$BIN" --url "$URL" --at "$T0" --once --size 120x40 executive > "$WORK/mtd0.txt" 2> "$WORK/err"
! grep -q "month to date ─╯" "$WORK/mtd0.txt" && grep -q "Mar 1 - now" "$WORK/mtd0.txt" &&
    ok "at the dashboard's own range (mtd) no caption: the windows are the same" ||
    { ko "captions at the dashboard's range"; cat "$WORK/mtd0.txt"; }

# ---- 2,280 hours read as 2,280 h (decimals count hours, not thousands) -------
cat > "$WORK/hours.yaml" <<'YAML'
title: Hours
rows:
  - panels:
      - title: Saved
        kind: table
        queries:
          - {expr: vector(2280), name: Hours, unit: hours, decimals: 0}
          - {expr: vector(1440), name: Other, unit: hours, decimals: 0}
          - {expr: vector(2280), name: Auto, unit: hours}
YAML
"$BIN" --url "$URL" --at "$T0" --once --size 60x8 "$WORK/hours.yaml" > "$WORK/hours.txt" 2> "$WORK/err"
if grep -q "2,280 h  *1,440 h  *2.28k h" "$WORK/hours.txt" && ! grep -q " 2k h\| 1k h" "$WORK/hours.txt"; then
    ok "2,280 hours with decimals 0 read '2,280 h' (1,440 h; automatic: 2.28k h)"
else
    ko "hours as text"; cat "$WORK/hours.txt" "$WORK/err"
fi

# ---- the TUI: + - [ leave the MTD panel alone; inspect says its window --------
W=w15
wt() { tmux -L "$TMUX_SOCK" "$@"; }
wshot() { wt capture-pane -p -t "$W" > "$WORK/$W.screen"; }
# winspect: opens inspect on the focused panel into $WORK/$W.inspect, closes it.
winspect() {
    wt send-keys -t "$W" i
    tui_wait "$W" "Inspect" || return 1
    for i in $(seq 1 50); do
        grep -q "asking\.\.\." "$WORK/$W.screen" || break
        sleep 0.1
        wshot
    done
    cp "$WORK/$W.screen" "$WORK/$W.inspect"
    wt send-keys -t "$W" Escape
    for i in $(seq 1 50); do
        wshot
        grep -q "╭ Inspect ─" "$WORK/$W.screen" || break
        sleep 0.1
    done
}
wvalue() { awk '/vector, 1 series/ { getline; sub(/^│ */, ""); print $1; exit }' "$WORK/$W.inspect"; }
wtime() { sed -n 's/.*Query 1  instant  time \([0-9]*\) .*/\1/p' "$WORK/$W.inspect" | head -n 1; }
# wcheck WHAT: inspect of the focused LLM Cost (MTD) panel holds its own
# month-to-date window and the server's value.
wcheck() {
    winspect
    v=$(wvalue) t=$(wtime)
    if grep -q "LLM Cost (MTD)  (stat" "$WORK/$W.inspect" &&
        grep -q "window: 3h 10m ending 2026-03-01 03:10:00 UTC ($T0)" "$WORK/$W.inspect" &&
        grep -q "the panel's own window: month to date; the dashboard shows" "$WORK/$W.inspect" &&
        [ "$t" = "$T0" ] && wsame "$v" "$want_llm"; then
        ok "$1: inspect says 'window: 3h 10m', its own month to date, value $v = the server's"
    else
        ko "$1: inspect value '$v' at '$t' (server $want_llm)"; cat "$WORK/$W.inspect"
    fi
}
tui_start "$W" --url "$URL" --at "$T0" --range 1h executive
if tui_wait "$W" "ROI Calculator" && tui_wait "$W" "Mar 1 - now"; then
    wt send-keys -t "$W" Right l l  # Release Success Rate, Time Saved, LLM Cost
    wcheck "--range 1h"
    wt send-keys -t "$W" +
    tui_wait "$W" "range 3h  ending" || ko "+ did not widen the range"
    wcheck "after +"
    wt send-keys -t "$W" - -
    tui_wait "$W" "range 30m  ending" || ko "- - did not narrow the range"
    wcheck "after - -"
    wt send-keys -t "$W" '['
    tui_wait "$W" "range 30m  ending 2026-03-01 02:55 UTC" || ko "[ did not pan"
    wcheck "after ["
    tui_wait "$W" "Mar 1 - now  *90 h" && ok "after + - [: the ROI period still reads 'Mar 1 - now'" ||
        { ko "ROI period after the keys"; cat "$WORK/$W.screen"; }
    # a panel without a window of its own follows the keys
    wt send-keys -t "$W" h h
    winspect
    grep -q "Release Success Rate  (gauge" "$WORK/$W.inspect" &&
        grep -q "window: 30m ending 2026-03-01 02:55:00 UTC" "$WORK/$W.inspect" &&
        ! grep -q "own window" "$WORK/$W.inspect" &&
        ok "Release Success Rate follows the moved window (30m ending 02:55)" ||
        { ko "Release Success Rate window"; cat "$WORK/$W.inspect"; }
else
    ko "executive TUI did not come up"; cat "$WORK/$W.screen"
fi
wt send-keys -t "$W" q
tui_exit "$W" && ok "q: exits 0, clean sanitizers" || { ko "exit"; cat "$WORK/$W.err"; }

# ---- times: local by default, the zone named in the status line ---------------
TZ=Asia/Kolkata "$BIN" --url "$URL" --at "$T0" --once --size 200x40 system > "$WORK/tz-local.txt" 2> "$WORK/err"
TZ=Asia/Kolkata "$BIN" --url "$URL" --at "$T0" --once --size 200x40 --utc system > "$WORK/tz-utc.txt" 2>> "$WORK/err"
if head -n 1 "$WORK/tz-local.txt" | grep -q "at 2026-03-01 08:40:00  last 1h" &&
    tail -n 1 "$WORK/tz-local.txt" | grep -q "  frozen  IST " &&
    grep -q "08:00 .* 08:30" "$WORK/tz-local.txt" &&
    head -n 1 "$WORK/tz-utc.txt" | grep -q "at 2026-03-01 03:10:00  last 1h" &&
    tail -n 1 "$WORK/tz-utc.txt" | grep -q "  frozen  UTC " &&
    [ "$(grep -c "UTC\|IST" "$WORK/tz-local.txt")" -eq 1 ] && clean_stderr "$WORK/err"; then
    ok "TZ=Asia/Kolkata: local times (08:40, axis 08:00 08:30), 'IST' named once; --utc: 03:10 UTC"
else
    ko "time zones"; cat "$WORK/tz-local.txt" "$WORK/tz-utc.txt" "$WORK/err"
fi
mkdir -p "$WORK/tzcfg/promboard"
printf 'timezone: Asia/Kolkata\n' > "$WORK/tzcfg/promboard/config.yaml"
XDG_CONFIG_HOME=$WORK/tzcfg "$BIN" --url "$URL" --at "$T0" --once --size 120x40 system > "$WORK/tz-cfg.txt" 2> "$WORK/err"
XDG_CONFIG_HOME=$WORK/tzcfg "$BIN" --url "$URL" --at "$T0" --once --size 120x40 --utc system > "$WORK/tz-cfg-utc.txt" 2>> "$WORK/err"
tail -n 1 "$WORK/tz-cfg.txt" | grep -q "  frozen  IST " && tail -n 1 "$WORK/tz-cfg-utc.txt" | grep -q "  frozen  UTC " &&
    ok "config.yaml timezone: Asia/Kolkata shows IST; --utc wins over it" ||
    { ko "config timezone"; tail -n 1 "$WORK/tz-cfg.txt" "$WORK/tz-cfg-utc.txt"; cat "$WORK/err"; }
printf 'timezone: Mars/Olympus\n' > "$WORK/tzcfg/promboard/config.yaml"
expect_error "config.yaml: unknown time zone" 2 "config.yaml:1:11: unknown time zone 'Mars/Olympus'" \
    env XDG_CONFIG_HOME="$WORK/tzcfg" "$BIN" --url "$URL" --once system
