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
 * were computed by the release before configuration was resolved into typed values; they must not
 * move unless {@link Fingerprints#OUTPUT_FORMAT_VERSION} is bumped on purpose.
 */
class TestFingerprints {

  private static final Path LOCAL = Path.of("..", "conf", "local.properties");

  @Test
  void theShippedLocalSettingsKeepTheirDigest() {
    assertThat(settings(Map.of()))
        .isEqualTo("a15d62ea6571f6e4d31f005b96205ebdc14a71716703909420854464353c8e79");
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
        .isEqualTo("eb0c82a01490ee9b1c62be1f4c51cbe7fbbfddcb09249655ee91bdc92673e1ba");
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
