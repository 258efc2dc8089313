#!/bin/sh
# deps.sh - installs the Debian packages promboard needs to build, test and
# run its demo, when any is missing; does nothing when all are present.
set -eu

# nginx, apache2-utils (htpasswd) and openssl serve the authentication
# tests: a bearer-token proxy, bcrypt hashes for Prometheus' basic_auth_users
# and the certificates of a TLS Prometheus. python3 also runs the
# robustness tests' hostile server and pseudo-terminal driver.
# htop, time (GNU /usr/bin/time for peak RSS) and python3 (the synthetic
# server) serve `make bench`: promboard's CPU is measured beside htop's.
# prometheus-alertmanager is the Alertmanager of the alert tests and of the
# demo stack. victoria-metrics is the second backend the value comparisons
# run against (its own rate and histogram semantics, its cache of the newest
# samples). clang and libclang-rt-dev (libFuzzer and clang's sanitizer
# runtimes) build the unit tests a second time, where clang's UBSan also
# catches float-to-integer overflows gcc's misses, and the fuzzers.
PKGS="make gcc pkg-config libncurses-dev libcurl4-openssl-dev libcjson-dev
libyaml-dev libcmocka-dev prometheus prometheus-node-exporter tmux curl
nginx apache2-utils openssl ncurses-term htop time python3
prometheus-alertmanager victoria-metrics clang libclang-rt-dev"

missing=""
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "promboard: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "promboard: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The packages' own services (a system prometheus on :9090, nginx on :80) are
# not wanted: promboard's tests and demo start their own on loopback ports,
# and a busy port 80 would fail nginx's installation. A policy-rc.d that
# answers 101 keeps them from starting during this install only.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
    $SUDO sh -c "printf '#!/bin/sh\nexit 101\n' > $POLICY && chmod 755 $POLICY"
    trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
