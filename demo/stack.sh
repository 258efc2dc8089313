#!/usr/bin/env bash
# stack.sh - start and stop promboard's demo stack.
#
# The stack is a local Prometheus filled with simulated history (promsim
# openmetrics + promtool backfill), plus, unless --no-live, node_exporter
# publishing `promsim textfile` output so that the history continues live,
# and with --alertmanager-port an Alertmanager the rules' alerts go to.
# All processes listen on 127.0.0.1 only; their pids, logs, configuration
# and TSDB live in one state directory.
#
#   stack.sh start  [--state DIR] [--port P] [--node-port Q] [--hours H]
#                   [--at T] [--seed N] [--no-live] [--promsim PATH]
#                   [--alertmanager-port A] [--rules DIR] [--eval-interval D]
#                   [--history-only 'FAMILY ...']
#   stack.sh stop   [--state DIR]
#   stack.sh stop-prometheus  [--state DIR]
#   stack.sh start-prometheus [--state DIR]
#   stack.sh url    [--state DIR]
#   stack.sh status [--state DIR]
set -eu

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

state=${XDG_STATE_HOME:-${HOME:-/tmp}/.local/state}/promboard-demo
port=19090
node_port=19100
hours=6
at=
seed=
live=1
promsim=$root/build/promsim
am_port=
rules=$here/rules
eval_interval=15s
history_only=
ready_timeout=${PROMBOARD_DEMO_TIMEOUT:-120}
stale_after=900 # seconds of missing data past which a stopped stack renews
stop_timeout=15
port_given=0

usage() {
    cat <<'EOF'
usage: stack.sh start  [--state DIR] [--port P] [--node-port Q] [--hours H]
                       [--at T] [--seed N] [--no-live] [--promsim PATH]
                       [--alertmanager-port A] [--rules DIR]
                       [--eval-interval D] [--history-only 'FAMILY ...']
       stack.sh stop   [--state DIR]
       stack.sh stop-prometheus  [--state DIR]
       stack.sh start-prometheus [--state DIR]
       stack.sh url    [--state DIR]
       stack.sh status [--state DIR]

start   write H hours (default 6) of simulated history ending at T (unix
        seconds, default now) into DIR/data unless already done for DIR,
        then run Prometheus on 127.0.0.1:P (default 19090) and, unless
        --no-live, node_exporter on 127.0.0.1:Q (default 19100) with
        `promsim textfile` refreshing every 5 s and this machine's CPU,
        memory, load, file systems, disks and network (the Hosts
        dashboard).  Waits until Prometheus is
        ready and the first live scrape has landed.  With
        --alertmanager-port, Alertmanager runs on 127.0.0.1:A with
        demo/alertmanager.yml and Prometheus sends it its alerts.  --rules
        reads alerts.yml and recording.yml from DIR instead of demo/rules;
        --eval-interval sets how often the rules run (default 15s).
        --history-only writes the history of those metric families only
        (as named in '# TYPE' lines, e.g. 'http_requests nexus_slo_burn_rate'):
        a quicker start when only some rules need the past.
        Harmless when running.
stop    stop the processes recorded in DIR (TERM, then KILL).
stop-prometheus   stop Prometheus only; the live writer and node_exporter
        keep running (a server outage, as promboard sees it).
start-prometheus  start Prometheus again on the port, configuration and
        data of the last start in DIR, and wait until it is ready.
url     print the Prometheus URL of the stack.
status  print which processes run.
DIR defaults to ${XDG_STATE_HOME:-$HOME/.local/state}/promboard-demo.
EOF
}

usage_error() {
    echo "stack.sh: $*" >&2
    echo "usage: stack.sh start|stop|stop-prometheus|start-prometheus|url|status [options] (stack.sh --help for details)" >&2
    exit 2
}

die() {
    echo "stack.sh: $*" >&2
    exit 1
}

is_uint() {
    case $1 in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac
}

check_port() {
    if ! is_uint "$2" || [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
        usage_error "$1: '$2' is not a TCP port (1-65535)"
    fi
}

cmd=${1:-}
case $cmd in
-h | --help | help)
    usage
    exit 0
    ;;
