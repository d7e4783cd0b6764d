#!/usr/bin/env bash
# The JMH benchmarks in one command: builds bench/target/benchmarks.jar and runs every benchmark (or those matched
# by the arguments, which go to JMH as they are) with the GC profiler, writing JSON to bench/results/jmh.json
# (JMH_RESULT=FILE to change it). The load average before and after goes to stderr: record it with the figures.
#
#   bench/jmh.sh                                   # all, default iterations (about 6 minutes)
#   bench/jmh.sh QueryBenchmark                    # the query path only (about 2 minutes)
#   bench/jmh.sh -f 3 -wi 5 -i 10                  # the long version: 3 forks, more iterations
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$here" && { mvn -B -q -o -DskipTests -pl bench -am package >&2 2>/dev/null \
  || mvn -B -q -DskipTests -pl bench -am package >&2; })
out="${JMH_RESULT:-$here/bench/results/jmh.json}"
mkdir -p "$(dirname "$out")"
echo "jmh.sh: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -jar "$here/bench/target/benchmarks.jar" -prof gc -rf json -rff "$out" "$@"
echo "jmh.sh: load average after: $(cut -d' ' -f1-3 /proc/loadavg); results in $out" >&2
