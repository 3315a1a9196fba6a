package dev.compactor.jobs.bench;

import dev.compactor.domain.Hour;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3TestServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios, in the order an operator would live them, on one data set per scale factor:
 *
 * <ol>
 *   <li>first-run: a full 12-hour window, nothing compacted yet;
 *   <li>steady-state: the next hour arrived, plus one late file in the hour five hours back;
 *   <li>no-change: the same run again;
 *   <li>replay: one re-delivered copy of a file in every partition of the window (Firehose retries
 *       do this), nothing removed or replaced;
 *   <li>scale: first-run and steady-state again at 2x and 4x the data (ours and floor; the baseline
 *       rereads the whole window at any size, as first-run shows).
 * </ol>
 *
 * At 1x, ours-iceberg runs right after ours in every scenario: the same command on the same input,
 * with its own output and state and the Parquet copy as an Iceberg table, so the difference between
 * the two rows is what the table commit costs ({@link IcebergCommitCost}).
 *
 * <p>The floor always processes exactly the partitions whose input changed since the previous
 * scenario. Before the first measurement the floor reads the first window once and ours compacts it
 * once into a folder of its own, both unmeasured: the S3 server is a long-lived JVM, and without
 * the warm-up whichever contestant ran first would pay its JIT warm-up (the floor's pass alone
 * warms the reads, not the 782 uploads of a first run).
 */
final class BenchRun {

  private static final int LATE_BUCKET = 1;

  private final BenchSize size;
  private final BenchStore store;
  private final S3TestServer server;
  private final S3LoopbackProxy proxy;
  private final ContestantRunner runner;
  private final Path work;
  private final PrintStream progress;
  private final List<Measurement> measurements = new ArrayList<>();
  private boolean serverWarm;
  private Path icebergConfig;

  BenchRun(
      BenchSize size,
      BenchStore store,
      S3TestServer server,
      S3LoopbackProxy proxy,
      ContestantRunner runner,
      Path work,
      PrintStream progress) {
    this.size = size;
    this.store = store;
    this.server = server;
    this.proxy = proxy;
    this.runner = runner;
    this.work = work;
    this.progress = progress;
  }

  List<Measurement> run() {
    for (int factor : size.scales()) {
      boolean all = factor == 1;
      BenchData data =
          new BenchData(
              size,
              store,
              factor,
              server,
              proxy.endpoint(),
              runner.cores(),
              work.resolve(factor + "x"));
      try {
        progress.printf(
            "bench: generating %dx data (%d events/hour x 12 hours, %d buckets)%n",
            factor, size.eventsPerHour() * factor, size.buckets());
        data.generateFirstWindow();
        if (all && store == BenchStore.S3) {
          // The table's metadata lives in the S3 warehouse: the Iceberg row is an S3 measurement.
          icebergConfig = data.writeIcebergConfig(runner.catalogUri());
        }
        Hour at = BenchData.FIRST_AT;
        scenario("first-run", data, at, at.minusHours(BenchSize.WINDOW_HOURS - 1), null, all);

        Hour next = at.plusHours(1);
        Hour late = next.minusHours(5);
        data.generateHour(next);
        data.addLateFile(late, LATE_BUCKET);
        scenario("steady-state", data, next, next, late, all);

        if (all) {
          scenario("no-change", data, next, null, null, true);
          data.replayEveryPartition(next);
          scenario("replay", data, next, next.minusHours(BenchSize.WINDOW_HOURS - 1), null, true);
        }
      } finally {
        data.close();
      }
    }
    return measurements;
  }

  /**
   * Runs the contestants on the window ending {@code at}; ours-iceberg and the baseline only when
   * {@code all}. The floor takes the hours from {@code changedFrom} to {@code at}, plus bucket
   * {@link #LATE_BUCKET} of {@code lateHour}.
   */
  private void scenario(
      String name, BenchData data, Hour at, Hour changedFrom, Hour lateHour, boolean all) {
    long[] window = data.windowTotals(at);
    long windowBytes = window[1];
    long windowRecords = window[0];
    String config = data.configFile().toString();
    List<String> common = List.of("--config", config, "--event-type", BenchData.EVENT_TYPE);

    List<String> floor = floorArgs(common, at, changedFrom, lateHour);
    if (!serverWarm) {
      progress.printf(
          "bench: warming up the S3 server (a floor pass and a run, not measured) ...%n");
      runner.run("warm-up", data, "floor", floor, windowBytes);
      String warmUpConfig = data.writeWarmUpConfig().toString();
      List<String> warmUpRun =
          List.of(
              "run",
              "--config",
              warmUpConfig,
              "--event-type",
              BenchData.EVENT_TYPE,
              "--at",
              at.toString());
      runner.run("warm-up", data, "ours", warmUpRun, windowBytes);
      serverWarm = true;
    }

    List<String> ours = new ArrayList<>(List.of("run"));
    ours.addAll(common);
    ours.addAll(List.of("--at", at.toString()));
    measure(name, data, "ours", ours, windowBytes, -1);
    if (name.equals("no-change") && runner.sharesClassData()) {
      // The same run again, without the archive: only a run that changes nothing can repeat.
      measure(name, data, ContestantRunner.OURS_NO_CDS, ours, windowBytes, -1);
    }

    if (all && icebergConfig != null) {
      List<String> iceberg =
          List.of(
              "run",
              "--config",
              icebergConfig.toString(),
              "--event-type",
              BenchData.EVENT_TYPE,
              "--at",
              at.toString());
      measure(name, data, "ours-iceberg", iceberg, windowBytes, -1);
    }
    if (all) {
      List<String> args = new ArrayList<>(common);
      args.addAll(
          List.of(
              "--at",
              at.toString(),
              "--window-hours",
              String.valueOf(BenchSize.WINDOW_HOURS),
              "--cores",
              String.valueOf(runner.cores()),
              "--output",
              data.baselineOutput()));
      // The baseline decodes the whole window; Spark does not report it, the generator's totals do.
      measure(name, data, "baseline", args, windowBytes, windowRecords);
    }

    measure(name, data, "floor", floor, windowBytes, -1);
  }

  private List<String> floorArgs(List<String> common, Hour at, Hour changedFrom, Hour lateHour) {
    List<String> hours = new ArrayList<>();
    if (changedFrom != null) {
      for (Hour h = changedFrom; h.compareTo(at) <= 0; h = h.plusHours(1)) {
        hours.add(h.toString());
      }
    }
    if (lateHour != null) {
      hours.add(lateHour.toString());
    }
    List<String> floor = new ArrayList<>(common);
    floor.addAll(
        List.of(
            "--hours",
            String.join(",", hours),
            "--cores",
            String.valueOf(runner.cores()),
            "--scratch",
            work.toString(),
            "--only",
            lateHour == null ? "" : lateHour + ":" + LATE_BUCKET));
    return floor;
  }

  /** Runs one contestant; {@code knownRecords} replaces its own record count when not negative. */
  private void measure(
      String scenario,
      BenchData data,
      String contestant,
      List<String> args,
      long windowBytes,
      long knownRecords) {
    progress.printf("bench: %s %dx %s ...%n", scenario, data.factor(), contestant);
    Measurement m = runner.run(scenario, data, contestant, args, windowBytes);
    if (knownRecords >= 0) {
      m = m.withRecords(knownRecords);
    }
    progress.printf(
        "bench: %s %dx %s: %.1f s, %.1f MB read, %d records%n",
        scenario, data.factor(), contestant, m.wallSeconds(), m.bytesRead() / 1e6, m.records());
    measurements.add(m);
  }
}
