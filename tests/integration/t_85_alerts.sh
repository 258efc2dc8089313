# t_85_alerts.sh - alerts a person can act on, against real services: a
# live Prometheus evaluating the demo's rules over simulated data that is
# in an incident now, sending its alerts to a real Alertmanager that groups
# them by alert name and inhibits the latency warning while the 5xx alert
# fires; the test silences the slow SLO burn through Alertmanager's API.
# promboard's alert lists (--once JSON and text, the status line, a wall
# screen) are checked against both servers' own answers.
# Sourced by run.sh, which provides $BIN, $ROOT, $WORK and the
# ok/ko/tui_*/expect_error/free_port helpers.

AL=$WORK/alerts
ASTATE=$WORK/alerts-stack
mkdir -p "$AL/rules"
# the demo's rules, firing 5 s after their condition holds instead of
# minutes, evaluated every 10 s
sed 's/^\( *for:\).*/\1 5s/' demo/rules/alerts.yml > "$AL/rules/alerts.yml"
cp demo/rules/recording.yml "$AL/rules/"
# a seed whose incident started 15 minutes ago (all its alert conditions
# hold for about 10 more minutes) while report-service burns slowly; the
# history (7 hours, for the 6h windows) only of the families the alerting
# rules read
SEED=$("$ROOT/build/promsim" seed --at "$(date +%s)" --into 900 --slow-into 19800)
AYAML=tests/integration/alerts.yaml

# alerts_wait SECONDS CMD...: runs CMD every 0.5 s until it holds; false
# after SECONDS.
alerts_wait() {
    secs=$1
    shift
    i=0
    while [ $i -lt $((secs * 2)) ]; do
        "$@" > /dev/null 2>&1 && return 0
        sleep 0.5
        i=$((i + 1))
    done
    return 1
}
# am_has PATTERN: Alertmanager's alerts answer matches PATTERN (grep -E).
am_has() {
    curl -fsS "$AMURL/api/v2/alerts" | grep -Eq "$1"
}
am_count() {
    curl -fsS "$AMURL/api/v2/alerts" | grep -o '"fingerprint"' | wc -l
}
am_four() {
    [ "$(am_count)" -eq 4 ]
}
# suppressed NAME BY: Alertmanager's alert NAME has a non-empty BY list.
suppressed() {
    curl -fsS "$AMURL/api/v2/alerts?filter=alertname%3D%22$1%22" |
        grep -q "\"$2\":\[\""
}

# The ports are free when picked, but the machine is shared: another
# program may take one before the stack binds it (the history is written
# in between). Then the stack stops and starts again on other ports (the
# history is kept).
started=0
for try in 1 2 3; do
    APORT=$(free_port)
    ANODE=$(free_port)
    AMPORT=$(free_port)
    AURL=http://127.0.0.1:$APORT
    AMURL=http://127.0.0.1:$AMPORT
    if [ -n "$SEED" ] && bash demo/stack.sh start --state "$ASTATE" --port "$APORT" \
        --node-port "$ANODE" --alertmanager-port "$AMPORT" --hours 7 \
        --history-only "http_requests http_request_duration_seconds nexus_slo_burn_rate" \
        --seed "$SEED" --rules "$AL/rules" --eval-interval 10s \
        --promsim "$ROOT/build/promsim" > "$AL/stack.log" 2>&1; then
        started=1
        break
    fi
    grep -q "in use" "$AL/stack.log" || break
    bash demo/stack.sh stop --state "$ASTATE" > /dev/null 2>&1
done
if [ $started = 1 ]; then
    ok "alerts stack: Prometheus, node_exporter and Alertmanager (seed $SEED, try $try)"
else
    ko "alerts stack did not start"; cat "$AL/stack.log"
fi

if alerts_wait 120 am_four; then
    ok "the four demo alerts fire and reach Alertmanager"
else
    ko "Alertmanager has $(am_count) alerts, not 4"
    curl -s "$AURL/api/v1/alerts"
fi

