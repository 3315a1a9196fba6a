package dev.compactor.dedupe;

/** What to do with a record whose event ID is null or missing. */
public enum NullIdPolicy {
  /** Keep every such record as is (it cannot be deduplicated). */
  KEEP,
  /** Drop it from the output and count it as quarantined in the run report. */
  QUARANTINE,
  /** Fail the partition. */
  FAIL
}
