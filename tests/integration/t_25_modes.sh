# t_25_modes.sh - colour, themes and ASCII: every dashboard's --once frame
# in the dark theme with colours, in mono (attributes only) and in ASCII
# (LANG=C, NO_COLOR); the TUI's colour depth following TERM, COLORTERM and
# NO_COLOR; user theme files; and the bytes a refresh writes to the terminal.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

MODE_DASHES=$(grep -v '^#' tests/integration/panels.txt | cut -f1 | uniq)
ESC=$(printf '\033')

# sgr_params FILE: every SGR parameter list in FILE, one a line ("0;1;38;5;9").
sgr_params() {
    grep -o "$ESC\[[0-9;:]*m" "$1" | sed "s/^$ESC\[//; s/m\$//" | sort -u
}
# has_colour FILE: some SGR sequence selects a colour (30-38, 40-48, 90-97,
# 100-107; 39 and 49 only reset to the terminal's own).
has_colour() {
    sgr_params "$1" | tr ';:' '\n\n' |
        awk '($1 >= 30 && $1 <= 48 && $1 != 39) || ($1 >= 90 && $1 <= 107) { f = 1 } END { exit !f }'
}

# ---- --once in dark, mono and ASCII ------------------------------------
for dash in $MODE_DASHES; do
    f=$WORK/mode-$dash
    env -u COLORTERM "$BIN" --url "$URL" --at "$T0" --once --size 160x48 \
        --color always "$dash" > "$f.dark" 2> "$f.err"
    rc=$?
    if [ $rc -eq 0 ] && clean_stderr "$f.err" && grep -q "$ESC\[[0-9;]*38;5;[0-9]" "$f.dark" &&
        grep -q "$ESC\[0m\$" "$f.dark"; then
        ok "$dash: --color always in the dark theme has 256-colour SGR, lines end in a reset"
    else
        ko "$dash: dark --color always (exit $rc)"; head -c 400 "$f.dark"; cat "$f.err"
    fi
    "$BIN" --url "$URL" --at "$T0" --once --size 160x48 --theme mono \
        --color always "$dash" > "$f.mono" 2> "$f.err"
    rc=$?
    if [ $rc -eq 0 ] && ! has_colour "$f.mono" && sgr_params "$f.mono" | grep -q '^0;1' &&
        sgr_params "$f.mono" | grep -q '^0;1;7$\|^0;1;4$\|^0;7$'; then
        ok "$dash: --theme mono has attributes (bold, reverse, underline) and no colour"
    else
        ko "$dash: mono (exit $rc): $(sgr_params "$f.mono" | tr '\n' ' ')"
    fi
    LANG=C LC_ALL=C NO_COLOR=1 "$BIN" --url "$URL" --at "$T0" --once \
        --size 200x50 "$dash" > "$f.ascii" 2> "$f.err"
    rc=$?
    missing=""
    for t in $(grep "^$dash	" tests/integration/panels.txt | cut -f2 | tr ' ' '~'); do
        t=$(echo "$t" | tr '~' ' ')
        grep -qF "$t" "$f.ascii" || missing="$missing [$t]"
    done
    if [ $rc -eq 0 ] && ! LC_ALL=C grep -q '[^ -~]' "$f.ascii" && [ -z "$missing" ] &&
        [ "$(wc -l < "$f.ascii")" -eq 50 ]; then
        ok "$dash: LANG=C NO_COLOR=1 is printable ASCII with every panel title"
    else
        ko "$dash: ASCII (exit $rc) missing$missing"
        LC_ALL=C grep -n '[^ -~]' "$f.ascii" | head -3
    fi
done

# --color: auto is off for a pipe; never is plain text; NO_COLOR keeps
# attributes but drops colours even with always; bad words are refused.
"$BIN" --url "$URL" --at "$T0" --once --size 120x40 system > "$WORK/auto.txt" 2>&1
"$BIN" --url "$URL" --at "$T0" --once --size 120x40 --color never system > "$WORK/never.txt" 2>&1
! grep -q "$ESC" "$WORK/auto.txt" && cmp -s "$WORK/auto.txt" "$WORK/never.txt" &&
    ok "--color auto writes no escape to a pipe, the same text as --color never" ||
    ko "--color auto/never wrote escapes"
NO_COLOR=1 "$BIN" --url "$URL" --at "$T0" --once --size 120x40 --color always system \
    > "$WORK/nc.txt" 2>&1
grep -q "$ESC\[0;1" "$WORK/nc.txt" && ! has_colour "$WORK/nc.txt" &&
    ok "NO_COLOR with --color always: attributes, no colour" ||
    ko "NO_COLOR with --color always: $(sgr_params "$WORK/nc.txt" | head -5 | tr '\n' ' ')"
