package dev.compactor.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.dedupe.SortKey;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.layout.InputLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The benchmark's baseline: the job a competent user writes by hand in Spark. It reads the whole
 * window with spark-avro over s3a, keeps one row per event ID with the same winner rule (a window
 * function), and writes Avro and Parquet with {@code partitionBy}. It has no state, so it rereads
 * and rewrites the whole window every hour.
 *
 * <p>It gets the same cores, codecs and reader schema as the compactor, and the settings such a
 * user would pick: no partition type inference (keeps {@code hr=07}), dynamic partition overwrite
 * (other hours stay), shuffle partitions sized to the window's partitions, the dedupe result
 * persisted so the two writes do not recompute it, and FileOutputCommitter v2 (one rename per file,
 * not two).
 */
public final class SparkBaselineJob {

  private final CompactorConfig config;
  private final EventTypeConfig eventType;

  public SparkBaselineJob(CompactorConfig config, EventTypeConfig eventType) {
    this.config = config;
    this.eventType = eventType;
  }

  /** Rewrites the window under {@code outputRoot} ({@code s3a://bucket/prefix}). */
  public void run(Window window, String outputRoot, int cores) {
    SparkSession spark = session(cores, window.size() * eventType.buckets());
    try {
      String schema = eventType.schema().toString();
      Dataset<Row> input =
          spark
              .read()
              .format("avro")
              .option("avroSchema", schema)
              .option("basePath", inputUri(eventType.name()))
              .load(hourUris(window).toArray(String[]::new));
      Dataset<Row> winners =
          input
              .withColumn("_copy", row_number().over(byIdWinnerFirst()))
              .filter(col("_copy").equalTo(1))
              .drop("_copy")
              .repartition(col("dt"), col("hr"), col("bucket"))
              .sortWithinPartitions(outputOrder())
              .persist();
      write(winners, "avro", schema, outputRoot + "/avro/" + eventType.name());
      write(winners, "parquet", schema, outputRoot + "/parquet/" + eventType.name());
      winners.unpersist();
    } finally {
      spark.stop();
    }
  }

  private static void write(Dataset<Row> rows, String format, String schema, String uri) {
    var writer =
        rows.write().mode(SaveMode.Overwrite).partitionBy("dt", "hr", "bucket").format(format);
    if (format.equals("avro")) {
      // Without it spark-avro renames the records and writes timestamp-micros.
      writer = writer.option("avroSchema", schema);
    }
    writer.save(uri);
  }

  private SparkSession session(int cores, int partitions) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("baseline " + eventType.name())
            .master("local[" + cores + "]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            // One shuffle partition per output partition; AQE coalesces small ones.
            .config("spark.sql.shuffle.partitions", String.valueOf(partitions))
            // Keep partition values as text: dt=2026-11-23, hr=07, bucket=03 round-trip unchanged.
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            // Overwrite only the hours this run writes.
            .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
            .config("spark.sql.avro.compression.codec", eventType.output().avroCodec().toString())
            .config(
                "spark.sql.parquet.compression.codec", eventType.output().parquetCodec().toString())
            .config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2");
    s3a(builder);
    return builder.getOrCreate();
  }

  private void s3a(SparkSession.Builder builder) {
    String p = "spark.hadoop.fs.s3a.";
    if (config.s3().hasEndpoint()) {
      builder.config(p + "endpoint", config.s3().endpoint());
      builder.config(
          p + "connection.ssl.enabled", String.valueOf(config.s3().endpoint().startsWith("https")));
    }
    builder.config(p + "path.style.access", String.valueOf(config.s3().pathStyle()));
    builder.config(p + "endpoint.region", config.s3().region());
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (key != null && secret != null) {
      builder.config(
          p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      builder.config(p + "access.key", key);
      builder.config(p + "secret.key", secret);
    }
  }

  private String inputUri(String relative) {
    // s3a://bucket/prefix/... on S3, file:///path/... on local disk (submit/bench.sh SIZE file).
    return config.inputRoot().resolve(relative).toString();
  }

  private List<String> hourUris(Window window) {
    InputLayout layout = eventType.input();
    List<String> uris = new ArrayList<>();
    for (Hour hour : window.hours()) {
      uris.add(inputUri(layout.hourPrefix(eventType.name(), hour)));
    }
    return uris;
  }

  private WindowSpec byIdWinnerFirst() {
    return org.apache.spark.sql.expressions.Window.partitionBy(col(eventType.eventId().toString()))
        .orderBy(columns(eventType.winner().keys()));
  }

  private Column[] outputOrder() {
    List<Column> order = new ArrayList<>(List.of(col("dt"), col("hr"), col("bucket")));
    order.addAll(List.of(columns(eventType.sort().keys())));
    return order.toArray(Column[]::new);
  }

  private static Column[] columns(List<SortKey> keys) {
    return keys.stream()
        .map(
            k ->
                k.descending() ? col(k.field().toString()).desc() : col(k.field().toString()).asc())
        .toArray(Column[]::new);
  }
}
