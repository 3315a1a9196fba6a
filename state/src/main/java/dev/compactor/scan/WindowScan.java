package dev.compactor.scan;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.manifest.HourManifest;
import dev.compactor.plan.Listing;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything read from the stores to plan a window.
 *
 * @param listing inputs and outputs that exist now
 * @param manifests the window's manifests (hours never built are absent)
 * @param listRequests LIST pages requested
 * @param md5Computed input files whose MD5 had to be computed by reading them
 * @param md5BytesRead bytes read to compute those MD5s
 * @param inputModified last-modified time of every input file, by key
 * @param manifestEtags the ETag each manifest had when listed: its rewrite is conditional on it, so
 *     a run never writes over a manifest another run committed after this one planned
 */
public record WindowScan(
    Listing listing,
    Map<Hour, HourManifest> manifests,
    long listRequests,
    long md5Computed,
    long md5BytesRead,
    Map<String, Instant> inputModified,
    Map<Hour, String> manifestEtags) {

  public WindowScan {
    manifests = Map.copyOf(manifests);
    inputModified = Map.copyOf(inputModified);
    manifestEtags = Map.copyOf(manifestEtags);
  }

  /**
   * When the oldest change the plan still has to pick up was written: the earliest last-modified
   * time of an input file that is new or replaced since its partition was last built. Empty when
   * nothing is pending or only deletions are.
   */
  public Optional<Instant> oldestPendingChange(Plan plan) {
    Optional<Instant> oldest = Optional.empty();
    for (PartitionWork work : plan.work()) {
      Set<InputFile> before =
          work.previous().map(p -> (Set<InputFile>) new HashSet<>(p.inputs())).orElse(Set.of());
      for (InputFile file : work.inputs()) {
        Instant modified = inputModified.get(file.key());
        if (!before.contains(file)
            && modified != null
            && (oldest.isEmpty() || modified.isBefore(oldest.get()))) {
          oldest = Optional.of(modified);
        }
      }
    }
    return oldest;
  }
}