# one silence, made through Alertmanager's own API
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
later=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
curl -fsS -H 'Content-Type: application/json' "$AMURL/api/v2/silences" -d \
    "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"SLOBurnRateSlow\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"$now\",\"endsAt\":\"$later\",\"createdBy\":\"it\",\"comment\":\"known slow burn\"}" \
    > "$AL/silence.json" 2>&1
if alerts_wait 30 suppressed SLOBurnRateSlow silencedBy &&
    alerts_wait 30 suppressed HTTPLatencyP95High inhibitedBy; then
    ok "Alertmanager: SLOBurnRateSlow silenced, HTTPLatencyP95High inhibited"
else
    ko "Alertmanager did not silence and inhibit"
    cat "$AL/silence.json"; curl -s "$AMURL/api/v2/alerts"
fi

# ---- --once JSON: every alert, field by field, as the servers say ---------
curl -fsS "$AURL/api/v1/alerts" > "$AL/prom-before.json"
curl -fsS "$AMURL/api/v2/alerts" > "$AL/am-before.json"
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --format json "$AYAML" \
    > "$AL/once.json" 2> "$AL/once.err"
rc=$?
if [ $rc -eq 0 ] && clean_stderr "$AL/once.err" &&
    "$COMPARE" --alerts "$AURL" "$AMURL" "$AL/once.json" "$AL/prom-before.json" \
        "$AL/am-before.json" > "$AL/compare.txt"; then
    ok "--once JSON alerts equal the servers' (2 panels):"
    sed 's/^/      /' "$AL/compare.txt"
else
    ko "--once JSON alerts (exit $rc)"; cat "$AL/compare.txt" "$AL/once.err"
fi
# each alert carries its summary and runbook, and the two suppressed ones
# say so
# one alert a line (series of queries too, without alertname)
sed 's/{"labels"/\n{"labels"/g' "$AL/once.json" > "$AL/once.lines"
n_runbook=$(grep -c '"runbook_url":"https://runbooks.nexus.example/[a-z-]*"' "$AL/once.lines")
n_summary=$(grep -c '"summary":"[^"]*"' "$AL/once.lines")
if [ "$n_runbook" -eq 8 ] && [ "$n_summary" -eq 8 ] &&
    [ "$(grep '"alertname":"SLOBurnRateSlow"' "$AL/once.lines" | grep -c '"silenced":true,"inhibited":false')" -eq 2 ] &&
    [ "$(grep '"alertname":"HTTPLatencyP95High"' "$AL/once.lines" | grep -c '"silenced":false,"inhibited":true')" -eq 2 ] &&
    [ "$(grep -c '"silenced":false,"inhibited":false' "$AL/once.lines")" -eq 4 ]; then
    ok "JSON: 8 alerts with summary and runbook; the silenced and the inhibited one marked"
else
    ko "JSON: $n_runbook runbooks, $n_summary summaries"; cat "$AL/once.json"
fi

# ---- --once text: the same rows on screen -----------------------------------
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --size 160x30 "$AYAML" \
    > "$AL/once.txt" 2> "$AL/once.err"
# row NAME: the Prometheus panel's row of alert NAME (left of the panels'
# border)
row() {
    grep "^│. $1 " "$AL/once.txt" | head -n 1 | awk -F'│' '{ print $2 }'
}
bad=""
for name in HTTPErrorRateHigh HTTPLatencyP95High SLOBurnRateFast SLOBurnRateSlow; do
    summary=$(grep "\"alertname\":\"$name\"" "$AL/once.lines" | head -n 1 |
        sed -n 's/.*"summary":"\([^"]\{1,20\}\).*/\1/p')
    r=$(row "$name")
    case $r in
    *"$summary"*"↗"*) ;;
    *) bad="$bad $name" ;;
    esac
done
if [ -z "$bad" ] && clean_stderr "$AL/once.err" &&
    grep -q "│2 firing  1 silenced  1 inhibited" "$AL/once.txt" &&
    row SLOBurnRateSlow | grep -q "silenced [0-9]" &&
    row HTTPLatencyP95High | grep -q "inhibited [0-9]" &&
    row HTTPErrorRateHigh | grep -q "firing [0-9]" &&
    tail -n 1 "$AL/once.txt" | grep -q "● 2 firing"; then
    ok "text: each alert with its summary and runbook mark, silenced and inhibited marked, '● 2 firing' in the status line"
