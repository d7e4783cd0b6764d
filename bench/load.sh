#!/usr/bin/env bash
# Lodestar against Knot DNS under dnsperf, on loopback, pinned: servers on core 0, dnsperf on core 1.
#
#   bench/load.sh [--tasks N] [--duration SECONDS] [--rate QPS] [--clients N] [--outstanding N]
#                 [--repeat N] [--server-cpu N] [--client-cpu N] [--no-knot] [--profile] [--keep] [--out FILE]
#
# Installs dnsperf and knot from Debian when missing (needs root), builds Lodestar and the bench jar, generates a
# Mesos state of N tasks (default 20000), the query files and a zone file exported by `./lodestar zone`, starts
# Lodestar (through ./lodestar, so with the launcher's default JVM flags unless LODESTAR_JAVA_OPTS is set) and
# knotd (one UDP worker) on free high loopback ports, then runs dnsperf against each in turn for every query file
# (A, SRV, NXDOMAIN, mixed) at full speed, and the mixed file at a fixed rate, and prints one table: q/s, latency
# avg/max, lost queries, server CPU, RSS, with the Lodestar/Knot ratio. Every process it starts it stops.
# --repeat N measures every pair N times, alternating, and shows the median run (for shared machines).
# --profile adds one more full-speed mixed run against Lodestar under async-profiler (fetched from Maven Central,
# loaded into the running JVM with jcmd) and prints where the event loops' CPU went; the collapsed stacks are kept
# next to --out (or in bench/results/profile-N.collapsed). The profiled run is not in the table.
set -euo pipefail

tasks=20000
duration=15
rate=10000
clients=4
outstanding=100
server_cpu=0
client_cpu=1
with_knot=1
keep=0
profile=0
repeat=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --outstanding) outstanding="$2"; shift 2 ;;
    --server-cpu) server_cpu="$2"; shift 2 ;;
    --client-cpu) client_cpu="$2"; shift 2 ;;
    --no-knot) with_knot=0; shift ;;
    --keep) keep=1; shift ;;
    --profile) profile=1; shift ;;
    --repeat) repeat="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "load.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$duration$repeat" in ''|*[!0-9]*) echo "load.sh: --duration and --repeat must be whole numbers" >&2; exit 2 ;; esac
if [ "$repeat" -lt 1 ] || [ "$repeat" -gt 9 ]; then echo "load.sh: --repeat must be 1..9" >&2; exit 2; fi
if [ "$duration" -lt 1 ] || [ "$duration" -gt 300 ]; then echo "load.sh: --duration must be 1..300" >&2; exit 2; fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "load.sh: $*" >&2; }

