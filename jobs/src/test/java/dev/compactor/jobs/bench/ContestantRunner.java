package dev.compactor.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compactor.store.ProxiedRequest;
import dev.compactor.store.ProxyTraffic;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3Operation;
import dev.compactor.store.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one contestant in a fresh child JVM ({@link dev.compactor.jobs.bench.ContestantMain}) with
 * the same heap, JVM flags and cores as every other, and counts its S3 traffic at the proxy and its
 * Iceberg catalog requests at the catalog's.
 */
final class ContestantRunner {

  private static final boolean PROFILE = "1".equals(System.getenv("BENCH_PROFILE"));

  private final S3LoopbackProxy proxy;
  private final BenchCatalog catalog;
  private final String heap;
  private final int cores;
  private final Path logs;
  private final Path repoRoot;
  private final Optional<ClassDataArchive> cds;

  ContestantRunner(
      S3LoopbackProxy proxy,
      BenchCatalog catalog,
      String heap,
      int cores,
      Path logs,
      Path repoRoot,
      Optional<ClassDataArchive> cds) {
    this.proxy = proxy;
    this.cds = cds;
    this.catalog = catalog;
    this.heap = heap;
    this.cores = cores;
    this.logs = logs;
    this.repoRoot = repoRoot;
  }

  /** Ours without the class-data sharing archive, to measure what it saves. */
  static final String OURS_NO_CDS = "ours-no-cds";

  /** Whether ours runs with a class-data sharing archive. */
  boolean sharesClassData() {
    return cds.isPresent();
  }

  int cores() {
    return cores;
  }

  /** The {@code iceberg.catalog-uri} of the benchmark's catalog. */
  String catalogUri() {
    return catalog.uri();
  }

  /** Runs {@code contestant} with {@code args}; fails if it exits with anything but 0. */
  Measurement run(
      String scenario, BenchData data, String contestant, List<String> args, long windowBytes) {
    String name = scenario + "-" + data.factor() + "x-" + contestant;
    Path result = logs.resolve(name + ".json");
    Path log = logs.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + repoRoot.resolve("submit/spark-jvm.args"));
    command.add("-Xmx" + heap);
    command.add("-Dlog4j2.configurationFile=" + repoRoot.resolve("conf/log4j2.properties"));
    command.add("-Djava.io.tmpdir=" + logs);
    if (PROFILE) {
      // BENCH_PROFILE=1: a JFR recording per contestant beside its log, for `jfr print` or JMC.
      command.add(
          "-XX:StartFlightRecording=settings=profile,filename=" + logs.resolve(name + ".jfr"));
    }
    String classpath = System.getProperty("java.class.path");
    if (cds.isPresent() && contestant.startsWith("ours") && !contestant.equals(OURS_NO_CDS)) {
      // As in the Batch image: the archive, and the shipped jars it was dumped for first.
      command.add("-XX:SharedArchiveFile=" + cds.get().archive());
      classpath = cds.get().classpath() + ":" + classpath;
    }
    command.add("-cp");
    command.add(classpath);
    command.add(ContestantMain.class.getName());
    command.add(result.toString());
    command.add(contestant);
    command.addAll(args);
    proxy.reset();
    catalog.reset();
    try {
      Files.deleteIfExists(result);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
      builder.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      int exit = builder.start().waitFor();
      ProxyTraffic traffic = proxy.traffic();
      List<ProxiedRequest> requests = proxy.requests();
      Map<String, Long> catalogRequests = catalog.requests();
      if (exit != 0 || !Files.exists(result)) {
        throw new IllegalStateException(
            "benchmark contestant " + name + " exited with " + exit + "; see " + log);
      }
      JsonNode self = new ObjectMapper().readTree(Files.readString(result));
      return new Measurement(
          scenario,
          data.factor(),
          contestant,
          cores,
          self.path("wallMillis").asLong(),
          self.path("records").asLong(),
          self.path("peakRssBytes").asLong(),
          self.path("peakHeapBytes").asLong(),
          self.path("heapAfterGcBytes").asLong(),
          traffic.getBodyBytes(),
          byType(traffic),
          requests.stream()
              .filter(r -> r.operation() == S3Operation.GET && r.key().startsWith("raw/"))
              .count(),
          listsByRoot(requests),
          catalogRequests,
          windowBytes,
          exit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run benchmark contestant " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
  }

  private static Map<String, Long> byType(ProxyTraffic traffic) {
    Map<String, Long> counts = new LinkedHashMap<>();
    traffic.requestsInOrder().forEach((op, n) -> counts.put(op.name(), n));
    return counts;
  }

  /**
   * LISTs by the root their prefix names (roots are raw/, compacted/, baseline/, state/, and
   * compacted/ and state/ under ours-iceberg's folder).
   */
  private static Map<String, Long> listsByRoot(List<ProxiedRequest> requests) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String root : List.of("input", "output", "state", "other")) {
      counts.put(root, 0L);
    }
    for (ProxiedRequest r : requests) {
      if (r.operation() != S3Operation.LIST) {
        continue;
      }
      String prefix = r.listPrefix();
      String iceberg = BenchData.ICEBERG_FOLDER + "/";
      if (prefix.startsWith(iceberg)) {
        prefix = prefix.substring(iceberg.length());
      }
      String root =
          prefix.startsWith("raw/")
              ? "input"
              : prefix.startsWith("compacted/") || prefix.startsWith("baseline/")
                  ? "output"
                  : prefix.startsWith("state/") ? "state" : "other";
      counts.merge(root, 1L, Long::sum);
    }
    return counts;
  }
}