start | stop | stop-prometheus | start-prometheus | url | status) shift ;;
'') usage_error "missing command" ;;
*) usage_error "unknown command '$cmd'" ;;
esac

need_value() {
    [ "$2" -ge 2 ] || usage_error "$cmd: $1 needs a value"
}

while [ $# -gt 0 ]; do
    opt=$1
    case $opt in
    --state) need_value "$opt" $#; state=$2; shift 2 ;;
    --port) need_value "$opt" $#; check_port "$opt" "$2"; port=$2; port_given=1; shift 2 ;;
    --node-port) need_value "$opt" $#; check_port "$opt" "$2"; node_port=$2; shift 2 ;;
    --hours)
        need_value "$opt" $#
        if ! is_uint "$2" || [ "$2" -gt 8760 ]; then
            usage_error "--hours: '$2' is not a whole number of hours (0-8760)"
        fi
        hours=$2; shift 2 ;;
    --at)
        need_value "$opt" $#
        is_uint "$2" || usage_error "--at: '$2' is not a unix time in seconds"
        at=$2; shift 2 ;;
    --seed)
        need_value "$opt" $#
        is_uint "$2" || usage_error "--seed: '$2' is not a non-negative whole number"
        seed=$2; shift 2 ;;
    --promsim) need_value "$opt" $#; promsim=$2; shift 2 ;;
    --alertmanager-port) need_value "$opt" $#; check_port "$opt" "$2"; am_port=$2; shift 2 ;;
    --rules)
        need_value "$opt" $#
        [ -f "$2/alerts.yml" ] && [ -f "$2/recording.yml" ] ||
            usage_error "--rules: '$2' holds no alerts.yml and recording.yml"
        rules=$(cd "$2" && pwd); shift 2 ;;
    --eval-interval)
        need_value "$opt" $#
        case $2 in [1-9]*[smh] | [1-9]*[0-9][smh]) ;; *) usage_error "--eval-interval: '$2' is not a duration such as 2s or 1m" ;; esac
        eval_interval=$2; shift 2 ;;
    --history-only) need_value "$opt" $#; history_only=$2; shift 2 ;;
    --no-live) live=0; shift ;;
    *) usage_error "$cmd: unknown option '$opt'" ;;
    esac
