#!/usr/bin/env bash
# Proves that Trino 476's Iceberg connector (the engine of Athena engine version 3) reads the table
# that event-type.<T>.parquet-table=iceberg writes, and that what it reads is what the compactor says
# it wrote. A maintainer's check, not CI: it downloads Trino (about 800 MB, once) and takes a few
# minutes. Everything listens on 127.0.0.1 only:
#   1. starts the S3 API server of the tests (S3Proxy, filesystem backend) and Iceberg's reference
#      REST catalog server (JDBC catalog in SQLite, warehouse on that S3 server),
#   2. generates sample clicks, runs the compactor with the Iceberg table, generates more events in
#      the last hour and runs it again (two snapshots),
#   3. starts Trino 476 with an Iceberg catalog on the same REST catalog and S3 server, and queries:
#      totals, counts per partition (dt, hr, bucket come from the partition metadata, not the files),
#      the timestamp columns, "clicks$snapshots", and the first run's snapshot by time travel,
#   4. compares every count with the compactor's run reports and manifests, and runs compactor verify
#      over the window; exits 1 on a mismatch or a problem verify reports.
#
#   submit/trino-iceberg-check.sh                 (output also in target/trino-check/check.log)
#
# Environment (defaults in brackets): TRINO_CHECK_DIR [target/trino-check], TRINO_CHECK_AT (last
# hour) [the current hour, UTC], TRINO_CHECK_HOURS [3], TRINO_CHECK_EVENTS (per hour) [5000],
# TRINO_CHECK_PORT (first of three loopback ports) [9291], TRINO_JAVA_HOME (Java 24+, which Trino
# 476 needs) [/usr/lib/jvm/temurin-25-jdk-amd64].
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${TRINO_CHECK_DIR:-$root/target/trino-check}
hours=${TRINO_CHECK_HOURS:-3}
events=${TRINO_CHECK_EVENTS:-5000}
at=${TRINO_CHECK_AT:-$(date -u +%Y-%m-%dT%H)}
s3_port=${TRINO_CHECK_PORT:-9291}
catalog_port=$((s3_port + 1))
trino_port=$((s3_port + 2))
java25=${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
trino_version=476
trino_home=$root/target/trino-$trino_version/trino-server-$trino_version
trino_cli=$root/target/trino-$trino_version/trino-cli-$trino_version-executable.jar
bucket=trino-check
event_type=clicks
namespace=compactor

[[ -x "$java25/bin/java" ]] || { echo "error: Trino $trino_version needs Java 24+; set TRINO_JAVA_HOME (no $java25/bin/java)" >&2; exit 2; }
command -v jq > /dev/null || { echo "error: jq is needed to read the run reports and manifests" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work/s3/$bucket" "$work/trino/etc/catalog" "$work/trino/data"
exec > >(tee "$work/check.log") 2>&1

say() { echo "trino-check: $*"; }
failures=0
fail() { echo "MISMATCH: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# --- build ----------------------------------------------------------------------------------------
classpath_file=$root/jobs/target/bench.classpath
if [[ ! -f "$classpath_file" || ! -f "$root/jobs/target/s3proxy/s3proxy.jar" || -n "$(find "$root/state/src" \
  "$root/jobs/src" "$root/pom.xml" "$root/state/pom.xml" "$root/jobs/pom.xml" -newer "$classpath_file" -print -quit)" ]]; then
  say "building (mvn package -DskipTests) ..."
  (cd "$root" && mvn -q -B -ntp -DskipTests package)
  touch "$root/jobs/target/compactor.built"
fi
# The test classpath holds Iceberg's REST catalog server (iceberg-open-api test fixtures), Jetty and
# SQLite; S3Proxy runs from its own jar, so its bundled libraries stay off this classpath.
catalog_classpath=$(tr ':' '\n' < "$classpath_file" | grep -v '/s3proxy-' | paste -sd: -)

# --- Trino 476 from Maven Central, unpacked once under target/ -----------------------------------
if [[ ! -x "$trino_home/bin/launcher" || ! -f "$trino_cli" ]]; then
  say "fetching Trino $trino_version (server tarball and CLI) from Maven Central ..."
  download=$root/target/trino-$trino_version/download
  mkdir -p "$download"
  # Outside the project, so that Maven runs the goal once rather than for each module.
  (cd "$download" && mvn -q -B -ntp dependency:copy -Dartifact=io.trino:trino-server:$trino_version:tar.gz \
    -DoutputDirectory="$download" && mvn -q -B -ntp dependency:copy \
    -Dartifact=io.trino:trino-cli:$trino_version:jar:executable -DoutputDirectory="$root/target/trino-$trino_version")
  tar xzf "$download/trino-server-$trino_version.tar.gz" -C "$root/target/trino-$trino_version"
  # Plugins share jars through hard links, so the whole tarball is unpacked; only Iceberg is kept,
  # which also keeps start-up short.
  find "$trino_home/plugin" -mindepth 1 -maxdepth 1 ! -name iceberg -exec rm -rf {} +
  rm -rf "$download"
fi

# --- servers on loopback --------------------------------------------------------------------------
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

wait_for_port() { # name port pid log
  local i
  for i in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "$1 exited:"; tail -40 "$4"; exit 1; }
    sleep 0.2
  done
  echo "$1 did not listen on 127.0.0.1:$2 in 60 s:"; tail -40 "$4"; exit 1
}

# Test-only credentials of the local server; the AWS default credential chain reads them from here.
export AWS_ACCESS_KEY_ID=check-access-key
export AWS_SECRET_ACCESS_KEY=check-secret-key
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=filesystem
jclouds.identity=unused
jclouds.credential=unused
jclouds.filesystem.basedir=$work/s3
CONF
say "starting S3Proxy on http://127.0.0.1:$s3_port (objects under $work/s3)"
LOG_LEVEL=warn setsid java -Xmx512m -jar "$root/jobs/target/s3proxy/s3proxy.jar" \
  --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
pids+=($!)
wait_for_port S3Proxy "$s3_port" "${pids[-1]}" "$work/s3proxy.log"

# RESTCatalogServer reads CATALOG_* variables: CATALOG_ dropped, "__" -> "-", "_" -> ".", lower case.
say "starting Iceberg's REST catalog server on http://127.0.0.1:$catalog_port (warehouse s3://$bucket/warehouse)"
env CATALOG_WAREHOUSE="s3://$bucket/warehouse" \
  CATALOG_CATALOG__IMPL=org.apache.iceberg.jdbc.JdbcCatalog \
  CATALOG_URI="jdbc:sqlite:file:$work/catalog.db" \
  CATALOG_JDBC_SCHEMA__VERSION=V1 \
  CATALOG_IO__IMPL=org.apache.iceberg.aws.s3.S3FileIO \
  CATALOG_S3_CLIENT__FACTORY__IMPL=org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory \
  CATALOG_S3_ENDPOINT="http://127.0.0.1:$s3_port" \
  CATALOG_S3_PATH__STYLE__ACCESS=true \
  CATALOG_S3_ACCESS__KEY__ID="$AWS_ACCESS_KEY_ID" \
  CATALOG_S3_SECRET__ACCESS__KEY="$AWS_SECRET_ACCESS_KEY" \
  CATALOG_CLIENT_REGION=us-east-1 \
  CATALOG_REST_PORT="$catalog_port" \
  setsid java -Xmx512m -cp "$catalog_classpath" org.apache.iceberg.rest.RESTCatalogServer \
  > "$work/catalog.log" 2>&1 &
pids+=($!)
wait_for_port "REST catalog" "$catalog_port" "${pids[-1]}" "$work/catalog.log"

# --- two compactor runs ---------------------------------------------------------------------------
compactor() { # command args...
  local command=$1
  shift
  "$root/submit/compactor" "$command" --config "$root/conf/local.properties" --event-type "$event_type" \
    --set s3.endpoint="http://127.0.0.1:$s3_port" \
    --set input.root="s3a://$bucket/raw" \
    --set output.root="s3a://$bucket/compacted" \
    --set state.root="s3a://$bucket/state" \
    --set event-type.$event_type.parquet-table=iceberg \
    --set iceberg.catalog-uri="http://127.0.0.1:$catalog_port" \
    --set iceberg.namespace="$namespace" "$@"
}
run_compactor() { # label -> sets run_id, snapshot_id
  local label=$1 out=$work/$1.out err=$work/$1.err
  compactor run --at "$at" --window-hours "$hours" > "$out" 2> "$err" || { cat "$out" "$err"; exit 1; }
  grep -v '^{"_aws"' "$out"
  grep '^table ' "$err" || true
  run_id=$(sed -n 's#.*run report: .*/_runs/[^/]*/\(.*\)\.json$#\1#p' "$out")
  snapshot_id=$(sed -n 's/.*committed snapshot \([0-9-]*\) .*/\1/p' "$err")
  [[ -n "$run_id" && -n "$snapshot_id" ]] || { echo "$label: no run report or no snapshot committed"; cat "$err"; exit 1; }
}
first_hour=$(date -u -d "${at/T/ }:00 $((hours - 1)) hours ago" +%Y-%m-%dT%H)

echo
say "generating $hours hour(s) x 16 buckets of clicks ending $at, $events events per hour"
compactor generate --at "$at" --hours "$hours" --events-per-hour "$events" | tail -1
echo
say "run 1"
run_compactor run1
run1_id=$run_id snapshot1=$snapshot_id
echo
say "generating $((events / 5)) more events in $at, then run 2"
compactor generate --at "$at" --hours 1 --events-per-hour $((events / 5)) --seed 7 | tail -1
run_compactor run2
run2_id=$run_id snapshot2=$snapshot_id

# What the compactor says the table holds: rows per partition in the run reports (what each run
# wrote) and in the manifests (what the window holds now).
state=$work/s3/$bucket/state
per_partition_of_report() { # run id -> "dt<TAB>hr<TAB>bucket<TAB>rows" for each rebuilt partition
  jq -r '.partitions[] | select(.outcome == "rebuilt") | [(.partition | capture("dt=(?<dt>\\S+) hr=(?<hr>\\d+) bucket=(?<b>\\d+)") | .dt, (.hr | tonumber), (.b | tonumber)), .recordsOut] | @tsv' \
    "$state/_runs/$event_type/$1.json" | LC_ALL=C sort
}
expected_v1=$(per_partition_of_report "$run1_id")
expected_now=$(for m in "$state/$event_type"/dt=*/hr=*.json; do
  jq -r '.hour as $h | .partitions[] | [($h | split("T")[0]), ($h | split("T")[1] | tonumber), .bucket, .recordsOut] | @tsv' "$m"
done | LC_ALL=C sort)
sum() { awk -F'\t' '{s += $4} END {print s + 0}'; }
run1_out=$(sed -n 's/.* records in, \([0-9]*\) out,.*/\1/p' "$work/run1.out")
run2_out=$(sed -n 's/.* records in, \([0-9]*\) out,.*/\1/p' "$work/run2.out")

echo
say "compactor verify over the window (outputs against inputs)"
if compactor verify --at "$at" --from "$first_hour" --to "$at" > "$work/verify.out" 2> "$work/verify.err"; then
  ok "compactor verify found no problem"
  verify_status=ok
else
  fail "compactor verify exit $?: $(tail -2 "$work/verify.out" | head -1)"
  sed -n '2,4p' "$work/verify.out"
  verify_status=failed
fi

# --- Trino 476 ------------------------------------------------------------------------------------
cat > "$work/trino/etc/node.properties" <<EOF
node.environment=trino_check
node.id=trino-check
node.data-dir=$work/trino/data
EOF
cat > "$work/trino/etc/jvm.config" <<EOF
-server
-Xmx2G
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-Djdk.attach.allowAttachSelf=true
EOF
cat > "$work/trino/etc/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$trino_port
discovery.uri=http://127.0.0.1:$trino_port
query.max-memory=1GB
query.max-memory-per-node=1GB
EOF
cat > "$work/trino/etc/log.properties" <<EOF
io.trino=WARN
io.trino.server.Server=INFO
EOF
# The Iceberg connector on the REST catalog, files through Trino's native S3 file system.
cat > "$work/trino/etc/catalog/iceberg.properties" <<EOF
connector.name=iceberg
iceberg.catalog.type=rest
iceberg.rest-catalog.uri=http://127.0.0.1:$catalog_port
fs.native-s3.enabled=true
s3.endpoint=http://127.0.0.1:$s3_port
s3.path-style-access=true
s3.region=us-east-1
s3.aws-access-key=$AWS_ACCESS_KEY_ID
s3.aws-secret-key=$AWS_SECRET_ACCESS_KEY
EOF
echo
say "starting Trino $trino_version on http://127.0.0.1:$trino_port"
JAVA_HOME=$java25 PATH=$java25/bin:$PATH setsid "$trino_home/bin/launcher" run \
  --etc-dir="$work/trino/etc" --data-dir="$work/trino/data" > "$work/trino.log" 2>&1 &
pids+=($!)
wait_for_port Trino "$trino_port" "${pids[-1]}" "$work/trino.log"
trino() { # format sql
  "$java25/bin/java" --enable-native-access=ALL-UNNAMED -jar "$trino_cli" --server "http://127.0.0.1:$trino_port" \
    --catalog iceberg --schema "$namespace" --output-format "$1" --execute "$2" 2> "$work/trino-cli.err" \
    || { echo "Trino query failed: $2" >&2; grep -v 'jline\|terminal' "$work/trino-cli.err" | tail -5 >&2; return 1; }
}
show() { # sql: prints the query and its result as a table
  echo
  echo "trino> $1"
  trino ALIGNED "$1" || { fail "query failed: $1"; return 0; }
}
value() { # sql -> tab-separated values, or FAILED
  trino TSV "$1" || echo FAILED
}
sorted_value() { # sql -> its rows sorted as the expected ones are
  value "$1" | LC_ALL=C sort
}
table=iceberg.$namespace.$event_type
# Started is not ready: until the coordinator has announced itself as a worker, a query fails with
# "No nodes available to run query".
for _ in $(seq 1 60); do
  [[ "$(trino TSV "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'" 2> /dev/null)" == 1 ]] && break
  sleep 1
done

show "SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct_ids FROM $table"
show "SELECT dt, hr, count(*) AS rows, count(DISTINCT bucket) AS buckets, count(DISTINCT event_id) AS distinct_ids FROM $table GROUP BY dt, hr ORDER BY dt, hr"
show "SELECT dt, hr, bucket, event_id, event_time, received_at, device, referrer FROM $table ORDER BY event_time, event_id LIMIT 3"
show "SELECT min(event_time) AS first_event, max(event_time) AS last_event, min(received_at) AS first_received, max(received_at) AS last_received FROM $table"
show "SELECT snapshot_id, parent_id, operation, element_at(summary, 'compactor.run-id') AS run_id, element_at(summary, 'added-records') AS added, element_at(summary, 'deleted-records') AS deleted, element_at(summary, 'total-records') AS total FROM \"$event_type\$snapshots\" ORDER BY committed_at"
show "SELECT count(*) AS rows_in_first_snapshot FROM $table FOR VERSION AS OF $snapshot1"

# --- comparisons ----------------------------------------------------------------------------------
echo
say "comparing Trino with the compactor's run summaries, run reports and manifests"
compare() { # what expected actual
  if [[ "$2" == "$3" ]]; then ok "$1: $3"; else fail "$1: compactor says $2, Trino says $3"; fi
}
compare_lines() { # what expected actual
  if [[ "$2" == "$3" ]]; then
    ok "$1: $(wc -l <<< "$3") partition(s), rows equal in each"
  else
    fail "$1 differ (< compactor, > Trino):"
    diff <(echo "$2") <(echo "$3") | head -20 || true
  fi
}
total_now=$(sum <<< "$expected_now")
total_v1=$(sum <<< "$expected_v1")
compare "run 1 summary 'out' vs its run report" "$run1_out" "$total_v1"
compare "rows now (manifests)" "$total_now" "$(value "SELECT count(*) FROM $table")"
compare "distinct event IDs now (one row per ID)" "$total_now" "$(value "SELECT count(DISTINCT event_id) FROM $table")"
compare_lines "rows per dt/hr/bucket now (manifests)" "$expected_now" \
  "$(sorted_value "SELECT dt, hr, bucket, count(*) FROM $table GROUP BY dt, hr, bucket ORDER BY dt, hr, bucket")"
last_hour_v1=$(awk -F'\t' -v d="${at%T*}" -v h="$((10#${at#*T}))" '$1 == d && $2 == h {s += $4} END {print s + 0}' <<< "$expected_v1")
compare "run 2 rebuilt the last hour: its 'out' vs rows in $at now" "$run2_out" \
  "$(value "SELECT count(*) FROM $table WHERE dt = '${at%T*}' AND hr = $((10#${at#*T}))")"
rows_now=$(value "SELECT count(*) FROM $table")
rows_v1=$(value "SELECT count(*) FROM $table FOR VERSION AS OF $snapshot1")
added=FAILED
[[ "$rows_now$rows_v1" =~ ^[0-9]+$ ]] && added=$((rows_now - rows_v1))
compare "events run 2 added: rows now - rows in the first snapshot" "$((run2_out - last_hour_v1))" "$added"
compare "rows in the first snapshot (run 1 summary)" "$run1_out" "$rows_v1"
compare_lines "rows per dt/hr/bucket in the first snapshot (run 1 report)" "$expected_v1" \
  "$(sorted_value "SELECT dt, hr, bucket, count(*) FROM $table FOR VERSION AS OF $snapshot1 GROUP BY dt, hr, bucket ORDER BY dt, hr, bucket")"
compare "snapshots: ID, parent, run ID" \
  "$(printf '%s\t-\t%s\n%s\t%s\t%s' "$snapshot1" "$run1_id" "$snapshot2" "$snapshot1" "$run2_id")" \
  "$(value "SELECT snapshot_id, coalesce(cast(parent_id AS varchar), '-'), element_at(summary, 'compactor.run-id') FROM \"$event_type\$snapshots\" ORDER BY committed_at")"
# Timestamps: a millisecond value read as microseconds (or the reverse) lands decades away.
window_start="${first_hour/T/ }:00:00"
window_end=$(date -u -d "${at/T/ }:00 1 hour" '+%Y-%m-%d %H:00:00')
compare "event_time within a day of the window $window_start..$window_end UTC" "0" \
  "$(value "SELECT count(*) FROM $table WHERE event_time < TIMESTAMP '$window_start UTC' - INTERVAL '1' DAY OR event_time >= TIMESTAMP '$window_end UTC' + INTERVAL '1' DAY")"
compare "column types of the timestamps" "$(printf 'event_time\ttimestamp(6) with time zone\nreceived_at\ttimestamp(6) with time zone')" \
  "$(value "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '$namespace' AND table_name = '$event_type' AND column_name IN ('event_time', 'received_at') ORDER BY column_name")"

echo
if [[ $failures -gt 0 ]]; then
  say "FAILED: $failures mismatch(es); logs in $work (trino.log, catalog.log, run1.err, run2.err)"
  exit 1
fi
say "PASSED: Trino $trino_version reads $table as the compactor wrote it (2 snapshots, $total_now rows now, $run1_out in the first); compactor verify: $verify_status"
