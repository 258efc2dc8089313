#!/bin/sh
# run.sh - `make demo`: starts the demo stack (Prometheus and node_exporter
# fed by the simulator, and an Alertmanager), opens promboard on it, and
# stops the stack when promboard exits. PROMBOARD_DEMO_PORT picks another
# Prometheus port, PROMBOARD_DEMO_AM_PORT another Alertmanager port.
set -eu
cd "$(dirname "$0")/.."
PORT=${PROMBOARD_DEMO_PORT:-19090}
NODE_PORT=${PROMBOARD_DEMO_NODE_PORT:-19100}
AM_PORT=${PROMBOARD_DEMO_AM_PORT:-19093}
bash demo/stack.sh start --port "$PORT" --node-port "$NODE_PORT" \
    --alertmanager-port "$AM_PORT" --promsim build/promsim
trap 'bash demo/stack.sh stop' EXIT INT TERM
[ $# -eq 0 ] && set -- system # the liveliest view; Tab and 1-6 switch
status=0
./promboard --url "http://127.0.0.1:$PORT" \
    --alertmanager "http://127.0.0.1:$AM_PORT" --refresh 5s "$@" || status=$?
exit "$status"
