package dev.compactor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestRunSummary {

  private static final Path CONFIG = Path.of("..", "conf", "aws.example.properties");

  @Test
  void aHiveStyleEventTypesParquetIsItsFolder() {
    CompactorConfig config = ConfigLoader.load(CONFIG, Map.of());

    assertThat(RunSummary.parquetOutput(config, config.eventType("clicks")))
        .isEqualTo("s3a://acme-events-compacted/parquet/clicks");
  }

  @Test
  void anIcebergEventTypesParquetIsItsTableAsQueriesNameIt() {
    CompactorConfig config =
        ConfigLoader.load(
            CONFIG,
            Map.of(
                "event-type.clicks.parquet-table", "iceberg",
                "iceberg.catalog-uri", "http://127.0.0.1:9",
                "iceberg.namespace", "analytics"));

    assertThat(RunSummary.parquetOutput(config, config.eventType("clicks")))
        .isEqualTo(
            "the Iceberg table analytics.clicks (data files under"
                + " s3a://acme-events-compacted/iceberg/clicks/data)");
  }
}
