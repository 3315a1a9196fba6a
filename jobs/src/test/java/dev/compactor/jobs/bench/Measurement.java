package dev.compactor.jobs.bench;

import java.util.Map;

/**
 * One contestant's run of one scenario, as the harness measured it.
 *
 * @param scenario first-run, steady-state, no-change or replay
 * @param factor data multiplier (1 unless part of the scale scenario)
 * @param contestant ours, ours-iceberg, baseline or floor
 * @param cores cores the contestant was given
 * @param wallMillis from the contestant JVM's start to the end of its work (JVM and Spark start-up
 *     included)
 * @param records input records the contestant decoded
 * @param peakRssBytes the contestant JVM's peak resident set (VmHWM), -1 if unknown
 * @param peakHeapBytes sum of the heap pools' peak usage in the contestant JVM
 * @param heapAfterGcBytes the largest heap left after a garbage collection: the live data
 * @param bytesRead S3 GET response bytes, counted at the proxy
 * @param requests S3 requests by type (LIST, GET, HEAD, PUT, MULTIPART, DELETE, OTHER), counted at
 *     the proxy
 * @param inputGets GET requests on input (raw data) keys
 * @param listsByRoot LIST requests by the root they listed: input, output, state, other
 * @param catalogRequests Iceberg REST catalog requests by HTTP method, counted at the catalog's
 *     proxy (all zero for a contestant that does not use the catalog)
 * @param windowInputBytes input bytes of the window the scenario covers
 * @param exitCode the contestant's exit code
 */
record Measurement(
    String scenario,
    int factor,
    String contestant,
    int cores,
    long wallMillis,
    long records,
    long peakRssBytes,
    long peakHeapBytes,
    long heapAfterGcBytes,
    long bytesRead,
    Map<String, Long> requests,
    long inputGets,
    Map<String, Long> listsByRoot,
    Map<String, Long> catalogRequests,
    long windowInputBytes,
    int exitCode) {

  double wallSeconds() {
    return wallMillis / 1000.0;
  }

  /** Input MB read per second per core. */
  double mbPerSecondPerCore() {
    return bytesRead / 1e6 / wallSeconds() / cores;
  }

  double recordsPerSecondPerCore() {
    return records / wallSeconds() / cores;
  }

  Measurement withRecords(long n) {
    return new Measurement(
        scenario,
        factor,
        contestant,
        cores,
        wallMillis,
        n,
        peakRssBytes,
        peakHeapBytes,
        heapAfterGcBytes,
        bytesRead,
        requests,
        inputGets,
        listsByRoot,
        catalogRequests,
        windowInputBytes,
        exitCode);
  }

  long request(String type) {
    return requests.getOrDefault(type, 0L);
  }

  long catalogRequestCount() {
    return catalogRequests.values().stream().mapToLong(Long::longValue).sum();
  }
}
