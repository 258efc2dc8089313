# servers.sh - the servers besides the main stack that several checks
# share, started once in the background right after the main stack is up
# so that they gather data while the other checks run:
#   the live server: Prometheus 2.42 with native histograms on, scraping
#     itself, a node_exporter and nhexporter.py (protobuf native
#     histograms) every 2 s, with one rule group;
#   VictoriaMetrics (Debian's 1.79, default flags) with the main stack's
#     simulated history imported, scraping itself every 2 s;
# Each check waits for what it needs with a deadline (live_wait_*,
# vm_wait).
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

# vm_start: VictoriaMetrics (Debian's 1.79, default flags) filled with
# the same simulated history as the main stack (promsim import), and
# scraping itself every VM_SCRAPE seconds for a live series.
VM=$WORK/vm
VM_SCRAPE=2
vm_start() {
    mkdir -p "$VM"
    VM_PORT=$(other_port "$LIVE_PORT" "$LIVE_NODE_PORT" "$LIVE_NH_PORT")
    VM_URL=http://127.0.0.1:$VM_PORT
    cat > "$VM/scrape.yml" <<YML
scrape_configs:
  - job_name: vm
    scrape_interval: ${VM_SCRAPE}s
    static_configs: [{targets: ["127.0.0.1:$VM_PORT"]}]
YML
    spawn "$VM" victoria victoria-metrics -storageDataPath="$VM/data" \
        -httpListenAddr="127.0.0.1:$VM_PORT" -retentionPeriod=100y \
        -promscrape.config="$VM/scrape.yml"
    # the history, as soon as it answers
    (
        i=0
        until curl -fsS --max-time 1 "$VM_URL/health" > /dev/null 2>&1; do
            i=$((i + 1))
            [ $i -le 240 ] || exit 1
            sleep 0.25
        done
        "$ROOT/build/promsim" import --from $((T0 - 8 * 3600)) --to "$T0" |
            curl -fsS -X POST -T - "$VM_URL/api/v1/import/prometheus" &&
            curl -fsS "$VM_URL/internal/force_flush" && touch "$VM/imported"
    ) > "$VM/import.log" 2>&1 < /dev/null &
    echo $! > "$VM/import.pid"
}

# vm_ours: the server on $VM_PORT is our VictoriaMetrics.
vm_ours() {
    curl -fsS --max-time 5 "$VM_URL/metrics" 2>/dev/null | grep -qF "$VM/data"
}

# vm_wait: waits up to 3 minutes for the history to be imported and
# answered (the 11 targets of the main stack at T0).
vm_wait() {
    deadline=$(( $(date +%s) + 180 ))
    while [ "$(date +%s)" -le "$deadline" ]; do
        if [ -f "$VM/imported" ] && vm_ours &&
            curl -fsS --max-time 5 "$VM_URL/api/v1/query" --data-urlencode 'query=count(up) == 11' \
                --data "time=$T0" --data nocache=1 2>/dev/null | grep -q '"result":\[{'; then
            return 0
        fi
        sleep 0.5
    done
    echo "--- VictoriaMetrics never answered the history:"
    tail -n 5 "$VM"/*.log
    return 1
}

servers_start() {
    live_start
    vm_start
}

servers_stop() {
    stop_pids "$LIVE"
    stop_pids "$VM"
}
