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
  void aTableDataKeyNamesItsPartition() {
    assertThat(LAYOUT.tablePartitionOf(LAYOUT.tableDataKey(P, FP))).contains(P);
    assertThat(LAYOUT.tableDataKey(P, FP)).startsWith(LAYOUT.tableDataFolder() + "/");
    assertThat(LAYOUT.tablePartitionOf(LAYOUT.tableDataKey(P, FP).replace("=03/", "=3/")))
        .as("any zero padding of the bucket")
        .contains(P);
  }

  @Test
  void keysThatAreNotTableDataFilesNameNoPartition() {
    String key = LAYOUT.tableDataKey(P, FP);
    assertThat(LAYOUT.tablePartitionOf(key.replace("iceberg/clicks/", "iceberg/views/")))
        .as("another event type's table")
        .isEmpty();
    assertThat(LAYOUT.tablePartitionOf(key.replace("part-03-", "part-04-")))
        .as("a bucket folder and file name that disagree")
        .isEmpty();
    assertThat(LAYOUT.tablePartitionOf(key.replace(".parquet", ".parquet.tmp"))).isEmpty();
    assertThat(LAYOUT.tablePartitionOf(key.replace("hr=07", "hr=25"))).isEmpty();
    assertThat(LAYOUT.tablePartitionOf("iceberg/clicks/data/dt=2026-11-23/hr=07/x.parquet"))
        .isEmpty();
    assertThat(LAYOUT.tablePartitionOf(LAYOUT.dataKey(Layout.PARQUET, P))).isEmpty();
  }

  @Test
  void aFingerprintThatIsNotHexIsRefused() {
    assertThatThrownBy(() -> LAYOUT.tableDataKey(P, "../../etc/passwd-and-more"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a build fingerprint");
  }
}
