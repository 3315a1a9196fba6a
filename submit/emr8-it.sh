#!/usr/bin/env bash
# Builds and tests the whole project against EMR 8 (emr-spark-8.0.0: Spark 4.0.2, Scala 2.13, AWS SDK
# 2.41.32, with the Avro, Parquet and Jackson Spark 4.0.2 ships): unit tests, then the integration tests
# on local Spark and a real S3 API server, like `mvn verify`.
# The jar it leaves in jobs/target/ (compactor-jobs-*-emr.jar, manifest Compactor-Spark-Version: 4.0.2)
# is the one to deploy on EMR 8.
# Extra arguments go to Maven, e.g. submit/emr8-it.sh -o (offline) or -Dit.test=ITHourlyCompaction.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# clean: classes compiled against Spark 4.1 and Parquet 1.16 must not be reused against Spark 4.0.
exec mvn -B -ntp -Pemr8 clean verify "$@"
