package dev.compactor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings fingerprint is recorded in every manifest entry: if the same settings gave another
 * digest after an upgrade, the next run would rebuild every partition of the window. These digests
 * move only when {@link Fingerprints#OUTPUT_FORMAT_VERSION} is bumped on purpose; they are those of
 * output format 2 (format 1's were a15d62ea... and eb0c82a0...).
 */
class TestFingerprints {

  private static final Path LOCAL = Path.of("..", "conf", "local.properties");

  @Test
  void theShippedLocalSettingsKeepTheirDigest() {
    assertThat(settings(Map.of()))
        .isEqualTo("7702e0ff0e7aae8569a0e4cdc078bfff96ece55fd539f7c2feccc8d31b3484f4");
  }

  @Test
  void codecsAndOrderingsKeepTheirDigest() {
    Map<String, String> changed =
        Map.of(
            "event-type.clicks.winner", "received_at desc, event_id",
            "event-type.clicks.sort", "received_at desc",
            "event-type.clicks.avro-codec", "zstandard",
            "event-type.clicks.parquet-codec", "zstd");
    assertThat(settings(changed))
        .isEqualTo("d18ac4e9c0a23b4870c795be0dd7d1dad198249c74cfd72924ef20ee794dea89");
  }

  @Test
  void publishingAsAnIcebergTableIsANewSettingThatRebuildsTheWindow() {
    Map<String, String> iceberg =
        Map.of(
            "event-type.clicks.parquet-table", "iceberg",
            "iceberg.catalog-uri", "http://127.0.0.1:8181");
    assertThat(settings(iceberg)).isNotEqualTo(settings(Map.of()));
    assertThat(settings(Map.of("event-type.clicks.parquet-table", "hive")))
        .as("the default written out keeps the digest")
        .isEqualTo(settings(Map.of()));
  }

  private static String settings(Map<String, String> overrides) {
    CompactorConfig config = ConfigLoader.load(LOCAL, overrides);
    return Fingerprints.settings(config.eventType("clicks"));
  }
}
