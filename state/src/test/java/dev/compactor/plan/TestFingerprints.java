package dev.compactor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings fingerprint is recorded in every manifest entry: if the same settings gave another
 * digest after an upgrade, the next run would rebuild every partition of the window. These digests
 * move only when {@link Fingerprints#OUTPUT_FORMAT_VERSION} is bumped on purpose; they are those of
 * output format 3 (format 1's were a15d62ea... and eb0c82a0..., format 2's 7702e0ff... and
 * d18ac4e9...).
 */
class TestFingerprints {

  private static final Path LOCAL = Path.of("..", "conf", "local.properties");

  @Test
  void theShippedLocalSettingsKeepTheirDigest() {
    assertThat(settings(Map.of()))
        .isEqualTo("cfa2c9791d7c6e968450f39cb119b734f569f837bade596f237403f0416d608e");
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
        .isEqualTo("d03d22784adeb129356af61d2739b83b443e36c6253080ee265d8ec92a28339d");
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

  @Test
  void theAvroSyncMarkerDependsOnTheSettingsAndThePartitionOnly() {
    String settings = settings(Map.of());
    PartitionId partition = new PartitionId(Hour.parse("2026-11-23T17"), 7);
    byte[] marker = Fingerprints.avroSyncMarker(settings, partition);
    assertThat(marker).hasSize(16);
    assertThat(HexFormat.of().formatHex(marker)).isEqualTo("78dc68548eceeee6156a415e1dc01270");
    assertThat(Fingerprints.avroSyncMarker(settings, new PartitionId(partition.hour(), 8)))
        .isNotEqualTo(marker);
    assertThat(
            Fingerprints.avroSyncMarker(
                settings(Map.of("event-type.clicks.avro-codec", "zstandard")), partition))
        .isNotEqualTo(marker);
  }

  private static String settings(Map<String, String> overrides) {
    CompactorConfig config = ConfigLoader.load(LOCAL, overrides);
    return Fingerprints.settings(config.eventType("clicks"));
  }
}
