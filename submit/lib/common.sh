# Helpers shared by the deploy scripts in submit/. Sourced, never run on its own.
#
# The JSON files in submit/ are templates with ${NAME} placeholders. The scripts fill them here, in one
# place, so that what they submit is exactly what the files (and their tests) say.

# The folder holding submit/, whatever the caller's working directory.
COMPACTOR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

die() {
  echo "error: $*" >&2
  exit 2
}

# Values are pasted into JSON strings and bash replacements: refuse the characters that would need
# escaping there (no bucket, ARN, ID or hour contains them) rather than escape them.
check_chars() {
  [[ "$2" != *[\"\\\&$'\n']* ]] || die "$1='$2' contains a quote, backslash, '&' or newline"
}

check_value() {
  [[ -n "$2" ]] || die "$1 is empty"
  check_chars "$1" "$2"
}

check_hour() {
  [[ "$2" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}$ ]] || die "$1 must look like 2026-11-01T00, got '$2'"
}

check_event_type() {
  [[ "$1" =~ ^[A-Za-z0-9_-]+$ ]] || die "event type '$1' may only use letters, digits, '_' and '-'"
}

# render FILE NAME... : prints FILE with each ${NAME} replaced by the value of the shell variable NAME,
# on one line (a JSON document passed as one command-line argument). Fails if a placeholder is left.
# An empty value is allowed (a key prefix may be empty); callers check the values they require.
render() {
  local file=$1 text name value
  shift
  text=$(<"$file")
  for name in "$@"; do
    value=${!name:-}
    check_chars "$name" "$value"
    text=${text//"\${$name}"/$value}
  done
  if [[ "$text" == *'${'* ]]; then
    die "$file still has placeholders after filling $*: $(grep -o '\${[A-Z_]*}' <<<"$text" | sort -u | tr '\n' ' ')"
  fi
  tr '\n' ' ' <<<"$text" | tr -s ' ' | sed 's/ $//'
}

# json_array ARG... : a JSON array of strings (values are checked, not escaped; see check_value).
json_array() {
  local out="" arg
  for arg in "$@"; do
    check_value "argument" "$arg"
    out+="${out:+,}\"$arg\""
  done
  printf '[%s]' "$out"
}

# property FILE KEY : the value of KEY in a .properties file (the last one wins, as in Java).
property() {
  sed -n "s#^[[:space:]]*${2//./\\.}[[:space:]]*[=:][[:space:]]*##p" "$1" | tail -1 | sed 's/[[:space:]]*$//'
}

# split_s3 URI BUCKET_VAR PREFIX_VAR : sets the two variables to the bucket and the key prefix ("" or
# ending in "/") of an s3://bucket/prefix or s3a://bucket/prefix URI.
split_s3() {
  local uri=$1 path prefix=""
  [[ "$uri" =~ ^s3a?://[^/]+ ]] || die "'$uri' is not an s3://bucket/prefix URI"
  path=${uri#*://}
  if [[ "$path" == */* ]]; then
    prefix=${path#*/}
  fi
  while [[ "$prefix" == */ ]]; do prefix=${prefix%/}; done
  printf -v "$2" '%s' "${path%%/*}"
  printf -v "$3" '%s' "${prefix:+$prefix/}"
}

# shell_quote ARG : ARG as one shell word, in single quotes unless it needs none, for pasting.
shell_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# run_or_print PRINT_ONLY COMMAND... : prints the command so that it can be pasted into a shell, then
# runs it unless PRINT_ONLY is 1.
run_or_print() {
  local print_only=$1 arg line=""
  shift
  for arg in "$@"; do
    line+="${line:+ }$(shell_quote "$arg")"
  done
  echo "$line"
  if [[ "$print_only" != 1 ]]; then
    "$@"
  fi
}

# ensure PRINT_ONLY COMMAND... : like run_or_print, for commands that create something once (a log group,
# a schedule group): "already exists" is the expected answer from the second deployment on.
ensure() {
  local print_only=$1 output
  shift
  run_or_print 1 "$@"
  [[ "$print_only" != 1 ]] || return 0
  if ! output=$("$@" 2>&1); then
    [[ "$output" == *AlreadyExists* || "$output" == *ConflictException* ]] || { echo "$output" >&2; exit 1; }
  fi
}

# with_command JSON [COMMAND OPTION...] : the rendered JSON of a deploy file whose entry-point arguments
# start with `"run", "--config"`, with "run" replaced by COMMAND and its OPTIONs inserted after it, so a
# backfill is submitted exactly like the hourly run apart from its command line. Unchanged without COMMAND.
with_command() {
  local json=$1 marker='"run", "--config"' args replacement
  shift
  if [[ $# -eq 0 ]]; then
    printf '%s' "$json"
    return
  fi
  [[ "$json" == *"$marker"* ]] || die "no '$marker' in the deploy file to put the command '$1' in"
  args=$(json_array "$@")
  args=${args#[}
  replacement="${args%]}, \"--config\""
  printf '%s' "${json/"$marker"/$replacement}"
}
