package dev.compactor.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TestLayout {

  private static final Layout LAYOUT = new Layout("clicks", 2);
  private static final PartitionId P = new PartitionId(Hour.of(LocalDate.of(2026, 11, 23), 7), 3);
  private static final String FP = "0123456789abcdef0123456789abcdef";

  @Test
  void icebergDataFilesAreNamedByTheirBuildUnderTheTableFolder() {
    assertThat(LAYOUT.tableDataKey(P, FP))
        .isEqualTo(
            "iceberg/clicks/data/dt=2026-11-23/hr=07/bucket=03/part-03-0123456789abcdef.parquet")
        .startsWith(LAYOUT.tableFolder() + "/");
  }

  @Test
  void anotherBuildOfThePartitionGetsAnotherName() {
    assertThat(LAYOUT.tableDataKey(P, FP)).isNotEqualTo(LAYOUT.tableDataKey(P, "f" + FP));
  }

  @Test
  void icebergDataFilesAreNotHiveLayoutOutputs() {
    // The planner's stray and missing-output checks read only the Hive-style folders.
    assertThat(LAYOUT.partitionOf(LAYOUT.tableDataKey(P, FP))).isEmpty();
  }

  @Test
  void aFingerprintThatIsNotHexIsRefused() {
    assertThatThrownBy(() -> LAYOUT.tableDataKey(P, "../../etc/passwd-and-more"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a build fingerprint");
  }
}
