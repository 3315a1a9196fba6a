#!/usr/bin/env bash
# Backfills a range of hours of one event type on any target: here (Spark embedded), AWS Batch, EMR on
# EC2 or EMR Serverless. It checks the arguments, then hands `compactor backfill ...` to the target's
# submit script, which submits it exactly like the hourly run apart from the command line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/backfill.sh --target local|batch|emr|emr-serverless --event-type T
                          --from 2026-11-01T00 --to 2026-11-03T23 [--force] [--dry-run] [--print-only]
                          [target options]

  --from, --to   first and last hour (UTC, inclusive)
  --force        rebuild every partition in the range, changed or not
  --dry-run      plan only: print which partitions would be rebuilt
  --print-only   print the command that would run (for AWS targets, the AWS CLI command) and stop

target options (defaults in brackets):
  local           --config FILE [conf/local.properties]
  batch           --job-queue Q [\$JOB_QUEUE or compactor]  --job-definition D [\$JOB_DEFINITION or compactor]
                  --timeout-seconds N [43200: a backfill may outlast the hourly job's 55 minutes]
  emr             --cluster-id J [\$EMR_CLUSTER_ID]  --artifacts s3://bucket/prefix [\$COMPACTOR_ARTIFACTS]
  emr-serverless  --application-id A [\$EMR_SERVERLESS_APPLICATION_ID]
                  --execution-role-arn R [\$EMR_SERVERLESS_ROLE_ARN]  --artifacts s3://... [\$COMPACTOR_ARTIFACTS]
                  --timeout-minutes N [720]

The compactor's exit codes: 0 done, 1 failed, 2 bad usage or config, 3 locked by another run (the hourly
job of the same event type: retry later), 4 done but some input was quarantined.
USAGE
}

target="" event_type="" from="" to="" print_only=0 config=""
flags=() target_options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target=${2:?--target needs a value}; shift ;;
    --event-type) event_type=${2:?--event-type needs a value}; shift ;;
    --from) from=${2:?--from needs a value}; shift ;;
    --to) to=${2:?--to needs a value}; shift ;;
    --force | --dry-run) flags+=("$1") ;;
    --print-only) print_only=1 ;;
    --config) config=${2:?--config needs a value}; shift ;;
    --job-queue | --job-definition | --timeout-seconds | --cluster-id | --artifacts | --application-id \
      | --execution-role-arn | --timeout-minutes)
      target_options+=("$1" "${2:?$1 needs a value}"); shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unexpected argument '$1'" ;;
  esac
  shift
done

[[ -n "$target" ]] || { usage >&2; die "--target is required"; }
check_event_type "$event_type"
check_hour --from "$from"
check_hour --to "$to"
# The hour format sorts as text, so a string comparison orders hours.
[[ ! "$from" > "$to" ]] || die "--from $from is after --to $to"

# On AWS the configuration is the one deployed with the target (baked into the image, uploaded for EMR).
[[ -z "$config" || "$target" == local ]] || die "--config is for --target local; $target runs with its deployed configuration"

backfill=(backfill --from "$from" --to "$to" ${flags[@]+"${flags[@]}"})
print=()
[[ $print_only == 1 ]] && print=(--print-only)
here=$(dirname "${BASH_SOURCE[0]}")

case "$target" in
  local)
    [[ ${#target_options[@]} -eq 0 ]] || die "--target local takes no ${target_options[0]}"
    config=${config:-$COMPACTOR_ROOT/conf/local.properties}
    run_or_print "$print_only" "$here/compactor" "${backfill[0]}" --config "$config" --event-type "$event_type" \
      "${backfill[@]:1}" ;;
  batch)
    exec "$here/batch/submit-job.sh" --event-type "$event_type" --timeout-seconds 43200 \
      ${target_options[@]+"${target_options[@]}"} ${print[@]+"${print[@]}"} -- "${backfill[@]}" ;;
  emr)
    exec "$here/emr/add-step.sh" --event-type "$event_type" ${target_options[@]+"${target_options[@]}"} \
      ${print[@]+"${print[@]}"} -- "${backfill[@]}" ;;
  emr-serverless)
    exec "$here/emr-serverless/start-job-run.sh" --event-type "$event_type" --timeout-minutes 720 \
      ${target_options[@]+"${target_options[@]}"} ${print[@]+"${print[@]}"} -- "${backfill[@]}" ;;
  *)
    usage >&2
    die "--target must be local, batch, emr or emr-serverless, not '$target'" ;;
esac
