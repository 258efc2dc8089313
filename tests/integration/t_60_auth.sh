# t_60_auth.sh - config.yaml, user dashboards and authentication against
# real servers: a second Prometheus over a copy of the stack's history with
# basic_auth_users (bcrypt), nginx in front of the stack checking a bearer
# token and an X-Scope-OrgID header, and a third Prometheus speaking TLS
# that requires a client certificate. Secrets must never show in output.
# Sourced by run.sh, which provides the stack, $BIN, $URL, $T0, $WORK and
# the ok/ko/tui_*/expect_error helpers.

AW=$WORK/auth
mkdir -p "$AW/tmp" "$AW/cfg/promboard/dashboards" "$AW/home"
PASS=pb-pass-Q7x9w
WRONG=pb-wrong-K3v8
TOKEN=pb-token-Z5m2r
BADTOK=pb-badtok-J4n6

# Stops what this file started (also from run.sh's trap on an early exit).
auth_cleanup() {
    for f in "$AW"/*.bgpid; do
        [ -f "$f" ] || continue
        kill "$(cat "$f")" 2>/dev/null
        rm -f "$f"
    done
}
trap 'auth_cleanup; cleanup' EXIT INT TERM

# bg NAME COMMAND...: runs COMMAND in the background, its pid in NAME.bgpid.
bg() {
    name=$1
    shift
    "$@" > "$AW/$name.log" 2>&1 < /dev/null &
    echo $! > "$AW/$name.bgpid"
}

# wait_up NAME CURL-ARGS...: up to 20 s for an answer.
wait_up() {
    name=$1
    shift
    for i in $(seq 1 80); do
        curl -fsS --max-time 2 "$@" > /dev/null 2>&1 && return 0
        kill -0 "$(cat "$AW/$name.bgpid")" 2>/dev/null || break
        sleep 0.25
    done
    echo "--- $name did not come up:"; tail -n 5 "$AW/$name.log"
    return 1
}

# no_secret FILE...: none of the secrets appears in the files.
no_secret() {
    ! cat "$@" | grep -q -e "$PASS" -e "$WRONG" -e "$TOKEN" -e "$BADTOK"
}

# once NAME ARGS...: --once --format json at T0; exit status in $rc.
once() {
    name=$1
    shift
    "$BIN" --at "$T0" --once --format json "$@" > "$AW/$name.json" 2> "$AW/$name.err"
    rc=$?
}

APORT=$(free_port)
NPORT=$(free_port)
while [ "$NPORT" = "$APORT" ]; do NPORT=$(free_port); done
TPORT=$(free_port)
while [ "$TPORT" = "$APORT" ] || [ "$TPORT" = "$NPORT" ]; do TPORT=$(free_port); done

# ---- a Prometheus with basic auth over a copy of the stack's history ----
mkdir -p "$AW/adata"
for m in "$STATE"/data/*/meta.json; do cp -r "$(dirname "$m")" "$AW/adata/"; done
printf 'global:\n  scrape_interval: 1m\n' > "$AW/prom.yml"
HASH=$(htpasswd -nbBC 5 alice "$PASS" | cut -d: -f2-)
printf 'basic_auth_users:\n  alice: %s\n' "$HASH" > "$AW/web-basic.yml"
bg promA prometheus --config.file="$AW/prom.yml" --storage.tsdb.path="$AW/adata" \
    --storage.tsdb.retention.time=100y --web.listen-address="127.0.0.1:$APORT" \
    --web.config.file="$AW/web-basic.yml"
AURL=http://127.0.0.1:$APORT

# ---- nginx checking a bearer token and a tenant header, proxying $URL ---
cat > "$AW/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $AW/nginx.pid;
error_log $AW/nginx-error.log;
$( [ "$(id -u)" -eq 0 ] && echo "user $(id -un) $(id -gn);" )
events { worker_connections 64; }
http {
    access_log $AW/nginx-access.log;
    client_body_temp_path $AW/tmp/body;
    proxy_temp_path $AW/tmp/proxy;
    fastcgi_temp_path $AW/tmp/fastcgi;
    uwsgi_temp_path $AW/tmp/uwsgi;
    scgi_temp_path $AW/tmp/scgi;
    server {
        listen 127.0.0.1:$NPORT;
        location / {
            if (\$http_authorization != "Bearer $TOKEN") { return 401 "Unauthorized\n"; }
            if (\$http_x_scope_orgid != "tenant-a") { return 403 "Forbidden\n"; }
            proxy_buffering off;
            proxy_pass $URL;
        }
    }
}
EOF
bg nginx nginx -p "$AW" -c "$AW/nginx.conf" -e "$AW/nginx-error.log"
NURL=http://127.0.0.1:$NPORT

# ---- a Prometheus over TLS that wants a client certificate --------------
ossl() { openssl "$@" > /dev/null 2>&1; }
EC="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
# shellcheck disable=SC2086
ossl req -x509 $EC -keyout "$AW/ca.key" -out "$AW/ca.crt" -days 2 -subj /CN=promboard-test-ca
for who in server client; do
    # shellcheck disable=SC2086
    ossl req $EC -keyout "$AW/$who.key" -out "$AW/$who.csr" -subj "/CN=$who"
done
printf 'subjectAltName=DNS:prom.test\nextendedKeyUsage=serverAuth\n' > "$AW/server.ext"
printf 'extendedKeyUsage=clientAuth\n' > "$AW/client.ext"
for who in server client; do
    ossl x509 -req -in "$AW/$who.csr" -CA "$AW/ca.crt" -CAkey "$AW/ca.key" \
        -CAcreateserial -days 2 -out "$AW/$who.crt" -extfile "$AW/$who.ext"
done
cat > "$AW/web-tls.yml" <<EOF
tls_server_config:
  cert_file: $AW/server.crt
  key_file: $AW/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: $AW/ca.crt
EOF
mkdir -p "$AW/tdata"
bg promT prometheus --config.file="$AW/prom.yml" --storage.tsdb.path="$AW/tdata" \
    --web.listen-address="127.0.0.1:$TPORT" --web.config.file="$AW/web-tls.yml"
TURL=https://127.0.0.1:$TPORT

up=1
wait_up promA -u "alice:$PASS" "$AURL/-/ready" || up=0
wait_up nginx -H "Authorization: Bearer $TOKEN" -H "X-Scope-OrgID: tenant-a" "$NURL/-/ready" || up=0
wait_up promT --cacert "$AW/ca.crt" --cert "$AW/client.crt" --key "$AW/client.key" \
    --resolve "prom.test:$TPORT:127.0.0.1" "https://prom.test:$TPORT/-/ready" || up=0
[ $up = 1 ] && ok "auth servers up: basic auth $AURL, bearer proxy $NURL, TLS $TURL" ||
    ko "auth servers did not start"
code=$(curl -s -o /dev/null -w '%{http_code}' "$AURL/api/v1/query?query=up")
[ "$code" = 401 ] && ok "the basic-auth Prometheus refuses requests without credentials" ||
    ko "basic-auth Prometheus answered $code without credentials"

OLD_XDG=$XDG_CONFIG_HOME
export XDG_CONFIG_HOME="$AW/cfg"
CFG=$AW/cfg/promboard/config.yaml
printf '%s\n' "$PASS" > "$AW/pass"
printf '%s\n' "$TOKEN" > "$AW/token"

# ---- basic auth -----------------------------------------------------------
cat > "$CFG" <<EOF
url: $AURL
basic_auth:
  username: alice
  password_file: $AW/pass
EOF
once basic system
if [ $rc -eq 0 ] && clean_stderr "$AW/basic.err" &&
    "$COMPARE" "$URL" "$AW/basic.json" --allow-empty "$ALLOW_EMPTY" > "$AW/cmp" 2>&1 &&
    grep -q "\"url\":\"$AURL\"" "$AW/basic.json"; then
    ok "basic_auth with password_file: every System panel equals the open server ($(tail -n 1 "$AW/cmp"))"
else
    ko "basic_auth read (exit $rc)"; cat "$AW/basic.err"; grep -v '^ok' "$AW/cmp"
fi
no_secret "$AW/basic.json" "$AW/basic.err" && ok "no secret in the basic-auth JSON" ||
    ko "a secret shows in the basic-auth output"

cat > "$CFG" <<EOF
url: $AURL
basic_auth: {username: alice, password: $WRONG}
EOF
expect_error "wrong password" 1 "HTTP 401 Unauthorized from $AURL: check basic_auth in $CFG" \
    "$BIN" --at "$T0" --once --format json system
no_secret "$WORK/out" "$WORK/err" && ok "wrong password: not in stdout or stderr" ||
    ko "wrong password shows"

rm -f "$CFG"
expect_error "no credentials" 1 "HTTP 401 Unauthorized from $AURL: the server wants credentials" \
    "$BIN" --url "$AURL" --at "$T0" --once system
once userinfo --url "http://alice:$PASS@127.0.0.1:$APORT" system
if [ $rc -eq 0 ] && grep -q "\"url\":\"$AURL\"" "$AW/userinfo.json" &&
    "$COMPARE" "$URL" "$AW/userinfo.json" --allow-empty "$ALLOW_EMPTY" > "$AW/cmp" 2>&1 &&
    no_secret "$AW/userinfo.json" "$AW/userinfo.err"; then
    ok "user:password@ in the URL works and is redacted ($(tail -n 1 "$AW/cmp"))"
else
    ko "URL userinfo (exit $rc)"; cat "$AW/userinfo.err"
fi
expect_error "wrong user:password@ in the URL" 1 \
    "HTTP 401 Unauthorized from $AURL: check the user and password in the URL" \
    "$BIN" --url "http://alice:$WRONG@127.0.0.1:$APORT" --once system
no_secret "$WORK/out" "$WORK/err" && ok "wrong URL password: not in the output" ||
    ko "URL password shows"
expect_error "unreachable URL with a password" 1 "cannot connect to http://127.0.0.1:1 " \
    "$BIN" --url "http://alice:$PASS@127.0.0.1:1" --once system
no_secret "$WORK/out" "$WORK/err" && ok "connection error: the password is redacted" ||
    ko "URL password shows in a connection error"

"$BIN" --check --url "http://alice:$WRONG@127.0.0.1:$APORT" > "$AW/chk.out" 2> "$AW/chk.err"
rc=$?
[ $rc -eq 0 ] && grep -q "note: PromQL syntax not checked: HTTP 401 Unauthorized from $AURL" "$AW/chk.err" &&
    no_secret "$AW/chk.out" "$AW/chk.err" &&
    ok "--check with a wrong password: layouts ok, the 401 as a note, no secret" ||
    { ko "--check with 401 (exit $rc)"; cat "$AW/chk.err"; }
"$BIN" --check --url "http://alice:$PASS@127.0.0.1:$APORT" > "$AW/chk.out" 2> "$AW/chk.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$AW/chk.err" ] && grep -q "system.yaml: ok" "$AW/chk.out" &&
    no_secret "$AW/chk.out" && ok "--check through basic auth: PromQL checked by the server, no note" ||
    { ko "--check with basic auth (exit $rc)"; cat "$AW/chk.err"; }
