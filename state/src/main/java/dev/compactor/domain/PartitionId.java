package dev.compactor.domain;

import java.io.Serializable;
import java.util.Comparator;

/** One partition of an event type: an hour and a hash bucket of the event ID. */
public record PartitionId(Hour hour, int bucket) implements Comparable<PartitionId>, Serializable {

  private static final Comparator<PartitionId> ORDER =
      Comparator.comparing(PartitionId::hour).thenComparingInt(PartitionId::bucket);

  @Override
  public int compareTo(PartitionId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return "dt="
        + hour.date()
        + " hr="
        + String.format("%02d", hour.hourOfDay())
        + " bucket="
        + bucket;
  }
}
