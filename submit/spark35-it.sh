#!/usr/bin/env bash
# Builds and tests the whole project against Spark 3.5 (Scala 2.12), the Spark of EMR 7.x and Glue 5:
# unit tests, then the integration tests on local Spark and a real S3 API server, like `mvn verify`.
# The jar it leaves in jobs/target/ (compactor-jobs-*-emr.jar) is the one to deploy on EMR 7.x.
# Extra arguments go to Maven, e.g. submit/spark35-it.sh -o (offline) or -Dit.test=ITHourlyCompaction.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# clean: classes compiled for Spark 4 / Scala 2.13 must not be reused against Spark 3.5.
exec mvn -B -ntp -Pspark35 clean verify "$@"