"$BIN" --check --url "http://alice:$PASS@127.0.0.1:1" > "$AW/chk.out" 2> "$AW/chk.err"
grep -q "note: PromQL syntax not checked: cannot connect to http://127.0.0.1:1 " "$AW/chk.err" &&
    no_secret "$AW/chk.err" && ok "--check with the server away: the note hides the password" ||
    { ko "--check note"; cat "$AW/chk.err"; }

cat > "$CFG" <<EOF
url: $AURL
basic_auth:
  username: alice
  password_file: $AW/nonexistent-pass
EOF
expect_error "missing password_file" 2 \
    "config.yaml:4:18: cannot read password_file '$AW/nonexistent-pass': No such file" \
    "$BIN" --once system
printf 'url: %s\nbasic_auth:\n  username: alice\n  pasword: x\n' "$AURL" > "$CFG"
expect_error "unknown key in basic_auth" 2 "config.yaml:4:3: unknown key 'pasword' in basic_auth, did you mean 'password'?" \
    "$BIN" --list
printf 'refresh: [1s]\n' > "$CFG"
expect_error "wrong type" 2 "config.yaml:1:10: expected a duration for 'refresh', got a sequence" "$BIN" --list
rm -f "$CFG"
expect_error "--config names a missing file" 2 "nofile.yaml: cannot read the config file" \
    "$BIN" --config "$AW/nofile.yaml" --list
