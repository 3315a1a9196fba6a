package dev.compactor.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the benchmark as a table, the goals and the Iceberg commit cost, and writes them as
 * bench.json, bench.csv (the table) and bench.txt.
 */
final class BenchReport {

  static final List<String> REQUEST_TYPES =
      List.of("LIST", "GET", "HEAD", "PUT", "MULTIPART", "DELETE");

  private final BenchStore store;
  private final BenchSize size;
  private final int cores;
  private final List<Measurement> measurements;
  private final List<BenchGoals.Goal> goals;
  private final IcebergCommitCost iceberg;
  private final OursVsFloor versusFloor;
  private final String load;

  BenchReport(
      BenchSize size, BenchStore store, int cores, List<Measurement> measurements, String load) {
    this.size = size;
    this.store = store;
    this.cores = cores;
    this.measurements = measurements;
    this.goals = new BenchGoals(measurements).evaluate();
    this.iceberg = new IcebergCommitCost(measurements);
    this.versusFloor = new OursVsFloor(measurements);
    this.load = load;
  }

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "benchmark %s on %s: 12-hour window, %d buckets, %,d events/hour at 1x, %d cores, heap"
                + " %s per contestant%n",
            size.name(),
            store,
            size.buckets(),
            size.eventsPerHour(),
            cores,
            size.heap()));
    out.append("machine load (1/5/15 min) at the end: ").append(load).append('\n');
    String header =
        String.format(
            Locale.ROOT,
            "%-13s %3s %-12s %8s %9s %8s %10s %8s %8s %8s %6s %6s %5s %5s %5s %5s%n",
            "scenario",
            "x",
            "contest.",
            "wall s",
            "MB read",
            "MB/s/c",
            "rec/s/c",
            "RSS MB",
            "heap MB",
            "live MB",
            "LIST",
            "GET",
            "HEAD",
            "PUT",
            "MPU",
            "DEL");
    out.append(header);
    out.append("-".repeat(header.length() - 1)).append('\n');
    for (Measurement m : measurements) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-13s %3d %-12s %8.1f %9.1f %8.2f %10.0f %8d %8d %8d %6d %6d %5d %5d %5d %5d%n",
              m.scenario(),
              m.factor(),
              m.contestant(),
              m.wallSeconds(),
              m.bytesRead() / 1e6,
              m.mbPerSecondPerCore(),
              m.recordsPerSecondPerCore(),
              mb(m.peakRssBytes()),
              mb(m.peakHeapBytes()),
              mb(m.heapAfterGcBytes()),
              m.request("LIST"),
              m.request("GET"),
              m.request("HEAD"),
              m.request("PUT"),
              m.request("MULTIPART"),
              m.request("DELETE")));
    }
    String ratios = versusFloor.table();
    if (!ratios.isEmpty()) {
      out.append('\n').append(ratios);
    }
    out.append('\n').append("goals:\n");
    for (BenchGoals.Goal g : goals) {
      out.append(
          String.format(
              Locale.ROOT,
              "  [%s] %-48s target %-45s measured %s%n",
              g.met() ? "met   " : "MISSED",
              g.name(),
              g.target(),
              g.measured()));
    }
    String cost = iceberg.table();
    if (!cost.isEmpty()) {
      out.append('\n').append(cost);
    }
    return out.toString();
  }

  void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("bench.json"), json());
      Files.writeString(dir.resolve("bench.csv"), csv());
      Files.writeString(dir.resolve("bench.txt"), table());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report to " + dir, e);
    }
  }

  String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("size", size.name());
    root.put("store", store.name().toLowerCase(Locale.ROOT));
    root.put("windowHours", BenchSize.WINDOW_HOURS);
    root.put("buckets", size.buckets());
    root.put("eventsPerHour", size.eventsPerHour());
    root.put("cores", cores);
    root.put("heap", size.heap());
    root.put("loadAverage", load);
    root.put("java", System.getProperty("java.version"));
    root.put(
        "memoryMeasure",
        "peakRssBytes: VmHWM of the contestant's own JVM; peakHeapBytes: sum of heap pools' peak"
            + " usage (MXBeans); heapAfterGcBytes: the largest heap left after a garbage collection"
            + " (live data)");
    ArrayNode rows = root.putArray("measurements");
    for (Measurement m : measurements) {
      ObjectNode row = rows.addObject();
      row.put("scenario", m.scenario());
      row.put("factor", m.factor());
      row.put("contestant", m.contestant());
      row.put("wallSeconds", m.wallSeconds());
      row.put("records", m.records());
      row.put("bytesRead", m.bytesRead());
      row.put("windowInputBytes", m.windowInputBytes());
      row.put("mbPerSecondPerCore", m.mbPerSecondPerCore());
      row.put("recordsPerSecondPerCore", m.recordsPerSecondPerCore());
      row.put("peakRssBytes", m.peakRssBytes());
      row.put("peakHeapBytes", m.peakHeapBytes());
      row.put("heapAfterGcBytes", m.heapAfterGcBytes());
      ObjectNode requests = row.putObject("requests");
      m.requests().forEach(requests::put);
      row.put("inputGets", m.inputGets());
      ObjectNode lists = row.putObject("listsByRoot");
      m.listsByRoot().forEach(lists::put);
      ObjectNode catalog = row.putObject("catalogRequests");
      m.catalogRequests().forEach(catalog::put);
    }
    ArrayNode goalRows = root.putArray("goals");
    for (BenchGoals.Goal g : goals) {
      ObjectNode row = goalRows.addObject();
      row.put("goal", g.name());
      row.put("target", g.target());
      row.put("measured", g.measured());
      row.put("met", g.met());
    }
    iceberg.json(root.putObject("icebergCommitCost"));
    versusFloor.json(root.putObject("oursVsFloor"));
    try {
      return mapper.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String csv() {
    StringBuilder out =
        new StringBuilder(
            "scenario,factor,contestant,cores,wall_s,records,bytes_read,window_input_bytes,mb_per_s_per_core,records_per_s_per_core,peak_rss_bytes,peak_heap_bytes,heap_after_gc_bytes,list,get,head,put,multipart,delete,input_gets,catalog_requests\n");
    for (Measurement m : measurements) {
      out.append(
          String.join(
              ",",
              m.scenario(),
              String.valueOf(m.factor()),
              m.contestant(),
              String.valueOf(m.cores()),
              String.format(Locale.ROOT, "%.3f", m.wallSeconds()),
              String.valueOf(m.records()),
              String.valueOf(m.bytesRead()),
              String.valueOf(m.windowInputBytes()),
              String.format(Locale.ROOT, "%.3f", m.mbPerSecondPerCore()),
              String.format(Locale.ROOT, "%.1f", m.recordsPerSecondPerCore()),
              String.valueOf(m.peakRssBytes()),
              String.valueOf(m.peakHeapBytes()),
              String.valueOf(m.heapAfterGcBytes())));
      for (String type : REQUEST_TYPES) {
        out.append(',').append(m.request(type));
      }
      out.append(',').append(m.inputGets());
      out.append(',').append(m.catalogRequestCount()).append('\n');
    }
    return out.toString();
  }

  private static long mb(long bytes) {
    return bytes < 0 ? -1 : Math.round(bytes / 1e6);
  }
}