else
    ko "text frame (rows missing:$bad)"; cat "$AL/once.txt"
fi

# a wall screen shows the badge too
"$BIN" --url "$AURL" --alertmanager "$AMURL" --once --kiosk --size 120x20 system \
    > "$AL/kiosk.txt" 2> "$AL/once.err"
if head -n 1 "$AL/kiosk.txt" | grep -q "● 2 firing"; then
    ok "kiosk: '● 2 firing' in the title line"
else
    ko "kiosk badge"; head -n 3 "$AL/kiosk.txt"
fi

# ---- a past instant (--at): what Prometheus recorded then ----------------
# an instant, one second ago, at which the server's own ALERTS holds the
# four alerts firing (its first evaluations may be missing from it)
recorded_four() {
    PAST=$(($(date +%s) - 1))
    [ "$(curl -fsS "$AURL/api/v1/query?query=ALERTS&time=$PAST" |
        grep -o '"alertstate":"firing"' | wc -l)" -eq 4 ]
}
if alerts_wait 60 recorded_four; then
    "$BIN" --url "$AURL" --alertmanager "$AMURL" --at "$PAST" --once --format json \
        "$AYAML" > "$AL/past.json" 2> "$AL/past.err"
    rc=$?
    "$BIN" --url "$AURL" --alertmanager "$AMURL" --at "$PAST" --once --size 160x30 \
        "$AYAML" > "$AL/past.txt" 2>> "$AL/past.err"
    if [ $rc -eq 0 ] && clean_stderr "$AL/past.err" &&
        "$COMPARE" --recorded "$AURL" "$PAST" "$AL/past.json" > "$AL/compare-past.txt" &&
        grep -q '"source":"alertmanager","error":"Alertmanager holds only the present' "$AL/past.json" &&
        grep -q "│4 firing  " "$AL/past.txt" &&
        [ "$(grep -c "^│[●▲] [A-Za-z0-9]*  [^│]*↗ *firing [0-9]" "$AL/past.txt")" -eq 4 ] &&
        grep -q "Alertmanager holds only the present" "$AL/past.txt" &&
        ! tail -n 1 "$AL/past.txt" | grep -q "firing"; then
        ok "--at: the alerts Prometheus recorded then (ALERTS), none marked by Alertmanager, no badge:"
        sed 's/^/      /' "$AL/compare-past.txt"
    else
        ko "--at $PAST (exit $rc)"; cat "$AL/compare-past.txt" "$AL/past.txt" "$AL/past.err"
    fi
else
    ko "Prometheus' ALERTS never held the four alerts firing"
fi

# ---- an Alertmanager that does not answer hides nothing of Prometheus' -----
DEAD=http://127.0.0.1:$(free_port)
"$BIN" --url "$AURL" --alertmanager "$DEAD" --once --format json "$AYAML" \
    > "$AL/dead.json" 2> "$AL/dead.err"
rc=$?
"$BIN" --url "$AURL" --alertmanager "$DEAD" --once --size 160x30 "$AYAML" \
    > "$AL/dead.txt" 2>> "$AL/dead.err"
if [ $rc -eq 0 ] && clean_stderr "$AL/dead.err" &&
    [ "$(grep -o '"alertname":' "$AL/dead.json" | wc -l)" -eq 4 ] &&
    grep -q '"alertmanager_error":"cannot connect to' "$AL/dead.json" &&
    grep -q '"title":"Alertmanager Alerts","kind":"alertlist","source":"alertmanager","error":"cannot connect to' "$AL/dead.json" &&
    grep -q "│4 firing" "$AL/dead.txt" &&
    grep -q "│Alertmanager: cannot connect to $DEAD" "$AL/dead.txt"; then
    ok "Alertmanager gone: Prometheus' 4 alerts stay, the error is shown in both panels"
else
    ko "Alertmanager gone (exit $rc)"; cat "$AL/dead.txt" "$AL/dead.err"
fi

