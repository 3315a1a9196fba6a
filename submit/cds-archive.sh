#!/usr/bin/env bash
# Class-data sharing for the compactor's JVM. A run loads about 7,000 classes before a no-change run can
# list anything and about 14,000 before Spark runs its first task; an archive of them, mapped at start-up,
# saves most of that parsing and verification (submit/README.md, "Start-up and class-data sharing").
#   submit/cds-archive.sh class-list OUT.lst
#       trains: runs the demo (a local S3 API server, generate, a first run, a no-change run) and writes
#       the classes those JVMs loaded
#   submit/cds-archive.sh dump LIST OUT.jsa CLASSPATH
#       writes the archive of LIST's classes for CLASSPATH, which must hold jars only and be the runtime
#       classpath or its start; a JVM started with -XX:SharedArchiveFile=OUT.jsa uses it, and one whose
#       JDK or classpath no longer match ignores it and starts as before
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
  echo "usage: submit/cds-archive.sh class-list OUT.lst | dump LIST OUT.jsa CLASSPATH" >&2
  exit 2
}

case "${1:-}" in
  class-list)
    [[ $# -eq 2 ]] || usage
    out=$(realpath -m "$2")
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    # A port of its own, so a demo or another training can run beside it.
    port=$(( 20000 + RANDOM % 20000 ))
    if ! DEMO_DIR="$work/demo" DEMO_PORT=$port DEMO_EVENTS_PER_HOUR=2000 DEMO_CLASS_LIST="$out" \
      "$root/submit/demo" > "$work/demo.log" 2>&1; then
      cat "$work/demo.log" >&2
      echo "cds-archive: the training run failed (its log is above)" >&2
      exit 1
    fi
    grep 'classes the runs loaded' "$work/demo.log"
    ;;
  dump)
    [[ $# -eq 4 ]] || usage
    list=$2 archive=$3 classpath=$4
    [[ -f "$list" ]] || { echo "cds-archive: no class list at $list" >&2; exit 2; }
    log="$archive.log"
    # Classes that cannot be archived (old bytecode, JFR events) are listed in the log and skipped.
    if ! java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive" \
      "@$root/submit/spark-jvm.args" -cp "$classpath" > "$log" 2>&1; then
      tail -20 "$log" >&2
      echo "cds-archive: dumping $archive failed; see $log" >&2
      exit 1
    fi
    echo "cds-archive: wrote $archive ($(( $(stat -c %s "$archive") / 1048576 )) MiB; skipped classes in $log)"
    ;;
  *) usage ;;
esac
