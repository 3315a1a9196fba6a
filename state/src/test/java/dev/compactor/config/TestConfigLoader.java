package dev.compactor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.dedupe.NullIdPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfigLoader {

  @TempDir Path dir;
  private Path file;
  private final Map<String, String> overrides = new HashMap<>();

  @BeforeEach
  void writeConfig() throws IOException {
    try (InputStream schema = getClass().getResourceAsStream("/clicks.avsc")) {
      Files.copy(schema, dir.resolve("clicks.avsc"));
    }
    file = dir.resolve("test.properties");
    Files.writeString(
        file,
        """
        input.root = s3a://raw-bucket/events
        output.root = file:///tmp/out
        state.root = s3a://state-bucket
        event-types = clicks
        event-type.clicks.schema = clicks.avsc
        event-type.clicks.buckets = 16
        event-type.clicks.winner = received_at asc
        """);
  }

  @Test
  void loadsWithDefaults() {
    CompactorConfig config = load();

    assertThat(config.inputRoot().bucket()).isEqualTo("raw-bucket");
    assertThat(config.inputRoot().prefix()).isEqualTo("events");
    assertThat(config.outputRoot().isLocal()).isTrue();
    assertThat(config.s3().hasEndpoint()).isFalse();
    EventTypeConfig clicks = config.eventType("clicks");
    assertThat(clicks.windowHours()).isEqualTo(12);
    assertThat(clicks.eventId()).hasToString("event_id");
    assertThat(clicks.sort()).hasToString("[event_id asc]");
    assertThat(clicks.nullId()).isEqualTo(NullIdPolicy.KEEP);
    assertThat(clicks.output().avroCodec()).isEqualTo(AvroCodec.SNAPPY);
  }

  @Test
  void parquetIsPublishedHiveStyleUnlessAnEventTypeAsksForIceberg() {
    assertThat(load().eventType("clicks").parquetTable()).isEqualTo(ParquetTable.HIVE);
    assertThat(load().iceberg().catalogUri()).isEmpty();
  }

  @Test
  void anIcebergTableNeedsACatalog() {
    overrides.put("event-type.clicks.parquet-table", "iceberg");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("iceberg.catalog-uri is empty, but [clicks] publish Parquet as an")
        .hasMessageContaining("parquet-table=hive");
  }

  @Test
  void theIcebergCatalogIsResolvedOnce() {
    overrides.put("event-type.clicks.parquet-table", "ICEBERG");
    overrides.put("iceberg.catalog-uri", "http://127.0.0.1:8181");
    overrides.put("iceberg.catalog-properties", "rest.sigv4-enabled=true, rest.signing-name=glue");
    overrides.put("iceberg.snapshot-retention-hours", "24");

    CompactorConfig config = load();

    assertThat(config.eventType("clicks").parquetTable()).isEqualTo(ParquetTable.ICEBERG);
    assertThat(config.iceberg().catalogUri()).isEqualTo("http://127.0.0.1:8181");
    assertThat(config.iceberg().namespace()).isEqualTo("compactor");
    assertThat(config.iceberg().catalogProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("rest.sigv4-enabled", "true", "rest.signing-name", "glue"));
    assertThat(config.iceberg().snapshotRetention()).hasHours(24);
  }

  @Test
  void anUnknownParquetTableNamesTheChoices() {
    overrides.put("event-type.clicks.parquet-table", "delta");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("event-type.clicks.parquet-table='delta' must be one of")
        .hasMessageContaining("iceberg");
  }

  @Test
  void commandLineOverridesWin() {
    overrides.put("event-type.clicks.window-hours", "24");
    overrides.put("s3.endpoint", "http://127.0.0.1:9000");

    CompactorConfig config = load();

    assertThat(config.eventType("clicks").windowHours()).isEqualTo(24);
    assertThat(config.s3().endpoint()).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void rejectsUnknownKeys() {
    overrides.put("s3.endpiont", "x");

    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key(s) [s3.endpiont]")
        .hasMessageContaining("s3.endpoint");
  }

  @Test
  void rejectsKeysOfUnlistedEventTypes() {
    overrides.put("event-type.views.buckets", "8");

    assertThatThrownBy(this::load)
        .hasMessageContaining("'views', which is not listed in event-types=clicks");
  }

  @Test
  void namesMissingRequiredKey() {
    overrides.put("event-types", "clicks");
    overrides.remove("input.root");
    file = rewriteWithout("input.root");

    assertThatThrownBy(this::load).hasMessageContaining("required key 'input.root' is missing");
  }

  @Test
  void rejectsOutOfRangeNumbers() {
    overrides.put("event-type.clicks.buckets", "0");

    assertThatThrownBy(this::load)
        .hasMessage("event-type.clicks.buckets=0 is out of range [1, 100000]");
  }

  @Test
  void rejectsEventIdNotInSchema() {
    overrides.put("event-type.clicks.event-id", "header.id");

    assertThatThrownBy(this::load)
        .hasMessageContaining(
            "event-type.clicks.event-id='header.id' is not a field of dev.compactor.sample.Click");
  }

  @Test
  void rejectsWinnerOnUnknownField() {
    overrides.put("event-type.clicks.winner", "arrived desc");

    assertThatThrownBy(this::load).hasMessageContaining("field 'arrived' does not exist");
  }

  @Test
  void rejectsBadRootUri() {
    overrides.put("output.root", "/tmp/out");

    assertThatThrownBy(this::load)
        .hasMessageContaining("output.root")
        .hasMessageContaining("use s3a://bucket/prefix or file:///absolute/path");
  }

  @Test
  void rejectsTemplateWithoutBucket() {
    overrides.put("event-type.clicks.input-template", "{event_type}/dt={date}/hr={hour}");

    assertThatThrownBy(this::load).hasMessageContaining("has no {bucket} placeholder");
  }

  @Test
  void rejectsUnknownCodec() {
    overrides.put("event-type.clicks.parquet-codec", "lz5");

    assertThatThrownBy(this::load).hasMessageContaining("parquet-codec='lz5' must be one of");
  }

  @Test
  void namedValuesAreCaseInsensitiveAndAWrongOneListsEveryName() {
    overrides.put("event-type.clicks.null-id", "Quarantine");
    overrides.put("event-type.clicks.avro-codec", "ZSTANDARD");

    EventTypeConfig clicks = load().eventType("clicks");
    assertThat(clicks.nullId()).isEqualTo(NullIdPolicy.QUARANTINE);
    assertThat(clicks.output().avroCodec()).isEqualTo(AvroCodec.ZSTANDARD);

    overrides.put("event-type.clicks.null-id", "drop");
    assertThatThrownBy(this::load)
        .hasMessageContaining("null-id='drop' must be one of [keep, quarantine, fail]");
  }

  @Test
  void rejectsRenewalSlowerThanHalfTheLease() {
    overrides.put("lock.lease-seconds", "60");
    overrides.put("lock.renew-seconds", "45");

    assertThatThrownBy(this::load)
        .hasMessageContaining("must be at most half of lock.lease-seconds=60");
  }

  @Test
  void namesMissingSchemaFile() {
    overrides.put("event-type.clicks.schema", "nope.avsc");

    assertThatThrownBy(this::load)
        .hasMessageContaining("cannot read reader schema")
        .hasMessageContaining("nope.avsc");
  }

  @Test
  void unknownEventTypeListsConfiguredOnes() {
    assertThatThrownBy(() -> load().eventType("views"))
        .hasMessageContaining("event type 'views' is not configured; configured: [clicks]");
  }

  @Test
  void shippedConfigsLoad() {
    for (String name : new String[] {"local.properties", "aws.example.properties"}) {
      Path shipped = Path.of("..", "conf", name);
      assertThat(ConfigLoader.load(shipped, Map.of()).eventTypes()).containsKey("clicks");
    }
  }

  private CompactorConfig load() {
    return ConfigLoader.load(file, overrides);
  }

  private Path rewriteWithout(String key) {
    try {
      String text =
          Files.readString(file).replaceAll("(?m)^" + key.replace(".", "\\.") + ".*\\n", "");
      Path other = dir.resolve("other.properties");
      Files.writeString(other, text);
      return other;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