# ---- the alerts view in tmux ---------------------------------------------
# al_start NAME ARGS...: promboard in a 160x40 tmux session as user
# it-user, the OSC 52 clipboard kept by tmux (set-clipboard on); exit
# status and stderr as tui_start keeps them.
al_start() {
    name=$1
    shift
    rm -f "$WORK/$name.rc"
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s "$name" -x 160 -y 40 \
        "env TERM=tmux-256color LANG=C.UTF-8 USER=it-user $BIN $* 2> '$WORK/$name.err'; echo \"exit=\$?\" > '$WORK/$name.rc'; sleep 30"
    tmux -L "$TMUX_SOCK" set-option -g set-clipboard on
}
keys() {
    tmux -L "$TMUX_SOCK" send-keys -t "$@"
}
# am_silence_of NAME: Alertmanager's active silences with an equality
# matcher alertname=NAME, one per line: id createdBy comment seconds.
am_silence_of() {
    curl -fsS "$AMURL/api/v2/silences" | sed 's/},{"id"/}\n{"id"/g' |
        grep "\"state\":\"${2:-active}\"" |
        grep "\"name\":\"alertname\",\"value\":\"$1\"" |
        sed 's/.*"id":"\([^"]*\)".*"comment":"\([^"]*\)","createdBy":"\([^"]*\)".*/\1 \3 \2/'
}

# who makes silences: the config's silence_author, over $USER
printf 'silence_author: it-author\n' > "$AL/author.yaml"
al_start av --config "$AL/author.yaml" --url "$AURL" --alertmanager "$AMURL" --refresh 1s "$AYAML"
if tui_wait av "● 2 firing"; then
    ok "TUI: '● 2 firing' in the status line"
else
    ko "TUI badge"; cat "$WORK/av.screen"
fi
# a window panned into the past: the panel shows what Prometheus recorded
# at its end (nothing, half an hour before it started; then the four),
# while the badge stays the present's (the panel may be framed in heavy
# lines, focused)
# (']' goes forward half the range: to the second '[' was pressed at, in
# the past once the clock has left the second the screen showed it)
clock_past() {
    [ "$(date +%s)" -gt "$1" ]
}
keys av '['
if tui_wait av "no alert recorded then" && grep -q "● 2 firing" "$WORK/av.screen" &&
    alerts_wait 5 clock_past "$(date +%s)" &&
    keys av ']' && tui_wait av "[│┃]4 firing  " &&
    grep -q "Alertmanager holds only the present" "$WORK/av.screen" &&
    grep -q "● 2 firing" "$WORK/av.screen" &&
    keys av 0 && tui_wait av "[│┃]2 firing  1 silenced  1 inhibited" &&
    ! grep -q "Alertmanager holds only the present" "$WORK/av.screen"; then
    ok "[ and ]: the alerts recorded at the window's end, the badge the present's; 0 back to now"
else
    ko "panned alert list"; cat "$WORK/av.screen"
fi
keys av a
if tui_wait av "2 firing  0 pending  1 silenced  1 inhibited" &&
    grep -q "firing [0-9].*SLOBurnRateFast" "$WORK/av.screen" &&
    grep -q "firing [0-9].*HTTPErrorRateHigh" "$WORK/av.screen" &&
    grep -q "silenced [0-9].*SLOBurnRateSlow" "$WORK/av.screen" &&
    grep -q "inhibited [0-9].*HTTPLatencyP95High" "$WORK/av.screen" &&
    grep -q "Prometheus: ok   Alertmanager: ok" "$WORK/av.screen"; then
    ok "alerts view ('a'): every alert with its state, Alertmanager's silenced and inhibited marked"
else
    ko "alerts view"; cat "$WORK/av.screen"
fi
cp "$WORK/av.screen" "$AL/view.screen"

# '/' keeps the matching rows; Enter shows one whole
keys av / && keys av -l SLOBurnRateSlow && keys av Enter
tui_wait av "Alerts  /SLOBurnRateSlow/" &&
    [ "$(grep -c 'firing [0-9]\|pending [0-9]\|silenced [0-9]\|inhibited [0-9]' "$WORK/av.screen")" -eq 1 ] &&
    ok "'/' filters the view" || { ko "'/' filter"; cat "$WORK/av.screen"; }