export PROMBOARD_CONFIG=$AW/nofile.yaml
expect_error "PROMBOARD_CONFIG names a missing file" 2 \
    "nofile.yaml: cannot read the config file" "$BIN" --list
unset PROMBOARD_CONFIG

# ---- bearer token and headers through nginx -------------------------------
cat > "$AW/bearer.yaml" <<EOF
url: $NURL
authorization:
  credentials_file: $AW/token
headers:
  X-Scope-OrgID: tenant-a
EOF
once bearer --config "$AW/bearer.yaml" system
if [ $rc -eq 0 ] && clean_stderr "$AW/bearer.err" &&
    "$COMPARE" "$URL" "$AW/bearer.json" --allow-empty "$ALLOW_EMPTY" > "$AW/cmp" 2>&1 &&
    no_secret "$AW/bearer.json" "$AW/bearer.err"; then
    ok "bearer token and X-Scope-OrgID through nginx: panels equal the server ($(tail -n 1 "$AW/cmp"))"
else
    ko "bearer read (exit $rc)"; cat "$AW/bearer.err"; grep -v '^ok' "$AW/cmp"
fi
printf 'url: %s\nauthorization: {type: Bearer, credentials: %s}\nheaders: {X-Scope-OrgID: tenant-a}\n' \
    "$NURL" "$BADTOK" > "$AW/badtok.yaml"