done
[ -n "$state" ] || usage_error "--state: empty directory name"
case $state in /*) ;; *) state=$PWD/$state ;; esac

# The names of the processes, in the order they are stopped.
procs="promsim node_exporter prometheus alertmanager"

# Is pid $1 alive (not a zombie) and one of ours (its command line names
# the state directory)?
pid_ours() {
    local pid=$1 st
    is_uint "$pid" || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/stat" ]; then
        st=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1) || st=
        [ "$st" != Z ] || return 1
        tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$state/" || return 1
    fi
    return 0
}

# Print the pid of process $1 when it runs, else fail.
running() {
    local f=$state/$1.pid pid
    [ -f "$f" ] || return 1
    pid=$(cat "$f" 2>/dev/null) || return 1
    pid_ours "$pid" || return 1
    echo "$pid"
}

# Print the pid of a process of ours running program $1 with argument $2
# whose pid file is lost (a stop that was interrupted, a file removed by
# hand), else fail.
find_ours() {
    local d pid
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        tr '\0' '\n' 2>/dev/null <"$d/cmdline" | grep -qxF -- "$2" || continue
        case $(tr '\0' ' ' 2>/dev/null <"$d/cmdline") in *"$1"*) ;; *) continue ;; esac
        pid_ours "$pid" || continue
        echo "$pid"
        return 0
    done
    return 1
}

# Print the pid of our Prometheus when it runs, recording it again when its
# pid file was lost; else fail.
prometheus_running() {
    local pid
    if pid=$(running prometheus); then
        echo "$pid"
        return 0
    fi
    pid=$(find_ours prometheus "--storage.tsdb.path=$state/data") || return 1
    echo "$pid" >"$state/prometheus.pid"
    echo "$pid"
}

# Print the last lines of a log to stderr.
show_log() {
    if [ -s "$1" ]; then
        echo "--- last lines of $1:" >&2
        tail -n 15 "$1" >&2
    fi
}

# Start process $1 in the background, detached, logging to DIR/$1.log.
# Returns once it runs the program (or has died): until its exec, the child
# is a copy of this shell, which pid_ours would not recognise, and on a busy
# machine that copy may take a while to get there.
launch() {
    local name=$1 pid i=0
    shift
    setsid "$@" >"$state/$name.log" 2>&1 </dev/null &
    pid=$!
    echo $pid >"$state/$name.pid"
    while ! pid_ours "$pid" && kill -0 "$pid" 2>/dev/null &&
        [ $i -lt $((ready_timeout * 50)) ]; do
        sleep 0.02
        i=$((i + 1))
    done
}

# Does something already listen on 127.0.0.1:$1?
port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

find_bin() {
    local b
    for b in "$@"; do
        if command -v "$b" >/dev/null 2>&1; then
            command -v "$b"
            return 0
        fi
    done
    return 1
}

# GET $1 from the stack's Prometheus (path and query string).
prom_get() {
    curl -fsS --max-time 3 "http://127.0.0.1:$port$1" 2>/dev/null
}

# Run an instant query; print the JSON answer.
prom_query() {
    curl -fsS --max-time 3 -G "http://127.0.0.1:$port/api/v1/query" \
        --data-urlencode "query=$1" 2>/dev/null
}

stop_one() {
    local name=$1 f=$state/$1.pid pid i
    [ -f "$f" ] || return 0
    pid=$(cat "$f" 2>/dev/null) || pid=
    if pid_ours "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        i=0
        while pid_ours "$pid" && [ $i -lt $((stop_timeout * 10)) ]; do
            sleep 0.1
            i=$((i + 1))
        done
        if pid_ours "$pid"; then
            echo "stack.sh: $name (pid $pid) ignored SIGTERM for ${stop_timeout}s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
            i=0
            while pid_ours "$pid" && [ $i -lt 50 ]; do
                sleep 0.1
                i=$((i + 1))
            done
        fi
        echo "stopped $name (pid $pid)"
    fi
    rm -f "$f"
}

do_stop() {
    local p
    [ -d "$state" ] || return 0
    for p in $procs; do
        stop_one "$p"
    done
}

do_url() {
    local p=$port
    if [ $port_given = 0 ] && [ -f "$state/port" ]; then
        p=$(cat "$state/port")
    fi
    echo "http://127.0.0.1:$p"
}

do_status() {
    local p pid
    for p in $procs; do
        if pid=$(running "$p"); then
            echo "$p: running (pid $pid)"
        else
            echo "$p: stopped"
        fi
    done
}

# Backfill the simulated history into DIR/data once per state directory.
make_history() {
    local promtool=$1 end from om tmp
    if [ -f "$state/history.done" ]; then
        echo "history already in $state/data ($(cat "$state/history.done"))"
        return 0
    fi
    if [ "$hours" -eq 0 ]; then
        mkdir -p "$state/data"
        echo "from= to= step=15 seed=$seed" >"$state/history.done"
        return 0
    fi
    end=${at:-$(date +%s)}
    from=$((end - hours * 3600))
    om=$state/history.om
    tmp=$state/data.new
    echo "writing ${hours}h of simulated history ($from .. $end) ..."
    if [ -n "$history_only" ]; then
        # keep the families named (each runs from its '# HELP' line to the
        # next family's) and the closing '# EOF'
        "$promsim" openmetrics --from "$from" --to "$end" --step 15 --seed "$seed" |
            awk -v keep=" $(echo "$history_only" | tr ',' ' ') " '
                /^# EOF/ { print; next }
                /^# (HELP|TYPE) / { on = index(keep, " " $3 " ") > 0 }
                on' >"$om" ||
            { rm -f "$om"; die "promsim openmetrics failed"; }
    else
        "$promsim" openmetrics --from "$from" --to "$end" --step 15 --seed "$seed" >"$om" ||
            { rm -f "$om"; die "promsim openmetrics failed"; }
    fi
    rm -rf "$tmp"
    if ! "$promtool" tsdb create-blocks-from openmetrics "$om" "$tmp" >"$state/promtool.log" 2>&1; then
        show_log "$state/promtool.log"
        rm -rf "$tmp" "$om"
        die "promtool could not backfill the history (see $state/promtool.log)"
    fi
    mkdir -p "$state/data"
    mv "$tmp"/* "$state/data/"
    rm -rf "$tmp" "$om"
    echo "from=$from to=$end step=15 seed=$seed" >"$state/history.done"
}

# The unix time the stack's data reaches: the end of the backfilled
# history or the live writer's last file, whichever is later; empty when
# neither is known.
data_end() {
    local to t
    to=$(sed -n 's/.*to=\([0-9]*\).*/\1/p' "$state/history.done" 2>/dev/null)
    t=$(stat -c %Y "$state/textfile/promsim.prom" 2>/dev/null) || t=
    if [ -n "$t" ] && { [ -z "$to" ] || [ "$t" -gt "$to" ]; }; then
        to=$t
    fi
    echo "$to"
}

