#!/bin/sh
# deps.sh - installs the Debian packages promboard needs to build, test and
# run its demo, when any is missing; does nothing when all are present.
set -eu

PKGS="make gcc pkg-config libncurses-dev libcurl4-openssl-dev libcjson-dev
libyaml-dev libcmocka-dev prometheus prometheus-node-exporter tmux curl
ncurses-term"

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
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
