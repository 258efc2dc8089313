# t_20_frames.sh - the --once text frame at several sizes and in ASCII.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

# ---- the text frame ----------------------------------------------------
for dash in $DASHES; do
    sizes=200x50
    [ "$dash" = system ] && sizes="200x50 120x40"
    for size in $sizes; do
        frame=$WORK/frame-$dash-$size.txt
        if "$BIN" --url "$URL" --at "$T0" --once --size "$size" "$dash" \
            > "$frame" 2> "$WORK/err" && clean_stderr "$WORK/err"; then
            missing=""
            for t in $(grep "^$dash	" tests/integration/panels.txt | cut -f2 | tr ' ' '~'); do
                t=$(echo "$t" | tr '~' ' ')
                grep -qF "$t" "$frame" || missing="$missing [$t]"
            done
            [ -z "$missing" ] && ok "$dash text frame $size shows every title" ||
                { ko "$dash text frame $size misses$missing"; cat "$frame"; }
        else
            ko "$dash text frame $size failed"; cat "$WORK/err"
        fi
    done
done
cp "$WORK/frame-system-120x40.txt" "$WORK/frame-120x40.txt"
cols=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$WORK/frame-120x40.txt")
rows=$(wc -l < "$WORK/frame-120x40.txt")
[ "$rows" -eq 40 ] && ok "text frame is 40 rows" || ko "text frame has $rows rows"
"$BIN" --url "$URL" --at "$T0" --once --size 80x24 system > "$WORK/frame-80.txt" 2> "$WORK/err"
[ $? -eq 0 ] && clean_stderr "$WORK/err" && [ "$(wc -l < "$WORK/frame-80.txt")" -eq 24 ] &&
    ok "text frame 80x24 renders 24 rows" || ko "text frame 80x24"
: "$cols"

# The ASCII form when the locale is not UTF-8.
LC_ALL=C LANG=C "$BIN" --url "$URL" --at "$T0" --once --size 120x40 system \
    > "$WORK/frame-ascii.txt" 2> "$WORK/err"
if [ $? -eq 0 ] && ! LC_ALL=C grep -q '[^ -~]' "$WORK/frame-ascii.txt"; then
    ok "LANG=C frame is pure ASCII"
else
    ko "LANG=C frame has non-ASCII bytes"
fi