# the escapes wrap exactly the plain frame: the mono theme's glyph for
# glyph (a reversed blank drawn for the full block); the dark theme's line
# for line, column for column, every box where the plain frame has it (the
# plain frame, having no colour, tells series and states apart by shapes
# and letters where the dark one uses colours)
: > "$WORK/glyphs.out"
for dash in $MODE_DASHES; do
    "$BIN" --url "$URL" --at "$T0" --once --size 160x48 "$dash" > "$WORK/plain160.txt" 2>&1
    python3 - "$WORK/mode-$dash.mono" "$WORK/mode-$dash.dark" "$WORK/plain160.txt" \
        >> "$WORK/glyphs.out" <<'PY' || echo "in $dash" >> "$WORK/glyphs.out"
import re, sys

def cells(path):
    """The frame's lines, escapes out: (glyph, reversed) a cell."""
    out = []
    for line in open(path, encoding='utf-8').read().split('\n'):
        rev, row = False, []
        for tok in re.split('(\x1b\\[[0-9;]*m)', line):
            if tok.startswith('\x1b['):
                rev = '7' in tok[2:-1].split(';')
                continue
            row.extend((ch, rev) for ch in tok)
        out.append(row)
    return out

mono, dark, plain = cells(sys.argv[1]), cells(sys.argv[2]), cells(sys.argv[3])
bad = []
for name, frame in (('mono', mono), ('dark', dark)):
    if len(frame) != len(plain):
        bad.append((name, 'lines', len(frame), len(plain)))
    for y, (l1, l2) in enumerate(zip(frame, plain)):
        if len(l1) != len(l2):
            bad.append((name, y, 'width'))
        for x, ((a, rev), (b, _)) in enumerate(zip(l1, l2)):
            box = '\u2500' <= b <= '\u257f'
            # a reversed blank is drawn for the full block
            if a != b and not (a == ' ' and rev and b == '\u2588') and \
                    (name == 'mono' or box):
                bad.append((name, y, x, a, b))
print('differences:', bad[:6])
sys.exit(1 if bad else 0)
PY
done
if ! grep -q "^in " "$WORK/glyphs.out"; then
    ok "the coloured frames without their escapes are the plain frame (mono: glyph for glyph; dark: line for line, box for box)"
else
    ko "coloured frame differs from the plain one"; cat "$WORK/glyphs.out"
fi
expect_error "bad --color" 2 "bad --color 'sometimes'" \
    "$BIN" --url "$URL" --once --color sometimes system

# NO_COLOR in UTF-8: the SLO status column tells FAST BURN from OK by
# attributes (crit is bold reverse, ok plain).
NO_COLOR=1 "$BIN" --url "$URL" --at "$T0" --once --size 160x48 --color always system > "$WORK/ncu.txt" 2>&1
grep -q "$ESC\[0;1;7mFAST BURN" "$WORK/ncu.txt" && grep -q "$ESC\[0;1mOK" "$WORK/ncu.txt" &&
    ok "NO_COLOR: crit text is bold reverse, ok bold only" ||
    ko "NO_COLOR thresholds: $(grep -o ".\{12\}FAST BURN" "$WORK/ncu.txt" | head -1 | od -c | head -2)"

# ---- user themes -------------------------------------------------------
mkdir -p "$WORK/cfg/promboard/themes"
cat > "$WORK/cfg/promboard/themes/wall.yaml" <<'YAML'
# a wall screen theme
base: high-contrast
ok: "#123456"
title: {fg: 201, attrs: [bold, underline]}
YAML
cp "$WORK/cfg/promboard/themes/wall.yaml" "$WORK/wall.yaml"
for how in name path; do
    arg=wall
    [ $how = path ] && arg=$WORK/wall.yaml
    XDG_CONFIG_HOME=$WORK/cfg COLORTERM=truecolor "$BIN" --url "$URL" --at "$T0" --once \
        --size 160x48 --color always --theme "$arg" system > "$WORK/wall.$how" 2> "$WORK/err"
    if [ $? -eq 0 ] && grep -q "38;2;18;52;86;48;2;0;0;0mOK" "$WORK/wall.$how" &&
        grep -q "$ESC\[0;1;4;38;2;255;0;255;48;2;0;0;0m" "$WORK/wall.$how"; then
        ok "user theme by $how: ok is #123456 on the base's black, titles 201 bold underlined"
    else
        ko "user theme by $how"; cat "$WORK/err"; sgr_params "$WORK/wall.$how" | head
    fi
