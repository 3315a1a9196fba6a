package dev.compactor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class TestClickSchema {

  @Test
  void bothWriterSchemasResolveToTheConfiguredReaderSchema() {
    assertThatCode(() -> ClickSchema.requireReadableAs(StoredInputs.READER))
        .doesNotThrowAnyException();
  }

  @Test
  void v2IsTheReaderSchemaAndV1LacksReferrer() {
    assertThat(ClickSchema.V2.schema()).isEqualTo(StoredInputs.READER);
    assertThat(ClickSchema.V1.schema().getField("referrer")).isNull();
    assertThat(ClickSchema.V1.schema().getField("duration_ms").schema().getType())
        .isEqualTo(Schema.Type.INT);
  }

  @Test
  void aReaderThatNeedsAFieldTheSampleLacksIsRejectedByName() {
    Schema reader =
        SchemaBuilder.record("Click")
            .namespace("dev.compactor.sample")
            .fields()
            .requiredString("event_id")
            .requiredString("campaign")
            .endRecord();

    assertThatThrownBy(() -> ClickSchema.requireReadableAs(reader))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The reader schema dev.compactor.sample.Click cannot read the sample writer schema"
                + " sample/clicks-v1.avsc")
        .hasMessageContaining("campaign");
  }
}
