# t_40_errors.sh - errors: one clear line, the right exit code, never a crash.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

# ---- errors: one clear line, the right exit code, never a crash ----------
printf 'title: Broken\nrows:\n  - panels:\n      - title: X\n        kind: pie2\n        query: up\n' > "$WORK/bad.yaml"
expect_error "bad YAML kind" 2 "bad.yaml:5:15:" "$BIN" --once "$WORK/bad.yaml"
printf 'title: T\nrows:\n  - panels:\n      - title: X\n        kind: stat\n        colour: red\n        query: up\n' > "$WORK/opt.yaml"
expect_error "--check: unknown option" 2 "opt.yaml:6:9: unknown key 'colour'" "$BIN" --check "$WORK/opt.yaml"
printf 'title: T\nrefresh: 10 seconds\nrows:\n  - panels:\n      - {title: X, kind: stat, query: up}\n' > "$WORK/dur.yaml"
expect_error "--check: bad duration" 2 "dur.yaml:2:10: bad duration" "$BIN" --check "$WORK/dur.yaml"
printf 'title: T\nrows:\n  - panels:\n      - kind: stat\n        query: up\n' > "$WORK/notitle.yaml"
expect_error "--check: missing title" 2 "notitle.yaml:4:9: panel has no 'title'" "$BIN" --check "$WORK/notitle.yaml"
printf 'title: T\nrows:\n  - panels:\n      - title: X\n        kind: stat\n        query: up{job="$jobb"}\n' > "$WORK/var.yaml"
expect_error "--check: unknown variable" 2 "var.yaml:6:16: unknown variable '\$jobb'" "$BIN" --check "$WORK/var.yaml"
printf 'title: T\nrows:\n  - panels:\n      - {title: X, kind: treemap, query: up, limit: -5}\n' > "$WORK/range.yaml"
expect_error "--check: a number out of its range" 2 "range.yaml:4:53: 'limit' must be between 1 and 200, got '-5'" "$BIN" --check "$WORK/range.yaml"
# The refresh floor, wherever a refresh is set.
printf 'title: T\nrefresh: 1ms\nrows:\n  - panels:\n      - {title: X, kind: stat, query: up}\n' > "$WORK/floor.yaml"
expect_error "--check: dashboard refresh under 1s" 2 "floor.yaml:2:10: 'refresh' must be at least 1s, got '1ms'" "$BIN" --check "$WORK/floor.yaml"
printf 'title: T\nrows:\n  - panels:\n      - {title: X, kind: stat, query: up, refresh: 0s}\n' > "$WORK/pfloor.yaml"
expect_error "--check: panel refresh under 1s" 2 "pfloor.yaml:4:52: 'refresh' must be at least 1s, got '0s'" "$BIN" --check "$WORK/pfloor.yaml"
expect_error "--refresh under 1s" 2 "--refresh must be at least 1s, got '500ms'" "$BIN" --refresh 500ms --once system
printf 'refresh: 500ms\n' > "$WORK/cfloor.yaml"
expect_error "config: refresh under 1s" 2 "cfloor.yaml:1:10: 'refresh' must be at least 1s, got '500ms'" \
    "$BIN" --config "$WORK/cfloor.yaml" --once system
printf 'title: [unclosed\n' > "$WORK/syntax.yaml"
expect_error "YAML syntax" 2 "syntax.yaml:[0-9]*:[0-9]*:" "$BIN" --check "$WORK/syntax.yaml"
printf 'title: Q\nrows:\n  - panels:\n      - title: Bad\n        kind: stat\n        query: sum(rate(x[5m])\n' > "$WORK/badq.yaml"
expect_error "PromQL error through the server's parser" 2 "badq.yaml:6:16: .*parse error" "$BIN" --check --url "$URL" "$WORK/badq.yaml"
expect_error "bad URL" 2 "URL" "$BIN" --url 'notaurl' --once system
expect_error "unreachable server" 1 "127.0.0.1:1" "$BIN" --url http://127.0.0.1:1 --once --format json system
expect_error "garbage answers" 1 "HTTP\|JSON\|not" "$BIN" --url "http://127.0.0.1:$PORT/nothing-here" --once system
expect_error "unknown dashboard" 2 "unknown dashboard" "$BIN" --once nosuchboard
expect_error "bad --at" 2 "--at" "$BIN" --at yesterday --once system
expect_error "bad --range" 2 "--range" "$BIN" --range 10q --once system
expect_error "bad --size" 2 "--size" "$BIN" --size 3x3 --once system
expect_error "unknown option" 2 "unknown option" "$BIN" --frobnicate

"$BIN" --check --url "$URL" > "$WORK/out" 2> "$WORK/err" &&
    ok "--check passes the bundled dashboards" || { ko "--check"; cat "$WORK/err"; }
"$BIN" --list > "$WORK/out" 2>&1 && grep -q '^system' "$WORK/out" &&
    ok "--list names system" || ko "--list"
"$BIN" --version | grep -q '^promboard [0-9]' && ok "--version" || ko "--version"


# A bad theme set in the config file is reported where it was set.
printf 'theme: nosuch\n' > "$WORK/ctheme.yaml"
expect_error "config: unknown theme at its line:col" 2 "ctheme.yaml:1:8: unknown theme 'nosuch'" \
    "$BIN" --config "$WORK/ctheme.yaml" --once system
