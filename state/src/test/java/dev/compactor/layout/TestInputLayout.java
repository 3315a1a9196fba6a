package dev.compactor.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import org.junit.jupiter.api.Test;

class TestInputLayout {

  private static final Hour HOUR = Hour.parse("2026-11-23T07");

  @Test
  void defaultTemplate() {
    InputLayout layout = new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}");

    assertThat(layout.hourPrefix("clicks", HOUR)).isEqualTo("clicks/dt=2026-11-23/hr=07");
    assertThat(layout.partitionPrefix("clicks", HOUR, 3, 2))
        .isEqualTo("clicks/dt=2026-11-23/hr=07/bucket=03");
    assertThat(layout.bucketOf("bucket=07/f.avro")).hasValue(7);
  }

  @Test
  void firehoseStyleTemplate() {
    InputLayout layout = new InputLayout("{event_type}/{yyyy}/{MM}/{dd}/{HH}/b{bucket}");

    assertThat(layout.hourPrefix("views", HOUR)).isEqualTo("views/2026/11/23/07");
    assertThat(layout.bucketOf("b12/views-1-2026.avro")).hasValue(12);
  }

  @Test
  void ignoresKeysOutsideBucketFolders() {
    InputLayout layout = new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}");

    assertThat(layout.bucketOf("f.avro")).isEmpty();
    assertThat(layout.bucketOf("bucket=xx/f.avro")).isEmpty();
    assertThat(layout.bucketOf("bucket=01/nested/f.avro")).isEmpty();
    assertThat(layout.bucketOf("b=01/f.avro")).isEmpty();
  }

  @Test
  void keysWithSpacesUnicodeAndEquals() {
    InputLayout layout = new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}");

    assertThat(layout.bucketOf("bucket=04/a file=é😀.avro")).hasValue(4);
  }

  @Test
  void templateMustPinTheHourBeforeTheBucket() {
    assertThatThrownBy(() -> new InputLayout("{event_type}/bucket={bucket}/dt={date}/hr={hour}"))
        .hasMessageContaining("{bucket} must be in the last folder");
    assertThatThrownBy(() -> new InputLayout("{event_type}/dt={date}/bucket={bucket}"))
        .hasMessageContaining("must name the date and the hour");
  }

  @Test
  void outputKeysFollowTheContract() {
    Layout layout = new Layout("clicks", 2);
    PartitionId p = new PartitionId(HOUR, 7);

    assertThat(layout.dataKey(Layout.AVRO, p))
        .isEqualTo("avro/clicks/dt=2026-11-23/hr=07/part-07.avro");
    assertThat(layout.dataKey(Layout.PARQUET, p))
        .isEqualTo("parquet/clicks/dt=2026-11-23/hr=07/part-07.parquet");
    assertThat(layout.manifestKey(HOUR)).isEqualTo("clicks/dt=2026-11-23/hr=07.json");
    assertThat(layout.runReportKey("r1")).isEqualTo("_runs/clicks/r1.json");
    assertThat(layout.lockKey()).isEqualTo("_locks/clicks");
  }
}
