package dev.compactor.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what passed through the loopback proxy since its last reset.
 *
 * @param requests requests received, by operation (faulted ones included); absent means zero
 * @param getBodyBytes response body bytes relayed to clients for {@link S3Operation#GET} requests
 * @param faults requests that got a fault, by kind
 */
public record ProxyTraffic(
    Map<S3Operation, Long> requests, long getBodyBytes, Map<Fault, Long> faults) {

  public ProxyTraffic {
    requests = Map.copyOf(requests);
    faults = Map.copyOf(faults);
  }

  public long count(S3Operation operation) {
    return requests.getOrDefault(operation, 0L);
  }

  public long totalRequests() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  public long faultCount(Fault fault) {
    return faults.getOrDefault(fault, 0L);
  }

  public long totalFaults() {
    return faults.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts in a fixed order, e.g. for a benchmark's table. */
  public Map<S3Operation, Long> requestsInOrder() {
    Map<S3Operation, Long> ordered = new EnumMap<>(S3Operation.class);
    for (S3Operation op : S3Operation.values()) {
      ordered.put(op, count(op));
    }
    return ordered;
  }
}
