# servers.sh - the servers besides the main stack that several checks
# share, started once in the background right after the main stack is up
# so that they gather data while the other checks run:
#   the live server: Prometheus 2.42 with native histograms on, scraping
#     itself, a node_exporter and nhexporter.py (protobuf native
#     histograms) every 2 s, with one rule group;
# Each check waits for what it needs with a deadline (live_wait_*).
# Sourced by run.sh, which provides $WORK, free_port, ok and ko.

LIVE=$WORK/live
LIVE_SCRAPE=2

# spawn DIR NAME COMMAND...: runs COMMAND in the background, its output in
# DIR/NAME.log, its pid in DIR/NAME.pid.
spawn() {
    dir=$1 name=$2
    shift 2
    "$@" > "$dir/$name.log" 2>&1 < /dev/null &
    echo $! > "$dir/$name.pid"
}

# stop_pids DIR: stops every process spawned in DIR.
stop_pids() {
    for f in "$1"/*.pid; do
        [ -f "$f" ] || continue
        kill "$(cat "$f")" 2>/dev/null
        rm -f "$f"
    done
}

# other_port USED...: a free port not among USED.
other_port() {
    while :; do
        p=$(free_port)
        case " $* " in *" $p "*) continue ;; esac
        echo "$p"
        return
    done
}

live_start() {
    mkdir -p "$LIVE/data"
    LIVE_PORT=$(free_port)
    LIVE_NODE_PORT=$(other_port "$LIVE_PORT")
    LIVE_NH_PORT=$(other_port "$LIVE_PORT" "$LIVE_NODE_PORT")
    LIVE_URL=http://127.0.0.1:$LIVE_PORT
    cat > "$LIVE/rules.yml" <<EOF
groups:
  - name: promboard-test
    interval: ${LIVE_SCRAPE}s
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
EOF
    cat > "$LIVE/prometheus.yml" <<EOF
global:
  scrape_interval: ${LIVE_SCRAPE}s
  evaluation_interval: ${LIVE_SCRAPE}s
rule_files: ["$LIVE/rules.yml"]
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ["127.0.0.1:$LIVE_PORT"]}]
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:$LIVE_NODE_PORT"]}]
  - job_name: nh
    static_configs: [{targets: ["127.0.0.1:$LIVE_NH_PORT"]}]
EOF
    node_exporter=$(command -v prometheus-node-exporter || command -v node_exporter)
    spawn "$LIVE" node "$node_exporter" --web.listen-address="127.0.0.1:$LIVE_NODE_PORT"
    spawn "$LIVE" nh python3 tests/integration/nhexporter.py "$LIVE_NH_PORT" --switch-after 4
    spawn "$LIVE" prometheus prometheus --config.file="$LIVE/prometheus.yml" \
        --storage.tsdb.path="$LIVE/data" --web.listen-address="127.0.0.1:$LIVE_PORT" \
        --enable-feature=native-histograms
    LIVE_STARTED=$(date +%s)
}

# live_query EXPR: the live server's instant answer (JSON) now.
live_query() {
    curl -fsS --max-time 5 "$LIVE_URL/api/v1/query" --data-urlencode "query=$1" 2>/dev/null
}

# live_wait_for EXPR SECONDS: waits up to SECONDS for EXPR to have a
# result on the live server; false (with the logs shown) when it never did.
live_wait_for() {
    deadline=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        case $(live_query "$1") in *'"result":[{'*) live_ours && return 0 ;; esac
        sleep 0.5
    done
    echo "--- the live server never answered $1:"
    tail -n 5 "$LIVE"/*.log
    return 1
}

# live_ours: the server on $LIVE_PORT is the live server (its
# configuration names our rules file), not another program's.
live_ours() {
    curl -fsS --max-time 5 "$LIVE_URL/api/v1/status/config" 2>/dev/null |
        grep -qF "$LIVE/rules.yml"
}

# live_wait_age SECONDS: waits until the live server has gathered data
# for SECONDS (all its targets up), up to SECONDS + 60 from its start.
live_wait_age() {
    live_wait_for 'count(up == 1) == 3' 60 && live_ours || return 1
    while [ $(( $(date +%s) - LIVE_STARTED )) -lt "$1" ]; do
        sleep 1
    done
}

servers_start() {
    live_start
}

servers_stop() {
    stop_pids "$LIVE"
}
