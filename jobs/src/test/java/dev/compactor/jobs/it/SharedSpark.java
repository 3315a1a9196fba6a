package dev.compactor.jobs.it;

import dev.compactor.jobs.run.SparkProvider;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session for the whole test JVM (UI off, loopback only), handed out
 * through a {@link SparkProvider} that counts how often a run asked for it: a run with nothing to
 * do must not.
 */
public final class SharedSpark implements SparkProvider {

  private static SparkSession session;
  private final AtomicInteger requests = new AtomicInteger();

  @Override
  public JavaSparkContext get() {
    requests.incrementAndGet();
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }

  public int requests() {
    return requests.get();
  }

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("compactor-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.task.maxFailures", "1")
              .getOrCreate();
      SparkSession created = session;
      Runtime.getRuntime().addShutdownHook(new Thread(created::stop));
    }
    return session;
  }
}
