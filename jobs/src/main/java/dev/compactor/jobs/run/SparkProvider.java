package dev.compactor.jobs.run;

import org.apache.spark.api.java.JavaSparkContext;

/** Supplies the Spark context on first use only: a run with nothing to do never starts Spark. */
@FunctionalInterface
public interface SparkProvider {
  JavaSparkContext get();
}