expect_error "wrong bearer token" 1 "HTTP 401 Unauthorized from $NURL: check authorization in $AW/badtok.yaml" \
    "$BIN" --config "$AW/badtok.yaml" --at "$T0" --once --format json system
no_secret "$WORK/out" "$WORK/err" && ok "wrong token: not in stdout or stderr" ||
    ko "token shows"
printf 'url: %s\nbearer_token_file: %s\n' "$NURL" "$AW/token" > "$AW/notenant.yaml"
expect_error "right token, no tenant header" 1 "HTTP 403 Forbidden from $NURL" \
    "$BIN" --config "$AW/notenant.yaml" --at "$T0" --once system
once tenant --config "$AW/notenant.yaml" --header 'X-Scope-OrgID: tenant-a' system
[ $rc -eq 0 ] && "$COMPARE" "$URL" "$AW/tenant.json" --allow-empty "$ALLOW_EMPTY" > "$AW/cmp" 2>&1 &&
    ok "--header adds the tenant header" || { ko "--header (exit $rc)"; cat "$AW/tenant.err"; }

# ---- TLS with a client certificate ----------------------------------------
cat > "$AW/tiny.yaml" <<'EOF'
title: Tiny
rows:
  - panels:
      - {title: Answer, kind: stat, query: vector(42)}
EOF
cat > "$AW/tls.yaml" <<EOF
url: $TURL
tls_config:
  ca_file: $AW/ca.crt
  cert_file: $AW/client.crt
  key_file: $AW/client.key
  server_name: prom.test
EOF
once tls --config "$AW/tls.yaml" "$AW/tiny.yaml"
[ $rc -eq 0 ] && grep -q '"last":42' "$AW/tls.json" &&
    ok "TLS: CA, client certificate and server_name; the answer is 42" ||
    { ko "TLS (exit $rc)"; cat "$AW/tls.err"; head -c 400 "$AW/tls.json"; }
printf 'url: %s\ntls_config: {ca_file: %s, cert_file: %s, key_file: %s}\n' \
    "$TURL" "$AW/ca.crt" "$AW/client.crt" "$AW/client.key" > "$AW/tlsname.yaml"
expect_error "TLS: the certificate does not name 127.0.0.1" 1 "TLS error with $TURL" \
    "$BIN" --config "$AW/tlsname.yaml" --once "$AW/tiny.yaml"
printf 'url: %s\ntls_config: {ca_file: %s, server_name: prom.test}\n' "$TURL" "$AW/ca.crt" > "$AW/nocert.yaml"
expect_error "TLS: no client certificate" 1 "$TURL" \
    "$BIN" --config "$AW/nocert.yaml" --once "$AW/tiny.yaml"