SLOW_ID=$(am_silence_of SLOBurnRateSlow | awk '{ print $1 }')
keys av Enter
if tui_wait av "silenced by $SLOW_ID until" &&
    grep -q "by it: known slow burn" "$WORK/av.screen" &&
    grep -q "avg_over_time(nexus_slo_burn_rate\[30m\]) > 6 and avg_over_time(nexus_slo_burn_rate\[6h\]) > 6" "$WORK/av.screen" &&
    grep -q 'group {alertname="SLOBurnRateSlow"} to on-call' "$WORK/av.screen" &&
    grep -q "runbook_url: https://runbooks.nexus.example/slo-burn-rate" "$WORK/av.screen" &&
    grep -q "summary: report-service availability SLO burning slowly" "$WORK/av.screen"; then
    ok "Enter: labels, annotations, the rule's expression, Alertmanager's group and the silence ($SLOW_ID)"
else
    ko "one alert whole"; cat "$WORK/av.screen"
fi
cp "$WORK/av.screen" "$AL/detail.screen"
# y and Y: OSC 52 to the clipboard, which tmux keeps as a paste buffer
tmux -L "$TMUX_SOCK" delete-buffer 2>/dev/null
keys av y
tui_wait av "sent the runbook URL to the terminal.s clipboard" &&
    [ "$(tmux -L "$TMUX_SOCK" show-buffer 2>/dev/null)" = "https://runbooks.nexus.example/slo-burn-rate" ] &&
    ok "y copies the runbook URL (OSC 52)" ||
    { ko "y: buffer '$(tmux -L "$TMUX_SOCK" show-buffer 2>&1)'"; cat "$WORK/av.screen"; }
keys av Y
# the rule's query as the server's JSON writes it, unescaped
want=$(curl -fsS "$AURL/api/v1/rules" | grep -o '"name":"SLOBurnRateSlow","query":"[^"]*"' |
    sed 's/.*"query":"//;s/"$//;s/\\u003e/>/g;s/\\u003c/</g;s/\\u0026/\&/g')
tui_wait av "sent the rule.s expression to the terminal.s clipboard" &&
    [ -n "$want" ] && [ "$(tmux -L "$TMUX_SOCK" show-buffer 2>/dev/null)" = "$want" ] &&
    ok "Y copies the rule's expression, as the server's rules give it" ||
    { ko "Y: buffer '$(tmux -L "$TMUX_SOCK" show-buffer 2>&1)', want '$want'"; cat "$WORK/av.screen"; }

# s: a silence made from the terminal, seen in Alertmanager's own list
keys av Escape && keys av / && keys av C-u && keys av -l SLOBurnRateFast && keys av Enter
tui_wait av "Alerts  /SLOBurnRateFast/" || { ko "filter SLOBurnRateFast"; cat "$WORK/av.screen"; }
keys av s
tui_wait av "silence for 2h" || { ko "s asks how long"; cat "$WORK/av.screen"; }
keys av C-u && keys av -l 90m && keys av Enter
tui_wait av "comment:" || { ko "s asks why"; cat "$WORK/av.screen"; }
keys av -l "taking it" && keys av Enter
if tui_wait av "Silence SLOBurnRateFast for 90m" &&
    grep -q 'alertname="SLOBurnRateFast"' "$WORK/av.screen" &&
    grep -q "by it-author: taking it" "$WORK/av.screen" &&
    [ -z "$(am_silence_of SLOBurnRateFast)" ]; then
    ok "s: duration, comment, then a confirmation naming the matchers; nothing sent yet"
else
    ko "silence confirmation"; cat "$WORK/av.screen"
