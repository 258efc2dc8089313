# t_89_sources.sh - several servers from config.yaml: the main stack's
# Prometheus and VictoriaMetrics (servers.sh) as datasources picked with
# `datasource:` on a dashboard, a panel or a query, each query answered by
# its own server (values equal to that server's); query_params reach the
# server and the user's own beat the fresh-data defaults; scrape_interval
# per server; dashboards: chooses and orders the tabs.
# Sourced by run.sh, which provides the stack, $BIN, $COMPARE, $WORK and
# the helpers.

DW=$WORK/sources
mkdir -p "$DW/cfg/promboard"
vm_wait > /dev/null || ko "VictoriaMetrics not up for the datasources"
cat > "$DW/cfg/promboard/config.yaml" <<EOF
url: $URL
dashboards: [security, system]
datasources:
  longterm:
    url: $VM_URL
    scrape_interval: 30s
  vmself:
    url: $VM_URL
    query_params: {extra_label: 'job=vm', nocache: '0'}
EOF
cat > "$DW/sources.yaml" <<'YAML'
title: Two servers
range: 1h
rows:
  - panels:
      - title: Targets here
        kind: stat
        query: count(up)
      - title: Targets in the long term
        kind: stat
        datasource: longterm
        query: count(up)
      - title: Side by side
        kind: table
        queries:
          - {expr: 'count(up)', name: prometheus}
          - {expr: 'count(up)', name: longterm, datasource: longterm}
  - panels:
      - title: Requests here
        kind: timeseries
        query: sum(rate(http_requests_total[$__rate_interval]))
      - title: Requests in the long term
        kind: timeseries
        datasource: longterm
        query: sum(rate(http_requests_total[$__rate_interval]))
YAML
srun() { env XDG_CONFIG_HOME="$DW/cfg" "$BIN" "$@"; }
srun --at "$T0" --once --format json "$DW/sources.yaml" > "$DW/sources.json" 2> "$DW/err"
if clean_stderr "$DW/err" &&
    "$COMPARE" "$URL" "$DW/sources.json" --tolerance 1e-12 > "$DW/cmp" 2>&1; then
    ok "datasource: on a panel and on a query: every query answered by its own server ($(tail -n 1 "$DW/cmp"))"
else
    ko "datasources"; cat "$DW/err" "$DW/cmp"
fi
python3 - "$DW/sources.json" "$VM_URL" > "$DW/shape" 2>&1 <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
p = {x["title"]: x for x in d["panels"]}
def srcs(title):
    return [q.get("datasource") for q in p[title]["queries"]]
assert set(srcs("Targets here")) == {None}, srcs("Targets here")
assert set(srcs("Targets in the long term")) == {"longterm"}
assert srcs("Side by side") == [None, "longterm"], srcs("Side by side")
lt = [q for q in p["Targets in the long term"]["queries"]][0]
assert lt["url"] == sys.argv[2], lt
ds = {s["name"]: s for s in d["datasources"]}
assert ds["longterm"]["kind"] == "VictoriaMetrics"
assert ds["longterm"]["params"] == "nocache=1&latency_offset=1ms", ds["longterm"]
# not asked by this dashboard: the user's parameters only, kind unknown
assert ds["vmself"]["params"] == "extra_label=job%3Dvm&nocache=0", ds["vmself"]
assert d["server"]["kind"] == "Prometheus" and d["server"]["params"] == ""
def window(title):
    q = [q for q in p[title]["queries"] if q["type"] == "range"][0]
    secs = sum(int(v) * {"s": 1, "m": 60, "h": 3600}[u]
               for v, u in re.findall(r"([0-9]+)([smh])", re.search(r"\[([^\]]+)\]", q["expr"]).group(1)))
    return secs, q["step"]
here, step = window("Requests here")
lt_w, lt_step = window("Requests in the long term")
assert here == max(step + 15, 60), (here, step)
assert lt_w == max(lt_step + 30, 120) and lt_step >= 30, (lt_w, lt_step)
print("rate windows %ds here, %ds in the long term (scrape_interval: 30s)" % (here, lt_w))
PY
[ $? -eq 0 ] && ok "datasources in the JSON: named per query, recognised, their parameters; $(cat "$DW/shape")" ||
    { ko "datasources in the JSON"; cat "$DW/shape"; }

# dashboards: security and system, in that order, then the one named
srun --at "$T0" --once --size 160x10 "$DW/sources.yaml" > "$DW/tabs" 2> "$DW/err"
head -n 1 "$DW/tabs" | grep -q "^ promboard  1 Security  *2 System Performance  *3 Two servers " &&
    ! head -n 1 "$DW/tabs" | grep -q "Executive\|Hosts" &&
    ok "dashboards: [security, system] are the tabs, in that order, then the one named" ||
    { ko "dashboards: tabs"; head -n 1 "$DW/tabs"; cat "$DW/err"; }
printf 'dashboards: [system, nosuch]\n' > "$DW/bad.yaml"
expect_error "dashboards: an unknown name" 2 "bad.yaml:1:22: unknown dashboard 'nosuch' in 'dashboards' (known: executive, release, aiml, infra, system, security, prometheus, node)" \
    "$BIN" --config "$DW/bad.yaml" --once system
sed 's/datasource: longterm$/datasource: nowhere/' "$DW/sources.yaml" > "$DW/nowhere.yaml"
expect_error "datasource: an unknown name" 2 \
    "nowhere.yaml:10:21: unknown datasource 'nowhere' (config.yaml's datasources: 'longterm', 'vmself'; 'default' is the main server)" \
    srun --check "$DW/nowhere.yaml"

# query_params reach the server: extra_label keeps VictoriaMetrics' own
# series; nocache=0 (the user's) beats the fresh-data default: 30 s old
cat > "$DW/self.yaml" <<'YAML'
title: Itself
datasource: vmself
rows:
  - panels:
      - {title: Series, kind: stat, query: 'count(up)'}
      - {title: Newest, kind: stat, query: 'max(timestamp(up))'}
YAML
# (once VictoriaMetrics has scraped itself for longer than it hides)
i=0
until curl -fsS "$VM_URL/api/v1/query?query=up&extra_label=job=vm" 2>/dev/null |
    grep -q '"result":\[{' || [ $i -ge 120 ]; do
    sleep 0.5
    i=$((i + 1))
done
srun --once --format json "$DW/self.yaml" > "$DW/self.json" 2> "$DW/err"
python3 - "$DW/self.json" > "$DW/self" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = {p["title"]: [q for q in p["queries"] if q["type"] == "instant"][0]["series"][0]["last"] for p in d["panels"]}
assert v["Series"] == 1, v
age = d["time"] - v["Newest"]
assert age >= 25, age
print("%.0f s old" % age)
PY
[ $? -eq 0 ] && ok "query_params: extra_label=job=vm leaves one series; the user's nocache=0 wins: the newest value $(cat "$DW/self")" ||
    { ko "query_params of a datasource"; cat "$DW/self" "$DW/err"; }
