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
  /** Every input is gone: the outputs are deleted. */
  EMPTIED("emptied"),
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
    return this != UNCHANGED && this != EMPTIED;
  }

  /** True when the run does anything to the partition. */
  public boolean requiresWork() {
    return this != UNCHANGED;
  }

  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
