package dev.compactor.jobs.table;

import dev.compactor.table.SnapshotRetention;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expires the snapshots no query can still be reading ({@link SnapshotRetention}), after the run's
 * commit, so the files that only they referenced (replaced Parquet files, old manifests) are
 * deleted and the table does not grow without bound. Each deleted data file is printed.
 */
public final class TableRetention {

  private final Duration age;
  private final Clock clock;
  private final PrintStream log;

  public TableRetention(Duration age, Clock clock, PrintStream log) {
    this.age = age;
    this.clock = clock;
    this.log = log;
  }

  /**
   * @param fence throws when the run no longer holds its lease; run before anything is deleted
   */
  public void apply(EventTable table, Runnable fence) {
    Optional<Instant> cutoff =
        SnapshotRetention.expireBefore(table.commitTimes(), clock.instant(), age);
    if (cutoff.isEmpty()) {
      return;
    }
    fence.run();
    List<String> deleted = new ArrayList<>();
    table.expireBefore(cutoff.get(), deleted::add);
    deleted.stream()
        .filter(path -> path.endsWith(".parquet"))
        .forEach(
            path ->
                log.println("deleted " + path + " (no snapshot younger than " + age + " uses it)"));
    log.println(
        "table "
            + table.name()
            + ": expired the snapshots committed before "
            + cutoff.get()
            + ", "
            + deleted.size()
            + " file(s) deleted");
  }
}