printf 'url: %s\ntls_config: {cert_file: %s, key_file: %s}\n' "$TURL" "$AW/client.crt" "$AW/client.key" > "$AW/skip.yaml"
expect_error "TLS: unknown CA without skip-verify" 1 "TLS error with $TURL" \
    "$BIN" --config "$AW/skip.yaml" --once "$AW/tiny.yaml"
once skip --config "$AW/skip.yaml" --insecure "$AW/tiny.yaml"
[ $rc -eq 0 ] && grep -q '"last":42' "$AW/skip.json" &&
    ok "--insecure skips verification (client certificate still sent)" ||
    { ko "--insecure (exit $rc)"; cat "$AW/skip.err"; }
printf 'url: %s\ntls_config: {cert_file: %s, key_file: %s, insecure_skip_verify: true}\n' \
    "$TURL" "$AW/client.crt" "$AW/client.key" > "$AW/skip2.yaml"
once skip2 --config "$AW/skip2.yaml" "$AW/tiny.yaml"
[ $rc -eq 0 ] && grep -q '"last":42' "$AW/skip2.json" &&
    ok "insecure_skip_verify: true in the config" || { ko "insecure_skip_verify"; cat "$AW/skip2.err"; }

# ---- precedence and the other keys ----------------------------------------
cat > "$CFG" <<EOF
url: $URL
refresh: 7s
dashboard: security
EOF
once cfgurl
[ $rc -eq 0 ] && grep -q "\"url\":\"$URL\"" "$AW/cfgurl.json" &&
    grep -q '"dashboard":"security"' "$AW/cfgurl.json" &&
    grep -q '"refresh_seconds":7' "$AW/cfgurl.json" &&
    ok "config url, dashboard and refresh are used" ||
    { ko "config url/dashboard/refresh (exit $rc)"; head -c 300 "$AW/cfgurl.json"; cat "$AW/cfgurl.err"; }
once cfgover --refresh 3s system
grep -q '"refresh_seconds":3' "$AW/cfgover.json" && grep -q '"dashboard":"system"' "$AW/cfgover.json" &&
    ok "--refresh and DASHBOARD override the config" || ko "options over config"
printf 'url: http://127.0.0.1:1\n' > "$CFG"
export PROMBOARD_URL=$URL
once envurl system
[ $rc -eq 0 ] && grep -q "\"url\":\"$URL\"" "$AW/envurl.json" &&
    ok "PROMBOARD_URL overrides the config url" || { ko "PROMBOARD_URL over config"; cat "$AW/envurl.err"; }
export PROMBOARD_URL=http://127.0.0.1:1
once cliurl --url "$URL" system
unset PROMBOARD_URL
[ $rc -eq 0 ] && grep -q "\"url\":\"$URL\"" "$AW/cliurl.json" &&
    ok "--url overrides PROMBOARD_URL and the config" || { ko "--url over env"; cat "$AW/cliurl.err"; }
printf 'url: %s\n' "$URL" > "$AW/other.yaml"
export PROMBOARD_CONFIG=$AW/other.yaml
once envcfg system
unset PROMBOARD_CONFIG
[ $rc -eq 0 ] && grep -q "\"url\":\"$URL\"" "$AW/envcfg.json" &&
    ok "PROMBOARD_CONFIG points at another file" || { ko "PROMBOARD_CONFIG"; cat "$AW/envcfg.err"; }
rm -f "$CFG"

# ---- user dashboards ------------------------------------------------------
UD=$AW/cfg/promboard/dashboards
sed -e 's/^title: .*/title: Our Own System/' -e 's/title: Uptime$/title: Our Uptime/' \
    layouts/system.yaml > "$UD/system.yaml"
printf 'title: Team Board\nrows:\n  - panels:\n      - {title: Team Answer, kind: stat, query: vector(7)}\n' > "$UD/team.yaml"
"$BIN" --list > "$AW/list" 2> "$AW/list.err"
if grep -q '^system  *Our Own System (user)$' "$AW/list" && grep -q '^team  *Team Board (user)$' "$AW/list" &&
    grep -q '^security  *Security (bundled)$' "$AW/list" && [ "$(grep -c '^system ' "$AW/list")" = 1 ]; then
    ok "--list shows user dashboards, and the user's system.yaml replaces the bundled one"
else
    ko "--list with user dashboards"; cat "$AW/list" "$AW/list.err"
