#!/usr/bin/env bash
# Creates (or updates) the compactor's alarms: an EventBridge rule on failed AWS Batch jobs of the
# compactor's queue, and per event type the CloudWatch alarms on the metrics line every run prints.
# Both notify one SNS topic, which must already exist.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

usage() {
  cat <<USAGE
usage: submit/alarms/deploy.sh [--print-only] [--config FILE] [--no-batch-rule] [--topic-policy]
                               EVENT_TYPE...

Puts the rule in submit/alarms/batch-failed-pattern.json (target: the topic) and, for each EVENT_TYPE,
the alarms in submit/alarms/metric-alarms.json. Their namespace and dimensions are the metrics line's:
metrics.namespace and metrics.dimensions of --config (default conf/aws.properties, the deployed file).

  --no-batch-rule  leave out the Batch rule (EMR on EC2 or EMR Serverless only)
  --topic-policy   replace the topic's access policy with submit/alarms/topic-policy.json, which lets
                   the rule and these alarms publish; for a topic used only by these alarms
  --print-only     print the AWS CLI commands without running them

environment (defaults in brackets):
  SNS_TOPIC_ARN  required: the topic to notify, e.g. arn:aws:sns:eu-west-1:123456789012:compactor-alarms
  ACCOUNT_ID     [the caller's account, from sts get-caller-identity]
  REGION         [aws configure get region]
  JOB_QUEUE      [compactor]  the Batch job queue the rule watches
USAGE
}

print_only=0 batch_rule=1 topic_policy=0
config=$COMPACTOR_ROOT/conf/aws.properties
event_types=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --print-only) print_only=1 ;;
    --config) config=${2:?--config needs a value}; shift ;;
    --no-batch-rule) batch_rule=0 ;;
    --topic-policy) topic_policy=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) check_event_type "$1"; event_types+=("$1") ;;
  esac
  shift
done
[[ ${#event_types[@]} -gt 0 ]] || { usage >&2; exit 2; }
[[ -f "$config" ]] || die "config file $config does not exist: copy conf/aws.example.properties to conf/aws.properties"
[[ -n "${SNS_TOPIC_ARN:-}" ]] || die "set SNS_TOPIC_ARN to the topic the alarms notify"
[[ "$SNS_TOPIC_ARN" =~ ^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$ ]] \
  || die "SNS_TOPIC_ARN='$SNS_TOPIC_ARN' is not an SNS topic ARN"

if [[ -z "${ACCOUNT_ID:-}" ]]; then
  [[ $print_only == 0 ]] || die "set ACCOUNT_ID for --print-only (nothing is looked up then)"
  ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
fi
if [[ -z "${REGION:-}" ]]; then
  [[ $print_only == 0 ]] || die "set REGION for --print-only (nothing is looked up then)"
  REGION=$(aws configure get region)
fi
JOB_QUEUE=${JOB_QUEUE:-compactor}
check_value JOB_QUEUE "$JOB_QUEUE"
# The same defaults as the job's configuration (ConfigKeys): the alarms must name the metrics it emits.
NAMESPACE=$(property "$config" metrics.namespace)
NAMESPACE=${NAMESPACE:-Compactor}
check_value NAMESPACE "$NAMESPACE"
dimensions=$(property "$config" metrics.dimensions)
check_chars metrics.dimensions "$dimensions"
# metrics.dimensions is Name=Value,Name=Value; each becomes one more dimension of every alarm, after
# EventType, as in the metrics line.
extra=$(jq -cn --arg d "$dimensions" '$d | split(",") | map(select(test("\\S")))
  | map(capture("^\\s*(?<Name>[^=]*[^=\\s])\\s*=\\s*(?<Value>.*[^\\s])\\s*$") // error)' 2>/dev/null) \
  || die "metrics.dimensions='$dimensions' in $config is not Name=Value,Name=Value"
here=$(dirname "${BASH_SOURCE[0]}")
aws_region=(aws --region "$REGION")
rule=compactor-batch-failed

if [[ $topic_policy == 1 ]]; then
  run_or_print "$print_only" "${aws_region[@]}" sns set-topic-attributes --topic-arn "$SNS_TOPIC_ARN" \
    --attribute-name Policy --attribute-value "$(render "$here/topic-policy.json" SNS_TOPIC_ARN REGION ACCOUNT_ID)"
fi
if [[ $batch_rule == 1 ]]; then
  run_or_print "$print_only" "${aws_region[@]}" events put-rule --name "$rule" --state ENABLED \
    --description "A compactor Batch job failed, unless every attempt exited 3 (locked by another run)" \
    --event-pattern "$(render "$here/batch-failed-pattern.json" REGION ACCOUNT_ID JOB_QUEUE)"
  run_or_print "$print_only" "${aws_region[@]}" events put-targets --rule "$rule" \
    --targets "[{\"Id\": \"sns\", \"Arn\": \"$SNS_TOPIC_ARN\"}]"
fi
for EVENT_TYPE in "${event_types[@]}"; do
  alarms=$(render "$here/metric-alarms.json" EVENT_TYPE NAMESPACE SNS_TOPIC_ARN)
  while IFS= read -r alarm; do
    run_or_print "$print_only" "${aws_region[@]}" cloudwatch put-metric-alarm --cli-input-json "$alarm"
  done < <(jq -c --argjson extra "$extra" '.[] | .Dimensions += $extra' <<<"$alarms")
done