# A stopped live stack whose data ends more than stale_after seconds ago, or
# (seed not chosen by --seed) has no incident in its last hour, starts on a
# fresh history: a demo opens on data that reaches now and on an incident
# in the visible window, not on hours of "no data".
renew_history() {
    local end now recorded why=
    [ -f "$state/history.done" ] || return 0
    if running prometheus >/dev/null || running promsim >/dev/null ||
        running node_exporter >/dev/null; then
        return 0 # running: its data goes on
    fi
    now=$(date +%s)
    end=$(data_end)
    recorded=$(sed -n 's/.*seed=\([0-9]*\).*/\1/p' "$state/history.done")
    if [ -z "$end" ]; then
        why="its history has no end time"
    elif [ $((now - end)) -gt $stale_after ]; then
        why="its data ends $(((now - end) / 60)) minutes ago"
    elif [ -z "$seed" ] && [ -n "$recorded" ] &&
        [ -z "$("$promsim" incidents --from $((now - 3600)) --to "$now" --seed "$recorded" 2>/dev/null)" ]; then
        why="its last hour holds no incident"
    fi
    [ -n "$why" ] || return 0
    echo "$state: $why; writing a fresh history"
    rm -rf "$state/data" "$state/data.new" "$state/history.done" "$state/history.om" \
        "$state/textfile/promsim.prom"
}

write_config() {
    local out=$state/prometheus.yml
    sed -e "s|@NODE_PORT@|$node_port|g" -e "s|@RULES_DIR@|$rules|g" \
        -e "s|@AM_PORT@|$am_port|g" -e "s|@EVAL_INTERVAL@|$eval_interval|g" \
        "$here/prometheus.yml.in" >"$out.new"
    if [ $live = 0 ]; then
        sed -i -e '/# live-begin/,/# live-end/d' -e 's/^scrape_configs:$/scrape_configs: []/' "$out.new"
    fi
    if [ -z "$am_port" ]; then
        sed -i -e '/# alerting-begin/,/# alerting-end/d' "$out.new"
    fi
    mv "$out.new" "$out"
}

wait_ready() {
    local i=0 pid
    while :; do
        if ! pid=$(running prometheus); then
            show_log "$state/prometheus.log"
            die "prometheus exited before it was ready (port $port in use?)"
        fi
        if prom_get /-/ready >/dev/null; then
            return 0
        fi
        [ $i -lt $((ready_timeout * 4)) ] || {
            show_log "$state/prometheus.log"
            die "prometheus on 127.0.0.1:$port not ready after ${ready_timeout}s"
        }
        sleep 0.25
        i=$((i + 1))
    done
}

