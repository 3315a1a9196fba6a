package dev.compactor.jobs.run;

import dev.compactor.config.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the Spark context only when there is work, so a no-change run never pays Spark's
 * start-up. The jobs use the RDD API only, so no SQL session is built: that saves its start-up
 * (about a second on two cores). Under spark-submit the master and resources come from the
 * submitter; embedded runs get a small local configuration suited to one machine.
 */
public final class SparkContexts {

  private SparkContexts() {}

  public static JavaSparkContext start(SparkSettings settings, String appName) {
    SparkConf conf = new SparkConf(true).setAppName(appName);
    boolean submitted = conf.contains("spark.master");
    if (!settings.master().isBlank()) {
      conf.setMaster(settings.master());
    } else if (!submitted) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      embeddedDefaults(conf);
    }
    // Each task writes deterministic keys with deterministic bytes, so a speculative copy would
    // only
    // repeat the same PUTs: not wrong, just wasted requests.
    conf.set("spark.speculation", "false");
    return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
  }

  private static void embeddedDefaults(SparkConf conf) {
    // Nobody looks at the UI of an hourly batch container; not starting it saves a second.
    conf.setIfMissing("spark.ui.enabled", "false");
    // Stay on loopback: containers and test machines may have no routable hostname.
    conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    // A failed partition is reported as a value, not thrown; a retry would only repeat its error.
    conf.setIfMissing("spark.task.maxFailures", "1");
  }
}
