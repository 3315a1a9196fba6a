package dev.compactor.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestTableReconciler {

  private static final Hour H16 = Hour.of(LocalDate.of(2026, 11, 23), 16);
  private static final Hour H17 = Hour.of(LocalDate.of(2026, 11, 23), 17);

  @Test
  void aNewTableGetsEveryFileTheManifestsName() {
    TableChange change =
        TableReconciler.reconcile(
            Set.of(H17), wanted(file(H17, 1, "a"), file(H17, 0, "b")), List.of());

    assertThat(change.add()).containsExactly(file(H17, 0, "b"), file(H17, 1, "a"));
    assertThat(change.remove()).isEmpty();
  }

  @Test
  void aRebuiltPartitionReplacesItsPreviousFile() {
    TableChange change =
        TableReconciler.reconcile(
            Set.of(H17), wanted(file(H17, 1, "new")), List.of(file(H17, 1, "old")));

    assertThat(change.add()).containsExactly(file(H17, 1, "new"));
    assertThat(change.remove()).containsExactly(file(H17, 1, "old"));
  }

  @Test
  void aTableThatAlreadyHoldsTheManifestsFilesCommitsNothing() {
    // The commit of the last run succeeded but its outcome was unknown, or nothing changed.
    TableChange change =
        TableReconciler.reconcile(
            Set.of(H16, H17),
            wanted(file(H16, 0, "x"), file(H17, 1, "y")),
            List.of(file(H16, 0, "x"), file(H17, 1, "y")));

    assertThat(change.isEmpty()).isTrue();
  }

  @Test
  void anEmptiedPartitionLosesItsFile() {
    TableChange change =
        TableReconciler.reconcile(Set.of(H17), wanted(), List.of(file(H17, 3, "gone")));

    assertThat(change.add()).isEmpty();
    assertThat(change.remove()).containsExactly(file(H17, 3, "gone"));
  }

  @Test
  void filesOfHoursNotReconciledAreLeftAlone() {
    TableChange change =
        TableReconciler.reconcile(
            Set.of(H17), wanted(file(H17, 0, "a")), List.of(file(H16, 0, "settled")));

    assertThat(change.add()).containsExactly(file(H17, 0, "a"));
    assertThat(change.remove()).isEmpty();
  }

  @Test
  void aSecondFileInOnePartitionIsRemoved() {
    // Left by a commit of another writer, or by hand: the manifest names one file per partition.
    TableChange change =
        TableReconciler.reconcile(
            Set.of(H17),
            wanted(file(H17, 0, "a")),
            List.of(file(H17, 0, "a"), file(H17, 0, "stray")));

    assertThat(change.add()).isEmpty();
    assertThat(change.remove()).containsExactly(file(H17, 0, "stray"));
  }

  @Test
  void aWantedFileOutsideTheHoursIsAProgrammingError() {
    assertThatThrownBy(
            () -> TableReconciler.reconcile(Set.of(H17), wanted(file(H16, 0, "a")), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the hours reconciled");
  }

  private static TableFile file(Hour hour, int bucket, String name) {
    return new TableFile(
        new PartitionId(hour, bucket), "s3://b/t/data/" + name + ".parquet", 10, 2);
  }

  private static Map<PartitionId, TableFile> wanted(TableFile... files) {
    Map<PartitionId, TableFile> wanted = new LinkedHashMap<>();
    for (TableFile f : files) {
      wanted.put(f.partition(), f);
    }
    return wanted;
  }
}