wait_scrape() {
    local i=0 r p
    while :; do
        for p in node_exporter promsim; do
            if ! running "$p" >/dev/null; then
                show_log "$state/$p.log"
                die "$p exited (port $node_port in use?)"
            fi
        done
        r=$(prom_query 'up{job="node"} == 1') || r=
        case $r in *'"result":[{'*) break ;; esac
        [ $i -lt $((ready_timeout * 2)) ] || {
            show_log "$state/node_exporter.log"
            show_log "$state/prometheus.log"
            die "no successful scrape of node_exporter (127.0.0.1:$node_port) after ${ready_timeout}s"
        }
        sleep 0.5
        i=$((i + 1))
    done
    r=$(prom_query 'node_textfile_scrape_error{job="node"} != 0') || r=
    case $r in
    *'"result":[{'*)
        show_log "$state/node_exporter.log"
        die "node_exporter could not read promsim's textfile (node_textfile_scrape_error is 1)"
        ;;
    esac
}

# Run Alertmanager ($1) with demo/alertmanager.yml on 127.0.0.1:$am_port,
# without clustering (it would listen on 0.0.0.0:9094), and wait until it
# is ready.
start_alertmanager() {
    local i=0
    mkdir -p "$state/alertmanager"
    launch alertmanager "$1" \
        --config.file="$here/alertmanager.yml" \
        --storage.path="$state/alertmanager" \
        --web.listen-address="127.0.0.1:$am_port" \
        --cluster.listen-address=
    echo "$am_port" >"$state/alertmanager-port"
    echo "started alertmanager (pid $(cat "$state/alertmanager.pid")) on 127.0.0.1:$am_port"
    while ! curl -fsS --max-time 3 "http://127.0.0.1:$am_port/-/ready" >/dev/null 2>&1; do
        if ! running alertmanager >/dev/null; then
            show_log "$state/alertmanager.log"
            die "alertmanager exited before it was ready (port $am_port in use?)"
        fi
        [ $i -lt $((ready_timeout * 4)) ] || {
            show_log "$state/alertmanager.log"
            die "alertmanager on 127.0.0.1:$am_port not ready after ${ready_timeout}s"
        }
        sleep 0.25
        i=$((i + 1))
    done
}

# Run Prometheus ($1) on DIR's configuration and data, on 127.0.0.1:$port.
launch_prometheus() {
    launch prometheus "$1" \
        --config.file="$state/prometheus.yml" \
        --storage.tsdb.path="$state/data" \
        --storage.tsdb.retention.time=100y \
        --web.listen-address="127.0.0.1:$port" \
        --web.enable-lifecycle
    echo "started prometheus (pid $(cat "$state/prometheus.pid")) on 127.0.0.1:$port"
}

# Start Prometheus alone again, as the last start in DIR left it set up.
do_start_prometheus() {
    local prometheus pid
    prometheus=$(find_bin prometheus) || die "prometheus not found in PATH"
    [ -f "$state/prometheus.yml" ] && [ -f "$state/port" ] ||
        die "$state holds no stack (run stack.sh start first)"
    port=$(cat "$state/port")
    if pid=$(prometheus_running); then
        echo "prometheus already running (pid $pid) on 127.0.0.1:$port"
    else
        port_busy "$port" &&
            die "127.0.0.1:$port is already in use by another program"
        launch_prometheus "$prometheus"
    fi
    wait_ready
    echo "ready: http://127.0.0.1:$port"
}

