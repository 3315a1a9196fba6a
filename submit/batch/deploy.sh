#!/usr/bin/env bash
# Registers the compactor's AWS Batch job definition and creates (or updates) one hourly EventBridge
# Scheduler schedule per event type. The image, job queue and IAM roles must already exist.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/batch/deploy.sh [--print-only] EVENT_TYPE...

Registers submit/batch/job-definition.json and, for each EVENT_TYPE, creates or updates the schedule in
submit/batch/schedule.json (hourly at five past, UTC). --print-only prints the AWS CLI commands
without running them.

environment (defaults in brackets):
  ACCOUNT_ID          [the caller's account, from sts get-caller-identity]
  REGION              [aws configure get region]
  IMAGE               [ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/compactor:latest]
  JOB_QUEUE           [compactor]
  JOB_DEFINITION      [compactor]
  JOB_ROLE_ARN        [arn:aws:iam::ACCOUNT_ID:role/compactor-job]        policy: submit/iam/render.sh job
  SCHEDULER_ROLE_ARN  [arn:aws:iam::ACCOUNT_ID:role/compactor-scheduler]  policy: submit/iam/render.sh scheduler
USAGE
}

print_only=0
event_types=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) check_event_type "$1"; event_types+=("$1") ;;
  esac
  shift
done
[[ ${#event_types[@]} -gt 0 ]] || { usage >&2; exit 2; }

if [[ -z "${ACCOUNT_ID:-}" ]]; then
  [[ $print_only == 0 ]] || die "set ACCOUNT_ID for --print-only (nothing is looked up then)"
  ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
fi
if [[ -z "${REGION:-}" ]]; then
  [[ $print_only == 0 ]] || die "set REGION for --print-only (nothing is looked up then)"
  REGION=$(aws configure get region)
fi
IMAGE=${IMAGE:-$ACCOUNT_ID.dkr.ecr.$REGION.amazonaws.com/compactor:latest}
JOB_QUEUE=${JOB_QUEUE:-compactor}
JOB_DEFINITION=${JOB_DEFINITION:-compactor}
JOB_ROLE_ARN=${JOB_ROLE_ARN:-arn:aws:iam::$ACCOUNT_ID:role/compactor-job}
SCHEDULER_ROLE_ARN=${SCHEDULER_ROLE_ARN:-arn:aws:iam::$ACCOUNT_ID:role/compactor-scheduler}
here=$(dirname "${BASH_SOURCE[0]}")
aws_region=(aws --region "$REGION")

ensure "$print_only" "${aws_region[@]}" logs create-log-group --log-group-name /aws/batch/compactor
run_or_print "$print_only" "${aws_region[@]}" batch register-job-definition \
  --cli-input-json "$(render "$here/job-definition.json" JOB_DEFINITION IMAGE JOB_ROLE_ARN)"
ensure "$print_only" "${aws_region[@]}" scheduler create-schedule-group --name compactor

for EVENT_TYPE in "${event_types[@]}"; do
  verb=create-schedule
  if [[ $print_only == 0 ]] && "${aws_region[@]}" scheduler get-schedule --group-name compactor \
      --name "compactor-$EVENT_TYPE" >/dev/null 2>&1; then
    verb=update-schedule
  fi
  run_or_print "$print_only" "${aws_region[@]}" scheduler "$verb" --cli-input-json \
    "$(render "$here/schedule.json" EVENT_TYPE SCHEDULER_ROLE_ARN JOB_QUEUE JOB_DEFINITION)"
done
