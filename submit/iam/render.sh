#!/usr/bin/env bash
# Prints one of the IAM policies in this folder with its placeholders filled: bucket names and key
# prefixes come from the compactor configuration file (input.root, output.root, state.root), the rest
# from environment variables. The output is the policy document for `aws iam put-role-policy`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/iam/render.sh [--drop-optional] job|analyst|scheduler|emr-scheduler CONFIG

  job            the job's role: Batch job role, EMR instance profile or EMR Serverless execution role
  analyst        read-only Athena access to the Parquet output
  scheduler      the EventBridge Scheduler role that submits the hourly Batch jobs
  emr-scheduler  the EventBridge Scheduler role that adds the hourly steps to an EMR cluster
  CONFIG     the .properties file the job runs with, e.g. conf/aws.properties

  --drop-optional  leave out the statements whose Sid ends in "Optional" (SSE-KMS, EMR artifacts,
                   EMR and EMR Serverless logs, the Iceberg table) instead of filling them; needs jq

environment (defaults in brackets):
  all        ACCOUNT_ID, REGION
  job        KMS_KEY_ARN, ARTIFACTS (s3://bucket/prefix holding the EMR jar and conf),
             S3_TABLE_BUCKET (the S3 table bucket of parquet-table=iceberg through S3 Tables);
             the Glue database is iceberg.namespace of CONFIG [compactor]
  analyst    KMS_KEY_ARN, ATHENA_RESULTS (s3://bucket/prefix), ATHENA_WORKGROUP [primary],
             GLUE_DATABASE [compactor]
  scheduler  JOB_QUEUE [compactor], JOB_DEFINITION [compactor]
  emr-scheduler  EMR_CLUSTER_ID (the cluster's j-... ID)
USAGE
}

drop_optional=0
if [[ "${1:-}" == --drop-optional ]]; then
  drop_optional=1
  shift
fi
if [[ $# -ne 2 || "$1" == -* ]]; then
  usage >&2
  exit 2
fi
kind=$1 config=$2
[[ -f "$config" ]] || die "config file $config does not exist"

split_s3 "$(property "$config" input.root)" INPUT_BUCKET INPUT_PREFIX
split_s3 "$(property "$config" output.root)" OUTPUT_BUCKET OUTPUT_PREFIX
split_s3 "$(property "$config" state.root)" STATE_BUCKET STATE_PREFIX
ATHENA_WORKGROUP=${ATHENA_WORKGROUP:-primary}
GLUE_DATABASE=${GLUE_DATABASE:-compactor}
JOB_QUEUE=${JOB_QUEUE:-compactor}
JOB_DEFINITION=${JOB_DEFINITION:-compactor}
ICEBERG_NAMESPACE=$(property "$config" iceberg.namespace)
ICEBERG_NAMESPACE=${ICEBERG_NAMESPACE:-compactor}
if [[ -n "${ARTIFACTS:-}" ]]; then split_s3 "$ARTIFACTS" ARTIFACTS_BUCKET ARTIFACTS_PREFIX; fi
if [[ -n "${ATHENA_RESULTS:-}" ]]; then split_s3 "$ATHENA_RESULTS" ATHENA_RESULTS_BUCKET ATHENA_RESULTS_PREFIX; fi

# required: values every statement needs; optional: values only "...Optional" statements use.
# ARTIFACTS_PREFIX and ATHENA_RESULTS_PREFIX may be empty (the bucket's root), so they are not checked.
here=$(dirname "${BASH_SOURCE[0]}")
case "$kind" in
  job)
    file=$here/job-policy.json
    required=(INPUT_BUCKET OUTPUT_BUCKET STATE_BUCKET)
    optional=(ARTIFACTS_BUCKET KMS_KEY_ARN REGION ACCOUNT_ID S3_TABLE_BUCKET) ;;
  analyst)
    file=$here/analyst-policy.json
    required=(REGION ACCOUNT_ID ATHENA_WORKGROUP GLUE_DATABASE OUTPUT_BUCKET ATHENA_RESULTS_BUCKET)
    optional=(KMS_KEY_ARN) ;;
  scheduler)
    file=$here/scheduler-policy.json
    required=(REGION ACCOUNT_ID JOB_QUEUE JOB_DEFINITION)
    optional=() ;;
  emr-scheduler)
    file=$here/emr-scheduler-policy.json
    required=(REGION ACCOUNT_ID EMR_CLUSTER_ID)
    optional=() ;;
  *)
    usage >&2
    exit 2 ;;
esac
names=("${required[@]}" "${optional[@]}" INPUT_PREFIX OUTPUT_PREFIX STATE_PREFIX ARTIFACTS_PREFIX
  ATHENA_RESULTS_PREFIX ICEBERG_NAMESPACE)

# ARTIFACTS_BUCKET and ATHENA_RESULTS_BUCKET come from the variables ARTIFACTS and ATHENA_RESULTS.
setting() {
  case "$1" in
    ARTIFACTS_BUCKET | ATHENA_RESULTS_BUCKET) echo "${1%_BUCKET}" ;;
    *) echo "$1" ;;
  esac
}

for name in "${required[@]}"; do
  [[ -n "${!name:-}" ]] || die "set $(setting "$name")"
  check_value "$name" "${!name}"
done
if [[ $drop_optional == 1 ]]; then
  # Fill the optional statements' placeholders with a marker, then drop those statements whole.
  for name in "${optional[@]}"; do
    [[ -n "${!name:-}" ]] || printf -v "$name" '%s' "dropped"
  done
  render "$file" "${names[@]}" | jq -c 'del(.Statement[] | select(.Sid | endswith("Optional")))'
else
  for name in "${optional[@]}"; do
    [[ -n "${!name:-}" ]] || die "set $(setting "$name"), or pass --drop-optional to leave out the statements that need it"
  done
  render "$file" "${names[@]}"
  echo
fi
