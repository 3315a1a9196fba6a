package dev.compactor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestEventIds {

  @Test
  void bucketIsCrc32OfUtf8ModuloBuckets() {
    // CRC32("abc") = 0x352441C2 = 891568578, a published check value.
    assertThat(EventIds.bucketOf("abc", 16)).isEqualTo(891568578 % 16);
    assertThat(EventIds.bucketOf("abc", 1000)).isEqualTo(891568578 % 1000);
  }

  @Test
  void idsAreVersion4UuidsFixedByTheSeed() {
    String first = EventIds.next(new SplitMix64(1));

    assertThat(UUID.fromString(first).version()).isEqualTo(4);
    assertThat(UUID.fromString(first).variant()).isEqualTo(2);
    assertThat(EventIds.next(new SplitMix64(1))).isEqualTo(first);
    assertThat(EventIds.next(new SplitMix64(2))).isNotEqualTo(first);
  }
}
