#!/usr/bin/env bash
# Starts the compactor on an EMR Serverless application (submit/emr-serverless/start-job-run.json).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/emr-serverless/start-job-run.sh --event-type T [--application-id ID]
         [--execution-role-arn ARN] [--artifacts s3://bucket/prefix] [--timeout-minutes N]
         [--print-only] [-- COMMAND OPTION...]

Runs \`compactor run\` for event type T, or COMMAND with its OPTIONs (the configuration and event type
are added), e.g. -- backfill --from 2026-11-01T00 --to 2026-11-03T23. Defaults: \$EMR_SERVERLESS_APPLICATION_ID,
\$EMR_SERVERLESS_ROLE_ARN, \$COMPACTOR_ARTIFACTS (where submit/emr/upload.sh put the jar and conf zip),
and the file's 55-minute timeout. --print-only prints the AWS CLI command without running it.
USAGE
}

APPLICATION_ID=${EMR_SERVERLESS_APPLICATION_ID:-}
EXECUTION_ROLE_ARN=${EMR_SERVERLESS_ROLE_ARN:-}
ARTIFACTS=${COMPACTOR_ARTIFACTS:-}
EVENT_TYPE=""
timeout=()
print_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --event-type) EVENT_TYPE=${2:?--event-type needs a value}; shift ;;
    --application-id) APPLICATION_ID=${2:?--application-id needs a value}; shift ;;
    --execution-role-arn) EXECUTION_ROLE_ARN=${2:?--execution-role-arn needs a value}; shift ;;
    --artifacts) ARTIFACTS=${2:?--artifacts needs a value}; shift ;;
    --timeout-minutes) timeout=(--execution-timeout-minutes "${2:?--timeout-minutes needs a value}"); shift ;;
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    *) usage >&2; die "unexpected argument '$1'" ;;
  esac
  shift
done
check_event_type "$EVENT_TYPE"
[[ -n "$APPLICATION_ID" ]] || die "--application-id (or EMR_SERVERLESS_APPLICATION_ID) is required"
[[ -n "$EXECUTION_ROLE_ARN" ]] || die "--execution-role-arn (or EMR_SERVERLESS_ROLE_ARN) is required"
[[ "$ARTIFACTS" =~ ^s3://[^/]+ ]] || die "--artifacts (or COMPACTOR_ARTIFACTS) must be an s3://bucket/prefix URI"
ARTIFACTS=${ARTIFACTS%/}

# Options on the command line override the same fields of --cli-input-json.
request=$(render "$(dirname "${BASH_SOURCE[0]}")/start-job-run.json" APPLICATION_ID EXECUTION_ROLE_ARN EVENT_TYPE ARTIFACTS)
run_or_print "$print_only" aws emr-serverless start-job-run ${timeout[@]+"${timeout[@]}"} \
  --cli-input-json "$(with_command "$request" "$@")"
