package dev.compactor.plan;

import dev.compactor.config.PriceTable;
import java.util.Locale;

/**
 * What a plan will cost before it runs: S3 requests by type and an estimate in USD. Request counts
 * follow what the job does: one GET per input file, two PUTs per rebuilt partition (Avro and
 * Parquet), one PUT per committed hour manifest plus the run report, two DELETEs per cleared
 * partition, and the lock's PUT, HEAD and DELETE; the LISTs and manifest GETs of planning are
 * already spent when the preview prints and are shown for completeness.
 *
 * @param list LIST requests (planning)
 * @param get GET requests (manifests during planning, then every input file)
 * @param head HEAD requests (lock release)
 * @param put PUT requests
 * @param delete DELETE requests
 * @param bytesToRead input bytes the rebuilds read
 * @param usdRequests request charges
 * @param usdCompute compute charges, from the configured throughput per vCPU
 */
public record CostEstimate(
    long list,
    long get,
    long head,
    long put,
    long delete,
    long bytesToRead,
    double usdRequests,
    double usdCompute) {

  public static CostEstimate of(
      Plan plan, long listRequests, int manifestsRead, PriceTable prices) {
    long rewrites = plan.rewrites().size();
    long cleared = plan.work().size() - rewrites;
    long hours = plan.hoursToCommit().size();
    long get = manifestsRead + plan.filesToRead();
    long put = 2 * rewrites + hours + 1 + 1; // outputs, manifests, run report, lock
    long delete = 2 * cleared + 1; // emptied outputs, lock release
    long head = 1;
    double usdRequests =
        (get + head) / 1000.0 * prices.getPer1000()
            + (put + listRequests) / 1000.0 * prices.putPer1000();
    double vcpuSeconds = plan.bytesToRead() / 1e6 / prices.mbPerVcpuSecond();
    return new CostEstimate(
        listRequests,
        get,
        head,
        put,
        delete,
        plan.bytesToRead(),
        usdRequests,
        vcpuSeconds / 3600 * prices.vcpuHour());
  }

  public double usdTotal() {
    return usdRequests + usdCompute;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "cost preview: %.1f MB to read; S3 requests LIST %d, GET %d, HEAD %d, PUT %d, DELETE %d; "
            + "about $%.6f (requests $%.6f + compute $%.6f)",
        bytesToRead / 1e6,
        list,
        get,
        head,
        put,
        delete,
        usdTotal(),
        usdRequests,
        usdCompute);
  }
}
