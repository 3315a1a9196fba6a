package dev.compactor.jobs.bench;

import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark: {@code submit/bench.sh [small|medium|large]} runs this from the test classpath. It
 * starts a real S3 API server with the counting proxy in front and an Iceberg REST catalog beside
 * it ({@link BenchCatalog}), generates each scale's data with the project's generator, runs every
 * contestant of every scenario in a fresh JVM, prints the table and writes bench.json, bench.csv
 * and bench.txt to the output folder (default target/bench).
 *
 * <pre>BenchMain SIZE [OUTPUT_DIR] [CORES] [s3|file]</pre>
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws IOException {
    BenchSize size = BenchSize.of(args.length > 0 ? args[0] : "small");
    Path out = Path.of(args.length > 1 ? args[1] : "target/bench").toAbsolutePath();
    int cores =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    BenchStore store = BenchStore.of(args.length > 3 ? args[3] : "s3");
    // BENCH_CDS=0: ours without the class-data sharing archive the Batch image ships.
    boolean cds = !"0".equals(System.getenv("BENCH_CDS"));
    BenchReport report = run(size, store, out, cores, cds, System.out);
    System.out.print(report.table());
    System.out.println("bench: wrote " + out.resolve("bench.json") + " and bench.csv");
    System.exit(0);
  }

  /** Runs every scenario and writes the report under {@code out}. */
  static BenchReport run(
      BenchSize size,
      BenchStore store,
      Path out,
      int cores,
      boolean classDataSharing,
      PrintStream progress)
      throws IOException {
    Path work = out.resolve("work");
    deleteRecursively(work);
    Files.createDirectories(work);
    Optional<ClassDataArchive> cds =
        classDataSharing
            ? Optional.of(ClassDataArchive.build(repoRoot(), work, progress))
            : Optional.empty();
    try (S3TestServer server = S3TestServer.start();
        S3LoopbackProxy proxy = S3LoopbackProxy.inFrontOf(server);
        BenchCatalog catalog =
            BenchCatalog.start(server, proxy, BenchData.icebergWarehouse(size), work)) {
      ContestantRunner runner =
          new ContestantRunner(proxy, catalog, size.heap(), cores, work, repoRoot(), cds);
      List<Measurement> measurements =
          new BenchRun(size, store, server, proxy, runner, work, progress).run();
      BenchReport report = new BenchReport(size, store, cores, measurements, loadAverage());
      report.write(out);
      return report;
    }
  }

  /** The repository root: the working folder, or its parent when run from a module (tests). */
  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("submit")) ? here : here.getParent();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
