package dev.compactor.domain;

/** Why the planner picked (or skipped) a partition. */
public enum Reason {
  /** Inputs exist and no manifest entry does. */
  NEW("new"),
  /** Input files were added, removed or replaced since the last build. */
  CHANGED("changed"),
  /** The reader schema, dedupe rule or output settings changed since the last build. */
  SETTINGS("settings"),
  /** An output recorded in the manifest is missing or was overwritten by someone else. */
  OUTPUT_MISSING("output-missing"),
  /** Every input is gone (inside the window, or asked for): the outputs are deleted. */
  EMPTIED("emptied"),
  /**
   * A settled hour's recorded inputs are gone (raw data expired): the outputs are the record and
   * are kept, with their manifest entry.
   */
  INPUT_EXPIRED("input-expired"),
  /** Output objects that no manifest entry names and no input backs: they are deleted. */
  ORPHANED("orphaned"),
  /** Like {@link #ORPHANED}, in a settled hour: kept until a backfill is asked to delete them. */
  ORPHAN_KEPT("orphan-kept"),
  /** Rebuilt because a backfill asked for it with --force. */
  FORCED("forced"),
  /** Nothing to do. */
  UNCHANGED("unchanged");

  private final String label;

  Reason(String label) {
    this.label = label;
  }

  /** True when the partition's outputs are written from its inputs. */
  public boolean requiresRewrite() {
    return requiresWork() && this != EMPTIED && this != ORPHANED;
  }

  /** True when the run does anything to the partition. */
  public boolean requiresWork() {
    return this != UNCHANGED && this != INPUT_EXPIRED && this != ORPHAN_KEPT;
  }

  /** True when the partition's outputs are kept although their inputs are gone (settled hours). */
  public boolean keptWithoutInput() {
    return this == INPUT_EXPIRED || this == ORPHAN_KEPT;
  }

  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
