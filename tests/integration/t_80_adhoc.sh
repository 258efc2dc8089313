# t_80_adhoc.sh - ad-hoc PromQL: --query with --once (JSON equal to the
# server, the text frame's chart and table, errors), and the ':' prompt in
# the TUI with Tab completion from the server.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

Q='sum by (code) (rate(http_requests_total[5m]))'

# ---- --once --format json: the query exactly as sent, values = server ----
out=$WORK/adhoc.json
if "$BIN" --url "$URL" --at "$T0" --once --format json --query "$Q" > "$out" 2> "$WORK/err" &&
    clean_stderr "$WORK/err"; then
    if "$COMPARE" "$URL" "$out" > "$WORK/cmp" 2>&1 &&
        grep -q '"dashboard":"query","title":"Query"' "$out" &&
        grep -qF '"expr":"sum by (code) (rate(http_requests_total[5m]))","type":"range"' "$out" &&
        grep -qF '"expr":"sum by (code) (rate(http_requests_total[5m]))","name":"Value","type":"instant"' "$out" &&
        grep -q '"labels":{"code":"500"}' "$out"; then
        ok "--query --once json: chart and table equal the server ($(tail -n 1 "$WORK/cmp"))"
    else
        ko "--query json"; cat "$WORK/cmp"; head -c 600 "$out"
    fi
else
    ko "--query --once --format json failed"; cat "$WORK/err"
fi

# ---- --once text: the chart titled by the expression, a row per series ----
"$BIN" --url "$URL" --at "$T0" --once --size 120x40 --query "$Q" > "$WORK/adhoc.txt" 2> "$WORK/err"
rc=$?
codes=$(grep -o '"labels":{"code":"[0-9]*"}' "$out" | grep -o '[0-9][0-9][0-9]' | sort -u)
missing=""
for code in $codes; do
    # a table row: the code, then a number
    grep -q "^│$code  *[0-9][0-9.]*[kM]\? *│" "$WORK/adhoc.txt" || missing="$missing $code"
done
if [ "$rc" = 0 ] && [ -n "$codes" ] && [ -z "$missing" ] &&
    grep -qF "╭ $Q ─" "$WORK/adhoc.txt" && grep -q '^╭ Series ─' "$WORK/adhoc.txt" &&
    grep -q '^│code  *Value' "$WORK/adhoc.txt" && grep -q '[0-9] Query\|[0-9] query' "$WORK/adhoc.txt" &&
    grep -q '⣀\|⠤\|⠒' "$WORK/adhoc.txt"; then
    ok "--query --once text: chart, a Query tab and a table row per code ($(echo $codes))"
else
    ko "--query text frame (rc $rc, missing:$missing)"; cat "$WORK/adhoc.txt" "$WORK/err"
fi

# ---- --range and --at apply; empty results say so ---------------------------
"$BIN" --url "$URL" --at "$T0" --range 15m --once --format json --query up > "$WORK/up.json" 2> "$WORK/err" &&
    grep -q '"range_seconds":900' "$WORK/up.json" && grep -q "\"time\":$T0" "$WORK/up.json" &&
    "$COMPARE" "$URL" "$WORK/up.json" > "$WORK/cmp" 2>&1 &&
    ok "--query with --range 15m and --at" || { ko "--query --range"; cat "$WORK/err" "$WORK/cmp"; }
"$BIN" --url "$URL" --at "$T0" --once --size 100x30 --query 'no_such_metric_anywhere' > "$WORK/none.txt" 2> "$WORK/err"
rc=$?
[ "$rc" = 0 ] && [ "$(grep -c 'no data' "$WORK/none.txt")" = 2 ] && [ ! -s "$WORK/err" ] &&
    ok "--query with no series: both panels say 'no data', exit 0" ||
    { ko "--query empty (rc $rc)"; cat "$WORK/none.txt" "$WORK/err"; }

# ---- errors: a syntax error is a usage error, in the server's words --------
expect_error "--query syntax error" 2 "^promboard: --query: 1:[0-9]*: parse error: unclosed left parenthesis$" \
    "$BIN" --url "$URL" --at "$T0" --once --query 'sum(rate(http_requests_total[5m])'
expect_error "--query syntax error (json)" 2 "^promboard: --query: .*parse error" \
    "$BIN" --url "$URL" --at "$T0" --once --format json --query 'up{'
expect_error "--query empty" 2 "^promboard: --query: empty expression$" \
    "$BIN" --url "$URL" --once --query '  '
expect_error "--query unreachable server" 1 "127.0.0.1:1" \
    "$BIN" --url http://127.0.0.1:1 --once --query up

# ---- the ':' prompt at 80x24: completion from the server -------------------
tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s ad -x 80 -y 24 \
    "env TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME='$XDG_CONFIG_HOME' $BIN --url $URL --at $T0 system 2> '$WORK/ad.err'; echo \"exit=\$?\" > '$WORK/ad.rc'; sleep 30"
tui_wait ad "SLO Dashboard"
tmux -L "$TMUX_SOCK" send-keys -t ad ':'
tmux -L "$TMUX_SOCK" send-keys -t ad -l 'http_requests_t'
tmux -L "$TMUX_SOCK" send-keys -t ad Tab
if tui_wait ad "^:http_requests_total  *\(Tab complete  Enter run  Esc cancel\)\?$"; then
    ok "':' then http_requests_t + Tab completes to http_requests_total"
