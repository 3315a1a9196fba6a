#!/usr/bin/env bash
# Uploads what both EMR targets run from: the -emr jar, the configuration folder (EMR on EC2 copies it to
# the primary node) and the same configuration as a zip (EMR Serverless unpacks it with --archives).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/emr/upload.sh --artifacts s3://bucket/prefix [--print-only]

Uploads jobs/target/compactor-jobs-*-emr.jar as compactor-jobs-emr.jar, conf/aws.properties with
conf/schemas/ as conf/, and both as compactor-conf.zip. Build the jar first: \`mvn -Pspark35 package\`
for EMR 7.x, \`mvn package\` for emr-spark-8.x. --artifacts defaults to \$COMPACTOR_ARTIFACTS.
USAGE
}

ARTIFACTS=${COMPACTOR_ARTIFACTS:-}
print_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --artifacts) ARTIFACTS=${2:?--artifacts needs a value}; shift ;;
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unexpected argument '$1'" ;;
  esac
  shift
done
[[ "$ARTIFACTS" =~ ^s3://[^/]+ ]] || die "--artifacts must be an s3://bucket/prefix URI, got '$ARTIFACTS'"
ARTIFACTS=${ARTIFACTS%/}
conf=$COMPACTOR_ROOT/conf
[[ -f "$conf/aws.properties" ]] || die "$conf/aws.properties is missing: copy conf/aws.example.properties and edit it"
jars=("$COMPACTOR_ROOT"/jobs/target/compactor-jobs-*-emr.jar)
[[ -f "${jars[0]}" ]] || die "no jobs/target/compactor-jobs-*-emr.jar: run mvn package first"
zip=$COMPACTOR_ROOT/jobs/target/compactor-conf.zip

run_or_print "$print_only" aws s3 cp --only-show-errors "${jars[0]}" "$ARTIFACTS/compactor-jobs-emr.jar"
run_or_print "$print_only" aws s3 sync --delete --only-show-errors --exclude '*' \
  --include aws.properties --include 'schemas/*' "$conf/" "$ARTIFACTS/conf/"
# The JDK's jar tool writes plain zips; entries sit at the root so that #conf unpacks to conf/aws.properties.
run_or_print "$print_only" jar --create --no-manifest --file "$zip" -C "$conf" aws.properties -C "$conf" schemas
run_or_print "$print_only" aws s3 cp --only-show-errors "$zip" "$ARTIFACTS/compactor-conf.zip"
