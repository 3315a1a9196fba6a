#!/usr/bin/env bash
# Creates (or updates) one hourly EventBridge Scheduler schedule per event type that adds the steps of
# submit/emr/step.json to a running EMR on EC2 cluster, as add-step.sh does by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/emr/schedule.sh --cluster-id j-XXXX [--artifacts s3://bucket/prefix] [--print-only]
                              EVENT_TYPE...

For each EVENT_TYPE, creates or updates the schedule in submit/emr/schedule.json (hourly at five past,
UTC). Its target is EMR's AddJobFlowSteps API, whose input is the API's shape of the steps, not the AWS
CLI's shorthand that step.json and add-step.sh use: each "Type": "Spark" step becomes command-runner.jar
running spark-submit with the same arguments, as the AWS CLI does. --artifacts is where
submit/emr/upload.sh put the jar and conf/ (default: \$COMPACTOR_ARTIFACTS); --cluster-id defaults to
\$EMR_CLUSTER_ID. --print-only prints the AWS CLI commands without running them; needs jq.

environment (defaults in brackets):
  ACCOUNT_ID          [the caller's account, from sts get-caller-identity]
  REGION              [aws configure get region]
  SCHEDULER_ROLE_ARN  [arn:aws:iam::ACCOUNT_ID:role/compactor-emr-scheduler]
                      policy: submit/iam/render.sh emr-scheduler
USAGE
}

EMR_CLUSTER_ID=${EMR_CLUSTER_ID:-}
ARTIFACTS=${COMPACTOR_ARTIFACTS:-}
print_only=0
event_types=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cluster-id) EMR_CLUSTER_ID=${2:?--cluster-id needs a value}; shift ;;
    --artifacts) ARTIFACTS=${2:?--artifacts needs a value}; shift ;;
    --print-only) print_only=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unexpected argument '$1'" ;;
    *) check_event_type "$1"; event_types+=("$1") ;;
  esac
  shift
done
[[ ${#event_types[@]} -gt 0 ]] || { usage >&2; exit 2; }
[[ -n "$EMR_CLUSTER_ID" ]] || die "--cluster-id (or EMR_CLUSTER_ID) is required"
check_value EMR_CLUSTER_ID "$EMR_CLUSTER_ID"
[[ "$ARTIFACTS" =~ ^s3://[^/]+ ]] || die "--artifacts (or COMPACTOR_ARTIFACTS) must be an s3://bucket/prefix URI"
ARTIFACTS=${ARTIFACTS%/}
if [[ -z "${ACCOUNT_ID:-}" ]]; then
  [[ $print_only == 0 ]] || die "set ACCOUNT_ID for --print-only (nothing is looked up then)"
  ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
fi
if [[ -z "${REGION:-}" ]]; then
  [[ $print_only == 0 ]] || die "set REGION for --print-only (nothing is looked up then)"
  REGION=$(aws configure get region)
fi
SCHEDULER_ROLE_ARN=${SCHEDULER_ROLE_ARN:-arn:aws:iam::$ACCOUNT_ID:role/compactor-emr-scheduler}
here=$(dirname "${BASH_SOURCE[0]}")
aws_region=(aws --region "$REGION")

# The AWS CLI's step shorthand in the API's shape (what `aws emr add-steps --steps` sends on release-label
# clusters): a Spark step runs command-runner.jar with spark-submit in front of its arguments.
api_steps='{JobFlowId: $cluster, Steps: map({Name, ActionOnFailure, HadoopJarStep: (
  if .Type == "Spark" then {Jar: "command-runner.jar", Args: (["spark-submit"] + .Args)}
  elif .Type == "CUSTOM_JAR" then {Jar, Args}
  else error("step type \(.Type) has no API shape here") end)})}'

ensure "$print_only" "${aws_region[@]}" scheduler create-schedule-group --name compactor
for EVENT_TYPE in "${event_types[@]}"; do
  input=$(render "$here/step.json" EVENT_TYPE ARTIFACTS | jq -c --arg cluster "$EMR_CLUSTER_ID" "$api_steps")
  request=$(render "$here/schedule.json" EVENT_TYPE EMR_CLUSTER_ID SCHEDULER_ROLE_ARN \
    | jq -c --arg input "$input" '.Target.Input = $input')
  verb=create-schedule
  if [[ $print_only == 0 ]] && "${aws_region[@]}" scheduler get-schedule --group-name compactor \
      --name "compactor-emr-$EVENT_TYPE" >/dev/null 2>&1; then
    verb=update-schedule
  fi
  run_or_print "$print_only" "${aws_region[@]}" scheduler "$verb" --cli-input-json "$request"
done