else
    ko "metric name completion"; cat "$WORK/ad.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t ad '{' Tab
if tui_wait ad "candidates" && grep -q "^ *.*code .*handler" "$WORK/ad.screen" &&
    grep -q "^:http_requests_total{ *$" "$WORK/ad.screen"; then
    ok "'{' + Tab lists the label names (code, handler, ...) above the prompt"
else
    ko "label name completion"; cat "$WORK/ad.screen"
fi
# Each Tab may wait for the server's list (a key typed meanwhile cancels
# it, as it should): type on only once the line shows the completion.
tmux -L "$TMUX_SOCK" send-keys -t ad -l 'co'
tmux -L "$TMUX_SOCK" send-keys -t ad Tab
tui_wait ad '^:http_requests_total{code="'
tmux -L "$TMUX_SOCK" send-keys -t ad -l '5'
tmux -L "$TMUX_SOCK" send-keys -t ad Tab
tui_wait ad '^:http_requests_total{code="50'
tmux -L "$TMUX_SOCK" send-keys -t ad -l '3'
tmux -L "$TMUX_SOCK" send-keys -t ad Tab
if tui_wait ad '^:http_requests_total{code="503"  *\(Tab complete.*\)\?$'; then
    ok "label name then value completion: {co+Tab, 5+Tab, 3+Tab gives {code=\"503\""
else
    ko "label value completion"; cat "$WORK/ad.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t ad Escape
sleep 0.3
if tui_wait ad "SLO Dashboard" && tail -n 1 "$WORK/ad.screen" | grep -q "^ http.*frozen" &&
    ! grep -q "^:" "$WORK/ad.screen" && ! grep -q "candidates" "$WORK/ad.screen"; then
    ok "Esc cancels the prompt and leaves the dashboard as it was"
else
    ko "Esc on the prompt"; cat "$WORK/ad.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t ad q
tui_exit ad && ok "80x24 prompt session exits 0, sanitizers quiet" ||
    { ko "prompt session exit: $(cat "$WORK/ad.rc" 2>/dev/null)"; cat "$WORK/ad.err"; }

# ---- Enter shows the Query tab; its table equals the --once frame ---------
"$BIN" --url "$URL" --at "$T0" --once --size 200x50 --query "$Q" > "$WORK/adhoc200.txt" 2>/dev/null
tui_start aq --url "$URL" --at "$T0" system
tui_wait aq "SLO Dashboard"
tmux -L "$TMUX_SOCK" send-keys -t aq ':'
tmux -L "$TMUX_SOCK" send-keys -t aq -l "$Q"
tmux -L "$TMUX_SOCK" send-keys -t aq Enter
if tui_wait aq "^╭ Series ─"; then
    sleep 0.3
    tmux -L "$TMUX_SOCK" capture-pane -p -t aq > "$WORK/aq.screen"
    # every row of the table (code and value) as --once printed it
    rows=$(sed -n '/^╭ Series/,/^╰/p' "$WORK/adhoc200.txt" | grep '^│[0-9]')
    missing=$(echo "$rows" | while IFS= read -r r; do
        grep -qF "$r" "$WORK/aq.screen" || echo "$r"; done)
    if [ -n "$rows" ] && [ -z "$missing" ] && grep -qi "[0-9] Query" "$WORK/aq.screen" &&
        { grep -qF "╭ $Q ─" "$WORK/aq.screen" || grep -qF "┏ $Q ━" "$WORK/aq.screen"; }; then
        ok "Enter shows the Query tab: chart and table, values as the server's ($(echo "$rows" | wc -l) rows)"
    else
        ko "TUI Query tab values"; echo "missing: $missing"; cat "$WORK/aq.screen"
    fi
else
    ko "Enter did not show the Query tab"; cat "$WORK/aq.screen"
fi
# a bad expression: the server's words in the panel, and the keys still work
tmux -L "$TMUX_SOCK" send-keys -t aq ':'
tmux -L "$TMUX_SOCK" send-keys -t aq -l 'sum(rate(http_requests_total[5m]'
tmux -L "$TMUX_SOCK" send-keys -t aq Enter
if tui_wait aq "parse error: unclosed left parenthesis"; then
    ok "a bad expression shows the server's error text in the panel"
else
    ko "bad expression in the TUI"; cat "$WORK/aq.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t aq 5
if tui_wait aq "SLO Dashboard"; then
    tmux -L "$TMUX_SOCK" send-keys -t aq ':' Up Up Enter
    if tui_wait aq "[╭┏] sum by (code) (rate(http_requests_total.5m.)) [─━]" && ! grep -q "parse error" "$WORK/aq.screen"; then
        ok "keys work after the error; Up Up recalls the earlier query, which replaces it"
    else
        ko "history recall"; cat "$WORK/aq.screen"
    fi
else
    ko "keys after a bad expression"; cat "$WORK/aq.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t aq q
tui_exit aq && ok "TUI with the Query tab exits 0 on q, sanitizers quiet" ||
    { ko "Query tab exit: $(cat "$WORK/aq.rc" 2>/dev/null)"; cat "$WORK/aq.err"; }