# ---- tools ----------------------------------------------------------------------------------------------------
need=()
command -v dnsperf >/dev/null || need+=(dnsperf)
if [ "$with_knot" = 1 ]; then command -v knotd >/dev/null || need+=(knot); fi
command -v dig >/dev/null || need+=(bind9-dnsutils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then log "missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root"; exit 1; fi
  log "installing ${need[*]} from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
command -v taskset >/dev/null || { log "taskset (util-linux) is missing"; exit 1; }
if [ "$(nproc --all)" -le "$client_cpu" ]; then log "this machine has no CPU $client_cpu to pin dnsperf to"; exit 1; fi

# ---- build ----------------------------------------------------------------------------------------------------
log "building lodestar and the bench jar"
(cd "$here" && { mvn -B -q -o -DskipTests -pl server,bench -am package >&2 2>/dev/null \
  || mvn -B -q -DskipTests -pl server,bench -am package >&2; })
jar="$here/bench/target/benchmarks.jar"

# ---- processes we start, stopped on any exit ------------------------------------------------------------------
work="$(mktemp -d /tmp/lodestar-load.XXXXXX)"
pids=()
stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if [ "$keep" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! ss -Hlnu "sport = :$p" | grep -q . && ! ss -Hlnt "sport = :$p" | grep -q .; then echo "$p"; return; fi
  done
  log "no free port found"; exit 1
}

# Waits (at most 60 s) until the server on $1 answers; prints the milliseconds it took from $2 (ns).
wait_answer() {
  local port="$1" t0="$2"
  for _ in $(seq 1 3000); do
    if dig @127.0.0.1 -p "$port" +tries=1 +time=1 +short leader.mesos. A 2>/dev/null | grep -q '^[0-9]'; then
      echo $(( ($(date +%s%N) - t0) / 1000000 )); return 0
    fi
    sleep 0.02
  done
  return 1
}

# ---- inputs ---------------------------------------------------------------------------------------------------
lport="$(free_port)"
kport="$(free_port)"
state="$work/state.json"
java -cp "$jar" io.lodestar.bench.StateGenerator --tasks "$tasks" --out "$state"
cat > "$work/lodestar.json" <<EOF
{
  "stateFile": "$state",
  "listener": "127.0.0.1",
  "port": $lport,
  "HTTPListener": "127.0.0.1",
  "httpport": $(free_port),
  "IPSources": ["netinfo", "mesos", "host"],
  "resolvers": ["127.0.0.1"],
  "externalon": false
}
EOF
java -cp "$jar" io.lodestar.bench.QueryFiles --state "$state" --config "$work/lodestar.json" --out "$work/queries"
"$here/lodestar" zone -config "$work/lodestar.json" > "$work/mesos.zone"
log "zone: $(wc -l < "$work/mesos.zone") records"

# ---- start-up on the demo state: launch to first answer, three times --------------------------------------------
dport="$(free_port)"
cat > "$work/demo.json" <<EOF
{"stateFile": "$here/docs/examples/demo-state.json", "listener": "127.0.0.1",
 "port": $dport, "HTTPListener": "127.0.0.1", "httpport": $(free_port), "resolvers": ["127.0.0.1"], "externalon": false}
EOF
demo_ms=()
# Run 0 is not reported: after a build, the launcher's first run writes the class-data-sharing archive at exit.
for i in 0 1 2 3 4 5; do
  t0=$(date +%s%N)
  taskset -c "$server_cpu" "$here/lodestar" -config "$work/demo.json" > "$work/demo-$i.log" 2>&1 &
  dpid=$!
  pids+=("$dpid")
  if ms=$(wait_answer "$dport" "$t0"); then [ "$i" = 0 ] || demo_ms+=("$ms"); else log "the demo state was not served; its log:"; tail -5 "$work/demo-$i.log" >&2; fi
  stop_pid "$dpid"
done
demo_sorted="$(printf '%s\n' "${demo_ms[@]}" | sort -n | tr '\n' ' ')"
demo_median="$(printf '%s\n' "${demo_ms[@]}" | sort -n | sed -n 3p)"
log "start-up to first answer on the demo state: ${demo_sorted}ms"

# ---- servers --------------------------------------------------------------------------------------------------
t0=$(date +%s%N)
# JAVA_TOOL_OPTIONS adds a GC log without replacing the launcher's flags: each run counts the pauses inside it.
JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Xlog:gc:file=$work/gc.log:timemillis" \
  taskset -c "$server_cpu" "$here/lodestar" -config "$work/lodestar.json" > "$work/lodestar.log" 2>&1 &
lpid=$!
pids+=("$lpid")
if ! lstart_ms=$(wait_answer "$lport" "$t0"); then log "lodestar did not answer; its log:"; tail -20 "$work/lodestar.log" >&2; exit 1; fi
log "lodestar (pid $lpid) answers on 127.0.0.1:$lport after $lstart_ms ms"

kpid=""
if [ "$with_knot" = 1 ]; then
  mkdir -p "$work/knot/db"
  cp "$work/mesos.zone" "$work/knot/mesos.zone"
  cat > "$work/knot/knot.conf" <<EOF
server:
    rundir: "$work/knot"
    listen: 127.0.0.1@$kport
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
control:
    listen: "$work/knot/knot.sock"
database:
    storage: "$work/knot/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$work/knot"
    semantic-checks: off
    journal-content: none
    zonefile-sync: -1
zone:
  - domain: mesos.
    file: "mesos.zone"
EOF
  t0=$(date +%s%N)
  taskset -c "$server_cpu" knotd -c "$work/knot/knot.conf" > "$work/knot.log" 2>&1 &
  kpid=$!
  pids+=("$kpid")
  if ! kstart_ms=$(wait_answer "$kport" "$t0"); then log "knotd did not answer; its log:"; tail -20 "$work/knot.log" >&2; exit 1; fi
  log "knotd (pid $kpid) answers on 127.0.0.1:$kport after $kstart_ms ms"
fi

# ---- measurement ----------------------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime of the whole process
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# Busy ticks of one CPU from /proc/stat (user+nice+system+irq+softirq+steal).
core_busy() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

results="$work/results.tsv"
: > "$results"
# run NAME PID PORT WORKLOAD FILE [MAXQPS]
run() {
  local name="$1" pid="$2" port="$3" workload="$4" file="$5" qps="${6:-}"
  local out="$work/dnsperf-$name-$workload.txt" c0 c1 b0 b1 l0 l1 t0 t1 gc="-	-" args=()
  [ -n "$qps" ] && args=(-Q "$qps")
  l0=$(loadavg); c0=$(cpu_ticks "$pid"); b0=$(core_busy "$client_cpu"); t0=$(date +%s%N)
  timeout $((duration + 30)) taskset -c "$client_cpu" dnsperf -s 127.0.0.1 -p "$port" -d "$file" \
    -c "$clients" -q "$outstanding" -l "$duration" -n 1000 "${args[@]}" > "$out" 2>&1 || true
  t1=$(date +%s%N); c1=$(cpu_ticks "$pid"); b1=$(core_busy "$client_cpu"); l1=$(loadavg)
  if [ "$name" = lodestar ] && [ -f "$work/gc.log" ]; then
    # GC pauses logged between the run's start and end: count and longest (ms).
    gc=$(awk -v from="$((t0 / 1000000))" -v to="$((t1 / 1000000))" '
      /Pause/ { t = substr($1, 2) + 0; if (t >= from && t <= to) { n++; p = $NF; sub(/ms$/, "", p); if (p + 0 > m) m = p + 0 } }
      END { printf "%d\t%.1f", n, m }' "$work/gc.log")
  fi
  awk -v name="$name" -v wl="$workload" -v cpu="$(( (c1 - c0) * 1000000000 / ticks ))" -v wall="$((t1 - t0))" \
      -v client="$(( (b1 - b0) * 1000000000 / ticks ))" -v rss="$(rss_mib "$pid")" -v l0="$l0" -v l1="$l1" -v gc="$gc" '
    /Queries completed:/ { done = $3 }
    /Queries lost:/ { lost = $3 }
    /Queries per second:/ { qps = $4 }
    /Average Latency/ { avg = $4; max = $8; sub(/\)/, "", max) }
    END {
      if (qps == "") { print "load.sh: dnsperf gave no result for " name " " wl > "/dev/stderr"; exit 1 }
      printf "%s\t%s\t%.0f\t%.3f\t%.3f\t%d\t%.0f\t%.0f\t%s\t%s\t%s\t%s\n", name, wl, qps, avg * 1000, max * 1000, lost,
        100 * cpu / wall, 100 * client / wall, rss, l0, l1, gc
    }' "$out" >> "$results"
  tail -1 "$results" | awk -F'\t' '{ printf "load.sh: %-8s %-10s %8s q/s  avg %s ms  max %s ms  lost %s  server cpu %s%%  rss %s MiB  gc pauses %s (max %s ms)  load %s-%s\n", $1, $2, $3, $4, $5, $6, $7, $9, $12, $13, $10, $11 }' >&2
}

servers=("lodestar $lpid $lport")
[ -n "$kpid" ] && servers+=("knot $kpid $kport")

log "warm-up: 5 s of the mixed file against each server (not reported)"
for s in "${servers[@]}"; do
  set -- $s
  timeout 40 taskset -c "$client_cpu" dnsperf -s 127.0.0.1 -p "$3" -d "$work/queries/mixed.txt" \
    -c "$clients" -q "$outstanding" -l 5 -n 1000 > /dev/null 2>&1 || true
done

for r in $(seq 1 "$repeat"); do
  for wl in a srv nxdomain mixed; do
    for s in "${servers[@]}"; do
      set -- $s
      run "$1" "$2" "$3" "$wl" "$work/queries/$wl.txt"
    done
  done
  for s in "${servers[@]}"; do
    set -- $s
    run "$1" "$2" "$3" "mixed@$rate" "$work/queries/mixed.txt" "$rate"
  done
done

# A refresh while serving: a third of the way into a fixed-rate run the state file is replaced by the next poll's
# version (one task fewer), and Lodestar re-reads, rebuilds and publishes it on its state-file thread.
sed '0,/"state":"TASK_RUNNING","resources"/s//"state":"TASK_KILLING","resources"/' "$state" > "$work/state.next"
( sleep $((duration / 3)); mv "$work/state.next" "$state"; date +%s%3N > "$work/state.changed" ) &
pids+=("$!")
run lodestar "$lpid" "$lport" "mixed@$rate+refresh" "$work/queries/mixed.txt" "$rate"
# The refresh as the server saw it: from the rename to the log line of the second publish (the file is checked
# every second, so up to a second of this is waiting for the check). Waits at most 60 s more.
refresh_ms="not published"
for _ in $(seq 1 600); do
  line=$(grep "records: published" "$work/lodestar.log" | sed -n 2p)
  if [ -n "$line" ] && [ -f "$work/state.changed" ]; then
    published_at=$(date -d "$(echo "$line" | cut -d' ' -f1)" +%s%3N)
    refresh_ms="$((published_at - $(cat "$work/state.changed"))) ms"
    break
  fi
  sleep 0.1
done
log "refresh: the new state was published $refresh_ms after the file changed"
lhwm=$(hwm_mib "$lpid")
lrss_busy=$(rss_mib "$lpid")
# The heap grows for a refresh and is given back once it is over (launcher flags: uncommit 5 s after a collection,
# a collection at least every 10 s): resident memory 20 s after the last run.
sleep 20
lrss_settled=$(rss_mib "$lpid")

# ---- profile (--profile): one more full-speed mixed run, under async-profiler ----------------------------------
profile_report=""
if [ "$profile" = 1 ]; then
  ap_version=4.0
  ap_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ap_version/async-profiler-$ap_version.jar"
  [ -f "$ap_jar" ] || (cd "$here" && mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$ap_version" >&2)
  (cd "$work" && jar xf "$ap_jar" linux-x64/libasyncProfiler.so)
  ap_lib="$work/linux-x64/libasyncProfiler.so"
  profile_out="${out:+${out%.*}.collapsed}"
  profile_out="${profile_out:-$here/bench/results/profile-$tasks.collapsed}"
  mkdir -p "$(dirname "$profile_out")"
  # The agent's options are quoted for jcmd's own parser, which would otherwise split them at '='.
  jcmd "$lpid" JVMTI.agent_load "$ap_lib" "\"start,event=cpu,interval=1000000\"" > /dev/null
  timeout $((duration + 30)) taskset -c "$client_cpu" dnsperf -s 127.0.0.1 -p "$lport" -d "$work/queries/mixed.txt" \
    -c "$clients" -q "$outstanding" -l "$duration" -n 1000 > "$work/dnsperf-profiled.txt" 2>&1 || true
  jcmd "$lpid" JVMTI.agent_load "$ap_lib" "\"stop,file=$profile_out,collapsed\"" > /dev/null
  profile_report="$(java -cp "$jar" io.lodestar.bench.ProfileSummary "$profile_out" --top 12)"
  log "profile: $(grep -m1 'Queries per second' "$work/dnsperf-profiled.txt" | awk '{ print $4 }') q/s while profiled; stacks in $profile_out"
fi

# ---- report ---------------------------------------------------------------------------------------------------
# With --repeat, the median run of each server and workload (the lower middle for an even count): by q/s at full
# speed, by average latency at a fixed rate.
median_rows() {
  awk -F'\t' '
    { key = $1 SUBSEP $2; if (!(key in n)) order[++k] = key; row[key, ++n[key]] = $0
      q[key, n[key]] = index($2, "@") ? -$4 : $3 }
    END {
      for (i = 1; i <= k; i++) {
        key = order[i]; m = n[key]
        for (a = 1; a <= m; a++) idx[a] = a
        for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (q[key, idx[b]] < q[key, idx[a]]) { t = idx[a]; idx[a] = idx[b]; idx[b] = t }
        print row[key, idx[int((m + 1) / 2)]]
      }
    }' "$results"
}

report() {
  shown="$work/shown.tsv"
  median_rows > "$shown"
  echo "# Lodestar vs Knot DNS: $tasks tasks ($(stat -c %s "$state" | awk '{ printf "%.1f MB", $1 / 1e6 }') state, $(wc -l < "$work/mesos.zone") records)"
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -srm), $(nproc --all) CPUs, servers on CPU $server_cpu, dnsperf on CPU $client_cpu"
  echo "# dnsperf -c $clients -q $outstanding -l $duration, $repeat run(s) each (the median shown: by q/s, by avg latency at a fixed rate); lodestar JVM flags: ${LODESTAR_JAVA_OPTS:-launcher defaults}"
  echo "# start-up to first answer: demo state median ${demo_median} ms (5 runs through ./lodestar, sorted: ${demo_sorted}ms); $tasks-task state: lodestar ${lstart_ms} ms${kpid:+, knot ${kstart_ms:-?} ms}"
  echo "# lodestar RSS right after the runs ${lrss_busy} MiB, 20 s later ${lrss_settled} MiB, peak (VmHWM) ${lhwm} MiB; refresh while serving: published $refresh_ms after the state file changed (checked every 1 s)"
  echo
  printf "| %-8s | %-11s | %8s | %7s | %7s | %6s | %10s | %10s | %7s | %9s | %-9s |\n" server workload "q/s" "avg ms" "max ms" lost \
    "server CPU" "CPU$client_cpu busy" "RSS MiB" "GC pauses" "load avg"
  echo "|----------|-------------|---------:|--------:|--------:|-------:|-----------:|-----------:|--------:|----------:|-----------|"
  awk -F'\t' '{ printf "| %-8s | %-11s | %8s | %7s | %7s | %6s | %9s%% | %9s%% | %7s | %9s | %s-%s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, ($12 == "-" ? "-" : $12 " (" $13 " ms)"), $10, $11 }' "$shown"
  if [ -n "$kpid" ]; then
    echo
    echo "| workload    | lodestar/knot q/s | lodestar/knot CPU | lodestar avg ms | knot avg ms | lodestar max ms | knot max ms |"
    echo "|-------------|------------------:|------------------:|----------------:|------------:|----------------:|------------:|"
    awk -F'\t' '
      $1 == "lodestar" { lq[$2] = $3; lc[$2] = $7; la[$2] = $4; lm[$2] = $5; order[++n] = $2 }
      $1 == "knot" { kq[$2] = $3; kc[$2] = $7; ka[$2] = $4; km[$2] = $5 }
      END {
        for (i = 1; i <= n; i++) {
          w = order[i]
          if (!(w in kq)) continue
          printf "| %-11s | %17.2f | %17.2f | %15s | %11s | %15s | %11s |\n", w, lq[w] / kq[w], (kc[w] > 0 ? lc[w] / kc[w] : 0), la[w], ka[w], lm[w], km[w]
        }
      }' "$shown"
  fi
  if [ -n "$profile_report" ]; then
    echo
    echo "Profile of Lodestar's event loops during a full-speed mixed run (async-profiler, cpu, 1 ms):"
    echo '```'
    echo "$profile_report"
    echo '```'
  fi
  if [ "$repeat" -gt 1 ]; then
    echo
    echo "Every run ($repeat per server and workload):"
    awk -F'\t' '{ printf "  %-8s %-20s %8s q/s  avg %s ms  max %s ms  lost %s  cpu %s%%  gc %s (%s ms)  load %s-%s\n", $1, $2, $3, $4, $5, $6, $7, $12, $13, $10, $11 }' "$results"
  fi
}
report | tee ${out:+"$out"}
