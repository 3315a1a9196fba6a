package dev.compactor.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.store.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark contestant in a JVM of its own and writes what it measured about itself to a
 * JSON file: wall time from JVM start to the end of the work, records decoded, peak resident memory
 * (the kernel's VmHWM) and peak heap used (the sum of the heap pools' peak usage from the memory
 * MXBeans, an upper bound on the heap in use at any one moment) and the largest heap left after a
 * garbage collection (the live data, {@link HeapAfterGc}).
 *
 * <pre>
 * ContestantMain RESULT.json ours         run --config F --event-type T --at H
 * ContestantMain RESULT.json ours-iceberg run --config F' --event-type T --at H
 * ContestantMain RESULT.json baseline     --config F --event-type T --at H --window-hours N --cores C --output URI
 * ContestantMain RESULT.json floor        --config F --event-type T --hours H,H --cores C --scratch DIR [--only H:B]
 * </pre>
 */
public final class ContestantMain {

  private ContestantMain() {}

  public static void main(String[] args) throws IOException {
    Path resultFile = Path.of(args[0]);
    String contestant = args[1];
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    HeapAfterGc liveHeap = HeapAfterGc.watch();
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("contestant", contestant);
    int exit;
    switch (contestant) {
      case "ours", "ours-iceberg", ContestantRunner.OURS_NO_CDS -> exit = ours(rest, result);
      case "baseline" -> exit = baseline(rest);
      case "floor" -> exit = floor(rest, result);
      default ->
          throw new IllegalArgumentException(
              "unknown contestant '"
                  + contestant
                  + "': ours, ours-iceberg, ours-no-cds, baseline or floor");
    }
    long end = System.currentTimeMillis();
    result.put("exitCode", exit);
    result.put("wallMillis", end - ManagementFactory.getRuntimeMXBean().getStartTime());
    result.put("peakRssBytes", peakRssBytes());
    result.put("peakHeapBytes", peakHeapBytes());
    result.put("heapAfterGcBytes", liveHeap.maxBytes());
    Files.writeString(resultFile, result.toString(), StandardCharsets.UTF_8);
    System.exit(exit);
  }

  /**
   * The compactor's own CLI, exactly as a user runs it (ours-iceberg: with a configuration whose
   * Parquet copy is an Iceberg table); records come from its metrics line.
   */
  private static int ours(String[] args, ObjectNode result) throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(System.out, captured), true, StandardCharsets.UTF_8);
    int exit = new Compactor(out, System.err).execute(args);
    out.flush();
    long records = 0;
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{") && line.contains("\"RecordsIn\"")) {
        JsonNode metrics = new ObjectMapper().readTree(line);
        records = metrics.path("RecordsIn").asLong();
      }
    }
    result.put("records", records);
    return exit;
  }

  private static int baseline(String[] args) {
    ContestantFlags a = ContestantFlags.parse(args);
    CompactorConfig config = ConfigLoader.load(Path.of(a.required("--config")), Map.of());
    Window window =
        Window.ending(
            Hour.parse(a.required("--at")), Integer.parseInt(a.required("--window-hours")));
    new SparkBaselineJob(config, config.eventType(a.required("--event-type")))
        .run(window, a.required("--output"), Integer.parseInt(a.required("--cores")));
    return 0;
  }

  private static int floor(String[] args, ObjectNode result) {
    ContestantFlags a = ContestantFlags.parse(args);
    CompactorConfig config = ConfigLoader.load(Path.of(a.required("--config")), Map.of());
    List<Hour> hours =
        Arrays.stream(a.required("--hours").split(","))
            .filter(s -> !s.isBlank())
            .map(Hour::parse)
            .toList();
    Map<Hour, Integer> only = new HashMap<>();
    a.option("--only")
        .filter(s -> !s.isBlank())
        .ifPresent(s -> only.put(Hour.parse(s.split(":")[0]), Integer.parseInt(s.split(":")[1])));
    try (Storage storage = Storage.open(config)) {
      DecodeEncodeFloor.Result done =
          new DecodeEncodeFloor(
                  storage,
                  config.eventType(a.required("--event-type")),
                  Path.of(a.required("--scratch")))
              .run(hours, only, Integer.parseInt(a.required("--cores")));
      result.put("records", done.records());
      result.put("files", done.files());
    }
    return 0;
  }

  /** VmHWM from /proc/self/status (Linux), or -1 where the kernel does not report it. */
  private static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the heap figure still stands.
    }
    return -1;
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(u -> u == null ? 0 : u.getUsed())
        .sum();
  }

  /** Copies everything written to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
