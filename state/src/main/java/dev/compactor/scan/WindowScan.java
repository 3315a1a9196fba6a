package dev.compactor.scan;

import dev.compactor.domain.Hour;
import dev.compactor.manifest.HourManifest;
import dev.compactor.plan.Listing;
import java.util.Map;

/**
 * Everything read from the stores to plan a window.
 *
 * @param listing inputs and outputs that exist now
 * @param manifests the window's manifests (hours never built are absent)
 * @param listRequests LIST pages requested
 * @param md5Computed input files whose MD5 had to be computed by reading them
 * @param md5BytesRead bytes read to compute those MD5s
 */
public record WindowScan(
    Listing listing,
    Map<Hour, HourManifest> manifests,
    long listRequests,
    long md5Computed,
    long md5BytesRead) {

  public WindowScan {
    manifests = Map.copyOf(manifests);
  }
}