fi
once usersys --url "$URL" system
grep -q '"title":"Our Own System"' "$AW/usersys.json" &&
    "$COMPARE" "$URL" "$AW/usersys.json" --allow-empty "$ALLOW_EMPTY" > "$AW/cmp" 2>&1 &&
    ok "--once system uses the user's system.yaml" || { ko "user system.yaml in --once"; cat "$AW/usersys.err"; }
once team --url "$URL" team
grep -q '"last":7' "$AW/team.json" && ok "a user dashboard by name" || { ko "user dashboard by name"; cat "$AW/team.err"; }
"$BIN" --check --url "$URL" > "$AW/check" 2> "$AW/check.err" &&
    grep -q "^$UD/team.yaml: ok (team, 1 panels)" "$AW/check" &&
    grep -q "^$UD/system.yaml: ok (system," "$AW/check" &&
    ok "--check validates the user dashboards" || { ko "--check user dashboards"; cat "$AW/check" "$AW/check.err"; }
printf 'title: Broken\nrows:\n  - panels:\n      - {title: X, kind: pie2, query: up}\n' > "$UD/broken.yml"
# a bad user file is left out and said; only --check fails on it
expect_error "invalid user dashboard in --list" 0 "broken.yml:4:[0-9]*: .*(skipped)" "$BIN" --list
grep -q "^team " "$WORK/out" || ko "--list left out the good user dashboard"
expect_error "invalid user dashboard in --check" 2 "broken.yml:4:[0-9]*: " "$BIN" --check --url "$URL"
expect_error "invalid user dashboard in --once" 0 "broken.yml:4:[0-9]*: .*(skipped)" "$BIN" --url "$URL" --once system
rm -f "$UD/broken.yml"
# HOME is the fallback when XDG_CONFIG_HOME is not set
mkdir -p "$AW/home/.config/promboard/dashboards"
cp "$UD/team.yaml" "$AW/home/.config/promboard/dashboards/homeboard.yaml"
(unset XDG_CONFIG_HOME; HOME=$AW/home "$BIN" --list) > "$AW/list2" 2>&1
grep -q '^homeboard  *Team Board (user)$' "$AW/list2" && ! grep -q '^team ' "$AW/list2" &&
    ok "without XDG_CONFIG_HOME, user dashboards come from ~/.config/promboard" ||
    { ko "HOME fallback"; cat "$AW/list2"; }

# ---- the TUI: user dashboards switch like the bundled ones; 401 in panels --
OLDBIN=$BIN
BIN="env XDG_CONFIG_HOME=$AW/cfg $OLDBIN"
tui_start ua --url "http://alice:$PASS@127.0.0.1:$APORT" --at "$T0" system
if tui_wait ua "Our Uptime" && tui_wait ua "Incident Timeline" &&
    grep -q "FAST BURN\|SLOW BURN\| OK" "$WORK/ua.screen" && ! grep -q "$PASS\|alice" "$WORK/ua.screen"; then
    ok "TUI: the user's System dashboard over basic auth, the URL shown without the password"
else
    ko "TUI user system over basic auth"; cat "$WORK/ua.screen"
fi
tmux -L "$TMUX_SOCK" send-keys -t ua 9
tui_wait ua "Team Answer" && ok "TUI: key 9 switches to the user dashboard 'team'" ||
    { ko "TUI switch to user dashboard"; cat "$WORK/ua.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t ua q
tui_exit ua || { ko "TUI exit"; cat "$WORK/ua.err"; }
tui_start ub --url "http://alice:$WRONG@127.0.0.1:$APORT" --at "$T0" system
tui_wait ub "401" && grep -q "HTTP 401 Unauthorized" "$WORK/ub.screen" && ! grep -q "$WRONG" "$WORK/ub.screen" &&
    ok "TUI: the panels say HTTP 401 Unauthorized, without the password" ||
    { ko "TUI 401"; cat "$WORK/ub.screen"; }
tmux -L "$TMUX_SOCK" send-keys -t ub q
tui_exit ub || { ko "TUI exit after 401"; cat "$WORK/ub.err"; }
BIN=$OLDBIN
export XDG_CONFIG_HOME="$OLD_XDG"

auth_cleanup
trap cleanup EXIT INT TERM
