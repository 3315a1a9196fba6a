package dev.compactor.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.Quarantined;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestManifestCodec {

  private static final Hour HOUR = Hour.parse("2026-11-23T17");

  @Test
  void roundTripsAndSortsBuckets() {
    HourManifest manifest =
        new HourManifest(HourManifest.FORMAT, "clicks", HOUR, List.of(entry(5), entry(2)));

    HourManifest back = ManifestCodec.decode(ManifestCodec.encode(manifest), "test");

    assertThat(back).isEqualTo(manifest);
    assertThat(back.partitions()).extracting(PartitionEntry::bucket).containsExactly(2, 5);
    assertThat(new String(ManifestCodec.encode(manifest), StandardCharsets.UTF_8))
        .contains("\"hour\" : \"2026-11-23T17\"");
  }

  @Test
  void sameStateSameBytes() {
    HourManifest a =
        new HourManifest(HourManifest.FORMAT, "clicks", HOUR, List.of(entry(5), entry(2)));
    HourManifest b =
        new HourManifest(HourManifest.FORMAT, "clicks", HOUR, List.of(entry(2), entry(5)));

    assertThat(ManifestCodec.encode(a)).isEqualTo(ManifestCodec.encode(b));
  }

  @Test
  void garbageNamesTheSourceAndTheFix() {
    assertThatThrownBy(
            () ->
                ManifestCodec.decode(
                    "{not json".getBytes(StandardCharsets.UTF_8), "s3a://b/m.json"))
        .hasMessageContaining("Cannot parse manifest s3a://b/m.json")
        .hasMessageContaining("Delete it to rebuild the hour");
  }

  @Test
  void newerFormatIsRefused() {
    HourManifest future = new HourManifest(99, "clicks", HOUR, List.of());

    assertThatThrownBy(() -> ManifestCodec.decode(ManifestCodec.encode(future), "m.json"))
        .hasMessageContaining("has manifest format 99");
  }

  private static PartitionEntry entry(int bucket) {
    return new PartitionEntry(
        bucket,
        "settings",
        "fp" + bucket,
        "run-1",
        10,
        8,
        List.of(new InputFile("raw/f" + bucket + ".avro", 100, "etag", "md5")),
        List.of(new OutputFile("avro", "out/part-0" + bucket + ".avro", 50, "e1", 8)),
        List.of(new Quarantined("raw/bad.avro", "md5", "zero-byte file")));
  }
}