fi
keys av Enter
if tui_wait av "silenced SLOBurnRateFast for 90m: silence" &&
    alerts_wait 10 sh -c "curl -fsS '$AMURL/api/v2/silences' | grep -q '\"comment\":\"taking it\",\"createdBy\":\"it-author\"'"; then
    NEW=$(am_silence_of SLOBurnRateFast)
    NEW_ID=${NEW%% *}
    span=$(curl -fsS "$AMURL/api/v2/silences" | sed 's/},{"id"/}\n{"id"/g' | grep "\"id\":\"$NEW_ID\"" |
        sed 's/.*"endsAt":"\([^"]*\)".*"startsAt":"\([^"]*\)".*/\1 \2/' |
        { read -r e s; echo $(( $(date -d "$e" +%s) - $(date -d "$s" +%s) )); })
    if [ -n "$NEW_ID" ] && [ "$span" -ge 5395 ] && [ "$span" -le 5401 ] &&
        grep -q "silenced SLOBurnRateFast for 90m: silence $NEW_ID" "$WORK/av.screen"; then
        ok "Alertmanager's /api/v2/silences has it: $NEW ($span s)"
    else
        ko "the new silence: '$NEW', span '$span'"; curl -s "$AMURL/api/v2/silences"
    fi
else
    ko "silence not made"; cat "$WORK/av.screen"
fi
alerts_wait 20 suppressed SLOBurnRateFast silencedBy &&
    tui_wait av "silenced [0-9].*SLOBurnRateFast" &&
    ok "the view shows SLOBurnRateFast silenced once Alertmanager does" ||
    { ko "view after silencing"; cat "$WORK/av.screen"; }

# e: expire it
keys av e
tui_wait av "Expire the silence of SLOBurnRateFast" &&
    grep -q "$NEW_ID by it-author: taking it" "$WORK/av.screen" ||
    { ko "e asks"; cat "$WORK/av.screen"; }
keys av Enter
if tui_wait av "expired silence $NEW_ID" &&
    [ -n "$(am_silence_of SLOBurnRateFast expired | grep "^$NEW_ID ")" ] &&
    [ -z "$(am_silence_of SLOBurnRateFast)" ]; then
    ok "e expired it: Alertmanager lists $NEW_ID as expired"
else
    ko "expire"; cat "$WORK/av.screen"; curl -s "$AMURL/api/v2/silences"
fi
keys av Escape && keys av q
tui_exit av && ok "alerts view: quits cleanly" || { ko "alerts view exit"; cat "$WORK/av.err"; }

# --read-only: no write leaves the terminal
before=$(curl -fsS "$AMURL/api/v2/silences" | grep -o '"id"' | wc -l)
al_start ro --read-only --url "$AURL" --alertmanager "$AMURL" --refresh 1s "$AYAML"
tui_wait ro "● 2 firing" || { ko "read-only start"; cat "$WORK/ro.screen"; }
keys ro a && keys ro s
if tui_wait ro "read-only: silences cannot be made or expired" &&
    keys ro e && tui_wait ro "read-only: silences cannot be made or expired" &&
    ! grep -q "silence for" "$WORK/ro.screen" &&
    [ "$(curl -fsS "$AMURL/api/v2/silences" | grep -o '"id"' | wc -l)" -eq "$before" ]; then
    ok "--read-only: s and e refused, Alertmanager's silences unchanged ($before)"
else
    ko "--read-only"; cat "$WORK/ro.screen"
fi
keys ro Escape && keys ro q
tui_exit ro || { ko "read-only exit"; cat "$WORK/ro.err"; }
# the same from config.yaml: the Alertmanager and read_only there
printf 'alertmanager:\n  url: %s\nread_only: true\n' "$AMURL" > "$AL/ro.yaml"
al_start rc --config "$AL/ro.yaml" --url "$AURL" --refresh 1s "$AYAML"
keys rc a
if tui_wait rc "Alertmanager: ok" && keys rc s &&
    tui_wait rc "read-only: silences cannot be made or expired" &&
    [ "$(curl -fsS "$AMURL/api/v2/silences" | grep -o '"id"' | wc -l)" -eq "$before" ]; then
    ok "config.yaml: alertmanager: url and read_only: true"
else
    ko "config alertmanager/read_only"; cat "$WORK/rc.screen"
fi
keys rc Escape && keys rc q
tui_exit rc || { ko "config read-only exit"; cat "$WORK/rc.err"; }

bash demo/stack.sh stop --state "$ASTATE" > /dev/null 2>&1
