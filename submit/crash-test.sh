#!/usr/bin/env bash
# Crash-safety test with many kill moments: `compactor run` in its own JVM is killed with SIGKILL at
# each moment, rerun to completion, and its outputs and manifests compared byte for byte with an
# uninterrupted run. CI runs 5 moments; this runs 50 by default.
# Usage: submit/crash-test.sh [moments] [seed]   (extra Maven flags via MAVEN_ARGS, e.g. MAVEN_ARGS=-o)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
moments="${1:-50}"
seed="${2:-20261123}"
exec mvn -B -ntp ${MAVEN_ARGS:-} -pl jobs -am verify \
  -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ITCrashSafety -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dcrash.moments="$moments" -Dcrash.seed="$seed"