do_start() {
    local prometheus promtool node_exporter alertmanager pid i
    command -v curl >/dev/null 2>&1 || die "curl not found"
    prometheus=$(find_bin prometheus) || die "prometheus not found in PATH"
    promtool=$(find_bin promtool) || die "promtool not found in PATH"
    if [ $live = 1 ]; then
        node_exporter=$(find_bin node_exporter prometheus-node-exporter) ||
            die "node_exporter (or prometheus-node-exporter) not found in PATH"
    fi
    if [ -n "$am_port" ]; then
        alertmanager=$(find_bin alertmanager prometheus-alertmanager /usr/bin/prometheus-alertmanager) ||
            die "alertmanager (or prometheus-alertmanager) not found in PATH"
    fi
    [ -x "$promsim" ] || die "promsim not found at $promsim (build it first, e.g. make)"
    case $promsim in /*) ;; *) promsim=$PWD/$promsim ;; esac
    mkdir -p "$state" "$state/textfile" || die "cannot create $state"
    if [ $live = 1 ] && [ -z "$at" ]; then
        renew_history
    fi
    # The live data must continue the history: keep the seed it was made with.
    if [ -f "$state/history.done" ]; then
        local recorded
        recorded=$(sed -n 's/.*seed=\([0-9]*\).*/\1/p' "$state/history.done")
        if [ -n "$recorded" ] && [ -n "$seed" ] && [ "$seed" != "$recorded" ]; then
            die "$state holds history made with --seed $recorded; use that seed or another --state"
        fi
        seed=${seed:-$recorded}
    fi
    if [ -z "$seed" ] && [ $live = 1 ] && [ -z "$at" ]; then
        # a new live stack opens on a story: 15 minutes into an incident,
        # while report-service burns its budget slowly (every alert fires)
        seed=$("$promsim" seed --at "$(date +%s)" --into 900 --slow-into 19800 2>/dev/null) || seed=
        [ -z "$seed" ] || echo "seed $seed: the stack opens 15 minutes into an incident"
    fi
    seed=${seed:-1}
    if ! prometheus_running >/dev/null && port_busy "$port"; then
        die "127.0.0.1:$port is already in use by another program (choose another --port)"
    fi
    if [ $live = 1 ] && ! running node_exporter >/dev/null && port_busy "$node_port"; then
        die "127.0.0.1:$node_port is already in use by another program (choose another --node-port)"
    fi

    if [ -n "$am_port" ]; then
        if pid=$(running alertmanager); then
            echo "alertmanager already running (pid $pid)"
        else
            port_busy "$am_port" &&
                die "127.0.0.1:$am_port is already in use by another program (choose another --alertmanager-port)"
            start_alertmanager "$alertmanager"
        fi
    fi

    if pid=$(prometheus_running); then
        port=$(cat "$state/port" 2>/dev/null || echo "$port")
        echo "prometheus already running (pid $pid) on 127.0.0.1:$port"
    else
        make_history "$promtool"
        write_config
        if ! "$promtool" check config "$state/prometheus.yml" >"$state/promtool.log" 2>&1; then
            show_log "$state/promtool.log"
            die "invalid Prometheus configuration $state/prometheus.yml"
        fi
        launch_prometheus "$prometheus"
        echo "$port" >"$state/port"
    fi

    if [ $live = 1 ]; then
        if pid=$(running promsim); then
            echo "promsim already running (pid $pid)"
        else
            rm -f "$state/textfile/promsim.prom"
            launch promsim "$promsim" textfile --dir "$state/textfile" --interval 5 --seed "$seed"
            i=0
            while [ ! -f "$state/textfile/promsim.prom" ]; do
                if ! running promsim >/dev/null || [ $i -ge 100 ]; then
                    show_log "$state/promsim.log"
                    die "promsim textfile did not write $state/textfile/promsim.prom"
                fi
                sleep 0.1
                i=$((i + 1))
            done
            echo "started promsim (pid $(cat "$state/promsim.pid"))"
        fi
        if pid=$(running node_exporter); then
            echo "node_exporter already running (pid $pid)"
        else
            launch node_exporter "$node_exporter" \
                --web.listen-address="127.0.0.1:$node_port" \
                --collector.disable-defaults \
                --collector.textfile \
                --collector.textfile.directory="$state/textfile" \
                --collector.uname --collector.stat --collector.cpu \
                --collector.meminfo --collector.loadavg \
                --collector.filesystem --collector.diskstats \
                --collector.netdev
            echo "$node_port" >"$state/node-port"
            echo "started node_exporter (pid $(cat "$state/node_exporter.pid")) on 127.0.0.1:$node_port"
        fi
    fi

    wait_ready
    if [ $live = 1 ]; then
        wait_scrape
    fi
    echo "ready: $(do_url)"
}

case $cmd in
start) do_start ;;
stop) do_stop ;;
stop-prometheus) if [ -d "$state" ]; then stop_one prometheus; fi ;;
start-prometheus) do_start_prometheus ;;
url) do_url ;;
status) do_status ;;
esac
