#!/usr/bin/env bash
# Benchmark: the hourly job (ours) against a hand-written Spark job (baseline) and a decode+encode
# pass with no dedupe (floor), on the same generated data, on a local S3 API server (S3Proxy) behind a
# proxy that counts every S3 request; and the hourly job with its Parquet copy as an Iceberg table
# (ours-iceberg, on a local Iceberg REST catalog) to measure what the table commit costs.
#   submit/bench.sh [small|medium|large]        (default small)
# Prints a table and writes target/bench/bench.{json,csv,txt}. Each contestant runs in its own JVM with
# the same heap and cores. BENCH_CORES overrides the cores (default: all), BENCH_OUT the output folder,
# BENCH_PROFILE=1 records a JFR profile of each contestant next to its log (target/bench/work/).
# Builds the project first when the sources are newer than the build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size=${1:-small}
store=${2:-s3}
usage() { echo "usage: submit/bench.sh [small|medium|large] [s3|file]" >&2; exit 2; }
case "$size" in
  small|medium|large) ;;
  *) usage ;;
esac
case "$store" in
  s3) out_default="$root/target/bench" ;;
  file) out_default="$root/target/bench-file" ;;
  *) usage ;;
esac
classpath_file="$root/jobs/target/bench.classpath"

stale() {
  [[ ! -f "$classpath_file" ]] && return 0
  [[ -n "$(find "$root/state/src" "$root/jobs/src" "$root/pom.xml" "$root/state/pom.xml" \
    "$root/jobs/pom.xml" -newer "$classpath_file" -print -quit)" ]]
}

if stale; then
  echo "bench: building (mvn package -DskipTests) ..." >&2
  (cd "$root" && mvn -q -B -ntp -DskipTests package) >&2
fi

# The S3 server runs as a child process from its own jar; keep its bundled libraries off our classpath.
deps=$(tr ':' '\n' < "$classpath_file" | grep -v '/s3proxy-' | paste -sd: -)
cd "$root"
exec java -Xmx1g "@$root/submit/spark-jvm.args" \
  -Ds3proxy.jar="$root/jobs/target/s3proxy/s3proxy.jar" \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$root/jobs/target/test-classes:$root/jobs/target/classes:$deps" \
  dev.compactor.jobs.bench.BenchMain "$size" "${BENCH_OUT:-$out_default}" "${BENCH_CORES:-$(nproc)}" "$store"