done
printf 'base: dark\nok: "#12345g"\n' > "$WORK/badcolour.yaml"
expect_error "theme file with a bad colour" 2 "badcolour.yaml:2:5: bad colour '#12345g'" \
    "$BIN" --url "$URL" --once --theme "$WORK/badcolour.yaml" system
printf 'base: dark\ncrit: red\nsparkle: {fg: red}\n' > "$WORK/badrole.yaml"
expect_error "theme file with an unknown role" 2 "badrole.yaml:3:1: unknown role 'sparkle'" \
    "$BIN" --url "$URL" --once --theme "$WORK/badrole.yaml" system
expect_error "unknown theme name" 2 "unknown theme 'nosuch'" \
    env XDG_CONFIG_HOME="$WORK/cfg" "$BIN" --url "$URL" --once --theme nosuch system

# ---- the TUI's colour depth --------------------------------------------
# tui_colour NAME "ENV..." [OPTIONS...]: runs the System dashboard in tmux
# with ENV and OPTIONS and leaves the screen with its escapes in
# $WORK/NAME.ansi.
tui_colour() {
    name=$1 envs=$2
    shift 2
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$name" -x 120 -y 40 \
        "env -u COLORTERM -u NO_COLOR LANG=C.UTF-8 $envs $BIN --url $URL --at $T0 $* system 2> '$WORK/$name.err'; echo \"exit=\$?\" > '$WORK/$name.rc'; sleep 30"
    tui_wait "$name" "FAST BURN"
    tmux -L "$TMUX_SOCK" capture-pane -e -p -t "$name" > "$WORK/$name.ansi"
    tmux -L "$TMUX_SOCK" send-keys -t "$name" q
    tui_exit "$name" || ko "$name: exit $(cat "$WORK/$name.rc" 2>/dev/null)"
}
if infocmp xterm-direct > /dev/null 2>&1; then
    tui_colour cdirect TERM=xterm-direct
    grep -q "38;2;[0-9]*;[0-9]*;[0-9]*" "$WORK/cdirect.ansi" &&
        ok "TERM=xterm-direct: 24-bit colour" || ko "TERM=xterm-direct: no 24-bit colour"
    tui_colour cct "TERM=xterm-256color COLORTERM=truecolor"
    grep -q "38;2;" "$WORK/cct.ansi" &&
        ok "COLORTERM=truecolor with xterm-256color: 24-bit colour through xterm-direct" ||
        ko "COLORTERM=truecolor: no 24-bit colour"
    tui_colour cwall "TERM=xterm-direct XDG_CONFIG_HOME=$WORK/cfg" --theme wall
    grep -q "38;2;18;52;86" "$WORK/cwall.ansi" &&
        ok "TUI: the user theme's ok colour #123456 is on screen" ||
        ko "TUI: user theme colour not on screen"
else
    ko "terminfo entry xterm-direct missing (install ncurses-term: make deps)"
fi
tui_colour c256 TERM=xterm-256color
grep -q "38;5;[0-9]" "$WORK/c256.ansi" && ! grep -q "38;2;" "$WORK/c256.ansi" &&
    ok "TERM=xterm-256color: 256 colours, no 24-bit" || ko "TERM=xterm-256color colours"
tui_colour cnone "TERM=xterm-256color NO_COLOR=1"
if ! has_colour "$WORK/cnone.ansi" && grep -q "$ESC\[1;7mFAST BURN" "$WORK/cnone.ansi"; then
    ok "NO_COLOR=1: attributes only on screen, FAST BURN in bold reverse"
else
    ko "NO_COLOR=1 screen: $(sgr_params "$WORK/cnone.ansi" | head -5 | tr '\n' ' ')"
fi

# ---- bytes per refresh -------------------------------------------------
# bytes_start NAME PATTERN ARGS...: promboard ARGS in a 200x50 tmux session
# whose output is counted (pipe-pane), redrawn once, then given a second
# after PATTERN shows. bytes_seen NAME: the bytes counted so far.
bytes_start() {
    bname=$1 bpat=$2
    shift 2
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$bname" -x 200 -y 50 \
        "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN $* 2> '$WORK/$bname.err'; echo \"exit=\$?\" > '$WORK/$bname.rc'; sleep 30"
    tmux -L "$TMUX_SOCK" pipe-pane -t "$bname" -o "cat > '$WORK/$bname.tty'"
    tmux -L "$TMUX_SOCK" send-keys -t "$bname" C-l
    tui_wait "$bname" "$bpat"
    sleep 1
}
bytes_seen() { wc -c < "$WORK/$1.tty"; }
# bytes_stop NAME: q, and a clean exit.
bytes_stop() {
    tmux -L "$TMUX_SOCK" send-keys -t "$1" q
    tui_exit "$1" || ko "$1: exit $(cat "$WORK/$1.rc")"
}

