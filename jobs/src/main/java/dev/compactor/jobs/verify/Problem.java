package dev.compactor.jobs.verify;

import dev.compactor.domain.PartitionId;
import java.io.Serializable;

/**
 * One thing wrong with a partition's outputs or state, found by reading them.
 *
 * @param partition where
 * @param kind what kind of problem
 * @param detail specifics (counts, keys)
 * @param fixOptions options the backfill that fixes it needs besides its hours, e.g. {@code
 *     --delete-orphans}
 */
public record Problem(PartitionId partition, Kind kind, String detail, String fixOptions)
    implements Serializable {

  /** Kinds of problems, each with what it means. */
  public enum Kind {
    NOT_COMPACTED("inputs exist but the partition was never compacted"),
    OUTPUT_MISSING("an output object is missing"),
    DUPLICATE_IDS("an output holds an event ID more than once"),
    DUPLICATE_IDS_ACROSS_BUCKETS(
        "outputs of two buckets of one hour hold the same event ID (an upstream "
            + "delivery in the wrong bucket); delete the misplaced input and backfill the hour"),
    ROW_COUNT("output rows differ from the distinct event IDs in the input"),
    FORMATS_DISAGREE("the Avro and the Parquet output hold different rows"),
    INPUTS_CHANGED("inputs changed after the partition was compacted"),
    ORPHAN_OUTPUT("output objects that no manifest entry names and no input backs"),
    UNREADABLE_OUTPUT("an output object cannot be read");

    private final String meaning;

    Kind(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
