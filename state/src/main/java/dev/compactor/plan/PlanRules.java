package dev.compactor.plan;

import dev.compactor.domain.Window;

/**
 * How a plan treats what it finds, besides the listing and the manifests.
 *
 * @param settingsFingerprint {@link Fingerprints#settings} of the current configuration
 * @param force rebuild every partition that has inputs, changed or not (backfill --force)
 * @param settlement which hours are settled and what may be deleted in them
 */
public record PlanRules(String settingsFingerprint, boolean force, Settlement settlement) {

  /** An hourly run of {@code window}: nothing in it is settled, nothing is forced. */
  public static PlanRules hourly(String settingsFingerprint, Window window) {
    return new PlanRules(settingsFingerprint, false, Settlement.hourly(window));
  }
}
