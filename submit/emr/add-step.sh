#!/usr/bin/env bash
# Adds the compactor to a running EMR on EC2 cluster as two steps (submit/emr/step.json): copy the
# configuration to the primary node, then spark-submit in client mode.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/emr/add-step.sh --cluster-id j-XXXX --event-type T [--artifacts s3://bucket/prefix]
                              [--print-only] [-- COMMAND OPTION...]

Runs \`compactor run\` for event type T on the cluster, or COMMAND with its OPTIONs (the configuration
and event type are added), e.g. -- backfill --from 2026-11-01T00 --to 2026-11-03T23.
--artifacts is where submit/emr/upload.sh put the jar and conf/ (default: \$COMPACTOR_ARTIFACTS);
--cluster-id defaults to \$EMR_CLUSTER_ID. --print-only prints the AWS CLI command without running it.
USAGE
}

CLUSTER_ID=${EMR_CLUSTER_ID:-}
ARTIFACTS=${COMPACTOR_ARTIFACTS:-}
EVENT_TYPE=""
print_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cluster-id) CLUSTER_ID=${2:?--cluster-id needs a value}; shift ;;
    --event-type) EVENT_TYPE=${2:?--event-type needs a value}; shift ;;
    --artifacts) ARTIFACTS=${2:?--artifacts needs a value}; shift ;;
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    *) usage >&2; die "unexpected argument '$1'" ;;
  esac
  shift
done
[[ -n "$CLUSTER_ID" ]] || die "--cluster-id (or EMR_CLUSTER_ID) is required"
[[ -n "$ARTIFACTS" ]] || die "--artifacts (or COMPACTOR_ARTIFACTS) is required"
check_event_type "$EVENT_TYPE"
[[ "$ARTIFACTS" =~ ^s3://[^/]+ ]] || die "--artifacts must be an s3://bucket/prefix URI, got '$ARTIFACTS'"
ARTIFACTS=${ARTIFACTS%/}

steps=$(render "$(dirname "${BASH_SOURCE[0]}")/step.json" EVENT_TYPE ARTIFACTS)
run_or_print "$print_only" aws emr add-steps --cluster-id "$CLUSTER_ID" --steps "$(with_command "$steps" "$@")"
