package dev.compactor.jobs.run;

import org.apache.spark.sql.SparkSession;

/** Supplies a Spark session on first use only: a run with nothing to do never starts Spark. */
@FunctionalInterface
public interface SparkProvider {
  SparkSession get();
}
