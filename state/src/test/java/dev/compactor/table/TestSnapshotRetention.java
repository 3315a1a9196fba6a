package dev.compactor.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSnapshotRetention {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final Duration SIX_HOURS = Duration.ofHours(6);

  @Test
  void aSingleSnapshotIsAlwaysNeeded() {
    assertThat(SnapshotRetention.expireBefore(List.of(hoursAgo(100)), NOW, SIX_HOURS)).isEmpty();
    assertThat(SnapshotRetention.expireBefore(List.of(), NOW, SIX_HOURS)).isEmpty();
  }

  @Test
  void snapshotsSupersededLongerAgoThanTheAgeExpire() {
    List<Instant> commits =
        List.of(hoursAgo(30), hoursAgo(20), hoursAgo(10), hoursAgo(3), hoursAgo(1));

    // 30h and 20h were superseded 20h and 10h ago; 10h was current until 3h ago: still needed.
    assertThat(SnapshotRetention.expireBefore(commits, NOW, SIX_HOURS)).contains(hoursAgo(10));
  }

  @Test
  void anOldSnapshotThatWasCurrentUntilRecentlyIsKept() {
    List<Instant> commits = List.of(hoursAgo(48), hoursAgo(1));

    assertThat(SnapshotRetention.expireBefore(commits, NOW, SIX_HOURS))
        .as("a query that started on it 2 hours ago may still run")
        .isEmpty();
  }

  @Test
  void whenOnlyTheCurrentSnapshotIsNeededEveryOtherExpires() {
    List<Instant> commits = List.of(hoursAgo(30), hoursAgo(20), hoursAgo(10));

    assertThat(SnapshotRetention.expireBefore(commits, NOW, SIX_HOURS)).contains(hoursAgo(10));
  }

  private static Instant hoursAgo(int hours) {
    return NOW.minus(Duration.ofHours(hours));
  }
}
