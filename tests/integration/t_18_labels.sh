# t_18_labels.sh - cut labels stay apart: for each of the six dashboards at
# 80x24, 120x40 and 200x50, no two legend entries, table keys, bars, tiles
# or slices of one panel show the same text when their full labels differ
# (tests/integration/labels.py reads the text frames against the JSON).
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko helpers.

mkdir -p "$WORK/labels"
largs=""
for dash in executive release aiml infra system security; do
    "$BIN" --url "$URL" --at "$T0" --once --format json "$dash" > "$WORK/labels/$dash.json" 2> "$WORK/err"
    for size in 80x24 120x40 200x50; do
        "$BIN" --url "$URL" --at "$T0" --once --size "$size" "$dash" \
            > "$WORK/labels/$dash-$size.txt" 2>> "$WORK/err"
        largs="$largs $WORK/labels/$dash-$size.txt $WORK/labels/$dash.json"
    done
done
# shellcheck disable=SC2086 # pairs of files
if python3 tests/integration/labels.py $largs > "$WORK/labels/out" 2>&1 && clean_stderr "$WORK/err"; then
    ok "six dashboards at 80x24, 120x40, 200x50: no two different labels of a panel read the same"
else
    ko "labels that read the same:"; cat "$WORK/labels/out" "$WORK/err"
fi
# the node table keeps its key column whole at 80x24
grep -q "worker-1 " "$WORK/labels/infra-80x24.txt" && grep -q "worker-3 " "$WORK/labels/infra-80x24.txt" &&
    ok "Node Resource Allocation at 80x24: the key column keeps its width (worker-1 .. worker-3)" ||
    { ko "node table keys at 80x24"; sed -n '/Node Resource/,/╰/p' "$WORK/labels/infra-80x24.txt"; }
