#!/bin/sh
# run.sh SECONDS FUZZER... - runs each libFuzzer harness for SECONDS from
# its seeds and the corpus earlier runs grew; prints one line per harness
# and fails on the first finding (kept under build/fuzz/findings).
# Seeds: tests/fuzz/seeds/NAME, plus the test fixtures (answers for json
# and panels; layouts, Grafana dashboards and the bundled layouts for
# layout).
set -u
secs=$1
shift
root=$(pwd)
mkdir -p build/fuzz/findings
fail=0
for bin in "$@"; do
    name=$(basename "$bin" | sed 's/^fuzz_//')
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus"
    case $name in
    json | panels)
        extra="tests/fixtures/promjson tests/fixtures/alerts" ;;
    layout)
        # the bundled layouts sit beside C files: copy the YAML only
        mkdir -p build/fuzz/bundled
        cp layouts/*.yaml build/fuzz/bundled/
        extra="tests/fixtures/layouts tests/fixtures/grafana build/fuzz/bundled" ;;
    *) extra="" ;;
    esac
    log=build/fuzz/$name.log
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$root/build/fuzz/findings/$name-" \
        "$corpus" "tests/fuzz/seeds/$name" $extra > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz $name: ${secs} s, ${runs:-?} runs, ${cov:-cov: ?}, no finding"
    else
        echo "fuzz $name: FINDING (rc $rc), see $log:"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -n 5
        fail=1
    fi
done
exit $fail
