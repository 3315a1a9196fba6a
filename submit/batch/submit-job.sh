#!/usr/bin/env bash
# Submits one compactor job to AWS Batch by hand, with the registered job definition and a command
# override (the schedules in schedule.json submit the hourly runs without one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/batch/submit-job.sh --event-type T [--job-queue Q] [--job-definition D]
         [--timeout-seconds N] [--print-only] [-- COMMAND OPTION...]

Runs \`compactor run\` for event type T, or COMMAND with its OPTIONs (the configuration and event type
are added), e.g. -- backfill --from 2026-11-01T00 --to 2026-11-03T23. Defaults: \$JOB_QUEUE or compactor,
\$JOB_DEFINITION or compactor, the job definition's timeout. --print-only prints the AWS CLI command.
USAGE
}

JOB_QUEUE=${JOB_QUEUE:-compactor}
JOB_DEFINITION=${JOB_DEFINITION:-compactor}
EVENT_TYPE=""
timeout=()
print_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --event-type) EVENT_TYPE=${2:?--event-type needs a value}; shift ;;
    --job-queue) JOB_QUEUE=${2:?--job-queue needs a value}; shift ;;
    --job-definition) JOB_DEFINITION=${2:?--job-definition needs a value}; shift ;;
    --timeout-seconds) timeout=(--timeout "attemptDurationSeconds=${2:?--timeout-seconds needs a value}"); shift ;;
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    *) usage >&2; die "unexpected argument '$1'" ;;
  esac
  shift
done
check_event_type "$EVENT_TYPE"
check_value JOB_QUEUE "$JOB_QUEUE"
check_value JOB_DEFINITION "$JOB_DEFINITION"

# The job definition's own command line, with its parameter filled in: a command override replaces the
# whole command, and the event type must not depend on parameter substitution inside an override.
# The array is matched string by string: an argument such as spark.master=local[8] holds a bracket.
definition=$(IMAGE=- JOB_ROLE_ARN=- render "$(dirname "${BASH_SOURCE[0]}")/job-definition.json" JOB_DEFINITION IMAGE JOB_ROLE_ARN)
command=$(grep -oE '"command": \[ *("[^"]*",? *)*\]' <<<"$definition") || die "job-definition.json has no command"
command=${command#\"command\": }
command=$(with_command "${command//Ref::event_type/$EVENT_TYPE}" "$@")
name=compactor-$EVENT_TYPE${1:+-$1}

run_or_print "$print_only" aws batch submit-job --job-name "$name" --job-queue "$JOB_QUEUE" \
  --job-definition "$JOB_DEFINITION" --parameters "event_type=$EVENT_TYPE" ${timeout[@]+"${timeout[@]}"} \
  --container-overrides "{\"command\": $command}"