# Frozen at T0 and refreshed every second, nothing changes: after the first
# full frame the terminal gets not one byte; the instant queries go on (they
# tell when the server is away), no range query is asked again (its window
# is the one already answered).
range_count() {
    curl -s "$URL/metrics" |
        awk '/^prometheus_http_requests_total\{.*handler="\/api\/v1\/query_range"/ { n += $2 } END { print n + 0 }'
}
bytes_start bytes "Incident Timeline" --url "$URL" --at "$T0" --refresh 1s system
b0=$(bytes_seen bytes)
q0=$(query_count)
r0=$(range_count)
sleep 4.5
b1=$(bytes_seen bytes)
q1=$(query_count)
r1=$(range_count)
if [ "$b0" -gt 5000 ] && [ "$b1" -eq "$b0" ] && [ $((q1 - q0)) -ge 20 ] && [ "$r1" -eq "$r0" ]; then
    ok "frozen, refresh 1s: $((q1 - q0)) instant queries, no range query and 0 bytes in 4.5 s after the ${b0}-byte first frame"
else
    ko "frozen refresh wrote $((b1 - b0)) bytes (frame $b0), queries $((q1 - q0)), range queries $((r1 - r0))"
fi
bytes_stop bytes

# Live (no --at), panels whose answers do not change: no bytes either,
# though the time window moves at every refresh. (Charts are left out: a live
# chart rightly moves by a cell when the window crosses a step boundary;
# and so does a stat's sparkline; the frozen test above covers charts.)
cat > "$WORK/static.yaml" <<'YAML'
title: Static
rows:
  - panels:
      - {title: Static One, kind: stat, sparkline: false, queries: [{expr: vector(11)}]}
      - {title: Static Two, kind: table, queries: [{expr: vector(22)}]}
      - {title: Static Three, kind: gauge, max: 100, queries: [{expr: vector(33)}]}
YAML
bytes_start static "Static Three" --url "$URL" --refresh 1s "$WORK/static.yaml"
b0=$(bytes_seen static)
q0=$(query_count)
sleep 4.5
b1=$(bytes_seen static)
q1=$(query_count)
if [ "$b0" -gt 2000 ] && [ "$b1" -eq "$b0" ] && [ $((q1 - q0)) -ge 12 ]; then
    ok "live, unchanged answers: $((q1 - q0)) queries in 4.5 s wrote 0 bytes after the ${b0}-byte first frame"
else
    ko "live unchanged refresh wrote $((b1 - b0)) bytes (frame $b0, queries $((q1 - q0)))"
fi
bytes_stop static

# Live, one panel of six changes every refresh: the bytes a refresh writes
# stay under 5% of the full frame. A repaint of the changing panel alone
# would cost about a sixth of the frame, so the bound holds only when just
# the changed cells (the clock's digits and trend) are sent.
cat > "$WORK/live.yaml" <<'YAML'
title: Bytes
rows:
  - panels:
      - {title: Static One, kind: stat, sparkline: false, queries: [{expr: vector(11)}]}
      - {title: Static Two, kind: stat, queries: [{expr: vector(22)}]}
      - {title: Static Three, kind: stat, queries: [{expr: vector(33)}]}
  - panels:
      - {title: Static Four, kind: gauge, max: 100, queries: [{expr: vector(44)}]}
      - {title: Clock, kind: stat, queries: [{expr: time() % 1000}]}
      - {title: Static Six, kind: table, queries: [{expr: vector(66)}]}
YAML
bytes_start live "Static Six" --url "$URL" --refresh 1s "$WORK/live.yaml"
b0=$(bytes_seen live)
tmux -L "$TMUX_SOCK" capture-pane -p -t live > "$WORK/live.before"
sleep 5
b1=$(bytes_seen live)
tmux -L "$TMUX_SOCK" capture-pane -p -t live > "$WORK/live.after"
per=$(( (b1 - b0) / 5 ))
if ! cmp -s "$WORK/live.before" "$WORK/live.after" && [ "$b0" -gt 5000 ] &&
    [ $((b1 - b0)) -gt 0 ] && [ $((per * 20)) -lt "$b0" ]; then
    ok "live, one panel changing: about $per bytes a refresh, full frame $b0 (bound 5%)"
else
    ko "live refresh: $((b1 - b0)) bytes in 5 s, full frame $b0"
fi
bytes_stop live
