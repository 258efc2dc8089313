# t_72_wall.sh - the wall screen at 100x30: every stat that fits in big
# digits, of one size in a panel; a clock in the title line; --kiosk
# SECONDS DASH,DASH picks the dashboards; a critical value in digits that
# are never reversed, with a reversed tag, in high-contrast and NO_COLOR.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/expect_error helpers.

mkdir -p "$WORK/wall"
# wall_big FILE TITLE: rows of big digits (3 or more block glyphs in a row)
# inside the box titled TITLE.
wall_big() {
    python3 - "$1" "$2" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
n = 0
for y, line in enumerate(lines):
    x = line.find('╭ ' + sys.argv[2] + ' ')
    if x < 0:
        continue
    r = line.find('╮', x)
    for l2 in lines[y + 1:]:
        if len(l2) > x and l2[x] == '╰':
            break
        if re.search('[█▀▄]{3}', l2[x + 1:r]):
            n += 1
    break
print(n)
PY
}
"$BIN" --url "$URL" --at "$T0" --once --kiosk --size 100x30 executive > "$WORK/wall/exec.txt" 2> "$WORK/err"
small=""
for t in "Time Saved (Hours)" "LLM Cost (MTD)" "Deployment Frequency" "MTTR"; do
    [ "$(wall_big "$WORK/wall/exec.txt" "$t")" -ge 3 ] || small="$small [$t]"
done
if [ -z "$small" ] && clean_stderr "$WORK/err" &&
    head -n 1 "$WORK/wall/exec.txt" | grep -q "03:10 UTC *$"; then
    ok "kiosk 100x30: Time Saved, LLM Cost, Deployment Frequency and MTTR in big digits; '03:10 UTC' in the title line"
else
    ko "kiosk 100x30: small text for$small"; cat "$WORK/wall/exec.txt" "$WORK/err"
fi

# ---- --kiosk SECONDS DASH,DASH --------------------------------------------------
"$BIN" --url "$URL" --at "$T0" --once --size 100x30 --kiosk 20 executive,system \
    > "$WORK/wall/two.txt" 2> "$WORK/err"
"$BIN" --url "$URL" --at "$T0" --once --size 100x30 --kiosk 20 executive,system system \
    > "$WORK/wall/two-sys.txt" 2>> "$WORK/err"
if head -n 1 "$WORK/wall/two.txt" | grep -q "^ Executive Overview .* 1/2 " &&
    head -n 1 "$WORK/wall/two-sys.txt" | grep -q "^ System Performance .* 2/2 " &&
    clean_stderr "$WORK/err"; then
    ok "--kiosk 20 executive,system: two dashboards to turn (1/2); a DASHBOARD among them is shown first (2/2)"
else
    ko "--kiosk list"; head -n 1 "$WORK/wall/two.txt" "$WORK/wall/two-sys.txt"; cat "$WORK/err"
fi
expect_error "--kiosk with an unknown dashboard" 2 "unknown dashboard 'nosuch' in --kiosk (known: executive, release" \
    "$BIN" --url "$URL" --once --kiosk 20 executive,nosuch

# ---- a critical value stays the most legible thing -------------------------------
cat > "$WORK/wall/crit.yaml" <<'YAML'
title: Budget
rows:
  - panels:
      - {title: Error Budget, kind: stat, unit: percent, decimals: 1, thresholds: [50, 70], query: vector(75)}
      - {title: Fine, kind: stat, unit: percent, decimals: 1, thresholds: [80, 90], query: vector(75)}
YAML
# crit_check FILE: the critical panel's digits carry no reverse video (SGR 7)
# and its tag does; the fine panel has no tag
crit_check() {
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
tokens = re.split('(\x1b\\[[0-9;]*m)', text)
rev = False
digits_rev = tags = tags_rev = 0
blocks = 0
for t in tokens:
    if t.startswith('\x1b['):
        rev = '7' in t[2:-1].split(';')
        continue
    for ch in t:
        if ch in '█▀▄':
            blocks += 1
            digits_rev += rev
        if ch in '‼':
            tags += 1
            tags_rev += rev
ok = blocks > 40 and digits_rev == 0 and tags == 1 and tags_rev == 1
print('blocks', blocks, 'reversed', digits_rev, 'tags', tags, 'reversed tags', tags_rev)
sys.exit(0 if ok else 1)
PY
}
env -u NO_COLOR "$BIN" --url "$URL" --once --kiosk --size 100x30 --color always "$WORK/wall/crit.yaml" \
    > "$WORK/wall/crit-hc.ans" 2> "$WORK/err"
env NO_COLOR=1 "$BIN" --url "$URL" --once --kiosk --size 100x30 --color always "$WORK/wall/crit.yaml" \
    > "$WORK/wall/crit-nc.ans" 2>> "$WORK/err"
if crit_check "$WORK/wall/crit-hc.ans" > "$WORK/wall/hc.out" && crit_check "$WORK/wall/crit-nc.ans" > "$WORK/wall/nc.out" &&
    grep -q '48;5;16m' "$WORK/wall/crit-hc.ans" && ! grep -q '38;5\|48;5' "$WORK/wall/crit-nc.ans" && clean_stderr "$WORK/err"; then
    ok "critical 75.0% in high-contrast and NO_COLOR: digits never reversed, one reversed '‼' tag ($(cat "$WORK/wall/nc.out"))"
else
    ko "critical value on a wall screen"; cat "$WORK/wall/hc.out" "$WORK/wall/nc.out" "$WORK/err"
fi
