package dev.compactor.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.store.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestOrphanFiles {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final OrphanFiles RULES = new OrphanFiles(NOW, Duration.ofHours(6));

  @Test
  void anOldFileNothingRefersToIsDeleted() {
    ObjectInfo orphan = file("a", hoursAgo(7));

    OrphanFiles.Plan plan = RULES.plan(List.of(orphan), Set.of(), Set.of());

    assertThat(plan.delete()).containsExactly(orphan);
    assertThat(plan.referenced() + plan.named() + plan.young()).isZero();
  }

  @Test
  void aFileALiveSnapshotReferencesIsKeptHoweverOld() {
    OrphanFiles.Plan plan = RULES.plan(List.of(file("a", hoursAgo(700))), Set.of("a"), Set.of());

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.referenced()).isEqualTo(1);
  }

  @Test
  void aFileAManifestNamesIsKeptThoughNoSnapshotReferencesIt() {
    // The run wrote the manifest and missed the commit: the next run commits this very file.
    OrphanFiles.Plan plan = RULES.plan(List.of(file("a", hoursAgo(700))), Set.of(), Set.of("a"));

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.named()).isEqualTo(1);
  }

  @Test
  void aFileYoungerThanTheAgeIsKept() {
    // A run in flight may have uploaded it and be about to write its manifest and commit.
    OrphanFiles.Plan plan = RULES.plan(List.of(file("a", hoursAgo(5))), Set.of(), Set.of());

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.young()).isEqualTo(1);
  }

  @Test
  void aFileExactlyTheAgeOldIsStillKept() {
    OrphanFiles.Plan plan = RULES.plan(List.of(file("a", hoursAgo(6))), Set.of(), Set.of());

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.young()).isEqualTo(1);
  }

  @Test
  void aFileWithoutAModificationTimeIsKept() {
    OrphanFiles.Plan plan = RULES.plan(List.of(file("a", null)), Set.of(), Set.of());

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.young()).isEqualTo(1);
  }

  @Test
  void eachFileIsJudgedOnItsOwnAndOrphansComeInKeyOrder() {
    ObjectInfo c = file("c", hoursAgo(9));
    ObjectInfo a = file("a", hoursAgo(8));
    List<ObjectInfo> listed =
        List.of(
            c, file("live", hoursAgo(9)), file("named", hoursAgo(9)), file("new", hoursAgo(1)), a);

    OrphanFiles.Plan plan = RULES.plan(listed, Set.of("live"), Set.of("named", "live"));

    assertThat(plan.delete()).containsExactly(a, c);
    assertThat(plan.referenced()).isEqualTo(1);
    assertThat(plan.named()).isEqualTo(1);
    assertThat(plan.young()).isEqualTo(1);
  }

  private static ObjectInfo file(String key, Instant lastModified) {
    return new ObjectInfo(key, 100, "etag", lastModified);
  }

  private static Instant hoursAgo(int hours) {
    return NOW.minus(Duration.ofHours(hours));
  }
}
