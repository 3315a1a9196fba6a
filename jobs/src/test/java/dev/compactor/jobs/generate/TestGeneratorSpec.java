package dev.compactor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import org.junit.jupiter.api.Test;

class TestGeneratorSpec {

  private static final Window WINDOW = Window.ending(Hour.parse("2026-11-23T17"), 12);

  @Test
  void defaultsModelFiveMinuteFlushesWithAFewPercentDuplicates() {
    GeneratorSpec spec = GeneratorSpec.builder("clicks", WINDOW).build();

    assertThat(spec.flushesPerHour()).isEqualTo(12);
    assertThat(spec.buckets()).isEqualTo(16);
    assertThat(spec.bucketDigits()).isEqualTo(2);
    assertThat(spec.duplicateRate()).isEqualTo(0.05);
    assertThat(spec.maxCopies()).isEqualTo(3);
  }

  @Test
  void rejectsZeroBuckets() {
    assertThatThrownBy(() -> GeneratorSpec.builder("clicks", WINDOW).buckets(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "generator buckets = 0 is out of range: every event needs a bucket; use 1 or more");
  }

  @Test
  void rejectsPaddingTooNarrowForTheLargestBucket() {
    assertThatThrownBy(
            () -> GeneratorSpec.builder("clicks", WINDOW).buckets(128).bucketDigits(2).build())
        .hasMessageContaining("bucketDigits = 2")
        .hasMessageContaining("the largest bucket number 127 must fit");
  }

  @Test
  void acceptsPaddingThatExactlyFits() {
    assertThat(
            GeneratorSpec.builder("clicks", WINDOW).buckets(100).bucketDigits(2).build().buckets())
        .isEqualTo(100);
  }

  @Test
  void rejectsADuplicateRateAboveOne() {
    assertThatThrownBy(() -> GeneratorSpec.builder("clicks", WINDOW).duplicateRate(1.5).build())
        .hasMessage(
            "generator duplicateRate = 1.5 is out of range: it is a fraction of events; use 0 to"
                + " 1");
  }

  @Test
  void rejectsAnEventTypeThatIsNotAFolderName() {
    assertThatThrownBy(() -> GeneratorSpec.builder("clicks/raw", WINDOW).build())
        .hasMessageContaining("generator eventType = clicks/raw is out of range");
  }

  @Test
  void rejectsMoreFlushesThanSecondsInAnHour() {
    assertThatThrownBy(() -> GeneratorSpec.builder("clicks", WINDOW).flushesPerHour(3601).build())
        .hasMessageContaining("flushesPerHour = 3601");
  }
}
