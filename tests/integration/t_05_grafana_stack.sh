# t_05_grafana_stack.sh - starts, early, the server t_95_grafana.sh checks
# the Grafana dashboards on: a Prometheus scraping itself and a
# node_exporter (as job "node", with the node mixin's recording rules), so
# that a minute of samples is there when those checks come. Sourced by
# run.sh (or by t_95_grafana.sh when run alone).

GDIR=../shared/grafana
if [ -d "$GDIR" ]; then
    GPORT=$(free_port)
    GNODE=$(free_port)
    GURL=http://127.0.0.1:$GPORT
    GS=$WORK/grafana-stack
    mkdir -p "$GS"
    # The mixins' dashboards select a `cluster` label (their recording
    # rules keep it): each target gets one, as a cluster's Prometheus has.
    cat > "$GS/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
  query_log_file: $GS/queries.log
rule_files:
  - $(pwd)/$GDIR/node-mixin-rules.yaml
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['127.0.0.1:$GPORT'], labels: {cluster: it}}]
  - job_name: node
    static_configs: [{targets: ['127.0.0.1:$GNODE'], labels: {cluster: it}}]
EOF
    NODE_EXPORTER=$(command -v prometheus-node-exporter || command -v node_exporter)
    "$NODE_EXPORTER" --web.listen-address="127.0.0.1:$GNODE" > "$GS/node.log" 2>&1 &
    GNODE_PID=$!
    prometheus --config.file="$GS/prometheus.yml" \
        --web.listen-address="127.0.0.1:$GPORT" \
        --storage.tsdb.path="$GS/data" > "$GS/prometheus.log" 2>&1 &
    GPROM_PID=$!
    g_stop() {
        kill "$GPROM_PID" "$GNODE_PID" 2>/dev/null
        wait "$GPROM_PID" "$GNODE_PID" 2>/dev/null
    }
    trap 'g_stop; cleanup' EXIT INT TERM
fi
